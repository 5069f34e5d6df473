"""Who may do what to an annual report, now (one policy per record type)."""
from fazhi.orgs.builtin_roles import Perm
from fazhi.orgs.policy import Policy

from .choices import ReportStatus
from .models import Report
from .permissions import ReportingPerm
from .workflows import REPORT_WORKFLOW


class ReportPolicy(Policy):
    model = Report
    view_permission = ReportingPerm.VIEW_REPORT
    permissions = {"create": ReportingPerm.MANAGE_REPORT, "edit": ReportingPerm.MANAGE_REPORT,
                   "refresh": ReportingPerm.MANAGE_REPORT, "export": ReportingPerm.VIEW_REPORT,
                   "history": Perm.VIEW_AUDIT, "open_public": ReportingPerm.VIEW_REPORT}
    workflow = REPORT_WORKFLOW
    read_actions = frozenset({"view", "export", "history", "open_public"})

    def state_edit(self, report, on):
        return None if report.status == ReportStatus.DRAFT else "报告已报送或公开，正文不能再修改（可先退回修改）。"

    state_refresh = state_edit

    def state_open_public(self, report, on):
        return None if report.status == ReportStatus.PUBLISHED else "报告尚未公开。"
