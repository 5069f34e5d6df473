"""policies of the suggestions part."""
