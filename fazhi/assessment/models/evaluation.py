"""models of the evaluation part."""
