"""workflows of the suggestions part."""
