"""Core's own compliance check: the working-day calendar must know the coming year."""
from fazhi.orgs.builtin_roles import Perm

from .registry import Alert, register_alert
from .rules import get_setting
from .workdays import Calendar


def calendar_coverage(user, today):
    if user is None or not user.has_perm(Perm.MANAGE_CALENDAR):
        return []
    cal = Calendar()
    alerts = []
    if not cal.knows(today.year):
        alerts.append(Alert(rule="工作日计算须依据当年国务院办公厅节假日安排", severity="overdue",
                            title=f"缺少{today.year}年节假日与调休数据，法定期限无法计算",
                            link=f"/calendar/?year={today.year}"))
    elif today.month >= get_setting("core.calendar_warning_month") and not cal.knows(today.year + 1):
        alerts.append(Alert(rule="工作日计算须依据当年国务院办公厅节假日安排", severity="warning",
                            title=f"请在国务院办公厅公布后录入{today.year + 1}年节假日与调休安排",
                            link=f"/calendar/?year={today.year + 1}"))
    return alerts


register_alert("core.calendar_coverage", label="节假日数据完整性", check=calendar_coverage)
