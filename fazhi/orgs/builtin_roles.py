"""The built-in roles, declared in code and synced to the ``Role`` table (``manage.py sync_roles``).

A permission is a string ``<module>.<action>``; a module adds its own permissions to the roles
with ``grant_permissions`` in its ``permissions.py`` (imported at start-up). ``read_only`` roles see what their scope allows and change nothing.
"""
from dataclasses import dataclass

from .choices import DataScope


@dataclass(frozen=True)
class RoleSpec:
    code: str
    name: str
    description: str
    default_scope: str
    permissions: frozenset
    read_only: bool = False


class Perm:
    SYSADMIN = "orgs.sysadmin"
    VIEW_UNITS = "orgs.view_units"
    MANAGE_UNITS = "orgs.manage_units"
    VIEW_USERS = "orgs.view_users"
    MANAGE_USERS = "orgs.manage_users"
    VIEW_AUDIT = "core.view_audit"
    MANAGE_CALENDAR = "core.manage_calendar"
    MANAGE_RULES = "core.manage_rules"


ROLES = [
    RoleSpec("sysadmin", "系统管理员", "维护账户、角色和系统设置，可进入后台管理", DataScope.ALL,
             frozenset({Perm.SYSADMIN, Perm.VIEW_UNITS, Perm.MANAGE_UNITS, Perm.VIEW_USERS,
                        Perm.MANAGE_USERS, Perm.VIEW_AUDIT, Perm.MANAGE_CALENDAR, Perm.MANAGE_RULES})),
    RoleSpec("office", "法治办", "法治政府建设工作领导小组办公室（设司法局），统筹全部工作", DataScope.ALL,
             frozenset({Perm.VIEW_UNITS, Perm.MANAGE_UNITS, Perm.VIEW_USERS, Perm.MANAGE_USERS,
                        Perm.VIEW_AUDIT, Perm.MANAGE_CALENDAR, Perm.MANAGE_RULES})),
    RoleSpec("liaison", "单位联络员", "维护本单位的各类台账", DataScope.DEPARTMENT_TREE,
             frozenset({Perm.VIEW_UNITS, Perm.VIEW_USERS})),
    RoleSpec("reviewer", "法制审核人员", "出具合法性审核意见", DataScope.DEPARTMENT,
             frozenset({Perm.VIEW_UNITS})),
    RoleSpec("officer", "行政执法人员", "记录执法案件，须持有效执法证", DataScope.SELF,
             frozenset({Perm.VIEW_UNITS})),
    RoleSpec("lawyer", "驻村（社区）律师", "登记包联村（社区）的服务", DataScope.CUSTOM,
             frozenset({Perm.VIEW_UNITS})),
    RoleSpec("leader", "县领导", "查看驾驶舱和报告，只读", DataScope.ALL,
             frozenset({Perm.VIEW_UNITS, Perm.VIEW_USERS}), read_only=True),
]

ROLES_BY_CODE = {r.code: r for r in ROLES}

# Permissions that modules add to the built-in roles (from their ``permissions.py``).
_EXTRA: dict[str, set] = {code: set() for code in ROLES_BY_CODE}


def grant_permissions(role_code, *perms):
    """A module gives ``role_code`` its own permissions, e.g. ``grant_permissions("office", "powers.review")``."""
    if role_code not in ROLES_BY_CODE:
        raise ValueError(f"unknown role {role_code!r}")
    spec = ROLES_BY_CODE[role_code]
    if spec.read_only and any(not p.split(".", 1)[-1].startswith("view") for p in perms):
        raise ValueError(f"{role_code} is read-only: only view permissions may be granted")
    _EXTRA[role_code].update(perms)


def permissions_of(role_code):
    spec = ROLES_BY_CODE.get(role_code)
    return (spec.permissions | _EXTRA[role_code]) if spec else frozenset()
