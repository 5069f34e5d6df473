"""services of the evaluation part."""
