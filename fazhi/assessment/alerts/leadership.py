"""alerts of the leadership part."""
