"""What waits for a user in reporting: last year's annual report to draft, submit and publish by its
deadlines (report to the superior, then publish) — for the units whose report the user may write."""
from django.urls import reverse

from fazhi.core.registry import Todo, register_todo
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from .choices import ReportStatus
from .models import Report
from .permissions import ReportingPerm
from .policies import ReportPolicy

REPORTS = ReportPolicy()


def annual_report(user, today):
    if user is None or not user.has_perm(ReportingPerm.MANAGE_REPORT):
        return []
    from .services import deadlines

    year = today.year - 1
    submit_by, publish_by = deadlines(year)
    todos = []
    reports = REPORTS.visible(user, Report.objects.filter(year=year), action="edit").select_related("unit")
    begun = set()
    for report in reports.order_by("unit__path")[:50]:
        begun.add(report.unit_id)
        if report.status == ReportStatus.DRAFT:
            todos.append(Todo(title=f"完成并报送{report.unit.name}{year}年度法治政府建设报告", due=submit_by,
                              unit=report.unit.name, link=report.get_absolute_url(), action="报送"))
        elif report.status == ReportStatus.SUBMITTED:
            todos.append(Todo(title=f"向社会公开{report.unit.name}{year}年度法治政府建设报告", due=publish_by,
                              unit=report.unit.name, link=report.get_absolute_url(), action="公开"))
    # the county government's report is due whether or not anyone has begun it
    governments = scope.changeable(user, OrgUnit.objects.filter(kind="government", parent__isnull=True,
                                                                 is_active=True), perm=ReportingPerm.MANAGE_REPORT)
    for gov in governments.exclude(pk__in=begun)[:5]:
        todos.append(Todo(title=f"起草{gov.name}{year}年度法治政府建设报告", due=submit_by, unit=gov.name,
                          link=f"{reverse('reporting:report_create')}?year={year}&unit={gov.pk}", action="起草"))
    return todos


register_todo("reporting.annual_report", label="年度报告", collect=annual_report)
