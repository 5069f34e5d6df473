"""filters of the suggestions part."""
