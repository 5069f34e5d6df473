"""Scheduled jobs: what must happen on time whether or not anyone opens a page.

One way to declare a job — in a module's ``jobs.py`` (autodiscovered like the other registries)::

    from fazhi.core.jobs import register_job

    def lapse_documents(day):          # the day it runs for (Beijing time); returns a summary in Chinese
        ...
        return "2份文件有效期届满"

    register_job("normative_docs.lapse", label="规范性文件有效期届满", at="00:10", run=lapse_documents)

A daily job (``at="HH:MM"``, Beijing time) runs once per day: its run is keyed by ``(job, day)`` (``JobRun``), so a
second run on a day that already succeeded does nothing new, and a failed day is tried again at the next tick.
A sweep (``every_minutes=N``) runs every N minutes; its work must be idempotent by itself (it only touches what is
still due), and its day's row counts the sweeps. Every run is recorded (start, end, result, error) and shown on the
operations page.

The runner is ``manage.py run_jobs`` (``bin/serve`` starts it beside gunicorn): APScheduler's blocking scheduler in
the county's time zone fires each daily job at its time (cron trigger) and, every minute, writes the heartbeat that
``/healthz`` reads and catches up any job whose time has passed today without a successful run (after downtime).
Several runners on one database are safe: a day's run is claimed in the database before it starts.
"""
import datetime
import logging
import os
import socket
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.module_loading import autodiscover_modules

from . import clock
from .errorhook import report_exception

logger = logging.getLogger("fazhi.jobs")

RUNNER = "jobs"
#: a run still marked running after this long is taken to have died with its process and may be claimed again
STALE_RUN = datetime.timedelta(hours=2)


@dataclass(frozen=True)
class Job:
    key: str
    label: str
    run: Callable[[datetime.date], str]
    at: datetime.time = datetime.time(1, 0)
    every_minutes: int | None = None

    @property
    def schedule_text(self):
        if self.every_minutes:
            return f"每{self.every_minutes}分钟"
        return f"每天{self.at:%H:%M}"


_jobs: dict[str, Job] = {}
_running: set[str] = set()  # jobs running in this process (the cron trigger and the catch-up never overlap)
_running_lock = threading.Lock()


def register_job(key, *, label, run, at="01:00", every_minutes=None):
    if "." not in key:
        raise ValueError(f"job key must look like '<module>.<name>': {key!r}")
    if key in _jobs and _jobs[key].run is not run:
        raise ValueError(f"job {key} is registered twice")
    _jobs[key] = Job(key, label, run, datetime.time.fromisoformat(at), every_minutes)
    return _jobs[key]


def autodiscover():
    autodiscover_modules("jobs")


def jobs() -> dict[str, Job]:
    return dict(sorted(_jobs.items(), key=lambda kv: (kv[1].every_minutes is None, kv[1].at, kv[0])))


def label_for(key):
    job = _jobs.get(key)
    return job.label if job else key


def _claim(job, day, now):
    """The day's ``JobRun`` claimed for this run, or ``None`` when there is nothing to do (done, or running)."""
    from .models import JobRun

    with transaction.atomic():
        run = JobRun.objects.select_for_update().filter(job=job.key, day=day).first()
        if run is None:
            try:
                with transaction.atomic():
                    return JobRun.objects.create(job=job.key, day=day, started_at=now)
            except IntegrityError:  # another runner claimed it a moment ago
                return None
        if run.status == JobRun.Status.RUNNING and now - run.started_at < STALE_RUN:
            return None
        if run.status == JobRun.Status.DONE and not job.every_minutes:
            return None
        run.status, run.started_at, run.finished_at = JobRun.Status.RUNNING, now, None
        run.attempts += 1
        run.save(update_fields=["status", "started_at", "finished_at", "attempts"])
        return run


