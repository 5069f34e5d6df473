"""alerts of the litigation part."""
