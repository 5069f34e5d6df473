"""policies of the litigation part."""
