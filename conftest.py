import io
import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The persona county is built once per session and the demo county loaded once (fazhi/testing/dbstate.py):
# tests are ordered by what they need, and the database is switched to it before each test.
_blocker = None  # pytest-django's blocker, once the test database exists
_pending = None  # the state the first database test needs, before the database exists


def _db_use(item):
    """None (no database), "plain" (rolled-back transaction) or "transactional" (flushed after)."""
    from pytest_django.plugin import validate_django_db

    fixtures = getattr(item, "fixturenames", [])
    marker = item.get_closest_marker("django_db")
    transactional = "transactional_db" in fixtures or "live_server" in fixtures
    if marker:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        transactional = transactional or transaction or reset_sequences
    if transactional:
        return "transactional"
    if marker or "db" in fixtures:
        return "plain"
    return None


def _wants(item):
    from fazhi.testing import dbstate

    fixtures = getattr(item, "fixturenames", [])
    if "demo_county" in fixtures:
        return dbstate.DEMO
    if "county" in fixtures:
        return dbstate.COUNTY
    return dbstate.EMPTY


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """As pytest-django (plain database tests, then transactional ones, then the rest), and within the
    plain ones: empty database, county, demo; within the transactional ones the demo comes first."""
    from fazhi.testing import dbstate

    plain = {dbstate.EMPTY: 0, dbstate.COUNTY: 1, dbstate.DEMO: 2}
    transactional = {dbstate.DEMO: 0, dbstate.EMPTY: 1, dbstate.COUNTY: 2}

    def key(item):
        use = _db_use(item)
        if use == "plain":
            return (0, plain[_wants(item)])
        if use == "transactional":
            return (1, transactional[_wants(item)])
        return (2, 0)

    items.sort(key=key)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    global _pending
    if _db_use(item) is None:
        return
    from fazhi.testing import dbstate

    want = _wants(item)
    if _blocker is None:
        _pending = want
        return
    with _blocker.unblock():
        dbstate.ensure(want)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    global _blocker
    if _pending is not None:
        from fazhi.testing import dbstate

        with django_db_blocker.unblock():
            dbstate.ensure(_pending)
    _blocker = django_db_blocker
    yield
    _blocker = None


@pytest.fixture
def county(db):
    """The persona county, read afresh for this test (the session built and committed it)."""
    from fazhi.testing.personas import build_county, county_exists, load_county

    if county_exists():
        return load_county()
    return build_county()  # the database was not switched beforehand: build it inside this test


@pytest.fixture
def demo_county(db):
    """The demo county of ``manage.py load_demo`` (loaded once per session; read-only for the tests, whose
    changes are rolled back). Returns the county government's unit."""
    from django.core.management import call_command

    from fazhi.orgs.models import OrgUnit
    from fazhi.testing import dbstate

    if not dbstate.demo_complete():
        call_command("load_demo", quiet_logins=True, stdout=io.StringIO())
    return OrgUnit.objects.get(code=dbstate.DEMO_GOV)


from fazhi.testing.browser import browser, page  # noqa: E402,F401  (shared browser fixtures)
