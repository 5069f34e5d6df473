"""workflows of the evaluation part."""
