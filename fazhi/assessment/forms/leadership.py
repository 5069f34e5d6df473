"""forms of the leadership part."""
