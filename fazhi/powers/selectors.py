"""Every read of the power lists, limited to what the user may see (public reads are marked as such)."""
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from fazhi.core.errors import NotFound
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from .choices import AdjustmentStatus
from .models import (
    ApprovalItem,
    ItemFlag,
    LawChange,
    ListAdjustment,
    ListVersion,
    ListVersionEntry,
    PowerItem,
    PowerItemVersion,
)
from .permissions import PowersPerm

ITEM_SORTS = {"code": "item__code", "name": "name", "category": "category", "unit": "item__unit__sort_order"}


def current_versions(*, user, filters=None, day=None):
    """The content of every item in force on ``day`` (today) that ``user`` sees, with filters."""
    filters = filters or {}
    day = day or timezone.localdate()
    qs = scope.visible(user, PowerItemVersion.objects.in_force_on(day), perm=PowersPerm.VIEW)
    qs = qs.select_related("item__unit").annotate(
        flagged=Exists(ItemFlag.objects.filter(item_id=OuterRef("item_id"), resolved_at__isnull=True)))
    if filters.get("q"):
        q = filters["q"]
        qs = qs.filter(Q(name__contains=q) | Q(item__code__contains=q) | Q(sub_items__contains=q))
    if filters.get("unit"):
        qs = qs.filter(item__unit_id=filters["unit"])
    if filters.get("category"):
        qs = qs.filter(category=filters["category"])
    if filters.get("flagged"):
        qs = qs.filter(flagged=True)
    sort = filters.get("sort", "")
    key = ITEM_SORTS.get(sort.lstrip("-"))
    order = [("-" if sort.startswith("-") else "") + key] if key else []
    return qs.order_by(*order, "item__unit__sort_order", "item__code")


def item_get(*, user, pk):
    item = scope.visible(user, PowerItem.objects.select_related("unit"), perm=PowersPerm.VIEW).filter(pk=pk).first()
    if item is None:
        raise NotFound()
    return item


def item_units(*, user):
    """Units whose lists ``user`` sees (for filters and forms)."""
    return scope.visible(user, OrgUnit.objects.filter(is_active=True,
                                                      kind__in=["government", "department", "township"]),
                         perm=PowersPerm.VIEW)


def editable_units(*, user):
    return scope.changeable(user, OrgUnit.objects.filter(is_active=True,
                                                         kind__in=["government", "department", "township"]),
                            perm=PowersPerm.EDIT)


def adjustment_list(*, user, filters=None):
    filters = filters or {}
    qs = scope.visible(user, ListAdjustment.objects.all(), perm=PowersPerm.VIEW).select_related("unit")
    qs = qs.annotate(line_count=Count("lines"))
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("unit"):
        qs = qs.filter(unit_id=filters["unit"])
    if filters.get("q"):
        qs = qs.filter(Q(title__contains=filters["q"]) | Q(trigger_document__contains=filters["q"]))
    if filters.get("year"):
        qs = qs.filter(effective_on__year=filters["year"])
    sort = filters.get("sort", "")
    allowed = {"effective_on", "-effective_on", "submitted_at", "-submitted_at", "title", "-title"}
    return qs.order_by(sort) if sort in allowed else qs.order_by("-created_at", "-id")


def adjustment_get(*, user, pk):
    adj = scope.visible(user, ListAdjustment.objects.select_related("unit", "created_by", "reviewed_by"),
                        perm=PowersPerm.VIEW).filter(pk=pk).first()
    if adj is None:
        raise NotFound()
    return adj


def flags_open(*, user):
    return scope.visible(user, ItemFlag.objects.filter(resolved_at__isnull=True),
                         perm=PowersPerm.VIEW).select_related("item__unit", "law_change")


def flag_get(*, user, pk):
    flag = scope.visible(user, ItemFlag.objects.select_related("item", "law_change"),
                         perm=PowersPerm.VIEW).filter(pk=pk).first()
    if flag is None:
        raise NotFound()
    return flag


