"""What the test database holds between tests, so the costly data is built once, not once per test.

Three committed states:

* ``empty`` — what migrate (or a flush) leaves;
* ``county`` — the persona county (``fazhi.testing.personas``), built through the real services;
* ``demo`` — the whole demo county of ``manage.py load_demo`` (the seed's 郧西县: 20 s or more to load).

Plain ``django_db`` tests run inside a transaction that is rolled back, so they all share the committed
state. ``conftest.py`` orders the tests (empty, then county, then demo; then the transactional tests, which
Django flushes after each one) and, before each test, switches the database to the state that test needs:
the county is built once per session and the demo loaded once, instead of once per test.

A switch is a flush plus the build, outside any test transaction. ``detect()`` reads the state from the
database itself, so it stays right after a transactional test's flush, and the fixtures stay correct
(only slower) in any order: ``county`` builds the county inside the test when it is missing.
"""
import io

from django.core.management import call_command
from django.db import connections

EMPTY, COUNTY, DEMO, OTHER = "empty", "county", "demo", "other"
DEMO_GOV = "G-YX"


def detect():
    from fazhi.orgs.models import OrgUnit, User

    from .personas import county_exists

    if county_exists():
        return COUNTY if not OrgUnit.objects.filter(code=DEMO_GOV).exists() else OTHER
    if OrgUnit.objects.filter(code=DEMO_GOV).exists():
        return DEMO if demo_complete() else OTHER
    if OrgUnit.objects.exists() or User.objects.exists():
        return OTHER
    from fazhi.core.models import AuditEntry

    return OTHER if AuditEntry.objects.exists() else EMPTY


def demo_complete():
    """The demo's last loader (reporting) has drafted its report: the whole demo is there."""
    from fazhi.reporting.models import Report

    return Report.objects.filter(unit__code=DEMO_GOV, year=2019).exists()


def flush():
    """Empty every table, as Django does after a transactional test."""
    for alias in connections:
        call_command("flush", verbosity=0, interactive=False, database=alias, reset_sequences=False)


def build(state):
    if state == COUNTY:
        from .personas import build_county

        build_county()
    elif state == DEMO:
        call_command("load_demo", quiet_logins=True, stdout=io.StringIO())


def ensure(state):
    """Commit ``state`` in the database (outside any transaction) unless it is there already."""
    if state not in (EMPTY, COUNTY, DEMO):
        raise ValueError(state)
    current = detect()
    if current == state:
        return False
    if current != EMPTY:
        flush()
    build(state)
    return True
