"""Views, one file per part: suggestions.py and litigation.py (urls.py names each part's module)."""
