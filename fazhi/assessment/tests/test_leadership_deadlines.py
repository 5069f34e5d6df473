"""The leadership part computes no stored date from working days: a task's completion deadline is typed by the
office and the progress interval is counted in calendar days, so confirming a holiday year moves neither."""
import datetime

import pytest

from fazhi.assessment import deadlines as module_deadlines
from fazhi.assessment.models import PlanTask
from fazhi.core import clock, deadlines
from fazhi.core import services as core_services
from fazhi.core.models import DeadlineChange

from .factories_leadership import task

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("leadership_media")]

D = datetime.date


def test_the_leadership_part_registers_no_deadline_and_says_why():
    from fazhi.assessment.deadlines import leadership

    assert "no date computed from working days" in leadership.__doc__
    mine = {key for key in deadlines.registered() if key.startswith("assessment.")}
    assert mine == {"assessment.objection_due"}  # the evaluation part's only stored working-day deadline
    assert module_deadlines.card_objection_due is deadlines.registered()["assessment.objection_due"].recompute


def test_confirming_a_holiday_year_keeps_the_typed_task_deadline(county, monkeypatch):
    moment = datetime.datetime(2027, 1, 5, 10, 0, tzinfo=clock.COUNTY_TZ)
    monkeypatch.setattr(clock, "now", lambda: moment)
    t = task(county)
    assert t.deadline == D(2027, 12, 31)
    PlanTask.objects.filter(pk=t.pk).update(deadline=D(2027, 1, 4))  # a date that becomes a holiday below
    core_services.calendar_day_set(actor=county.office, date=D(2027, 1, 4), is_working_day=False, name="元旦补休")
    core_services.calendar_year_confirm(actor=county.office, year=2027, source="国务院办公厅通知")
    assert PlanTask.objects.get(pk=t.pk).deadline == D(2027, 1, 4)
    assert not DeadlineChange.objects.filter(deadline_key__startswith="assessment.").exists()
