"""todos of the suggestions part."""
