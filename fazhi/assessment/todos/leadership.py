"""todos of the leadership part."""
