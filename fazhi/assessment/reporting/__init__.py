"""The module's reporting, one file per part: leadership.py and evaluation.py."""
from .evaluation import *  # noqa: F401,F403
from .leadership import *  # noqa: F401,F403
