"""The data-scope questions core asks without knowing who holds which grant.

``core`` is domain-free: it does not import ``fazhi.orgs``. The organisation app, which knows
users, roles and data scopes, installs its answers at start-up (``OrgsConfig.ready`` calls
``install``); core's workflow helper, search, audit and deadline reads ask through the functions below.
Until something is installed every question is answered "no" (fail closed).
"""
from collections.abc import Callable

_can_change: Callable | None = None
_visible_unit_ids: Callable | None = None
_visible: Callable | None = None
_audit_chain: Callable | None = None
_audit_chain_name: Callable | None = None


def install(*, can_change: Callable, visible_unit_ids: Callable, visible: Callable, audit_chain: Callable = None,
            audit_chain_name: Callable = None):
    global _can_change, _visible_unit_ids, _visible, _audit_chain, _audit_chain_name
    _can_change = can_change
    _visible_unit_ids = visible_unit_ids
    _visible = visible
    _audit_chain, _audit_chain_name = audit_chain, audit_chain_name


def audit_chain(unit) -> str:
    """The key of the audit chain that records a write of ``unit`` (one chain per county: its top-level unit);
    ``""`` — the installation's own chain — for no unit or when nothing is installed."""
    if unit is None or _audit_chain is None:
        return ""
    return _audit_chain(unit)


def audit_chain_name(key) -> str:
    """The chain's name as people read it (the county's name); "" for the installation's own chain."""
    if not key or _audit_chain_name is None:
        return ""
    return _audit_chain_name(key)


def can_change(user, obj, *, perm=None) -> bool:
    """May ``user`` change ``obj`` through a grant carrying ``perm`` (data scope only)?"""
    return bool(_can_change and _can_change(user, obj, perm=perm))


def visible_unit_ids(user, *, perm=None):
    """Ids of the units whose records ``user`` may see, ``None`` for every unit, an empty set when unknown."""
    if _visible_unit_ids is None:
        return set()
    return _visible_unit_ids(user, perm=perm)


def visible(user, qs, *, perm=None):
    """The rows of ``qs`` that ``user`` may see (through grants carrying ``perm``, if given); none when unknown."""
    if _visible is None:
        return qs.none()
    return _visible(user, qs, perm=perm)
