"""The leadership part's rules: posts with history, meetings chaired by a member in office, the task tree and its
import (all or nothing, errors per row and column), the progress review loop, and who may do what."""
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from fazhi.assessment.models import GroupPost, PlanTask, ProgressReport, TaskStatus
from fazhi.assessment.policies import leadership as policies
from fazhi.assessment.services import leadership as services
from fazhi.assessment.spreadsheets.leadership import task_sheet
from fazhi.core import clock
from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry

from .factories_leadership import evidence, group, meeting, plan, report, task

pytestmark = pytest.mark.django_db


def test_a_change_of_post_keeps_the_history(county, client):
    g = group(county)
    leader = g.posts.get(post="leader")
    with pytest.raises(DomainError, match="组长现有任职人员"):
        services.post_add(actor=county.office, group=g, post="leader", title="县长", person_name="县长丙",
                          start_on=clock.today())
    services.post_end(actor=county.office, post=leader, end_on=clock.today())
    with pytest.raises(DomainError, match="已终止"):
        services.post_end(actor=county.office, post=leader, end_on=clock.today())
    new = services.post_add(actor=county.office, group=g, post="leader", title="县长", person_name="县长丙",
                            start_on=clock.today())
    assert new.holder == "县长丙" and GroupPost.objects.filter(group=g, post="leader").count() == 2
    with pytest.raises(DomainError, match="请选择人员"):
        services.post_add(actor=county.office, group=g, post="member", title="局长", start_on=clock.today())
    client.force_login(county.leader)
    html = client.get(reverse("assessment:group_detail", args=[g.pk])).content.decode()
    assert "县长丙" in html and "历任成员" in html and "县长甲" in html and "终止任职" not in html
    client.force_login(county.office)
    html = client.get(reverse("assessment:group_detail", args=[g.pk])).content.decode()
    assert "终止任职" in html and "领导小组职务终止" in html
    response = client.post(reverse("assessment:post_end", args=[new.pk]), {"end_on": clock.today().isoformat()})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(event_name="assessment.post_ended").count() == 2


def test_office_creates_a_group_and_posts_through_the_pages(county, client):
    client.force_login(county.office)
    g = services.group_create(actor=county.office, unit=county.township, name="城关镇法治政府建设领导小组",
                              office_unit=county.township, established_on=clock.today())
    response = client.post(reverse("assessment:post_add", args=[g.pk]), {
        "post": "leader", "user": county.liaison.pk, "title": "镇长", "start_on": clock.today().isoformat()})
    assert response.status_code == 302
    post = g.posts.get()
    assert post.user == county.liaison and post.person_unit == county.market
    with pytest.raises(DomainError, match="没有此项操作的权限"):
        services.group_create(actor=county.liaison, unit=county.market, name="x")


def test_a_meeting_is_chaired_by_a_member_in_office_and_its_decision_becomes_a_task(county, client,
                                                                                    leadership_media):
    g = group(county)
    other = services.group_create(actor=county.office, unit=county.township, name="城关镇领导小组")
    stranger = services.post_add(actor=county.office, group=other, post="leader", title="镇长", person_name="镇长",
                                 start_on=clock.today())
    with pytest.raises(DomainError, match="主持人应为"):
        services.meeting_record(actor=county.office, group=g, kind="progress", title="推进会", held_on=clock.today(),
                                topics="通报进展", chair=stranger)
    with pytest.raises(DomainError, match="请选择或填写会议主持人"):
        services.meeting_record(actor=county.office, group=g, kind="progress", title="推进会", held_on=clock.today(),
                                topics="通报进展")
    client.force_login(county.office)
    response = client.post(reverse("assessment:meeting_create", args=[g.pk]), {
        "kind": "progress", "title": "示范创建推进会", "held_on": clock.today().isoformat(),
        "chair": g.posts.get(post="leader").pk, "topics": "通报进展", "decisions": "按季度报送任务推进情况",
        "minutes": evidence("会议纪要.pdf")})
    assert response.status_code == 302, response.content.decode()
    m = g.meetings.get(title="示范创建推进会")
    assert m.chaired_by_leader and m.minutes
    assert client.get(reverse("assessment:meeting_minutes", args=[m.pk])).status_code == 200
    assert client.get(reverse("assessment:meeting_task", args=[m.pk])).status_code == 302  # no plan yet
    p = plan(county)
    page = client.get(reverse("assessment:meeting_task", args=[m.pk])).content.decode()
    assert "按季度报送任务推进情况" in page
    response = client.post(reverse("assessment:meeting_task", args=[m.pk]), {
        "area": p.areas.get(position=8).pk, "number": "8.1", "title": "按季度报送任务推进情况",
        "lead_unit": county.justice.pk, "deadline": f"{p.year}-12-31", "partners": [county.market.pk]})
    assert response.status_code == 302
    t = PlanTask.objects.get(number="8.1")
    assert t.meeting == m and list(t.partners.all()) == [county.market]
    html = client.get(reverse("assessment:meeting_detail", args=[m.pk])).content.decode()
    assert "按季度报送任务推进情况" in html and "下载" in html
    with pytest.raises(DomainError, match="已被本方案"):
        services.task_create(actor=county.office, plan=p, area=t.area, number="8.1", title="x",
                             lead_unit=county.market, deadline=t.deadline)
    with pytest.raises(DomainError, match="年度内"):
        services.task_create(actor=county.office, plan=p, area=t.area, number="8.2", title="x",
                             lead_unit=county.market, deadline=datetime.date(p.year + 1, 1, 1))
    client.force_login(county.liaison)
    assert client.get(reverse("assessment:meeting_task", args=[m.pk])).status_code == 403


