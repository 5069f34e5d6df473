"""filters of the litigation part."""
