"""Data scope (数据权限): the one place that limits a queryset to what a user may see or change.

A model declares ``scope_owner`` (path to the owning ``OrgUnit``; ``"self"`` on the unit table)
and optionally ``scope_person`` (path to the user a record belongs to, for 仅本人; ``"self"``
on the user table). ``visible`` and ``changeable`` combine the user's role grants:

- 全部 (ALL): every row;
- 本部门 (DEPARTMENT): rows owned by the grant's unit;
- 本部门及以下 (DEPARTMENT_TREE): rows owned by the grant's unit or any unit below it;
- 自定义 (CUSTOM): rows owned by the units chosen on the grant;
- 仅本人 (SELF): rows whose ``scope_person`` is the user.

A model without a declaration raises (fail closed); so does a call for an anonymous user
returning nothing. Read-only roles (县领导) count for ``visible`` but never for ``changeable``.
"""
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

from .choices import DataScope
from .models import OrgUnit


@dataclass
class Reach:
    everything: bool = False
    unit_ids: set = field(default_factory=set)
    own_records: bool = False

    @property
    def nothing(self):
        return not self.everything and not self.unit_ids and not self.own_records


def reach(user, *, perm=None, write=False) -> Reach:
    """What ``user`` reaches through the grants that carry ``perm`` (computed once per user object)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Reach()
    key = (perm, write)
    cache = user.__dict__.setdefault("_fazhi_reach_cache", {})
    if key in cache:
        return cache[key]
    from .builtin_roles import permissions_of

    result = Reach()
    tree_paths = []
    grants = user.grants.select_related("role", "unit").prefetch_related("custom_units")
    for grant in grants:
        if perm is not None and not (user.is_superuser or perm in permissions_of(grant.role.code)):
            continue
        if write and grant.role.read_only:
            continue
        if grant.scope == DataScope.ALL:
            result.everything = True
        elif grant.scope == DataScope.DEPARTMENT:
            result.unit_ids.add(grant.unit_id)
        elif grant.scope == DataScope.DEPARTMENT_TREE:
            tree_paths.append(grant.unit.path)
        elif grant.scope == DataScope.CUSTOM:
            result.unit_ids.update(u.pk for u in grant.custom_units.all())
        elif grant.scope == DataScope.SELF:
            result.own_records = True
    if tree_paths and not result.everything:
        q = Q()
        for path in tree_paths:
            q |= Q(path__startswith=path)
        result.unit_ids.update(OrgUnit.objects.filter(q).values_list("pk", flat=True))
    cache[key] = result
    return result


def _owner_lookup(model):
    owner = getattr(model, "scope_owner", None)
    if not owner:
        raise ImproperlyConfigured(f"{model._meta.label} 未声明 scope_owner，不能按数据权限查询。")
    return "pk" if owner == "self" else owner


def _filter(user, qs, r: Reach):
    model = qs.model
    owner = _owner_lookup(model)
    if r.everything:
        return qs
    q = Q(pk__in=[])
    if r.unit_ids:
        q |= Q(**{f"{owner}__in": sorted(r.unit_ids)})
    person = getattr(model, "scope_person", None)
    if r.own_records and person:
        q |= Q(pk=user.pk) if person == "self" else Q(**{person: user.pk})
    return qs.filter(q)


def visible(user, qs, *, perm=None):
    """Rows of ``qs`` that ``user`` may see (through grants carrying ``perm``, if given)."""
    return _filter(user, qs, reach(user, perm=perm))


def changeable(user, qs, *, perm=None):
    """Rows of ``qs`` that ``user`` may change: as ``visible``, without read-only roles."""
    return _filter(user, qs, reach(user, perm=perm, write=True))


def can_see(user, obj, *, perm=None):
    return visible(user, type(obj)._default_manager.filter(pk=obj.pk), perm=perm).exists()


def can_change(user, obj, *, perm=None):
    return changeable(user, type(obj)._default_manager.filter(pk=obj.pk), perm=perm).exists()


def visible_unit_ids(user, *, perm=None):
    """Ids of the units whose records ``user`` may see, or ``None`` for every unit."""
    r = reach(user, perm=perm)
    return None if r.everything else set(r.unit_ids)


def audit_chain(unit):
    """The audit chain of a write in ``unit`` (``fazhi.core.audit``): one per county, keyed by its top-level unit."""
    root = unit.path.strip("/").split("/")[0] if unit.path else unit.pk
    return f"u{root}"


def audit_chain_name(key):
    """The top-level unit's name for a chain key made by ``audit_chain``."""
    unit = OrgUnit.objects.filter(pk=int(key[1:])).only("name").first() if key[1:].isdecimal() else None
    return unit.name if unit else key