def _workbook(rows):
    wb = Workbook()
    ws = wb.active
    ws.append([c.header for c in task_sheet().columns])
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "任务分解.xlsx"
    return out


def test_task_tree_import_is_all_or_nothing_with_errors_per_row(county, client):
    p = plan(county)
    year = p.year
    good = [
        ["依法全面履行政府职能", "1", "", "动态调整权责清单", "P-SCJ", "P-SFJ、P-GOV", f"{year}-06-30", "清单", "按时调整"],
        ["依法全面履行政府职能", "1.1", "1", "公布调整后的清单", "P-SCJ", "", f"{year}-07-31", "公告", ""],
        ["新增的任务领域", "9", "", "新任务", "P-SFJ", "", f"{year}-12-31", "", ""],
    ]
    bad = [*good,
           ["完善依法行政制度体系", "2", "", "清理文件", "NOPE", "", f"{year}-12-31", "", ""],
           ["完善依法行政制度体系", "2.1", "7", "措施", "P-SFJ", "", f"{year}-12-31", "", ""]]
    result = sheets.import_file(task_sheet(actor=county.office, plan=p), _workbook(bad))
    assert not result.ok and not p.tasks.exists()
    assert any(e.row == 5 and "NOPE" in e.message for e in result.errors)
    result = sheets.import_file(task_sheet(actor=county.office, plan=p), _workbook(
        [*good[:1], ["依法全面履行政府职能", "1.2", "7", "措施", "P-SFJ", "", f"{year}-12-31", "", ""]]))
    assert not result.ok and any(e.row == 3 and "上级序号" in e.message for e in result.errors)
    assert not p.tasks.exists()
    client.force_login(county.office)
    response = client.post(reverse("assessment:plan_import", args=[p.pk]), {"file": _workbook(good)})
    assert response.status_code == 302
    assert p.tasks.count() == 3 and p.areas.count() == 9
    measure = p.tasks.get(number="1.1")
    assert measure.parent.number == "1" and measure.area.position == 1
    assert set(p.tasks.get(number="1").partners.values_list("code", flat=True)) == {"P-SFJ", "P-GOV"}
    html = client.get(reverse("assessment:plan_detail", args=[p.pk])).content.decode()
    assert "公布调整后的清单" in html and "新增的任务领域" in html
    response = client.post(reverse("assessment:plan_import", args=[p.pk]), {"file": _workbook(good[:1])})
    assert "重复" in response.content.decode()
    template = client.get(reverse("assessment:plan_template", args=[p.pk]))
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    client.force_login(county.liaison)
    assert client.get(reverse("assessment:plan_import", args=[p.pk])).status_code == 403  # not the office


