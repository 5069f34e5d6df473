"""selectors of the evaluation part."""
