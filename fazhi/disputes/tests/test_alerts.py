"""Every clock alerts before it lapses and counts as late after; to-dos follow the same deadlines."""
import datetime

import pytest

from fazhi.core.registry import collect_alerts, collect_todos
from fazhi.disputes import alerts, services, todos

from .factories import case, org, petition

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 3, 4)


def test_petition_clock_warns_then_overdue(county, at):
    at(DAY)
    p = petition(county, on=DAY)
    assert not [a for a in alerts.petition_clocks(county.office, DAY) if a.count and "转送" in a.title]
    near = p.route_due - datetime.timedelta(days=2)
    assert [a.severity for a in alerts.petition_clocks(county.office, near) if "转送" in a.title] == ["warning"]
    late = p.route_due + datetime.timedelta(days=1)
    assert [a.severity for a in alerts.petition_clocks(county.office, late) if "转送" in a.title] == ["overdue"]
    assert not alerts.petition_clocks(county.outsider, late)
    found, failed = collect_alerts(county.office, late)
    assert not failed and any(a.source == "disputes.petition_clocks" for a in found)


def test_mediation_alerts_and_todos(county, at):
    at(DAY)
    o = org(county, members=("男", "男", "男"))
    c = case(county, o, on=DAY)
    assert alerts.committees(county.office, DAY)
    assert alerts.mediation_target(county.office, c.target_due + datetime.timedelta(days=1))
    services.case_escalate(actor=county.office, case=c, unit=county.gov, text="扬言报复", on=DAY)
    assert alerts.criminal_risk(county.office, DAY)
    p = petition(county, on=DAY)
    titles = [t.title for t in todos.collect(county.office, DAY)]
    assert f"待转送：信访事项{p.number}" in titles
    found = collect_todos(county.office, DAY)
    assert any(t.source == "disputes.todos" for t in (found[0] if isinstance(found, tuple) else found))
