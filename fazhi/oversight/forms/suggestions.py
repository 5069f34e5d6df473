"""forms of the suggestions part."""
