"""alerts of the suggestions part."""