def run_job(key, *, day=None):
    """Run job ``key`` for ``day`` (today) unless that day's run already succeeded; returns the ``JobRun``
    when it ran, ``None`` when there was nothing to do."""

    job = _jobs[key]
    day = day or clock.today()
    with _running_lock:
        if key in _running:
            return None
        _running.add(key)
    try:
        return _run(job, day)
    finally:
        with _running_lock:
            _running.discard(key)


def _run(job, day):
    from .models import JobRun

    key = job.key
    run = _claim(job, day, clock.now())
    if run is None:
        return None
    try:
        result = job.run(day)
    except Exception as exc:
        logger.exception("job %s failed for %s", key, day)
        report_exception(exc, context={"job": key, "day": day.isoformat()})
        run.status, run.error = JobRun.Status.FAILED, traceback.format_exc()[-4000:]
    else:
        run.status, run.error, run.result = JobRun.Status.DONE, "", str(result or "")[:500]
    run.finished_at = clock.now()
    run.save(update_fields=["status", "error", "result", "finished_at"])
    return run


def due(now=None):
    """The jobs to run now: daily jobs whose time has passed today without a successful run, sweeps whose interval
    has passed since their last run."""
    from .models import JobRun

    now = now or clock.now()
    day = now.date()
    runs = {r.job: r for r in JobRun.objects.filter(day=day)}
    found = []
    for job in jobs().values():
        run = runs.get(job.key)
        if job.every_minutes:
            if run is None or run.finished_at is None or now - run.finished_at >= datetime.timedelta(
                    minutes=job.every_minutes):
                found.append(job)
        elif now.time() >= job.at and (run is None or run.status == JobRun.Status.FAILED):
            found.append(job)
    return found


def run_due(now=None):
    """Run every job that is due now; returns the runs made."""
    now = now or clock.now()
    made = [run_job(job.key, day=now.date()) for job in due(now)]
    return [r for r in made if r is not None]


def beat(now=None):
    """Write the runner's heartbeat."""
    from .models import RunnerHeartbeat

    RunnerHeartbeat.objects.update_or_create(
        name=RUNNER, defaults={"beat_at": now or clock.now(), "host": socket.gethostname()[:200], "pid": os.getpid()})


def tick():
    """The runner's minute: heartbeat, then whatever is due."""
    beat()
    return run_due()


def heartbeat_window():
    return datetime.timedelta(seconds=settings.FAZHI_JOBS_HEARTBEAT_SECONDS)


def runner_status(now=None):
    """``(ok, detail)`` for ``/healthz``: ``True`` a heartbeat within the window; ``False`` a stale heartbeat (the
    runner stopped); ``None`` (a warning) when no runner has ever reported — a fresh installation whose runner has
    not started yet is not failed."""
    from .models import RunnerHeartbeat

    now = now or clock.now()
    hb = RunnerHeartbeat.objects.filter(name=RUNNER).first()
    if hb is None:
        return None, "定时任务运行程序尚未启动过，请启动定时任务服务（一键启动脚本会自动启动）"
    age = now - hb.beat_at
    if age > heartbeat_window():
        minutes = int(age.total_seconds() // 60)
        return False, f"定时任务运行程序已停止：最近一次心跳在{minutes}分钟前（{clock.local(hb.beat_at):%Y-%m-%d %H:%M}）"
    return True, "定时任务运行程序正常"


def scheduler():
    """APScheduler's blocking scheduler with every registered job (``manage.py run_jobs`` starts it)."""
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    sched = BlockingScheduler(timezone=clock.COUNTY_TZ, job_defaults={"coalesce": True, "max_instances": 1,
                                                                       "misfire_grace_time": 3600})
    for job in jobs().values():
        if not job.every_minutes:
            sched.add_job(run_job, CronTrigger(hour=job.at.hour, minute=job.at.minute, timezone=clock.COUNTY_TZ),
                          args=[job.key], id=job.key, name=job.label)
    sched.add_job(tick, IntervalTrigger(seconds=settings.FAZHI_JOBS_TICK_SECONDS), id="tick", name="心跳与补跑",
                  next_run_time=datetime.datetime.now(clock.COUNTY_TZ))
    return sched
