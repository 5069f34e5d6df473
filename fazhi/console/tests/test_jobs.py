"""Scheduled jobs run on time when the clock moves, each once a day (idempotent), and every run is recorded."""
import datetime
import os

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from fazhi.core import backup, clock, jobs, notify, registry
from fazhi.core.models import JobRun, Message

D = datetime.date


def at(day, hh, mm=0):
    return datetime.datetime.combine(day, datetime.time(hh, mm), tzinfo=clock.COUNTY_TZ)


@pytest.fixture
def move(monkeypatch):
    """``move(moment)`` sets the one clock (``clock.now``; ``clock.today`` follows)."""
    def _move(moment):
        monkeypatch.setattr(clock, "now", lambda: moment)
        return moment
    return _move


@pytest.fixture
def only(monkeypatch):
    """``only(*keys)``: the registry holds just these jobs (the others' work is not under test)."""
    def _only(*keys):
        monkeypatch.setattr(jobs, "_jobs", {k: v for k, v in jobs._jobs.items() if k in keys})
    return _only


calls = []


def hook(exc, *, request=None, context=None):
    calls.append((type(exc).__name__, context))


class FakeSms:
    sent = []

    def send(self, phone, text):
        FakeSms.sent.append((phone, text))


class NoRelay:
    def __init__(self, *args, **kwargs):
        raise ConnectionRefusedError("relay down")


class BrokenSms:
    def send(self, phone, text):
        raise ConnectionError("gateway down")


def test_every_job_is_declared_once_with_its_time():
    keys = set(jobs.jobs())
    assert {"normative_docs.lapse_notices", "enforcement.certificate_lapse_notices",
            "legal_education.finalize_attempts", "console.alert_digest", "console.deadline_reminders",
            "console.backup", "console.deliver_messages"} <= keys
    with pytest.raises(ValueError):
        jobs.register_job("nodot", label="x", run=lambda day: "")
    with pytest.raises(ValueError):
        jobs.register_job("console.backup", label="x", run=lambda day: "")
    assert jobs.jobs()["console.backup"].schedule_text == "每天02:00"


@pytest.mark.django_db
def test_a_daily_job_runs_after_its_time_once_a_day_and_a_failure_is_recorded_and_retried(
        monkeypatch, move, settings):
    settings.FAZHI_ERROR_HOOK = "fazhi.console.tests.test_jobs.hook"
    calls.clear()
    outcome = {"fail": True}

    def work(day):
        if outcome["fail"]:
            raise RuntimeError("disk full")
        return f"做完{day:%m%d}"

    monkeypatch.setattr(jobs, "_jobs", {})
    jobs.register_job("test.daily", label="测试任务", run=work, at="01:30")
    day = D(2026, 3, 2)
    move(at(day, 1, 29))
    assert jobs.run_due() == []  # not yet
    move(at(day, 1, 31))
    [run] = jobs.run_due()
    assert run.status == JobRun.Status.FAILED and "disk full" in run.error and run.finished_at
    assert calls == [("RuntimeError", {"job": "test.daily", "day": "2026-03-02"})]
    outcome["fail"] = False
    move(at(day, 1, 32))
    [run] = jobs.run_due()  # a failed day is tried again
    assert run.status == JobRun.Status.DONE and run.result == "做完0302" and run.attempts == 2 and not run.error
    move(at(day, 9))
    assert jobs.run_due() == [] and jobs.run_job("test.daily") is None  # done today: nothing new
    move(at(day + datetime.timedelta(days=1), 1, 45))
    assert [r.day for r in jobs.run_due()] == [day + datetime.timedelta(days=1)]
    assert JobRun.objects.filter(job="test.daily").count() == 2


@pytest.mark.django_db
def test_a_run_in_progress_is_not_started_twice_unless_it_died(monkeypatch, move):
    monkeypatch.setattr(jobs, "_jobs", {})
    jobs.register_job("test.daily", label="测试任务", run=lambda day: "完成", at="00:00")
    day = D(2026, 3, 2)
    move(at(day, 1))
    JobRun.objects.create(job="test.daily", day=day, started_at=at(day, 0, 30))
    assert jobs.run_job("test.daily") is None  # another runner is on it
    move(at(day, 3))
    assert jobs.run_job("test.daily").status == JobRun.Status.DONE  # that runner died two hours ago
    jobs._running.add("test.daily")
    try:
        assert jobs.run_job("test.daily", day=day + datetime.timedelta(days=1)) is None  # busy in this process
    finally:
        jobs._running.discard("test.daily")


