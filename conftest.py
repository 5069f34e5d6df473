import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def county(db):
    from fazhi.testing.personas import build_county

    return build_county()


from fazhi.testing.browser import browser, page  # noqa: E402,F401  (shared browser fixtures)
