"""The daily job that tells a draft's author which figures' records changed (the draft itself is not rewritten)."""
import datetime

import pytest

from fazhi.core.models import Message
from fazhi.orgs.models import OrgUnit
from fazhi.reporting import jobs, services

pytestmark = pytest.mark.django_db


def test_the_drafter_is_told_once_a_day_which_figures_changed(county, test_figures):
    report = services.report_create(actor=county.office, year=2019, unit=county.gov)
    day = datetime.date(2026, 3, 2)
    assert jobs.figure_changes(day) == "提醒0份报告的起草人核对变化的指标"  # nothing changed: no message
    assert not Message.objects.exists()

    OrgUnit.objects.filter(kind="village").update(is_active=False)  # the records behind the villages figure change
    assert jobs.figure_changes(day) == "提醒1份报告的起草人核对变化的指标"
    message = Message.objects.get(user=county.office)
    assert "1项指标的记录有变化" in message.title and message.link == report.get_absolute_url()
    assert "报告中为2" in message.body and "现为0" in message.body
    assert jobs.figure_changes(day) == "提醒0份报告的起草人核对变化的指标"  # once a day
    assert report.snapshots.get(key="testmod.villages").value == 2  # the report keeps its figures until refreshed

    services.report_refresh(actor=county.office, report=report)  # the office takes the new values
    assert jobs.figure_changes(day + datetime.timedelta(days=1)) == "提醒0份报告的起草人核对变化的指标"
