import pytest
from rest_framework.test import APIClient

from fazhi.api import calllog, services


@pytest.fixture(autouse=True)
def _every_call_logged_at_once(settings, tmp_path):
    settings.FAZHI_API_LOG_BATCH = 1
    settings.MEDIA_ROOT = tmp_path / "media"
    calllog.flush()


def make_token(units, scopes, *, actor=None, system="省行政执法监督平台", **extra):
    _token, raw = services.token_create(actor=actor, system=system, units=units, scopes=scopes, **extra)
    return raw


def api(raw=None):
    client = APIClient()
    if raw:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


@pytest.fixture
def enf(county):
    from fazhi.enforcement.tests.factories import setup

    county.body, county.me, county.colleague, county.legal = setup(county)
    return county