def law_changes():
    return LawChange.objects.annotate(flag_count=Count("flags")).order_by("-changed_on", "-id")


def approval_list(*, user, filters=None):
    filters = filters or {}
    qs = scope.visible(user, ApprovalItem.objects.select_related("unit", "power_item"), perm=PowersPerm.VIEW)
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("q"):
        qs = qs.filter(Q(name__contains=filters["q"]) | Q(code__contains=filters["q"]))
    if filters.get("unit"):
        qs = qs.filter(unit_id=filters["unit"])
    return qs


def approval_get(*, user, pk):
    item = approval_list(user=user).filter(pk=pk).first()
    if item is None:
        raise NotFound()
    return item


# Published versions: public by nature --------------------------------------------------------

def versions():
    return ListVersion.objects.all()


def current_version():
    return ListVersion.objects.order_by("-published_on", "-id").first()


def version_get(pk):
    version = ListVersion.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if version is None:
        raise NotFound("没有这个清单版本。")
    return version


def previous_version(version):
    return (ListVersion.objects.filter(Q(published_on__lt=version.published_on) |
                                       Q(published_on=version.published_on, pk__lt=version.pk))
            .order_by("-published_on", "-id").first())


def version_entries(version, *, filters=None):
    filters = filters or {}
    qs = ListVersionEntry.objects.filter(version=version)
    if filters.get("unit"):
        qs = qs.filter(unit_id=filters["unit"])
    if filters.get("category"):
        qs = qs.filter(category=filters["category"])
    if filters.get("q"):
        from .search import public_item_ids

        q = filters["q"]
        ids = public_item_ids(q) if version == current_version() else None
        if ids is not None:
            qs = qs.filter(item_id__in=ids)
        else:
            qs = qs.filter(Q(name__contains=q) | Q(code__contains=q) | Q(sub_items__contains=q)
                           | Q(duties__contains=q))
    return qs.order_by("unit_name", "code")


def version_units(version):
    """(unit id, name, item count) of a version, for browsing by department."""
    return (ListVersionEntry.objects.filter(version=version).values("unit_id", "unit_name")
            .annotate(n=Count("id")).order_by("unit_name"))


def version_categories(version, unit=None):
    qs = ListVersionEntry.objects.filter(version=version)
    if unit:
        qs = qs.filter(unit_id=unit)
    return dict(qs.values_list("category").annotate(n=Count("id")).values_list("category", "n"))


def entry_get(pk):
    entry = ListVersionEntry.objects.select_related("version").filter(pk=pk).first() if str(pk).isdigit() else None
    if entry is None:
        raise NotFound("没有这个事项。")
    return entry


def item_in_force(*, unit, code, day):
    """The content of ``unit``'s power item ``code`` in force on ``day``, or ``None``.

    For other modules that must rest an act on a listed power (an enforcement case cites the item
    it exercises); the caller has already checked that its actor may act for ``unit``.
    """
    return (PowerItemVersion.objects.in_force_on(day).select_related("item")
            .filter(item__unit=unit, item__code=(code or "").strip()).first())


def items_in_force(*, unit, day, category=None):
    """``unit``'s listed items in force on ``day`` (optionally of one category), by code."""
    qs = PowerItemVersion.objects.in_force_on(day).select_related("item").filter(item__unit=unit)
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("item__code")


def current_entry_by_code(code):
    version = current_version()
    entry = (ListVersionEntry.objects.select_related("version").filter(version=version, code=code).first()
             if version else None)
    if entry is None:
        raise NotFound("现行清单中没有这个事项。")
    return entry


def adjustments_between(older, newer):
    """Approved adjustments that took effect after ``older`` was published, up to ``newer``."""
    qs = ListAdjustment.objects.filter(status=AdjustmentStatus.APPROVED, effective_on__lte=newer.published_on)
    if older is not None:
        qs = qs.filter(effective_on__gt=older.published_on)
    return qs.select_related("unit").annotate(line_count=Count("lines")).order_by("effective_on", "unit__sort_order")
