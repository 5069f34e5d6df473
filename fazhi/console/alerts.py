"""The role-aware checks over core's tables: the holiday calendar's coverage and the audit chain."""
from django.urls import reverse

from fazhi.core import audit
from fazhi.core.registry import Alert, register_alert
from fazhi.core.rules import get_setting
from fazhi.core.workdays import Calendar
from fazhi.orgs.builtin_roles import Perm


def calendar_coverage(user, today):
    if user is None or not user.has_perm(Perm.MANAGE_CALENDAR):
        return []
    cal = Calendar()
    alerts = []
    if not cal.knows(today.year):
        alerts.append(Alert(rule="工作日计算须依据当年国务院办公厅节假日安排", severity="overdue",
                            title=f"缺少{today.year}年节假日与调休数据，法定期限无法计算",
                            link=f"{reverse('console:calendar')}?year={today.year}"))
    elif today.month >= get_setting("core.calendar_warning_month") and not cal.knows(today.year + 1):
        alerts.append(Alert(rule="工作日计算须依据当年国务院办公厅节假日安排", severity="warning",
                            title=f"请在国务院办公厅公布后录入{today.year + 1}年节假日与调休安排",
                            link=f"{reverse('console:calendar')}?year={today.year + 1}"))
    return alerts


register_alert("console.calendar_coverage", label="节假日数据完整性", check=calendar_coverage)


AUDIT_RULE = "审计记录应受到保护，避免未预期的删除、修改或覆盖（《中华人民共和国网络安全法》第二十一条）"


def audit_chain(user, today):
    """For the system administrator only: the audit trail's hash chain, verified from the stored checkpoint."""
    if user is None or not user.is_authenticated or not user.has_perm(Perm.SYSADMIN):
        return []
    result = audit.verify_incremental()
    if result.ok:
        return []
    return [Alert(rule=AUDIT_RULE, severity="overdue", title=f"操作审计日志被篡改：{result.message()}",
                  link=reverse("console:audit_list"))]


register_alert("console.audit_chain", label="操作审计日志完整性", check=audit_chain)
