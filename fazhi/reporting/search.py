"""Annual reports in the shared full-text search: staff find drafts in their scope; the public finds
published reports (their frozen text, personal data masked)."""
from django.urls import reverse

from fazhi.core.registry import register_search

from .models import Report

SOURCE = "reporting.report"


def fields(report):
    from . import selectors

    cells = selectors.report_cells(report, check_changes=False)
    text = "\n".join(p for s in selectors.sections_of(report)
                     for p in [s.heading, *selectors.render_text(s.body, cells, mask=report.is_published)])
    if report.is_published:
        url = f"{reverse('reporting:public_report_view')}?id={report.pk}"
    else:
        url = report.get_absolute_url()
    return {"title": report.title, "text": text, "unit": report.unit, "url": url, "public": report.is_published}


def entries():
    for report in Report.objects.select_related("unit"):
        yield report, fields(report)


def index_report(report):
    """Keep the report's search entry in step (called inside the service's transaction)."""
    from fazhi.core import search

    search.index(report, source=SOURCE, **fields(report))


register_search(SOURCE, label="法治政府建设年度报告", entries=entries)
