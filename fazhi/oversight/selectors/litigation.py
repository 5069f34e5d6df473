"""selectors of the litigation part."""
