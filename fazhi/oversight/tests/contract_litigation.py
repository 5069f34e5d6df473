"""Contract samples of the litigation part."""
PUBLIC = set()
SAMPLES = {}
SECRET_TEXT = {}
