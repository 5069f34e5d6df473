"""services of the suggestions part."""