def test_progress_review_loop_return_with_reason_report_again_accept(county, client, leadership_media):
    t = task(county)
    client.force_login(county.liaison)
    response = client.post(reverse("assessment:task_report", args=[t.pk]), {
        "period": "第三季度", "text": "已开通电子营业执照", "completed": "on"})
    assert "请上传佐证材料" in response.content.decode()
    response = client.post(reverse("assessment:task_report", args=[t.pk]), {
        "period": "第三季度", "text": "已开通电子营业执照", "completed": "on", "evidence": evidence()})
    assert response.status_code == 302
    t.refresh_from_db()
    assert t.status == TaskStatus.REPORTED and t.last_reported_on == clock.today()
    first = t.reports.get()
    assert client.get(reverse("assessment:progress_evidence", args=[first.pk])).status_code == 200
    with pytest.raises(DomainError, match="尚待法治办审核"):
        services.progress_report(actor=county.liaison, task=t, period="x", text="y")
    # the liaison may not review; the leader may not report
    assert client.post(reverse("assessment:progress_step", args=[first.pk, "accept"])).status_code == 403
    client.force_login(county.leader)
    assert client.get(reverse("assessment:task_report", args=[t.pk])).status_code == 403
    # the office returns it with a reason
    client.force_login(county.office)
    assert "退回理由" in client.get(reverse("assessment:progress_step", args=[first.pk, "return"])).content.decode()
    response = client.post(reverse("assessment:progress_step", args=[first.pk, "return"]), {"reason": ""})
    assert ProgressReport.objects.get(pk=first.pk).status == "submitted"
    response = client.post(reverse("assessment:progress_step", args=[first.pk, "return"]),
                           {"reason": "佐证材料不完整，请补充营业执照截图"})
    assert response.status_code == 302
    t.refresh_from_db()
    assert t.status == TaskStatus.RETURNED
    assert client.get(reverse("assessment:progress_step", args=[first.pk, "nope"])).status_code == 404
    # the unit reports again; the office accepts: the task is done on the report's date
    client.force_login(county.liaison)
    html = client.get(reverse("assessment:task_detail", args=[t.pk])).content.decode()
    assert "佐证材料不完整" in html and "报送进展" in html
    second = services.progress_report(actor=county.liaison, task=t, period="第三季度", text="已补充截图",
                                      completed=True, evidence=evidence("截图.pdf"))
    client.force_login(county.office)
    html = client.get(reverse("assessment:task_detail", args=[t.pk])).content.decode()
    assert "审核通过" in html and "下一步" in html
    response = client.post(reverse("assessment:progress_step", args=[second.pk, "accept"]))
    assert response.status_code == 302
    t.refresh_from_db()
    assert t.status == TaskStatus.DONE and t.done_on == second.reported_on and t.on_time
    with pytest.raises(DomainError, match="已完成"):
        services.progress_report(actor=county.liaison, task=t, period="x", text="y")
    events = list(AuditEntry.objects.filter(event_name__startswith="assessment.progress").order_by("seq").values_list(
        "event_name", flat=True))
    assert events == ["assessment.progress_reported", "assessment.progress_returned",
                      "assessment.progress_reported", "assessment.progress_accepted"]


def test_accepting_an_interim_report_keeps_the_task_open(county):
    t = task(county)
    r = services.progress_report(actor=county.liaison, task=t, period="第二季度", text="正在推进")
    services.progress_review(actor=county.office, report=r, action="accept")
    t.refresh_from_db()
    assert t.status == TaskStatus.OPEN and t.done_on is None


def test_policies_refuse_outsider_and_leader_and_allow_the_roles(county):
    r = report(county)
    t, g, m = r.task, group(county), meeting(county)
    assert policies.plan_tasks.can_on(county.liaison, "report", task(county, title="另一项", number="1.2"))
    assert not policies.plan_tasks.can_on(county.liaison, "report", t)  # waiting for the office's review
    for user in (county.outsider, county.leader):
        assert not policies.plan_tasks.can_on(user, "report", task(county, title="另一项", number="1.2"))
        assert not policies.progress_reports.can_on(user, "accept", r)
        assert not policies.leading_groups.can_on(user, "add_post", g)
        assert not policies.meetings.can_on(user, "add_task", m)
        assert not policies.work_plans.can_on(user, "import_tasks", plan(county))
    assert policies.progress_reports.can_on(county.office, "accept", r)
    assert policies.leading_groups.can_on(county.office, "add_post", g)
    assert policies.meetings.can_on(county.office, "add_task", m)
    assert not policies.progress_reports.can_on(county.liaison, "accept", r)
    with pytest.raises(DomainError):
        services.progress_review(actor=county.leader, report=r, action="accept")
    with pytest.raises(DomainError):
        services.post_add(actor=county.outsider, group=g, post="member", title="x", person_name="x",
                          start_on=clock.today())
    with pytest.raises(DomainError):
        services.plan_create(actor=county.leader, unit=county.justice, year=2030, kind="points", title="x")
    with pytest.raises(DomainError, match="已有同类方案"):
        services.plan_create(actor=county.office, unit=county.justice, year=plan(county).year, kind="demonstration",
                             title="x")


def test_office_creates_a_plan_through_the_page(county, client):
    client.force_login(county.office)
    response = client.post(reverse("assessment:plan_create"), {
        "year": 2030, "kind": "points", "title": "2030年法治政府建设工作要点", "areas": "甲\n乙\n\n丙"})
    assert response.status_code == 302
    html = client.get(reverse("assessment:plan_list")).content.decode()
    assert "2030年法治政府建设工作要点" in html and "新增" in html
    client.force_login(county.leader)
    assert "新增" not in client.get(reverse("assessment:plan_list")).content.decode()
    assert client.get(reverse("assessment:plan_create")).status_code == 403
