"""forms of the evaluation part."""
