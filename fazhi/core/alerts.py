"""Core's own notice: deadlines moved by a confirmed holiday schedule.

The role-aware checks over core's tables (calendar coverage, the audit chain) are ``fazhi.console.alerts``.
"""
import datetime

from . import access
from .deadlines import NOTICE_DAYS
from .models import DeadlineChange
from .registry import Alert, register_alert


def deadline_changes(user, today):
    """Deadlines of the user's units moved by a confirmed holiday schedule, for 30 days after the change."""
    if user is None or not user.is_authenticated:
        return []
    since = today - datetime.timedelta(days=NOTICE_DAYS)
    rows = access.visible(user, DeadlineChange.objects.filter(notified_on__gt=since, notified_on__lte=today))
    return [Alert(rule=f"依据国务院办公厅{c.year}年节假日安排重新计算期限", severity="info",
                  title=f"{c.record}：{c.label}由{c.old_date:%Y-%m-%d}调整为{c.new_date:%Y-%m-%d}",
                  unit=c.unit.name, due=c.new_date, link=c.link)
            for c in rows.select_related("unit").order_by("-notified_on", "-id")[:100]]


register_alert("core.deadline_changes", label="期限变动通知", check=deadline_changes)
