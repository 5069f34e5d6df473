import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def enf(county):
    from .factories import setup

    body, me, colleague, reviewer = setup(county)
    county.body, county.me, county.colleague, county.legal = body, me, colleague, reviewer
    return county
