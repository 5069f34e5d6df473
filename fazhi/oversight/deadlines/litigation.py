"""deadlines of the litigation part."""
