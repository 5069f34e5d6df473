"""Every write to units, users and role grants. Each one is atomic and leaves an audit entry."""
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core import audit, clock
from fazhi.core.errors import DomainError
from fazhi.core.text import clean_code, clean_text

from .builtin_roles import ROLES, ROLES_BY_CODE
from .choices import DataScope, LoginEvent, UnitKind
from .models import LoginLog, OrgUnit, Role, RoleGrant, User

UNIT_FIELDS = ["code", "name", "short_name", "kind", "parent", "sort_order", "is_active"]

# Which kinds may sit under which: the county tree, plus outside bodies anywhere.
ALLOWED_PARENT_KINDS = {
    UnitKind.GOVERNMENT: {None},
    UnitKind.DEPARTMENT: {UnitKind.GOVERNMENT},
    UnitKind.TOWNSHIP: {UnitKind.GOVERNMENT},
    UnitKind.VILLAGE: {UnitKind.TOWNSHIP},
    UnitKind.INTERNAL: {UnitKind.GOVERNMENT, UnitKind.DEPARTMENT, UnitKind.TOWNSHIP, UnitKind.INTERNAL},
    UnitKind.FIRM: {None, UnitKind.GOVERNMENT, UnitKind.DEPARTMENT, UnitKind.OTHER},
    UnitKind.OTHER: {None, UnitKind.GOVERNMENT, UnitKind.DEPARTMENT, UnitKind.TOWNSHIP, UnitKind.OTHER},
}


def _check_parent(kind, parent):
    if parent is not None and not parent.is_active:
        raise DomainError(f"上级单位“{parent.name}”已撤销，不能在其下设立单位。", field="parent")
    allowed = ALLOWED_PARENT_KINDS.get(kind, set())
    parent_kind = parent.kind if parent is not None else None
    if parent_kind not in allowed:
        kind_label = UnitKind(kind).label
        if parent is None:
            raise DomainError(f"{kind_label}必须有上级单位。", field="parent")
        raise DomainError(f"{kind_label}不能设在“{parent.name}”（{parent.get_kind_display()}）之下。", field="parent")


def _set_path(unit):
    prefix = unit.parent.path if unit.parent_id else "/"
    unit.path = f"{prefix}{unit.pk}/"
    unit.depth = unit.path.count("/") - 2


@transaction.atomic
def unit_create(*, actor, code, name, kind, parent=None, short_name="", sort_order=0):
    code = clean_code(code)  # zero-width characters gone, full-width letters/digits as ASCII
    name = clean_text(name)
    if not code:
        raise DomainError("单位代码不能为空。", field="code")
    if not name:
        raise DomainError("单位名称不能为空。", field="name")
    if kind not in UnitKind.values:
        raise DomainError(f"单位类型“{kind}”不正确。", field="kind")
    if OrgUnit.objects.filter(code=code).exists():
        raise DomainError(f"单位代码“{code}”已被使用。", field="code")
    _check_parent(kind, parent)
    unit = OrgUnit.objects.create(code=code, name=name, kind=kind, parent=parent,
                                  short_name=short_name or "", sort_order=sort_order or 0)
    _set_path(unit)
    unit.save(update_fields=["path", "depth"])
    audit.record(actor=actor, event="orgs.unit_created", obj=unit,
                 changes=audit.diff({}, audit.snapshot(unit, UNIT_FIELDS)))
    return unit


@transaction.atomic
def unit_update(*, actor, unit, name=None, short_name=None, sort_order=None, kind=None):
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    before = audit.snapshot(unit, UNIT_FIELDS)
    if name is not None:
        if not name.strip():
            raise DomainError("单位名称不能为空。", field="name")
        unit.name = name.strip()
    if short_name is not None:
        unit.short_name = short_name.strip()
    if sort_order is not None:
        unit.sort_order = sort_order
    if kind is not None and kind != unit.kind:
        _check_parent(kind, unit.parent)
        for child in unit.children.all():
            if unit.kind != kind and kind not in ALLOWED_PARENT_KINDS.get(child.kind, set()):
                raise DomainError(f"该单位下有“{child.name}”，不能改为{UnitKind(kind).label}。", field="kind")
        unit.kind = kind
    unit.save()
    changes = audit.diff(before, audit.snapshot(unit, UNIT_FIELDS))
    if changes:
        audit.record(actor=actor, event="orgs.unit_updated", obj=unit, changes=changes)
    return unit


