"""policies of the evaluation part."""
