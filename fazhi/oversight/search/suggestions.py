"""search of the suggestions part."""
