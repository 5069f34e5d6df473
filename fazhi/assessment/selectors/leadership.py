"""selectors of the leadership part."""
