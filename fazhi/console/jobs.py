"""The platform-wide daily jobs: the alert digest per unit liaison, deadline reminders, copies of messages still
owed, and the daily backup with its retention (``FAZHI_BACKUP_KEEP_DAYS``)."""
import datetime
import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from fazhi.core import backup, clock, notify
from fazhi.core.jobs import register_job
from fazhi.core.registry import collect_alerts, collect_todos
from fazhi.core.rules import get_setting
from fazhi.orgs.choices import DataScope
from fazhi.orgs.models import User

ARCHIVE = re.compile(r"^fazhi-(\d{8})-\d{6}\.tar\.gz$")
LISTED = 20  # lines listed in one message; the rest are counted


def _lines(items, line):
    shown = [line(i) for i in items[:LISTED]]
    if len(items) > LISTED:
        shown.append(f"……另有{len(items) - LISTED}项，请到工作台查看。")
    return "\n".join(shown)


def access(user):
    """What a user's alerts depend on: their grants (role, data scope, unit, chosen units) — every alert provider
    filters through the data scope and the roles' permissions — and the user themself only with a 仅本人 grant.
    Users with the same access see the same alerts. Needs ``grants`` prefetched (``_liaisons``)."""
    grants = tuple(sorted((g.role.code, g.scope, g.unit_id, tuple(sorted(u.pk for u in g.custom_units.all())))
                          for g in user.grants.all()))
    personal = user.pk if user.is_superuser or any(g[1] == DataScope.SELF for g in grants) else None
    return grants, personal


def _liaisons():
    return (User.objects.filter(is_active=True, grants__role__code="liaison").distinct().order_by("pk")
            .prefetch_related("grants__role", "grants__custom_units"))


def alert_digest(day):
    """One message per unit liaison per day: the alerts that liaison sees (the workbench's, by the same checks).
    The checks run once per distinct access (liaisons of one unit share them) and the messages go in with one
    insert, so the day's queries grow with the units, not with the liaisons or the alerts."""
    groups = {}
    for user in _liaisons():
        groups.setdefault(access(user), []).append(user)
    link = reverse("console:workbench")
    items = []
    for users in groups.values():
        alerts, _ = collect_alerts(users[0], day)
        if not alerts:
            continue
        alerts.sort(key=lambda a: (a.due is None, a.due or day, a.title))
        body = _lines(alerts, lambda a: f"【{a.severity_label}】{a.title}" + (f"（期限{a.due:%Y-%m-%d}）" if a.due else ""))
        items += [{"user": user, "key": f"console.digest:{user.pk}:{day}", "title": f"{day:%m月%d日}预警汇总：{len(alerts)}项",
                   "body": body, "link": link} for user in users]
    return f"发出预警汇总{len(notify.send_many(items))}条"


def deadline_reminders(day):
    """Everyone with a to-do due within ``console.reminder_days`` (or overdue) is reminded once that day."""
    horizon = day + datetime.timedelta(days=get_setting("console.reminder_days"))
    people = User.objects.filter(is_active=True, grants__isnull=False).distinct().order_by("pk")
    sent = 0
    for user in people:
        todos, _ = collect_todos(user, day)
        soon = [t for t in todos if t.due is not None and t.due <= horizon]
        if not soon:
            continue
        body = _lines(soon, lambda t: f"{t.title}（{'已逾期，' if t.due < day else ''}期限{t.due:%Y-%m-%d}）")
        sent += notify.send(user, key=f"console.remind:{user.pk}:{day}", title=f"到期提醒：{len(soon)}项待办即将到期或已逾期",
                            body=body, link=reverse("console:workbench") + "?period=week") is not None
    return f"发出到期提醒{sent}条"


def deliver_messages(day):
    n = notify.deliver_pending()
    return f"补发邮件和短信{n}条" if n else "没有待补发的邮件和短信"


def archives():
    """The backup archives in ``FAZHI_BACKUP_DIR``, newest first: ``[(path, day, size)]``."""
    found = []
    folder = Path(settings.FAZHI_BACKUP_DIR)
    for path in folder.glob("fazhi-*.tar.gz") if folder.is_dir() else []:
        m = ARCHIVE.match(path.name)
        if m:
            found.append((path, datetime.datetime.strptime(m.group(1), "%Y%m%d").date(), path.stat().st_size))
    return sorted(found, key=lambda a: a[0].name, reverse=True)


def daily_backup(day):
    """Write today's archive, then delete those older than ``FAZHI_BACKUP_KEEP_DAYS`` days."""
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    path = backup.backup(Path(settings.FAZHI_BACKUP_DIR) / f"fazhi-{stamp}.tar.gz")
    oldest = day - datetime.timedelta(days=settings.FAZHI_BACKUP_KEEP_DAYS - 1)
    removed = 0
    for old, made_on, _ in archives():
        if made_on < oldest:
            old.unlink()
            removed += 1
    return f"已备份至{path.name}（{path.stat().st_size / 1048576:.1f} MB），删除{removed}个过期备份"


register_job("console.backup", label="每日备份", run=daily_backup, at="02:00")
register_job("console.deadline_reminders", label="到期提醒", run=deadline_reminders, at="07:30")
register_job("console.alert_digest", label="每日预警汇总", run=alert_digest, at="07:40")
register_job("console.deliver_messages", label="补发邮件和短信", run=deliver_messages, every_minutes=10)
