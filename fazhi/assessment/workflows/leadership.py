"""workflows of the leadership part."""