@pytest.mark.django_db
def test_documents_lapsing_are_notified_to_the_unit_on_the_day_once(county, move, only):
    from fazhi.normative_docs.tests import factories as f

    only("normative_docs.lapse_notices")
    move(at(D(2019, 3, 20), 10))
    doc = f.published(county)
    assert doc.valid_until
    lapsed_on = doc.valid_until + datetime.timedelta(days=1)
    move(at(lapsed_on, 0, 5))
    assert jobs.run_due() == []  # its time is 00:10
    assert not Message.objects.filter(user=county.liaison).exists()
    move(at(lapsed_on, 0, 11))
    [run] = jobs.run_due()
    assert run.status == JobRun.Status.DONE and run.result.startswith("1份文件有效期届满"), run.error
    message = Message.objects.get(user=county.liaison)
    assert doc.title in message.title and "已自动失效" in message.body and message.link == doc.get_absolute_url()
    move(at(lapsed_on, 12))
    assert jobs.run_due() == []
    move(at(lapsed_on + datetime.timedelta(days=1), 0, 11))
    assert jobs.run_due()[0].status == JobRun.Status.DONE  # the next day's run sends nothing new
    assert Message.objects.filter(user=county.liaison).count() == 1


@pytest.mark.django_db
def test_certificates_lapsing_are_notified_once(county, move, only, settings, tmp_path):
    from fazhi.enforcement.tests import factories as f

    settings.MEDIA_ROOT = tmp_path
    only("enforcement.certificate_lapse_notices")
    officer = f.officer(county, unit=county.market, user=county.officer, valid_until=D(2025, 6, 30))
    move(at(D(2025, 6, 30), 23))
    assert [r.result for r in jobs.run_due()] == ["0张执法证过期，发出通知0条"]
    move(at(D(2025, 7, 1), 0, 20))
    [run] = jobs.run_due()
    assert run.result == "1张执法证过期，发出通知2条"
    for user in (county.liaison, county.officer):
        message = Message.objects.get(user=user)
        assert officer.name in message.title and "第四十二条" in message.body
    assert jobs.run_job("enforcement.certificate_lapse_notices") is None
    move(at(D(2025, 7, 2), 0, 20))
    jobs.run_due()
    assert Message.objects.filter(key__startswith="enforcement.").count() == 2


@pytest.mark.django_db
def test_exam_attempts_are_graded_at_their_deadline_by_the_sweep(county, move, only):
    from fazhi.legal_education import services
    from fazhi.legal_education.tests import factories as f

    only("legal_education.finalize_attempts")
    start = clock.now()
    move(start)
    exam = f.exam(county, duration=10)
    attempt, token = services.attempt_start(actor=county.liaison, exam=exam, now=start)
    move(start + datetime.timedelta(minutes=9))
    assert jobs.run_due()[0].result == "没有到时未交的答卷"
    assert jobs.run_due() == []  # the next sweep comes five minutes later
    move(start + datetime.timedelta(minutes=15))
    [run] = jobs.run_due()
    assert run.result == "1份答卷到时自动交卷" and run.attempts == 2
    attempt.refresh_from_db()
    assert attempt.submitted_at == attempt.deadline and attempt.score is not None
    move(start + datetime.timedelta(minutes=21))
    assert jobs.run_due()[0].result == "没有到时未交的答卷"  # idempotent by itself


@pytest.mark.django_db
def test_the_daily_digest_reaches_each_liaison_once(county, move, monkeypatch, only):
    only("console.alert_digest")

    def check(user, today):
        if user.pk != county.liaison.pk:
            return []
        return [registry.Alert(rule="测试", severity="overdue", title=f"第{i}项逾期", due=today) for i in range(25)]

    monkeypatch.setattr(registry, "_alerts", {"test.alerts": registry.AlertProvider("test.alerts", "测试", check)})
    day = D(2026, 3, 2)
    move(at(day, 7, 39))
    assert jobs.run_due() == []
    move(at(day, 7, 41))
    assert jobs.run_due()[0].result == "发出预警汇总1条"
    message = Message.objects.get(user=county.liaison)
    assert message.title == "03月02日预警汇总：25项" and "【逾期】第0项逾期" in message.body
    assert "另有5项" in message.body
    assert jobs.run_job("console.alert_digest") is None
    assert not Message.objects.filter(user=county.outsider).exists()  # a liaison with nothing to report


