"""policies of the leadership part."""
