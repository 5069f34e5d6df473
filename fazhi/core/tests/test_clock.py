"""One clock: Beijing's date, whatever the server's own time zone, and dates of acts checked one way."""
import datetime

import pytest

from fazhi.core import clock
from fazhi.core.errors import DomainError

UTC = datetime.UTC
# 2026-12-01 00:30 in Beijing is still 2026-11-30 16:30 in UTC (a server clock in UTC).
HALF_PAST_MIDNIGHT_BEIJING = datetime.datetime(2026, 11, 30, 16, 30, tzinfo=UTC)


@pytest.fixture
def utc_server_at_half_past_midnight_beijing(monkeypatch):
    monkeypatch.setattr(clock.timezone, "now", lambda: HALF_PAST_MIDNIGHT_BEIJING)
    monkeypatch.setenv("TZ", "UTC")


def test_today_is_beijings_date_on_a_utc_server(utc_server_at_half_past_midnight_beijing):
    assert HALF_PAST_MIDNIGHT_BEIJING.date() == datetime.date(2026, 11, 30)  # what the server's own date says
    assert clock.today() == datetime.date(2026, 12, 1)
    assert clock.now().hour == 0 and clock.now().minute == 30


@pytest.mark.django_db
def test_an_act_dated_today_in_beijing_is_not_in_the_future(utc_server_at_half_past_midnight_beijing):
    assert clock.check_act_date(datetime.date(2026, 12, 1)) == datetime.date(2026, 12, 1)
    with pytest.raises(DomainError, match="不能晚于今天"):
        clock.check_act_date(datetime.date(2026, 12, 2))


@pytest.mark.django_db
def test_act_dates_follow_the_previous_step_and_backdating_needs_a_reason(utc_server_at_half_past_midnight_beijing):
    with pytest.raises(DomainError, match="不能早于上一环节"):
        clock.check_act_date(datetime.date(2026, 11, 20), not_before=datetime.date(2026, 11, 25))
    assert clock.check_act_date(datetime.date(2026, 11, 20)) == datetime.date(2026, 11, 20)  # within 30 days
    with pytest.raises(DomainError, match="补录理由") as refused:
        clock.check_act_date(datetime.date(2026, 9, 1))
    assert refused.value.field == "backdate_reason"
    assert clock.check_act_date(datetime.date(2026, 9, 1), backdate_reason="根据纸质案卷补录") == datetime.date(2026, 9, 1)


@pytest.mark.django_db
def test_a_workflow_guard_is_judged_on_the_day_of_the_act(county, monkeypatch):
    """A guard receives the day of the act: Beijing's date, not the server's."""
    from fazhi.core.workflow import Transition, Workflow
    from fazhi.orgs.models import OrgUnit

    seen = []

    def may_close(user, unit, on):
        seen.append(on)
        return None

    flow = Workflow(model=OrgUnit, field="kind", transitions=[
        Transition("noop", "测试", ("department",), "department", event="core.noop", guard=may_close)])
    monkeypatch.setattr(clock.timezone, "now", lambda: HALF_PAST_MIDNIGHT_BEIJING)
    flow.refusal(None, county.market, "noop")
    assert seen == [datetime.date(2026, 12, 1)]
