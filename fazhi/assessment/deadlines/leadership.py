"""deadlines of the leadership part."""
