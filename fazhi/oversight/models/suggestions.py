"""models of the suggestions part."""
