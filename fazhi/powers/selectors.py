"""Every read of the power lists, limited to what the user may see (public reads are marked as such)."""
import datetime
from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, Value, When

from fazhi.core import clock, workdays
from fazhi.core.errors import CalendarMissing, NotFound
from fazhi.core.filters import MAX_ID
from fazhi.core.rules import get_setting
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from .choices import AdjustmentKind, AdjustmentStatus, ApprovalStatus, PowerCategory
from .models import (
    CONTENT_FIELDS,
    FIELD_LABELS,
    ApprovalItem,
    ItemFlag,
    LawChange,
    ListAdjustment,
    ListVersion,
    ListVersionEntry,
    PowerItem,
    PowerItemVersion,
    basis_lines,
)
from .permissions import PowersPerm


def current_versions(*, user, day=None, unit=None):
    """The content of every item in force on ``day`` (today) that ``user`` sees, with ``flagged`` (cites a law
    marked amended or repealed) for the row mark; ``filters.ItemFilter`` narrows and sorts them."""
    day = day or clock.today()
    qs = scope.visible(user, PowerItemVersion.objects.in_force_on(day), perm=PowersPerm.VIEW)
    qs = qs.select_related("item__unit").annotate(
        flagged=Exists(ItemFlag.objects.filter(item_id=OuterRef("item_id"), resolved_at__isnull=True)))
    if unit is not None:
        qs = qs.filter(item__unit_id=unit)
    return qs.order_by("item__unit__sort_order", "item__code")


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


def adjustment_list(*, user):
    """The adjustments ``user`` sees, with ``line_count``, ``pending`` (approved, not yet in effect) and ``overdue``
    (submitted, not reviewed within the office's working days) for the row marks."""
    qs = scope.visible(user, ListAdjustment.objects.all(), perm=PowersPerm.VIEW).select_related("unit")
    today = clock.today()
    cutoff = review_overdue_cutoff(today)
    overdue = (When(status=AdjustmentStatus.SUBMITTED, submitted_at__lt=cutoff, then=Value(True))
               if cutoff is not None else When(pk__isnull=True, then=Value(True)))
    return qs.annotate(
        line_count=Count("lines"),
        overdue=Case(overdue, default=Value(False), output_field=BooleanField()),
        pending=_pending(today),
    ).order_by("-created_at", "-id")


def review_overdue_cutoff(today):
    """The moment before which a submitted adjustment is overdue today (the office reviews within
    ``powers.review_days`` working days; start day not counted), or ``None`` without the holiday data."""
    days = get_setting("powers.review_days")
    day = today - datetime.timedelta(days=1)
    try:
        for _ in range(400):
            if workdays.add_working_days(day, days) < today:
                start = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
                return start.replace(tzinfo=clock.COUNTY_TZ)
            day -= datetime.timedelta(days=1)
    except CalendarMissing:
        return None
    return None


def _pending(today):
    return Case(When(status=AdjustmentStatus.APPROVED, effective_on__gt=today, then=Value(True)),
                default=Value(False), output_field=BooleanField())


def adjustment_records():
    """Adjustments with what their page shows, ``pending`` (approved, not yet in effect) included (scope is
    applied by ``AdjustmentPolicy.get``)."""
    return ListAdjustment.objects.select_related("unit", "created_by", "reviewed_by").annotate(
        pending=_pending(clock.today()))


def adjustment_problems(adj):
    """What the page warns about: why the lines could not take effect, once the adjustment left the drafter's
    hands (submitted or returned)."""
    if adj.status not in (AdjustmentStatus.SUBMITTED, AdjustmentStatus.RETURNED):
        return []
    return line_problems(adj)


HISTORY_KEYS = {"status": "状态", "effective_on": "生效日期", "unit": "调整单位", "line": "调整事项", "reason": "理由",
                "applied": "写入清单", "title": "调整名称", "trigger_document": "调整依据文件", "lines": "事项数"}


def _plain(key, value):
    if key == "status":
        return AdjustmentStatus(value).label if value in AdjustmentStatus.values else value
    if key == "applied" and isinstance(value, dict):
        return "，".join(f"{AdjustmentKind(k).label}{n}项" for k, n in value.items() if k in AdjustmentKind.values)
    return "" if value is None else value


