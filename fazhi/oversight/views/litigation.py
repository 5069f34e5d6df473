"""Views of the litigation part."""
