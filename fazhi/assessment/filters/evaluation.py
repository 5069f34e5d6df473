"""filters of the evaluation part."""