@pytest.mark.django_db
def test_deadline_reminders_list_what_is_due_soon(county, move, monkeypatch, only):
    only("console.deadline_reminders")
    day = D(2026, 3, 2)

    def collect(user, today):
        if user.pk != county.office.pk:
            return []
        return [registry.Todo(title="待审核：甲", link="/a/", due=today - datetime.timedelta(days=1)),
                registry.Todo(title="待审核：乙", link="/b/", due=today + datetime.timedelta(days=3)),
                registry.Todo(title="待审核：丙", link="/c/", due=today + datetime.timedelta(days=10)),
                registry.Todo(title="待审核：丁", link="/d/")]

    monkeypatch.setattr(registry, "_todos", {"test.todos": registry.TodoProvider("test.todos", "测试", collect)})
    move(at(day, 7, 31))
    assert jobs.run_due()[0].result == "发出到期提醒1条"
    message = Message.objects.get(user=county.office)
    assert "2项" in message.title and "甲（已逾期，期限2026-03-01）" in message.body and "乙" in message.body
    assert "丙" not in message.body and "丁" not in message.body


@pytest.mark.django_db
def test_the_daily_backup_keeps_n_days(county, move, only, settings, tmp_path, monkeypatch):
    settings.FAZHI_BACKUP_DIR = tmp_path / "backups"
    settings.FAZHI_BACKUP_KEEP_DAYS = 3
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FAZHI_BACKUP_DIR.mkdir()
    for name in ("fazhi-20260225-020000.tar.gz", "fazhi-20260228-020000.tar.gz", "other.txt"):
        (settings.FAZHI_BACKUP_DIR / name).write_bytes(b"old")
    only("console.backup")

    def archive(output):  # the archive itself is tested by test_backup's round trip (in its own processes)
        output.write_bytes(b"x" * 3 * 1048576)
        return output

    monkeypatch.setattr(backup, "backup", archive)
    move(at(D(2026, 3, 2), 2, 1))
    [run] = jobs.run_due()
    assert run.status == JobRun.Status.DONE, run.error
    assert run.result == "已备份至fazhi-20260302-020100.tar.gz（3.0 MB），删除1个过期备份"
    names = sorted(p.name for p in settings.FAZHI_BACKUP_DIR.iterdir())
    assert names == ["fazhi-20260228-020000.tar.gz", "fazhi-20260302-020100.tar.gz", "other.txt"]
    assert jobs.run_due() == []


@pytest.mark.django_db
def test_messages_are_idempotent_and_copies_are_off_by_default(county):
    county.office.email = "office@example.gov.cn"
    first = notify.send(county.office, key="k1", title="标题", body="内容", link="/x/")
    assert first is not None and notify.send(county.office, key="k1", title="标题") is None
    assert mail.outbox == [] and first.email_state == "" and first.sms_state == ""
    assert notify.sms_sender() is None


@pytest.mark.django_db
def test_email_and_sms_copies_when_turned_on(county, settings, only, move):
    settings.FAZHI_NOTIFY_EMAIL = True
    settings.FAZHI_SMS_SENDER = "fazhi.console.tests.test_jobs.FakeSms"
    FakeSms.sent.clear()
    user = county.office
    user.email, user.phone = "office@example.gov.cn", "13900000000"
    message = notify.send(user, key="k2", title="到期提醒", body="两项待办", link="/w/")
    assert message.email_state == "sent" and message.sms_state == "sent"
    assert mail.outbox[0].subject == "到期提醒" and mail.outbox[0].to == ["office@example.gov.cn"]
    assert "/w/" in mail.outbox[0].body
    assert FakeSms.sent == [("13900000000", "到期提醒。两项待办")]

    # a relay that does not answer leaves the e-mail copy pending
    settings.EMAIL_BACKEND = "fazhi.console.tests.test_jobs.NoRelay"
    assert notify.send(user, key="k2b", title="无法投递").email_state == "pending"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    notify.deliver_pending()

    # a gateway that is down leaves the copy pending; the sweep sends it later
    settings.FAZHI_SMS_SENDER = "fazhi.console.tests.test_jobs.BrokenSms"
    message = notify.send(user, key="k3", title="预警汇总")
    assert message.sms_state == "pending" and notify.pending().count() == 1
    settings.FAZHI_SMS_SENDER = "fazhi.console.tests.test_jobs.FakeSms"
    only("console.deliver_messages")
    move(at(D(2026, 3, 2), 8))
    assert jobs.run_due()[0].result == "补发邮件和短信1条"
    assert notify.pending().count() == 0
    move(at(D(2026, 3, 2), 8, 5))
    assert jobs.run_due() == []
    move(at(D(2026, 3, 2), 8, 11))
    assert jobs.run_due()[0].result == "没有待补发的邮件和短信"


