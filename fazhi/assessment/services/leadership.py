"""services of the leadership part."""
