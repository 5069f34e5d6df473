"""search of the evaluation part."""
