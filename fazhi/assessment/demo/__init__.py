"""Demo records of the module, one file per part."""
from . import evaluation as _evaluation
from . import leadership as _leadership


def load(*, scale=1, stdout=None):
    _leadership.load(scale=scale, stdout=stdout)
    _evaluation.load(scale=scale, stdout=stdout)
