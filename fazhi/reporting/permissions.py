"""The reporting app's function permissions, given to the built-in roles."""
from fazhi.orgs.builtin_roles import grant_permissions


class ReportingPerm:
    VIEW_REPORT = "reporting.view_report"
    MANAGE_REPORT = "reporting.manage_report"
    VIEW_DASHBOARD = "reporting.view_dashboard"
    VIEW_ALERTS = "reporting.view_alerts"


grant_permissions("office", ReportingPerm.VIEW_REPORT, ReportingPerm.MANAGE_REPORT, ReportingPerm.VIEW_DASHBOARD,
                  ReportingPerm.VIEW_ALERTS)
grant_permissions("sysadmin", ReportingPerm.VIEW_ALERTS)
grant_permissions("leader", ReportingPerm.VIEW_REPORT, ReportingPerm.VIEW_DASHBOARD, ReportingPerm.VIEW_ALERTS)
# A unit's liaison drafts the unit's own report (departments report too, RULES.md §16) and sees the
# dashboard and alerts limited to the own unit.
grant_permissions("liaison", ReportingPerm.VIEW_REPORT, ReportingPerm.MANAGE_REPORT, ReportingPerm.VIEW_DASHBOARD,
                  ReportingPerm.VIEW_ALERTS)
for _role in ("reviewer", "officer", "lawyer"):
    grant_permissions(_role, ReportingPerm.VIEW_ALERTS)