def adjustment_history(*, user, adj):
    """The adjustment's timeline.

    Whoever may open the audit log sees the audit entries of the record (the same permission and data scope
    as the audit page); everyone else sees a plain history told from the record itself (who drafted,
    submitted and reviewed it, when), without audit internals.
    """
    from fazhi.core import audit_events

    from .policies import AdjustmentPolicy

    if AdjustmentPolicy().may_see_audit(user):
        from fazhi.core.selectors import audit_list

        entries = (audit_list(user=user, filters={})
                   .filter(object_type=adj._meta.label, object_id=str(adj.pk)).order_by("seq"))
        return [{"at": e.at, "actor_name": e.actor_name, "label": audit_events.label_for(e.event_name),
                 "changes": [(HISTORY_KEYS.get(k, k), _plain(k, v[0]), _plain(k, v[1]))
                             for k, v in e.changes.items() if isinstance(v, list) and len(v) == 2]}
                for e in entries]
    steps = [{"at": adj.created_at, "actor_name": _name(adj.created_by), "label": "新建动态调整", "changes": []}]
    if adj.submitted_at:
        steps.append({"at": adj.submitted_at, "actor_name": "", "label": "提交法治办审核", "changes": []})
    if adj.reviewed_at:
        label = {AdjustmentStatus.APPROVED: "审核通过", AdjustmentStatus.RETURNED: "退回修改"}.get(adj.status, "审核")
        opinion = [("审核意见", "", adj.review_opinion)] if adj.review_opinion else []
        steps.append({"at": adj.reviewed_at, "actor_name": _name(adj.reviewed_by), "label": label,
                      "changes": opinion})
    return steps


def _name(user):
    if user is None:
        return ""
    return getattr(user, "display_name", "") or user.get_full_name() or user.get_username()


def flags_open(*, user):
    return scope.visible(user, ItemFlag.objects.filter(resolved_at__isnull=True),
                         perm=PowersPerm.VIEW).select_related("item__unit", "law_change")


def flag_records():
    return ItemFlag.objects.select_related("item", "law_change")


def flag_get(*, user, pk):
    flag = scope.visible(user, ItemFlag.objects.select_related("item", "law_change"),
                         perm=PowersPerm.VIEW).filter(pk=pk).first()
    if flag is None:
        raise NotFound()
    return flag


def law_changes():
    return LawChange.objects.annotate(flag_count=Count("flags")).order_by("-changed_on", "-id")


def item_flags(item):
    return item.flags.select_related("law_change").order_by("-id")


def approval_list(*, user):
    """The approval items ``user`` sees, with ``adjustable`` (still in the catalogue) for the row's 调整 link."""
    adjustable = Case(When(status=ApprovalStatus.ACTIVE, then=Value(True)), default=Value(False),
                      output_field=BooleanField())
    return scope.visible(user, ApprovalItem.objects.select_related("unit", "power_item"),
                         perm=PowersPerm.VIEW).annotate(adjustable=adjustable).order_by("unit__sort_order", "code")


def approval_get(*, user, pk):
    item = approval_list(user=user).filter(pk=pk).first()
    if item is None:
        raise NotFound()
    return item


# Published versions: public by nature --------------------------------------------------------

def versions():
    return ListVersion.objects.all()


def version_list():
    """Published versions, with ``is_current`` (the version in force) for the row tag."""
    current = current_version()
    is_current = Case(When(pk=current.pk if current else None, then=Value(True)), default=Value(False),
                      output_field=BooleanField())
    is_upcoming = Case(When(published_on__gt=clock.today(), then=Value(True)), default=Value(False),
                       output_field=BooleanField())
    return (ListVersion.objects.annotate(is_current=is_current, is_upcoming=is_upcoming)
            .order_by("-published_on", "-id"))


def _pk(value):
    text = str(value or "").strip()
    return int(text) if text.isdecimal() and int(text) <= MAX_ID else None


def current_version(day=None):
    """The version in force on ``day`` (today): one published with a later date is not 现行 before that day."""
    return (ListVersion.objects.filter(published_on__lte=day or clock.today())
            .order_by("-published_on", "-id").first())


def upcoming_version(day=None):
    """The next version published with a future date (shown as 将于…生效), if any."""
    return ListVersion.objects.filter(published_on__gt=day or clock.today()).order_by("published_on", "id").first()


def version_get(pk):
    pk = _pk(pk)
    version = ListVersion.objects.filter(pk=pk).first() if pk else None
    if version is None:
        raise NotFound("没有这个清单版本。")
    return version


