"""models of the leadership part."""
