"""workflows of the litigation part."""
