"""The module's filters, one file per part: suggestions.py and litigation.py."""
from .litigation import *  # noqa: F401,F403
from .suggestions import *  # noqa: F401,F403
