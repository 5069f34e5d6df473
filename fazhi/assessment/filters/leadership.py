"""filters of the leadership part."""
