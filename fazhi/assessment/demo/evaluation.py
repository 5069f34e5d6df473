"""Demo records of the evaluation part."""


def load(*, scale=1, stdout=None):
    return None
