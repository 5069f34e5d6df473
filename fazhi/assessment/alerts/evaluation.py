"""alerts of the evaluation part."""
