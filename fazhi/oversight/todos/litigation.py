"""todos of the litigation part."""
