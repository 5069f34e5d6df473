"""forms of the litigation part."""
