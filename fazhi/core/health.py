"""What the reverse proxy and the monitoring ask: is this installation able to serve the county now?

Each check returns ``(ok, detail)`` in Chinese; ``report()`` runs them all and never raises. A check
that cannot run (its dependency is down) is a failure, not an error page.

- database: a query answers;
- migrations: every migration of the installed apps is applied;
- storage: the file storage accepts, returns and deletes a small file (through the storage API);
- calendar: this year's and next year's holiday schedules are confirmed (an unconfirmed year only makes
  deadlines provisional — reported as a warning, the installation still serves);
- jobs: the scheduled-job runner's last heartbeat (in the database) is within ``FAZHI_JOBS_HEARTBEAT_SECONDS``;
  a stale heartbeat fails, naming when the runner last reported; a runner that has never reported (a fresh
  installation before its first start) is a warning, not a failure (``fazhi.core.jobs.runner_status``).
"""
import uuid

from django.core.files.base import ContentFile
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from . import clock


def check_database():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return True, "数据库连接正常"


def check_migrations():
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        names = "、".join(f"{m.app_label}.{m.name}" for m, _ in plan[:5])
        return False, f"有 {len(plan)} 个数据库迁移尚未执行（{names}），请运行 manage.py migrate"
    return True, "数据库结构为最新"


def check_storage():
    from django.core.files.storage import default_storage

    name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name, "rb") as f:
            if f.read() != b"ok":
                return False, "文件存储读出的内容与写入的不一致"
    finally:
        default_storage.delete(name)
    return True, "文件存储可写"


def check_calendar():
    from .workdays import year_confirmed

    year = clock.today().year
    missing = [y for y in (year, year + 1) if not year_confirmed(y)]
    if missing:
        years = "、".join(f"{y}年" for y in missing)
        return None, f"{years}的节假日安排尚未录入，相关期限按暂定计算"
    return True, "本年度和下一年度的节假日安排已录入"


def check_jobs():
    from .jobs import runner_status

    return runner_status()


CHECKS = {"database": check_database, "migrations": check_migrations, "storage": check_storage,
          "calendar": check_calendar, "jobs": check_jobs}


def report():
    """``{"ok": bool, "checks": {name: {"ok": True/False/None, "detail": ...}}}``; ``None`` is a warning."""
    results = {}
    for name, check in CHECKS.items():
        try:
            ok, detail = check()
        except Exception as exc:  # a failing dependency is a finding, never an error page
            ok, detail = False, f"检查失败：{type(exc).__name__}"
        results[name] = {"ok": ok, "detail": detail}
    return {"ok": all(r["ok"] is not False for r in results.values()), "checks": results}
