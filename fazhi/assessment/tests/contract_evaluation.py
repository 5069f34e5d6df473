"""Contract samples of the evaluation part."""
PUBLIC = set()
SAMPLES = {}
SECRET_TEXT = {}
