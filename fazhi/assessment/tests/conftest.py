import pytest


# --- evaluation ---
@pytest.fixture
def evaluation_media(settings, tmp_path):
    """Uploaded evidence goes to a temporary media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# --- leadership ---
@pytest.fixture
def leadership_media(settings, tmp_path):
    """Uploaded minutes and evidence go to a temporary media folder."""
    settings.MEDIA_ROOT = tmp_path / "media-leadership"
    return settings.MEDIA_ROOT
