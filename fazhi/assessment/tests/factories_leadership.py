"""Builders for the leadership part's tests, on the persona county (through the real services)."""
import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.assessment.models import LeadingGroup, PlanTask, ProgressReport, WorkPlan
from fazhi.assessment.services import leadership as services
from fazhi.core import clock

AREAS = ["依法全面履行政府职能", "完善依法行政制度体系", "推进行政决策科学化、民主化、法治化", "坚持严格规范公正文明执法",
         "强化对行政权力的制约和监督", "依法有效化解社会矛盾纠纷", "全面提高政府工作人员法治思维和依法行政能力",
         "加强组织领导，落实第一责任人职责"]
TASK_TITLE = "合同样本：推行电子营业执照"


def evidence(name="佐证材料.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" * 4,
                              content_type="application/pdf")


def group(county):
    existing = LeadingGroup.objects.filter(unit=county.gov).first()
    if existing is not None:
        return existing
    g = services.group_create(actor=county.office, unit=county.gov, name="某县法治政府建设工作领导小组",
                              office_unit=county.justice)
    start = clock.today() - datetime.timedelta(days=30)
    services.post_add(actor=county.office, group=g, post="leader", title="县长", person_name="县长甲", start_on=start,
                      person_unit=county.gov)
    services.post_add(actor=county.office, group=g, post="deputy", title="常务副县长", person_name="副县长乙",
                      start_on=start, person_unit=county.gov)
    services.post_add(actor=county.office, group=g, post="office_head", title="县司法局局长", user=county.office,
                      start_on=start)
    services.post_add(actor=county.office, group=g, post="member", title="市场监管局局长", user=county.liaison,
                      start_on=start)
    return g


def meeting(county):
    g = group(county)
    return g.meetings.first() or services.meeting_record(
        actor=county.office, group=g, kind="mobilisation", title="示范创建动员会", held_on=clock.today(),
        topics="部署示范创建", chair=g.posts.get(post="leader"), decisions="推行电子营业执照")


def plan(county):
    year = clock.today().year
    return WorkPlan.objects.filter(year=year).first() or services.plan_create(
        actor=county.office, unit=county.justice, year=year, kind="demonstration", title="示范创建实施方案",
        areas=AREAS)


def task(county, *, title=TASK_TITLE, number="1.1", unit=None):
    p = plan(county)
    existing = PlanTask.objects.filter(plan=p, number=number).first()
    if existing is not None:
        return existing
    return services.task_create(actor=county.office, plan=p, area=p.areas.get(position=1), number=number, title=title,
                                lead_unit=unit or county.market, deadline=datetime.date(p.year, 12, 31),
                                partners=[county.justice], deliverable="工作总结", indicator="实现电子营业执照")


def report(county):
    t = task(county)
    return ProgressReport.objects.filter(task=t).first() or services.progress_report(
        actor=county.liaison, task=t, period="第三季度", text="已开通电子营业执照", evidence=evidence())
