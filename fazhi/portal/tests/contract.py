"""The public site's URLs: open to everyone."""

PUBLIC = {"portal:home", "portal:search"}
