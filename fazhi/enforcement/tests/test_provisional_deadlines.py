"""Deadlines counted into a year whose holiday schedule is not published yet: recorded as 暂定, recomputed on
confirmation, and the unit told."""
import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.core import clock, deadlines, workdays
from fazhi.core import services as core_services
from fazhi.core.alerts import deadline_changes
from fazhi.core.models import AuditEntry, DeadlineChange

from .factories import penalty_case, step

D = datetime.date


@pytest.fixture
def late_december(monkeypatch):
    moment = datetime.datetime(2026, 12, 28, 10, 0, tzinfo=clock.COUNTY_TZ)
    monkeypatch.setattr(clock, "now", lambda: moment)
    return moment.date()


def _noticed_case(enf):
    case = penalty_case(enf, enf.body, enf.colleague, on=D(2026, 12, 20))
    case = step(enf, case, "investigate", D(2026, 12, 21), "询问当事人，制作笔录")
    return step(enf, case, "notify", D(2026, 12, 28), "拟罚款", fine_amount=Decimal("3000"))


@pytest.mark.django_db
def test_a_notice_on_28_december_saves_with_a_provisional_deadline_shown_as_such(enf, late_december, client):
    case = _noticed_case(enf)
    # 29, 30, 31 Dec, (1 Jan 元旦 and the weekend), 4, 5 Jan 2027: five working days, provisional
    assert case.notified_on == D(2026, 12, 28)
    assert case.statement_due == D(2027, 1, 5)
    assert workdays.is_provisional(case.statement_due)
    # 90 days from 20 Dec 2026 end on Saturday 20 Mar 2027 → rolled to Monday 22 Mar (provisional weekend)
    assert case.decision_due == D(2027, 3, 22)

    client.force_login(enf.officer)
    html = client.get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert "2027年1月5日" in html
    assert "（暂定）" in html and "《全国年节及纪念日放假办法》" in html
    assert "RULES.md" not in html and "§" not in html


@pytest.mark.django_db
def test_a_notice_in_a_confirmed_year_is_not_marked(enf, late_december, client):
    case = penalty_case(enf, enf.body, enf.colleague, on=D(2026, 12, 1))
    case = step(enf, case, "investigate", D(2026, 12, 2), "询问当事人")
    case = step(enf, case, "notify", D(2026, 12, 3), "拟罚款", fine_amount=Decimal("3000"))
    assert case.statement_due == D(2026, 12, 10)
    client.force_login(enf.officer)
    html = client.get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert "2026年12月10日" in html
    assert "2026年12月10日<span" not in html


@pytest.mark.django_db
def test_confirming_2027_with_a_make_up_day_moves_the_deadline_and_tells_the_unit(enf, late_december):
    case = _noticed_case(enf)
    assert case.statement_due == D(2027, 1, 5)
    office = enf.office
    core_services.calendar_day_set(actor=office, date=D(2027, 1, 1), is_working_day=False, name="元旦")
    core_services.calendar_day_set(actor=office, date=D(2027, 1, 2), is_working_day=True, name="元旦调休上班")
    # entered, not yet confirmed: stored deadlines are not touched until the year is confirmed
    case.refresh_from_db()
    assert case.statement_due == D(2027, 1, 5)
    assert not DeadlineChange.objects.exists()

    entry = core_services.calendar_year_confirm(actor=office, year=2027,
                                                source="国务院办公厅关于2027年部分节假日安排的通知")
    case.refresh_from_db()
    # 29, 30, 31 Dec, Saturday 2 Jan (调休上班), Monday 4 Jan
    assert case.statement_due == D(2027, 1, 4)
    assert not workdays.is_provisional(case.statement_due)
    assert case.decision_due == D(2027, 3, 22)  # unchanged: not told
    assert [(m.label, m.old, m.new) for m in entry.moved] == [("陈述申辩/听证申请期限", D(2027, 1, 5), D(2027, 1, 4))]

    change = DeadlineChange.objects.get()
    assert change.unit == enf.market and change.notified_on == D(2026, 12, 28)
    assert change.link == reverse("enforcement:case_detail", args=[case.pk])
    audit = AuditEntry.objects.filter(event_name="core.deadlines_recomputed").get()
    assert audit.changes["moved"] == [None, 1]

    seen = deadline_changes(enf.liaison, D(2026, 12, 29))
    assert len(seen) == 1 and seen[0].severity == "info"
    assert "2027-01-05" in seen[0].title and "2027-01-04" in seen[0].title
    assert deadline_changes(enf.outsider, D(2026, 12, 29)) == []  # another unit is not told
    assert deadline_changes(enf.liaison, D(2027, 1, 28)) == []  # shown for 30 days


@pytest.mark.django_db
def test_a_step_taken_on_time_is_not_made_late_by_the_recomputation(enf, monkeypatch):
    moment = datetime.datetime(2027, 1, 5, 10, 0, tzinfo=clock.COUNTY_TZ)
    monkeypatch.setattr(clock, "now", lambda: moment)
    case = _noticed_case(enf)
    case = step(enf, case, "request_hearing", D(2027, 1, 5), "当事人提出陈述申辩")
    office = enf.office
    core_services.calendar_day_set(actor=office, date=D(2027, 1, 2), is_working_day=True, name="元旦调休上班")
    core_services.calendar_year_confirm(actor=office, year=2027, source="国务院办公厅通知")
    case.refresh_from_db()
    assert case.statement_due == D(2027, 1, 5)  # the party acted in time on the date shown
    assert not DeadlineChange.objects.exists()


@pytest.mark.django_db
def test_every_module_declares_its_deadlines():
    keys = set(deadlines.registered())
    assert {"enforcement.statement_due", "enforcement.decision_due", "enforcement.service_due",
            "enforcement.publication_due", "normative_docs.review_due", "normative_docs.filing_due",
            "normative_docs.comment_min_end", "decisions.review_due"} <= keys


@pytest.mark.django_db
def test_an_alert_with_a_provisional_due_date_is_flagged(enf, late_december):
    from fazhi.core.registry import Alert

    assert Alert(rule="r", severity="warning", title="t", due=D(2027, 1, 5)).provisional
    assert not Alert(rule="r", severity="warning", title="t", due=D(2026, 12, 5)).provisional
    assert not Alert(rule="r", severity="warning", title="t").provisional
