"""The operations page (sysadmin only), the message centre, /healthz's job-runner check, request ids in headers and
logs, and the error-reporting hook."""
import datetime
import json
import logging

import pytest
from django.core.signals import got_request_exception
from django.test import RequestFactory
from django.urls import reverse

from fazhi.core import clock, jobs, notify, requestlog
from fazhi.core.models import JobRun, Message

calls = []


def hook(exc, *, request=None, context=None):
    calls.append((str(exc), context))


def broken_hook(exc, *, request=None, context=None):
    raise RuntimeError("monitoring down")


def _login(client, user):
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_healthz_job_runner_fresh_then_alive_then_stopped_then_back(client, monkeypatch):
    url = reverse("console:healthz")
    body = client.get(url).json()  # a fresh installation: never started is a warning, not a failure
    assert body["checks"]["jobs"]["ok"] is None and "尚未启动" in body["checks"]["jobs"]["detail"]
    jobs.beat()
    response = client.get(url)
    assert response.status_code == 200 and response.json()["checks"]["jobs"]["ok"] is True
    later = clock.now() + datetime.timedelta(minutes=10)
    monkeypatch.setattr(clock, "now", lambda: later)
    response = client.get(url)
    assert response.status_code == 503
    detail = response.json()["checks"]["jobs"]["detail"]
    assert response.json()["checks"]["jobs"]["ok"] is False and "定时任务运行程序已停止" in detail and "10分钟前" in detail
    jobs.beat()  # the runner is back
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client):
    first = client.get(reverse("console:healthz"))
    second = client.get(reverse("console:healthz"))
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]
    given = client.get(reverse("console:healthz"), HTTP_X_REQUEST_ID="nginx-0123456789abcdef")
    assert given["X-Request-ID"] == "nginx-0123456789abcdef"  # the proxy's id is kept
    junk = client.get(reverse("console:healthz"), HTTP_X_REQUEST_ID="<script>\n")
    assert junk["X-Request-ID"] != "<script>\n" and len(junk["X-Request-ID"]) == 32


def test_log_lines_carry_the_request_id_as_text_or_json():
    seen = {}

    def view(request):
        record = logging.LogRecord("fazhi.test", logging.WARNING, __file__, 1, "办理%s", ("完成",), None)
        requestlog.RequestIdFilter().filter(record)
        seen["record"] = record
        from django.http import HttpResponse

        return HttpResponse("ok")

    response = requestlog.RequestIdMiddleware(view)(RequestFactory().get("/", HTTP_X_REQUEST_ID="abcdefgh1234"))
    record = seen["record"]
    assert record.request_id == "abcdefgh1234" == response["X-Request-ID"]
    line = json.loads(requestlog.JsonFormatter().format(record))
    assert line["request_id"] == "abcdefgh1234" and line["message"] == "办理完成" and line["level"] == "WARNING"
    try:
        raise ValueError("坏")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    assert "ValueError" in json.loads(requestlog.JsonFormatter().format(record))["exception"]
    outside = logging.LogRecord("fazhi.test", logging.INFO, __file__, 1, "x", (), None)
    requestlog.RequestIdFilter().filter(outside)
    assert outside.request_id == "-" and requestlog.current() == "-"


def test_the_error_hook_receives_unhandled_page_exceptions(settings):
    settings.FAZHI_ERROR_HOOK = "fazhi.console.tests.test_operations.hook"
    calls.clear()
    request = RequestFactory().get("/")
    request.request_id = "req-12345678"
    try:
        raise KeyError("boom")
    except KeyError:
        got_request_exception.send(sender=None, request=request)
    assert calls == [("'boom'", {"request_id": "req-12345678"})]
    settings.FAZHI_ERROR_HOOK = "fazhi.console.tests.test_operations.broken_hook"
    from fazhi.core.errorhook import report_exception

    assert report_exception(ValueError("x")) is False  # a broken hook is logged, never raised
    settings.FAZHI_ERROR_HOOK = ""
    assert report_exception(ValueError("x")) is False


