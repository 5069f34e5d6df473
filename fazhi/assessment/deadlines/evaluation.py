"""deadlines of the evaluation part."""
