"""Reads of units, users and the login log, always limited to the reader's data scope."""
from django.db.models import Count, Q

from fazhi.core.errors import NotFound

from . import scope
from .builtin_roles import Perm
from .models import LoginLog, OrgUnit, RoleGrant, User

UNIT_SORTS = {"code": "code", "-code": "-code", "name": "name", "-name": "-name", "path": "path",
              "kind": "kind", "-kind": "-kind"}


def unit_list(*, user, filters=None):
    f = filters or {}
    qs = scope.visible(user, OrgUnit.objects.select_related("parent"), perm=Perm.VIEW_UNITS)
    if f.get("q"):
        qs = qs.filter(Q(name__contains=f["q"]) | Q(code__icontains=f["q"]) | Q(short_name__contains=f["q"]))
    if f.get("kind"):
        qs = qs.filter(kind=f["kind"])
    if f.get("parent"):
        qs = qs.filter(parent_id=f["parent"])
    if f.get("under"):
        root = OrgUnit.objects.filter(pk=f["under"]).first()
        qs = qs.filter(path__startswith=root.path) if root else qs.none()
    status = f.get("status", "active")
    if status == "active":
        qs = qs.filter(is_active=True)
    elif status == "retired":
        qs = qs.filter(is_active=False)
    return qs.order_by(UNIT_SORTS.get(f.get("sort") or "path", "path"), "code")


def unit_get(*, user, pk):
    unit = scope.visible(user, OrgUnit.objects.select_related("parent"), perm=Perm.VIEW_UNITS).filter(pk=pk).first()
    if unit is None:
        raise NotFound()
    return unit


def unit_children(*, user, unit):
    return (scope.visible(user, unit.children.all(), perm=Perm.VIEW_UNITS)
            .annotate(child_count=Count("children")).order_by("sort_order", "code"))


def unit_choices(*, user, kinds=None, active=True):
    qs = scope.visible(user, OrgUnit.objects.all(), perm=Perm.VIEW_UNITS)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    if active:
        qs = qs.filter(is_active=True)
    return qs.order_by("path")


def unit_ancestors(*, unit):
    ids = unit.ancestor_ids()
    by_id = OrgUnit.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


USER_SORTS = {"username": "username", "-username": "-username", "name": "full_name", "unit": "unit__path"}


def user_list(*, user, filters=None):
    f = filters or {}
    qs = scope.visible(user, User.objects.select_related("unit"), perm=Perm.VIEW_USERS)
    if f.get("q"):
        qs = qs.filter(Q(username__icontains=f["q"]) | Q(full_name__contains=f["q"]))
    if f.get("unit"):
        qs = qs.filter(unit_id=f["unit"])
    if f.get("role"):
        qs = qs.filter(grants__role__code=f["role"]).distinct()
    if f.get("status") == "inactive":
        qs = qs.filter(is_active=False)
    elif f.get("status") != "all":
        qs = qs.filter(is_active=True)
    return qs.order_by(USER_SORTS.get(f.get("sort") or "unit", "unit__path"), "username")


def user_get(*, user, pk):
    found = scope.visible(user, User.objects.select_related("unit"), perm=Perm.VIEW_USERS).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def login_log_list(*, user, filters=None):
    f = filters or {}
    qs = scope.visible(user, LoginLog.objects.select_related("user", "unit"), perm=Perm.VIEW_AUDIT)
    if f.get("q"):
        qs = qs.filter(username__icontains=f["q"])
    if f.get("event"):
        qs = qs.filter(event=f["event"])
    if f.get("date_from"):
        qs = qs.filter(at__date__gte=f["date_from"])
    if f.get("date_to"):
        qs = qs.filter(at__date__lte=f["date_to"])
    return qs


def administrative_organs(queryset=None):
    """Active administrative organs (``OrgUnit.is_administrative_organ``) in tree order: the choices of 制定机关."""
    from django.db.models import Q

    from .choices import NON_ADMINISTRATIVE_NAME_MARKS, ORGAN_KINDS

    qs = (queryset if queryset is not None else OrgUnit.objects.all()).filter(is_active=True, kind__in=ORGAN_KINDS)
    exclude = Q()
    for mark in NON_ADMINISTRATIVE_NAME_MARKS:
        exclude |= Q(name__contains=mark)
    return qs.exclude(exclude).order_by("path")


def own_organ(user):
    """The administrative organ ``user`` works for: the user's unit or its nearest ancestor that is one."""
    unit = getattr(user, "unit", None)
    if unit is None:
        return None
    if unit.is_administrative_organ:
        return unit
    ancestors = {u.pk: u for u in OrgUnit.objects.filter(pk__in=unit.ancestor_ids())}
    for pk in reversed(unit.ancestor_ids()):
        if pk in ancestors and ancestors[pk].is_administrative_organ and ancestors[pk].is_active:
            return ancestors[pk]
    return None


def unit_liaisons(unit_ids):
    """``{unit_id: [users]}``: the active 单位联络员 of each unit (who receives the unit's notices and digest)."""
    found: dict = {}
    grants = RoleGrant.objects.filter(role__code="liaison", unit_id__in=list(unit_ids), user__is_active=True)
    for g in grants.select_related("user").order_by("unit_id", "user_id"):
        found.setdefault(g.unit_id, []).append(g.user)
    return found
