"""Views of the evaluation part."""
