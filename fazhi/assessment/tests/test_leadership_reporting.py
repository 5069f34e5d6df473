"""The leadership figures hand-computed on the persona county, their drill-downs, the report's sentences, the
dashboard's tasks-by-area-and-unit table, the to-dos and the alerts."""
import datetime
from unittest import mock

import pytest
from django.urls import reverse

from fazhi.assessment.services import leadership as services
from fazhi.core import clock
from fazhi.core.registry import figures, sentences
from fazhi.reporting import selectors

from .factories_leadership import group, meeting, plan, report, task

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(county, leadership_media):
    group(county)
    meeting(county)
    r = report(county)  # 1.1, market: reported, then accepted as done today
    services.progress_review(actor=county.office, report=r, action="accept")
    r.refresh_from_db()
    r.task.reports.update(completed=True)
    r.task.__class__.objects.filter(pk=r.task_id).update(status="done", done_on=clock.today())
    p = plan(county)
    task(county, title="规范性文件三统一", number="2.1", unit=county.justice)
    services.task_create(actor=county.office, plan=p, area=p.areas.get(position=2), number="2.1.1", title="统一编号",
                         lead_unit=county.justice, deadline=datetime.date(p.year, 1, 1),
                         parent=p.tasks.get(number="2.1"))
    return county


def value(key, **kw):
    return figures()[key].compute(year=clock.today().year, **kw)


def test_figures_by_hand(records):
    assert value("assessment.group_chair").value == "县长"
    assert value("assessment.group_deputies").value == "常务副县长"
    assert value("assessment.group_office_head").value == "县司法局局长"
    assert value("assessment.group_office").value == "某县司法局"
    members = value("assessment.group_members")
    assert members.value == 4 and members.breakdown["成员"] == 1
    assert value("assessment.task_areas").value == 8
    tasks = value("assessment.tasks")
    assert tasks.value == 2  # the measure 2.1.1 is not a task of its own
    assert tasks.breakdown["依法全面履行政府职能"]["by"]["某县市场监督管理局"]["value"] == 1
    assert value("assessment.tasks", unit_ids={records.market.pk}).value == 1
    assert value("assessment.tasks_done_on_time").value == 1
    assert value("assessment.meetings_chaired").value == 1
    assert figures()["assessment.group_chair"].compute(year=1999).value == ""


def test_every_figure_drills_down_to_its_records(client, records):
    client.force_login(records.office)
    for key in ["assessment.group_members", "assessment.task_areas", "assessment.tasks",
                "assessment.tasks_done_on_time", "assessment.meetings_chaired"]:
        c = selectors.compute_figure(figures()[key], year=clock.today().year)
        html = client.get(c.link).content.decode()
        assert f"共 {selectors.number_of(c.value):.0f} 条" in html, key
    for key in ["assessment.group_chair", "assessment.group_office"]:
        c = selectors.compute_figure(figures()[key], year=clock.today().year)
        assert client.get(c.link).status_code == 200


def test_the_sentences_name_registered_figures(records):
    registered = figures()
    for key in ["assessment.group", "assessment.tasks", "assessment.leaders", "assessment.leaders_study"]:
        assert all(f in registered for f in sentences()[key].figures), key
    computed = selectors.compute_all(year=clock.today().year)
    text, keys = selectors.prose.theme_paragraph("theme_org", computed)
    assert "{{assessment.group_chair}}任组长" in text and "assessment.task_areas" in keys


def test_the_dashboard_shows_tasks_by_area_and_unit(client, records):
    client.force_login(records.leader)
    html = client.get(reverse("reporting:dashboard"), {"year": clock.today().year}).content.decode()
    assert "分解落实的任务（按类别和单位）" in html
    assert "某县市场监督管理局" in html and "依法全面履行政府职能" in html
    p = plan(records)
    area = p.areas.get(position=1)
    link = f"{reverse('assessment:task_list')}?year={p.year}&amp;top=on&amp;area={area.pk}&amp;unit={records.market.pk}"
    assert link in html
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    assert "共 1 条" in listed and "合同样本：推行电子营业执照" in listed


def test_todos_and_alerts(records, client):
    from fazhi.assessment.alerts.leadership import tasks_overdue, tasks_unreported
    from fazhi.assessment.todos.leadership import leadership_todos

    today = clock.today()
    fresh = task(records, title="待报送的任务", number="1.2")
    mine = leadership_todos(records.liaison, today)
    assert any("待报送的任务" in t.title and t.action == "报送" for t in mine)
    assert not leadership_todos(records.outsider, today) and leadership_todos(None, today) == []
    assert tasks_unreported(records.liaison, today)[0].count == 1
    r = services.progress_report(actor=records.liaison, task=fresh, period="本期", text="推进中")
    assert any("审核本期进展" in t.title for t in leadership_todos(records.office, today))
    services.progress_review(actor=records.office, report=r, action="return", reason="请补充")
    assert any("退回" in t.title for t in leadership_todos(records.liaison, today))
    overdue = tasks_overdue(records.office, today)
    assert [a.title for a in overdue] == ["任务“2.1.1 统一编号”已超过完成时限仍未完成"] or today.month == 1
    assert not tasks_overdue(records.outsider, today) and tasks_overdue(None, today) == []
    assert tasks_unreported(records.liaison, today) == []  # reported (and returned) today
    later = today + datetime.timedelta(days=400)
    with mock.patch("fazhi.core.clock.today", return_value=later):
        assert tasks_unreported(records.office, later) == []
    assert tasks_unreported(None, today) == []
    client.force_login(records.liaison)
    assert client.get(reverse("console:workbench")).status_code == 200
