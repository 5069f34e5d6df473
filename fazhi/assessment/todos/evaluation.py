"""todos of the evaluation part."""
