"""Views of the leadership part."""
