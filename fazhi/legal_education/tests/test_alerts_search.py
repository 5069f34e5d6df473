"""The enrolment alert before an exam opens, and the staff search of activities, sites and study sessions."""
import datetime

import pytest

from fazhi.core import clock, search
from fazhi.core.rules import setting_set
from fazhi.legal_education import alerts, services
from fazhi.orgs.choices import UnitKind
from fazhi.orgs.models import OrgUnit

from . import factories

pytestmark = pytest.mark.django_db


def _departments(county):
    return list(OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT, is_active=True))


def test_exam_opening_soon_with_units_not_enrolled(county):
    soon = clock.now() + datetime.timedelta(days=3)
    exam = factories.exam(county, start=soon, units=[county.market])
    found = alerts.units_not_enrolled(county.office, clock.today())
    missing = [u for u in _departments(county) if u != county.market]
    assert len(found) == 1 and found[0].count == len(missing) and exam.title in found[0].title
    assert found[0].link.endswith(f"/{exam.pk}/")
    assert alerts.units_not_enrolled(county.outsider, clock.today()) == []  # not the outsider's exam
    assert alerts.units_not_enrolled(None, clock.today()) == []
    # naming one person of a unit enrols the unit
    exam.eligible_users.add(county.reviewer)
    assert alerts.units_not_enrolled(county.office, clock.today())[0].count == len(missing) - (
        1 if county.reviewer.unit in missing else 0)
    # every department enrolled: no alert
    exam.eligible_units.set(_departments(county))
    assert alerts.units_not_enrolled(county.office, clock.today()) == []


def test_no_alert_beyond_the_setting_or_once_open(county):
    factories.exam(county, start=clock.now() + datetime.timedelta(days=10), units=[county.market])
    assert alerts.units_not_enrolled(county.office, clock.today()) == []  # default 7 days
    setting_set(actor=county.office, key="legal_education.enrolment_alert_days", raw="14")
    assert len(alerts.units_not_enrolled(county.office, clock.today())) == 1
    factories.exam(county, units=[county.market], title="已开考")  # already open: nothing to enrol for
    assert ["已开考" not in a.title for a in alerts.units_not_enrolled(county.office, clock.today())] == [True]


def test_staff_search_finds_activities_sites_and_study_sessions_in_scope(county):
    services.activity_save(actor=county.liaison, unit=county.market, kind="enterprises", title="食品安全进超市",
                           held_on=datetime.date(2019, 5, 1), laws="《中华人民共和国食品安全法》")
    services.site_save(actor=county.liaison, unit=county.market, name="宪法文化长廊", level="county",
                       designation="县级法治文化阵地", designated_year=2019)
    services.study_save(actor=county.liaison, unit=county.market, kind="executive", topic="《中华人民共和国行政复议法》",
                        meeting="局务会", held_on=datetime.date(2019, 5, 2))
    for q, source in (("进超市", "legal_education.activity"), ("文化长廊", "legal_education.site"),
                      ("行政复议法", "legal_education.study")):
        hits = search.query(q, user=county.liaison)
        assert [h.entry.source for h in hits] == [source]
        assert search.query(q, user=county.outsider).total == 0
        assert search.public_query(q).total == 0  # staff only
    assert search.reindex("legal_education.activity") >= 1  # the demo's bulk rows are indexed this way


def test_missing_duty_list_and_low_participation_alerts(county):
    from .contract import _duty

    today = clock.today()
    found = alerts.missing_duty_lists(county.office, today)
    assert len(found) == 1 and found[0].count == len(_departments(county))
    assert alerts.missing_duty_lists(county.lawyer, today) == []
    dl = _duty(county)
    dl.year, dl.status = today.year, "accepted"
    dl.save()
    assert alerts.missing_duty_lists(county.liaison, today) == []  # the market bureau's own list is accepted
    start = clock.now() - datetime.timedelta(hours=3)
    factories.exam(county, start=start, hours=1, title="已结束的考试")
    low = alerts.low_participation(county.office, today)
    assert [a.count for a in low] == [1] and "低于90%" in low[0].title
    assert alerts.low_participation(None, today) == []