@pytest.mark.django_db
def test_the_operations_page_is_for_the_system_administrator(client, county, settings, tmp_path):
    settings.FAZHI_BACKUP_DIR = tmp_path
    (tmp_path / "fazhi-20260301-020000.tar.gz").write_bytes(b"x" * 2048)
    (tmp_path / "fazhi-20260302-020000.tar.gz").write_bytes(b"x" * 4096)
    jobs.beat()
    now = clock.now()
    JobRun.objects.create(job="console.backup", day=now.date(), started_at=now, finished_at=now,
                          status=JobRun.Status.DONE, result="已备份")
    JobRun.objects.create(job="console.alert_digest", day=now.date(), started_at=now, status=JobRun.Status.FAILED,
                          error="Traceback...\nConnectionError: 邮件服务器无响应\n")
    settings.FAZHI_SMS_SENDER = "fazhi.console.tests.test_jobs.BrokenSms"
    county.office.phone = "13900000000"
    notify.send(county.office, key="ops-pending", title="待补发")

    response = _login(client, county.sysadmin).get(reverse("console:operations"))
    assert response.status_code == 200
    text = response.content.decode()
    for needle in ("运行状态", "Django", "Python", "SQLite" if "sqlite" in settings.DATABASES["default"]["ENGINE"]
                   else "PostgreSQL", "fazhi-20260302-020000.tar.gz", "4.0", "保留最近14天", "每日备份",
                   "邮件服务器无响应", "每日预警汇总", "待补发 1 条", "短信副本：已开启", "定时任务运行程序正常"):
        assert needle in text, needle
    for persona in ("office", "liaison", "leader", "outsider"):
        assert _login(client, getattr(county, persona)).get(reverse("console:operations")).status_code == 403


@pytest.mark.django_db
def test_the_operations_page_without_backups_or_runs(client, county, settings, tmp_path):
    settings.FAZHI_BACKUP_DIR = tmp_path / "none"
    text = _login(client, county.sysadmin).get(reverse("console:operations")).content.decode()
    assert "尚无备份" in text and "尚未运行" in text and "没有失败的任务" in text and "尚未启动过" in text


def test_disk_use_on_postgresql_and_object_storage(monkeypatch, settings):
    from fazhi.console import operations

    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}
    assert operations.media_size() is None


@pytest.mark.django_db
def test_message_centre_lists_counts_and_marks_read(client, county, django_assert_num_queries):
    for i in range(3):
        notify.send(county.liaison, key=f"m{i}", title=f"第{i}条消息", body="内容", link="/w/" if i else "")
    notify.send(county.outsider, key="other", title="别人的消息")
    with django_assert_num_queries(1):
        assert notify.unread_count(county.liaison) == 3
    c = _login(client, county.liaison)
    page = c.get(reverse("console:messages"))
    text = page.content.decode()
    assert "第2条消息" in text and "别人的消息" not in text and "未读 3 条" in text
    assert 'data-testid="message-centre">消息 <span' in text  # the header's badge
    mine = Message.objects.get(key="m1")
    other = Message.objects.get(key="other")
    c.post(reverse("console:messages"), {"id": [mine.pk, other.pk]})
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.read_at is not None and other.read_at is None  # nobody marks another's message
    unread = c.get(reverse("console:messages") + "?unread=1").content.decode()
    assert "第1条消息" not in unread and "第2条消息" in unread
    c.post(reverse("console:messages"))
    assert notify.unread_count(county.liaison) == 0
    assert 'data-testid="message-centre">消息</a>' in c.get(reverse("console:messages")).content.decode()


@pytest.mark.django_db
def test_message_centre_pages(client, county, settings):
    settings.FAZHI_PAGE_SIZE = 2
    for i in range(5):
        notify.send(county.liaison, key=f"p{i}", title=f"消息{i}")
    text = _login(client, county.liaison).get(reverse("console:messages") + "?page=2").content.decode()
    assert "第 2 / 3 页" in text and "上一页" in text and "下一页" in text


@pytest.mark.django_db
def test_message_centre_needs_sign_in(client):
    assert client.get(reverse("console:messages")).status_code == 302


def test_versions_and_disk_use_on_postgresql(monkeypatch):
    from fazhi.console import operations

    class Cursor:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def execute(self, sql):
            self.sql = sql

        def fetchone(self):
            return (123456,)

    class PostgreSQL:
        vendor, pg_version = "postgresql", 150018

        def cursor(self):
            return Cursor()

    monkeypatch.setattr(operations, "connection", PostgreSQL())
    assert operations.database_version() == "PostgreSQL 15.18"
    assert operations.database_size() == 123456


def test_media_size_counts_local_files(settings, tmp_path):
    from fazhi.console import operations

    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.pdf").write_bytes(b"x" * 100)
    (tmp_path / "two.jpg").write_bytes(b"x" * 50)
    assert operations.media_size() == 150
