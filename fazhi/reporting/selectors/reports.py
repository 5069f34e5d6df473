"""Reads of the annual reports: lists, one report, its sections, snapshots and figure cells."""
from dataclasses import dataclass

from django.db.models import Q

from fazhi.core import clock
from fazhi.core.errors import NotFound
from fazhi.orgs import scope

from ..choices import ReportStatus
from ..models import FigureSnapshot, Report, ReportSection
from ..permissions import ReportingPerm
from .figures import PLACEHOLDER, compute_all, format_value, plain_value, report_unit_ids

REPORT_SORTS = {"year": "year", "-year": "-year", "unit": "unit__path", "status": "status"}


def report_list(*, user, filters=None):
    f = filters or {}
    qs = scope.visible(user, Report.objects.select_related("unit"), perm=ReportingPerm.VIEW_REPORT)
    if f.get("year"):
        qs = qs.filter(year=f["year"])
    if f.get("unit"):
        qs = qs.filter(unit_id=f["unit"])
    if f.get("status"):
        qs = qs.filter(status=f["status"])
    if f.get("q"):
        qs = qs.filter(Q(title__contains=f["q"]) | Q(unit__name__contains=f["q"]))
    return qs.order_by(REPORT_SORTS.get(f.get("sort") or "-year", "-year"), "unit__path")


def mark_deadlines(reports, today=None):
    """Each report's public deadline (``publish_by``) and whether it is overdue (``overdue``)."""
    from .. import services

    today, rule = today or clock.today(), services.deadline_rule()
    for r in reports:
        submit_by, r.publish_by = services.deadlines(r.year, rule)
        r.overdue = (r.status != ReportStatus.PUBLISHED and today > r.publish_by) or (
            r.status == ReportStatus.DRAFT and today > submit_by)
    return reports


def report_get(*, user, pk):
    report = scope.visible(user, Report.objects.select_related("unit", "created_by"),
                           perm=ReportingPerm.VIEW_REPORT).filter(pk=pk).first()
    if report is None:
        raise NotFound()
    return report


def public_reports():
    return Report.objects.filter(status=ReportStatus.PUBLISHED).select_related("unit").order_by("-year", "unit__path")


def public_report_get(pk):
    report = public_reports().filter(pk=pk).first()
    if report is None:
        raise NotFound("报告不存在或尚未公开。")
    return report


@dataclass
class FigureCell:
    """A number as the report shows it: the value used, and the current one when the records changed."""

    key: str
    label: str
    unit: str
    display: str
    link: str = ""
    missing: bool = False
    changed: bool = False
    new_display: str = ""
    error: str = ""


def report_cells(report, *, check_changes=True):
    """``{key: FigureCell}`` for every snapshot of ``report``; a draft is compared with today's records.

    A published report is read from its frozen snapshots only: later corrections never change it.
    """
    snaps = list(report.snapshots.all())
    current = {}
    if check_changes and not report.is_published:
        current = compute_all(year=report.year, unit_ids=report_unit_ids(report.unit),
                              keys={s.key for s in snaps})
    cells = {}
    for s in snaps:
        cell = FigureCell(s.key, s.label, s.unit_label, format_value(s.value), s.link, error=s.error)
        now = current.get(s.key)
        if now is not None and not now.error:
            cell.link = now.link or s.link
            if plain_value(now.value) != s.value or now.digest != s.records_digest:
                cell.changed = True
                cell.new_display = now.display
        cells[s.key] = cell
    return cells


def report_placeholders(report):
    keys = []
    for section in report.sections.all():
        keys.extend(PLACEHOLDER.findall(section.body))
    return list(dict.fromkeys(keys))


def changed_cells(cells):
    return [c for c in cells.values() if c.changed]


def sections_of(report):
    return list(ReportSection.objects.filter(report=report).order_by("position"))


def snapshots_of(report):
    return list(FigureSnapshot.objects.filter(report=report).order_by("key"))
