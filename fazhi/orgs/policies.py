"""Who may do what to units and user accounts (one policy per record type)."""
from .builtin_roles import Perm
from .models import OrgUnit, RoleGrant, User
from .policy import Policy


class UnitPolicy(Policy):
    model = OrgUnit
    view_permission = Perm.VIEW_UNITS
    permissions = {"create": Perm.MANAGE_UNITS, "edit": Perm.MANAGE_UNITS, "move": Perm.MANAGE_UNITS,
                   "retire": Perm.MANAGE_UNITS, "reactivate": Perm.MANAGE_UNITS, "import": Perm.MANAGE_UNITS,
                   "add_child": Perm.MANAGE_UNITS, "history": Perm.VIEW_AUDIT}

    def state_edit(self, unit, on):
        return None if unit.is_active else "已撤销的单位不能修改，请先恢复。"

    state_move = state_add_child = state_edit

    def state_retire(self, unit, on):
        return None if unit.is_active else "该单位已撤销。"

    def state_reactivate(self, unit, on):
        return "该单位未撤销，无需恢复。" if unit.is_active else None


class UserPolicy(Policy):
    model = User
    view_permission = Perm.VIEW_USERS
    permissions = {"create": Perm.MANAGE_USERS, "grant": Perm.MANAGE_USERS, "unlock": Perm.MANAGE_USERS}


class GrantPolicy(Policy):
    model = RoleGrant
    view_permission = Perm.VIEW_USERS
    permissions = {"revoke": Perm.MANAGE_USERS}
