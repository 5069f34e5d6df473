"""Contract samples of the suggestions part."""
PUBLIC = set()
SAMPLES = {}
SECRET_TEXT = {}