@transaction.atomic
def unit_move(*, actor, unit, new_parent):
    """Move a unit (and everything below it) under another parent. History stays in the audit trail."""
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    if new_parent is not None and new_parent.path.startswith(unit.path):
        raise DomainError("不能把单位移到它自己或它的下级单位之下。", field="parent")
    if (new_parent.pk if new_parent else None) == unit.parent_id:
        raise DomainError("新的上级单位与原上级单位相同。", field="parent")
    _check_parent(unit.kind, new_parent)
    old_parent = unit.parent
    old_prefix = unit.path
    unit.parent = new_parent
    _set_path(unit)
    unit.save(update_fields=["parent", "path", "depth", "updated_at"])
    descendants = list(OrgUnit.objects.filter(path__startswith=old_prefix).exclude(pk=unit.pk))
    for d in descendants:
        d.path = unit.path + d.path[len(old_prefix):]
        d.depth = d.path.count("/") - 2
    OrgUnit.objects.bulk_update(descendants, ["path", "depth"], batch_size=500)
    audit.record(actor=actor, event="orgs.unit_moved", obj=unit,
                 changes={"parent": [str(old_parent) if old_parent else None, str(new_parent) if new_parent else None]})
    return unit


@transaction.atomic
def unit_retire(*, actor, unit, reason, on=None):
    """Retire (撤销) a unit. Its records and history stay; it can no longer get new ones."""
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写撤销原因。", field="reason")
    if not unit.is_active:
        raise DomainError(f"“{unit.name}”已于{unit.retired_on:%Y-%m-%d}撤销。")
    active_children = unit.children.filter(is_active=True)
    if active_children.exists():
        names = "、".join(active_children.values_list("name", flat=True)[:5])
        raise DomainError(f"“{unit.name}”下还有有效的下级单位（{names}），请先调整或撤销它们。")
    if unit.members.filter(is_active=True).exists():
        raise DomainError(f"“{unit.name}”还有在用的用户账户，请先调整这些用户的所属单位或停用账户。")
    unit.is_active = False
    unit.retired_on = on or clock.today()
    unit.retired_reason = reason
    unit.save(update_fields=["is_active", "retired_on", "retired_reason", "updated_at"])
    audit.record(actor=actor, event="orgs.unit_retired", obj=unit,
                 changes={"is_active": [True, False], "retired_reason": [None, reason]})
    return unit


@transaction.atomic
def unit_reactivate(*, actor, unit):
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    if unit.is_active:
        raise DomainError(f"“{unit.name}”是有效单位，无需恢复。")
    if unit.parent is not None and not unit.parent.is_active:
        raise DomainError(f"上级单位“{unit.parent.name}”已撤销，请先恢复上级单位。")
    unit.is_active = True
    unit.retired_on = None
    unit.retired_reason = ""
    unit.save(update_fields=["is_active", "retired_on", "retired_reason", "updated_at"])
    audit.record(actor=actor, event="orgs.unit_reactivated", obj=unit, changes={"is_active": [False, True]})
    return unit


# Roles and users -------------------------------------------------------------------------

def roles_sync():
    """Make the ``Role`` table match ``builtin_roles.ROLES`` (idempotent)."""
    for spec in ROLES:
        Role.objects.update_or_create(code=spec.code, defaults={
            "name": spec.name, "description": spec.description, "read_only": spec.read_only})


def _clean_password(password, user):
    try:
        validate_password(password, user)
    except ValidationError as e:
        raise DomainError("；".join(e.messages), field="password") from e


@transaction.atomic
def user_create(*, actor, username, full_name, unit, password, title="", phone="", email="", role_code=None):
    """Create an account (and, with ``role_code``, its first role in its own unit) in one transaction."""
    username = (username or "").strip()
    if not username:
        raise DomainError("登录名不能为空。", field="username")
    if User.objects.filter(username=username).exists():
        raise DomainError(f"登录名“{username}”已被使用。", field="username")
    if not (full_name or "").strip():
        raise DomainError("姓名不能为空。", field="full_name")
    if unit is None or not unit.is_active:
        raise DomainError("请选择有效的所属单位。", field="unit")
    user = User(username=username, full_name=full_name.strip(), unit=unit, title=title, phone=phone, email=email)
    _clean_password(password, user)
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.save()
    audit.record(actor=actor, event="orgs.user_created", obj=user,
                 changes={"username": [None, username], "unit": [None, str(unit)]})
    if role_code:
        role_grant(actor=actor, user=user, role_code=role_code)
    return user


