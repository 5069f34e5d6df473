"""Views, one file per part: leadership.py and evaluation.py (urls.py names each part's module)."""
