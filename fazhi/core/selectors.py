"""Reads of the audit trail and the holiday calendar."""
from django.db.models import Q

from . import access
from .models import AuditEntry, CalendarDay, CalendarYear

VIEW_AUDIT = "core.view_audit"  # the grant that lets a role read the audit trail


def audit_list(*, user, filters=None):
    f = filters or {}
    qs = access.visible(user, AuditEntry.objects.all(), perm=VIEW_AUDIT)
    if f.get("unit"):
        qs = qs.filter(unit_id=f["unit"])
    if f.get("actor"):
        qs = qs.filter(Q(actor_name__contains=f["actor"]) | Q(actor__username=f["actor"]))
    if f.get("object"):
        qs = qs.filter(Q(object_repr__contains=f["object"]) | Q(object_type__icontains=f["object"]))
    if f.get("event"):
        qs = qs.filter(event_name=f["event"])
    if f.get("date_from"):
        qs = qs.filter(at__date__gte=f["date_from"])
    if f.get("date_to"):
        qs = qs.filter(at__date__lte=f["date_to"])
    return qs.order_by("-seq")


def calendar_days(*, year=None):
    qs = CalendarDay.objects.all()
    if year:
        qs = qs.filter(date__year=year)
    return qs.order_by("date")


def calendar_years():
    return CalendarYear.objects.order_by("-year")


def deadline_changes(*, user, year):
    """Deadlines moved when ``year``'s holiday schedule was confirmed, as far as ``user`` may see them."""
    from .models import DeadlineChange

    return access.visible(user, DeadlineChange.objects.filter(year=year)).select_related("unit").order_by(
        "-notified_on", "unit__name", "id")
