"""search of the litigation part."""