@transaction.atomic
def role_grant(*, actor, user, role_code, unit=None, scope=None, custom_units=(), post=""):
    spec = ROLES_BY_CODE.get(role_code)
    if spec is None:
        raise DomainError(f"角色“{role_code}”不存在。", field="role")
    role = Role.objects.get_or_create(code=spec.code, defaults={
        "name": spec.name, "description": spec.description, "read_only": spec.read_only})[0]
    unit = unit or user.unit
    scope = scope or spec.default_scope
    if scope not in DataScope.values:
        raise DomainError(f"数据权限“{scope}”不正确。", field="scope")
    if scope == DataScope.CUSTOM and not custom_units:
        raise DomainError("自定义数据权限须至少选择一个单位。", field="custom_units")
    grant, created = RoleGrant.objects.get_or_create(
        user=user, role=role, unit=unit, defaults={"scope": scope, "post": post})
    if not created:
        grant.scope = scope
        grant.post = post
        grant.save(update_fields=["scope", "post"])
    grant.custom_units.set(custom_units)
    if spec.code == "sysadmin" and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.__dict__.pop("_fazhi_reach_cache", None)
    user.__dict__.pop("_fazhi_perm_cache", None)
    audit.record(actor=actor, event="orgs.role_granted", obj=user, changes={
        "role": [None, spec.name], "unit": [None, str(unit)], "scope": [None, DataScope(scope).label],
        "custom_units": [None, [str(u) for u in custom_units]]})
    return grant


@transaction.atomic
def role_revoke(*, actor, grant):
    user = grant.user
    desc = str(grant)
    role_code = grant.role.code
    grant.delete()
    if role_code == "sysadmin" and not user.grants.filter(role__code="sysadmin").exists():
        user.is_staff = False
        user.save(update_fields=["is_staff"])
    audit.record(actor=actor, event="orgs.role_revoked", obj=user, changes={"grant": [desc, None]})


@transaction.atomic
def password_change(*, actor, user, old_password, new_password):
    if not user.check_password(old_password):
        raise DomainError("原密码不正确。", field="old_password")
    if old_password == new_password:
        raise DomainError("新密码不能与原密码相同。", field="new_password")
    try:
        validate_password(new_password, user)
    except ValidationError as e:
        raise DomainError("；".join(e.messages), field="new_password") from e
    user.set_password(new_password)
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "password_changed_at"])
    audit.record(actor=actor, event="orgs.password_changed", obj=user)
    return user


@transaction.atomic
def user_unlock(*, actor, user, ip=None):
    LoginLog.objects.create(username=user.username, user=user, unit=user.unit, event=LoginEvent.UNLOCK, ip=ip)
    audit.record(actor=actor, event="orgs.user_unlocked", obj=user, ip=ip)


@transaction.atomic
def units_import(*, actor, rows):
    """Create or update units from checked spreadsheet rows; one bad row and nothing is saved.

    A row's parent may be another row of the same file: rows are applied parents first.
    Returns ``{"created": n, "updated": n}``.
    """
    existing = {u.code: u for u in OrgUnit.objects.filter(code__in=[r["code"] for r in rows])}
    pending = [(getattr(row, "row", i), row) for i, row in enumerate(rows, start=2)]
    created = updated = 0
    by_code = dict(existing)
    while pending:
        progressed = False
        rest = []
        for row_no, row in pending:
            parent_code = row.get("parent_code") or ""
            if parent_code and parent_code not in by_code:
                parent = OrgUnit.objects.filter(code=parent_code).first()
                if parent is None:
                    rest.append((row_no, row))
                    continue
                by_code[parent_code] = parent
            parent = by_code.get(parent_code) if parent_code else None
            try:
                unit = by_code.get(row["code"]) if row["code"] in existing else None
                if unit is None:
                    unit = unit_create(actor=actor, code=row["code"], name=row["name"], kind=row["kind"],
                                       parent=parent, short_name=row.get("short_name") or "",
                                       sort_order=row.get("sort_order") or 0)
                    created += 1
                else:
                    unit = unit_update(actor=actor, unit=unit, name=row["name"],
                                       short_name=row.get("short_name") or "",
                                       sort_order=row.get("sort_order") or 0, kind=row["kind"])
                    if (unit.parent_id or None) != (parent.pk if parent else None):
                        unit = unit_move(actor=actor, unit=unit, new_parent=parent)
                    updated += 1
            except DomainError as e:
                e.row = row_no
                raise
            by_code[unit.code] = unit
            progressed = True
        if not progressed:
            row_no, row = rest[0]
            error = DomainError(f"上级单位代码“{row['parent_code']}”不存在。", field="parent_code")
            error.row = row_no
            raise error
        pending = rest
    audit.record(actor=actor, event="orgs.units_imported", object_repr=f"导入单位 {len(rows)} 行",
                 changes={"created": [None, created], "updated": [None, updated]})
    return {"created": created, "updated": updated}
