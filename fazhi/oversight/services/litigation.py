"""services of the litigation part."""
