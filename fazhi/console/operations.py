"""The system administrator's operations page (运行状态) and every user's message centre (消息中心)."""
import os
import platform
from pathlib import Path

import django
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.shortcuts import redirect, render

from fazhi.core import backup, health, jobs, notify
from fazhi.core.models import JobRun, RunnerHeartbeat
from fazhi.core.web import require_perm
from fazhi.orgs.builtin_roles import Perm

from .jobs import archives


def _folder_size(root):
    total = 0
    for dirpath, _, files in os.walk(root):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(dirpath, name))
            except OSError:
                pass
    return total


def database_size():
    """Bytes the database takes (the SQLite file with its journal, or PostgreSQL's database size)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
    name = Path(str(connection.settings_dict["NAME"]))
    return sum(p.stat().st_size for p in (name, Path(f"{name}-wal"), Path(f"{name}-shm")) if p.is_file())


def database_version():
    if connection.vendor == "postgresql":
        return f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version}"


def media_size():
    """Bytes of uploaded files on local storage; ``None`` when they live in an object store."""
    root = getattr(settings, "MEDIA_ROOT", None)
    backend = settings.STORAGES["default"]["BACKEND"]
    if not root or not backend.endswith("FileSystemStorage"):
        return None
    return _folder_size(root)


CHECK_NAMES = {"database": "数据库", "migrations": "数据库结构", "storage": "文件存储", "calendar": "节假日数据",
               "jobs": "定时任务"}
STATES = {True: "正常", None: "提示", False: "异常"}


def _last_runs():
    latest = {}
    for run in JobRun.objects.order_by("job", "-day", "-started_at"):
        latest.setdefault(run.job, run)
    rows = []
    for job in jobs.jobs().values():
        rows.append({"job": job, "run": latest.get(job.key)})
    return rows


@require_perm(Perm.SYSADMIN)
def operations(request):
    found = archives()
    failures = list(JobRun.objects.filter(status=JobRun.Status.FAILED).order_by("-started_at")[:10])
    for run in failures:
        run.label = jobs.label_for(run.job)
        run.error_line = (run.error.strip().splitlines() or [""])[-1][:300]
    return render(request, "console/operations.html", {
        "versions": [("平台", backup.platform_version()), ("Django", django.get_version()),
                     ("Python", platform.python_version()), ("数据库", database_version()),
                     ("操作系统", f"{platform.system()} {platform.release()}")],
        "checks": [{"name": CHECK_NAMES.get(k, k), "ok": r["ok"], "state": STATES[r["ok"]], "detail": r["detail"]}
                   for k, r in health.report()["checks"].items()],
        "runner": RunnerHeartbeat.objects.filter(name=jobs.RUNNER).first(),
        "last_backup": found[0] if found else None, "backup_count": len(found),
        "backup_keep_days": settings.FAZHI_BACKUP_KEEP_DAYS,
        "runs": _last_runs(), "failures": failures,
        "database_size": database_size(), "media_size": media_size(),
        "pending_messages": notify.pending().count(),
        "email_on": settings.FAZHI_NOTIFY_EMAIL, "sms_on": bool(settings.FAZHI_SMS_SENDER),
    })


@login_required
def message_centre(request):
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("id") if i.isdecimal()]
        n = notify.mark_read(request.user, ids=ids or None)
        messages.success(request, f"已将{n}条消息标记为已读。")
        return redirect(request.get_full_path())
    unread_only = request.GET.get("unread") == "1"
    qs = notify.inbox(request.user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    page = Paginator(qs, settings.FAZHI_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "console/messages.html", {"page": page, "unread_only": unread_only,
                                                     "unread": notify.unread_count(request.user)})
