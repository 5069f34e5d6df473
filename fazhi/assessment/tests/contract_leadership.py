"""Contract samples of the leadership part."""
PUBLIC = set()
SAMPLES = {}
SECRET_TEXT = {}
