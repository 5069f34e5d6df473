"""deadlines of the suggestions part."""
