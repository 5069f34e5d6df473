"""selectors of the suggestions part."""
