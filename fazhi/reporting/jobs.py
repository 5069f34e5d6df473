"""The daily look at drafted annual reports: a report keeps the figures it was drafted with until the office takes
the new ones (刷新指标), so when the records behind a figure change, its drafter is told the next morning which
figures changed, old and new — the report itself is never rewritten by the job."""
from fazhi.core import notify
from fazhi.core.jobs import register_job

from . import selectors
from .choices import ReportStatus
from .models import Report


def figure_changes(day):
    told = 0
    for report in Report.objects.filter(status=ReportStatus.DRAFT).select_related("unit", "created_by"):
        user = report.created_by
        if user is None or not user.is_active:
            continue
        changed = selectors.changed_cells(selectors.report_cells(report))
        if not changed:
            continue
        body = "\n".join(f"{c.label}：报告中为{c.display}{c.unit}，现为{c.new_display}{c.unit}" for c in changed)
        sent = notify.send(user, key=f"reporting.figures_changed:{report.pk}:{day:%Y%m%d}",
                           title=f"{report.title}：{len(changed)}项指标的记录有变化，请核对后刷新指标",
                           body=body, link=report.get_absolute_url())
        told += sent is not None
    return f"提醒{told}份报告的起草人核对变化的指标"


register_job("reporting.figure_changes", label="年度报告指标变化提醒", run=figure_changes, at="07:20")