def previous_version(version):
    return (ListVersion.objects.filter(Q(published_on__lt=version.published_on) |
                                       Q(published_on=version.published_on, pk__lt=version.pk))
            .order_by("-published_on", "-id").first())


def version_entries(version):
    """The entries of a published version; ``filters.PublicEntryFilter`` narrows them."""
    return ListVersionEntry.objects.filter(version=version).order_by("unit_name", "code")


def entry_search(qs, version, q):
    """Entries of ``qs`` matching ``q``: the shared full-text index for the current version, else ``contains``."""
    from .search import public_item_ids

    ids = public_item_ids(q) if version == current_version() else None
    if ids is not None:
        return qs.filter(item_id__in=ids)
    return qs.filter(Q(name__contains=q) | Q(code__contains=q) | Q(sub_items__contains=q) | Q(duties__contains=q))


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
    pk = _pk(pk)
    entry = ListVersionEntry.objects.select_related("version").filter(pk=pk).first() if pk else None
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


# Rule helpers (read-only: what the services and the pages check) ----------------------------------

ADDING = (AdjustmentKind.ADD, AdjustmentKind.TAKE_OVER)


def open_version(item):
    return item.versions.filter(valid_to__isnull=True).order_by("-valid_from").first()


def line_problems(adjustment):
    """Why the lines could not take effect on the adjustment's date (empty when they can)."""
    problems = []
    lines = list(adjustment.lines.values_list("kind", "code", "item_id"))
    if not lines:
        return ["调整中没有任何事项。"]
    if adjustment.status == AdjustmentStatus.APPROVED:
        return []
    codes = [code for kind, code, _ in lines if kind in ADDING]
    taken = set(PowerItem.objects.filter(code__in=codes).values_list("code", flat=True)) if codes else set()
    for code in sorted(taken):
        problems.append(f"职权编码 {code} 已被使用。")
    item_ids = [item_id for _, _, item_id in lines if item_id]
    opens = dict(PowerItemVersion.objects.filter(item_id__in=item_ids, valid_to__isnull=True)
                 .values_list("item_id", "valid_from")) if item_ids else {}
    for _, code, item_id in lines:
        if item_id:
            valid_from = opens.get(item_id)
            if valid_from is None:
                problems.append(f"事项 {code} 已移出清单。")
            elif valid_from >= adjustment.effective_on:
                problems.append(f"事项 {code} 的现行内容自{valid_from:%Y-%m-%d}起施行，"
                                f"调整的生效日期应在其后。")
    return problems


# Comparing published versions ------------------------------------------------------------------

@dataclass
class Comparison:
    older: object
    newer: object
    added: list = field(default_factory=list)  # entry dicts
    removed: list = field(default_factory=list)
    changed: list = field(default_factory=list)  # {"code", "name", "unit_name", "fields": [(label, old, new)]}

    @property
    def unchanged_count(self):
        return self.newer_count - len(self.added) - len(self.changed)

    newer_count: int = 0


COMPARED_FIELDS = ("unit_name", *CONTENT_FIELDS)


def _display(field_name, value):
    if field_name == "bases":
        return "\n".join(basis_lines(value))
    if field_name == "category":
        return PowerCategory(value).label if value in PowerCategory.values else value
    return value


def versions_compare(older, newer):
    """Items added, removed and changed field by field between two published versions."""
    cols = ("code", *COMPARED_FIELDS)
    a = {row[0]: row for row in ListVersionEntry.objects.filter(version=older).values_list(*cols)}
    b = {row[0]: row for row in ListVersionEntry.objects.filter(version=newer).values_list(*cols)}
    result = Comparison(older=older, newer=newer, newer_count=len(b))

    def as_dict(row):
        return dict(zip(cols, row, strict=True))

    for code in sorted(b.keys() - a.keys()):
        result.added.append(as_dict(b[code]))
    for code in sorted(a.keys() - b.keys()):
        result.removed.append(as_dict(a[code]))
    for code in sorted(a.keys() & b.keys()):
        old, new = a[code], b[code]
        if old == new:
            continue
        fields = [(FIELD_LABELS[f], _display(f, old[i + 1]), _display(f, new[i + 1]))
                  for i, f in enumerate(COMPARED_FIELDS) if old[i + 1] != new[i + 1]]
        d = as_dict(new)
        result.changed.append({"code": code, "name": d["name"], "unit_name": d["unit_name"], "fields": fields})
    return result
