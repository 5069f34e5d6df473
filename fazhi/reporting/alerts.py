"""Deadlines of the annual report: report to the superior by 1 March, publish by 1 April (RULES.md §16)."""
import datetime

from django.urls import reverse

from fazhi.core.registry import Alert, register_alert
from fazhi.core.rules import get_setting
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from .choices import ReportStatus
from .models import Report
from .permissions import ReportingPerm


def _severity(today, due, warn_days):
    if today > due:
        return "overdue"
    if today >= due - datetime.timedelta(days=warn_days):
        return "warning"
    return None


def report_deadlines(user, today):
    """The county government's report (and every other unit's report already begun) for last year."""
    if user is None or not user.has_perm(ReportingPerm.VIEW_REPORT):
        return []
    from .services import deadlines

    year = today.year - 1
    submit_by, publish_by = deadlines(year)
    warn = get_setting("reporting.warning_days")
    if _severity(today, submit_by, warn) is None and _severity(today, publish_by, warn) is None:
        return []
    visible = scope.visible_unit_ids(user, perm=ReportingPerm.VIEW_REPORT)
    reports = scope.visible(user, Report.objects.filter(year=year).select_related("unit"),
                            perm=ReportingPerm.VIEW_REPORT)
    by_unit = {r.unit_id: r for r in reports}
    units = {r.unit_id: r.unit for r in by_unit.values()}
    roots = OrgUnit.objects.filter(kind="government", parent__isnull=True, is_active=True)
    if visible is not None:
        roots = roots.filter(pk__in=visible)
    for gov in roots:
        units.setdefault(gov.pk, gov)
    alerts = []
    for unit_id, unit in sorted(units.items(), key=lambda kv: kv[1].path):
        report = by_unit.get(unit_id)
        link = report.get_absolute_url() if report else f"{reverse('reporting:report_create')}?year={year}&unit={unit_id}"
        status = report.status if report else None
        sev = _severity(today, submit_by, warn)
        if sev and status in (None, ReportStatus.DRAFT):
            alerts.append(Alert(
                rule=f"《法治政府建设与责任落实督察工作规定》：次年{submit_by.month}月{submit_by.day}日前向本级党委、政府和上级报告",
                severity=sev, unit=unit, due=submit_by, link=link,
                title=f"{unit.name}{year}年度法治政府建设报告{'逾期' if sev == 'overdue' else '即将到期'}未报送上级"))
        sev = _severity(today, publish_by, warn)
        if sev and status != ReportStatus.PUBLISHED:
            alerts.append(Alert(
                rule=f"《法治政府建设与责任落实督察工作规定》第二十四条：次年{publish_by.month}月{publish_by.day}日前通过报刊、网站向社会公开",
                severity=sev, unit=unit, due=publish_by, link=link,
                title=f"{unit.name}{year}年度法治政府建设报告{'逾期' if sev == 'overdue' else '即将到期'}未向社会公开"))
    return alerts


register_alert("reporting.report_deadlines", label="年度报告报送与公开期限", check=report_deadlines)
