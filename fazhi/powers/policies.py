"""Who may do what on the power lists, now: one policy per record type (``fazhi.orgs.policy``).

Views ask these policies for the record (``get``), the buttons (``buttons``) and the template's ``may``;
services re-check with ``check``.
"""
from fazhi.orgs.builtin_roles import Perm
from fazhi.orgs.policy import Policy

from .choices import AdjustmentStatus, ApprovalStatus
from .models import ApprovalItem, ItemFlag, LawChange, ListAdjustment, ListVersion, PowerItem
from .permissions import PowersPerm
from .workflows import adjustment_workflow

# An adjustment is changed by its unit while it is a draft or has been returned.
EDITABLE = (AdjustmentStatus.DRAFT, AdjustmentStatus.RETURNED)


class PowerItemPolicy(Policy):
    model = PowerItem
    view_permission = PowersPerm.VIEW
    permissions = {"adjust": PowersPerm.EDIT}

    def state_adjust(self, item, on):
        if item.ended_on:
            return f"事项 {item.code} 已移出清单，不能再调整。"
        return None


class AdjustmentPolicy(Policy):
    model = ListAdjustment
    view_permission = PowersPerm.VIEW
    permissions = {"create": PowersPerm.EDIT, "edit": PowersPerm.EDIT, "import": PowersPerm.EDIT}
    workflow = adjustment_workflow

    def state_edit(self, adj, on):
        if adj.status not in EDITABLE:
            return f"动态调整“{adj.get_status_display()}”，不能再修改。"
        return None

    def may_see_audit(self, user):
        """The record's audit trail is shown to whoever the audit log (审计日志) page is shown to: its own
        function permission; which entries, its own data scope (``fazhi.core.selectors.audit_list``)."""
        return bool(user and user.is_authenticated and user.has_perm(Perm.VIEW_AUDIT))


class FlagPolicy(Policy):
    model = ItemFlag
    view_permission = PowersPerm.VIEW
    permissions = {"resolve": PowersPerm.EDIT}

    def state_resolve(self, flag, on):
        if flag.resolved_at:
            return "该提醒已处理。"
        return None


class LawChangePolicy(Policy):
    model = LawChange
    view_permission = PowersPerm.VIEW
    permissions = {"mark": PowersPerm.MARK_LAW}


class VersionPolicy(Policy):
    model = ListVersion
    view_permission = PowersPerm.VIEW
    permissions = {"publish": PowersPerm.PUBLISH}


class ApprovalPolicy(Policy):
    model = ApprovalItem
    view_permission = PowersPerm.VIEW
    permissions = {"create": PowersPerm.MANAGE_APPROVALS, "adjust": PowersPerm.MANAGE_APPROVALS}

    def state_adjust(self, item, on):
        if item.status != ApprovalStatus.ACTIVE:
            return f"该事项{item.get_status_display()}，不能再调整。"
        return None
