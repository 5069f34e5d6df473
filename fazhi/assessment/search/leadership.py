"""search of the leadership part."""