@pytest.mark.django_db
def test_run_jobs_command(county, move, only, capsys):
    only("console.deliver_messages")
    move(at(D(2026, 3, 2), 8))
    call_command("run_jobs", "--list")
    assert "补发邮件和短信" in capsys.readouterr().out
    call_command("run_jobs", "--once")
    assert "补发邮件和短信（2026-03-02）：已完成" in capsys.readouterr().out
    call_command("run_jobs", "--once")
    assert "没有需要执行的任务" in capsys.readouterr().out  # the sweep's next run is ten minutes later
    call_command("run_jobs", "--job", "console.deliver_messages")  # on demand: a sweep runs again
    assert "没有待补发的邮件和短信" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("run_jobs", "--job", "nothing.here")
    from fazhi.core.models import RunnerHeartbeat

    assert RunnerHeartbeat.objects.get().pid == os.getpid()


@pytest.mark.django_db
def test_the_runner_failing_job_is_reported_by_the_command(monkeypatch, move, capsys):
    monkeypatch.setattr(jobs, "_jobs", {})
    jobs.register_job("test.broken", label="坏任务", run=lambda day: 1 / 0, at="00:00")
    move(at(D(2026, 3, 2), 8))
    call_command("run_jobs", "--job", "test.broken")
    out = capsys.readouterr()
    assert "失败" in out.out and "ZeroDivisionError" in out.err


def test_the_scheduler_has_a_cron_trigger_per_daily_job_and_the_tick(settings):
    sched = jobs.scheduler()
    ids = {j.id for j in sched.get_jobs()}
    daily = {k for k, j in jobs.jobs().items() if not j.every_minutes}
    assert ids == daily | {"tick"}
    trigger = {j.id: j for j in sched.get_jobs()}["console.backup"].trigger
    assert "hour='2'" in str(trigger) and "minute='0'" in str(trigger)



def test_run_jobs_runs_the_scheduler_until_stopped(monkeypatch, capsys):
    class Scheduler:
        def start(self):
            raise KeyboardInterrupt

    monkeypatch.setattr(jobs, "scheduler", Scheduler)
    import signal

    before = signal.getsignal(signal.SIGTERM)
    try:
        call_command("run_jobs")
    finally:
        signal.signal(signal.SIGTERM, before)
    out = capsys.readouterr().out
    assert "定时任务运行程序已启动" in out and "定时任务运行程序已停止" in out


@pytest.mark.django_db
def test_the_daily_digest_costs_the_same_queries_for_more_liaisons_and_more_alerts(county, move, monkeypatch, only):
    """The checks run once per distinct access and the messages go in with one insert: more liaisons of the same
    units, and more alerts each, cost no more queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.orgs import services as org_services
    from fazhi.orgs.models import User

    only("console.alert_digest")
    size = {"alerts": 2}

    def check(user, today):
        units = set(user.grants.values_list("unit_id", flat=True))  # one query, like a provider's scoped query
        return [registry.Alert(rule="测试", severity="overdue", title=f"第{i}项（{min(units)}）", due=today)
                for i in range(size["alerts"])]

    monkeypatch.setattr(registry, "_alerts", {"test.alerts": registry.AlertProvider("test.alerts", "测试", check)})
    liaisons = 2  # county.liaison (market) and county.outsider (water)

    def digest(day):
        move(at(day, 8))
        with CaptureQueriesContext(connection) as queries:
            result = jobs.run_job("console.alert_digest").result
        assert result == f"发出预警汇总{liaisons}条"
        return len(queries)

    first = digest(D(2026, 3, 2))
    for n in range(6):
        unit = county.market if n % 2 else county.water
        user = org_services.user_create(actor=None, username=f"liaison{n}", full_name=f"联络员{n}", unit=unit,
                                        password="x-1234567890")
        org_services.role_grant(actor=None, user=user, role_code="liaison")
    liaisons += 6
    size["alerts"] = 30
    assert digest(D(2026, 3, 3)) == first
    assert Message.objects.filter(key__endswith=":2026-03-03").count() == 8
    market_copy = Message.objects.get(user=User.objects.get(username="liaison1"), key__endswith=":2026-03-03")
    assert market_copy.title == "03月03日预警汇总：30项" and f"（{county.market.pk}）" in market_copy.body
    assert jobs.run_job("console.alert_digest") is None  # once a day


@pytest.mark.django_db
def test_many_messages_go_in_at_once_and_a_key_is_sent_once(county, settings):
    settings.FAZHI_NOTIFY_EMAIL = True
    county.liaison.email = "li@example.org"
    county.liaison.save()
    notify.send(county.office, key="k:1", title="旧")
    made = notify.send_many([{"user": county.office, "key": "k:1", "title": "重复"},
                             {"user": county.liaison, "key": "k:2", "title": "新", "body": "正文", "link": "/x/"}])
    assert [m.key for m in made] == ["k:2"] and made[0].email_state == Message.Delivery.SENT
    assert mail.outbox[-1].subject == "新"
    assert Message.objects.get(key="k:1").title == "旧"
