"""Views of the suggestions part."""
