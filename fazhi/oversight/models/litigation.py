"""models of the litigation part."""
