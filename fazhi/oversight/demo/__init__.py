"""Demo records of the module, one file per part."""
from . import litigation as _litigation
from . import suggestions as _suggestions


def load(*, scale=1, stdout=None):
    _suggestions.load(scale=scale, stdout=stdout)
    _litigation.load(scale=scale, stdout=stdout)
