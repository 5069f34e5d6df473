"""/healthz tells the reverse proxy and monitoring what works, and reports each failure it claims to detect."""
import pytest
from django.urls import reverse

from fazhi.core import health


def _get(client):
    response = client.get(reverse("console:healthz"))
    return response.status_code, response.json()


@pytest.mark.django_db
def test_a_working_installation_answers_200_with_every_check(client):
    status, body = _get(client)
    assert status == 200 and body["ok"] is True
    assert set(body["checks"]) == {"database", "migrations", "storage", "calendar", "jobs"}
    assert body["checks"]["database"]["ok"] and body["checks"]["storage"]["ok"]


@pytest.mark.django_db
def test_a_database_that_does_not_answer_is_reported(client, monkeypatch):
    def down():
        raise ConnectionError("no route")

    monkeypatch.setitem(health.CHECKS, "database", down)
    status, body = _get(client)
    assert status == 503 and body["checks"]["database"]["ok"] is False
    assert "检查失败" in body["checks"]["database"]["detail"]


@pytest.mark.django_db
def test_unapplied_migrations_are_reported(client, monkeypatch):
    class Pending:
        app_label, name = "core", "9999_pending"

    class Executor:
        def __init__(self, connection):
            self.loader = type("L", (), {"graph": type("G", (), {"leaf_nodes": lambda self: []})()})()

        def migration_plan(self, targets):
            return [(Pending, False)]

    monkeypatch.setattr(health, "MigrationExecutor", Executor)
    status, body = _get(client)
    assert status == 503 and body["checks"]["migrations"]["ok"] is False
    assert "9999_pending" in body["checks"]["migrations"]["detail"]


@pytest.mark.django_db
def test_storage_that_refuses_writes_is_reported(client, monkeypatch):
    from django.core.files.storage import default_storage

    def refuse(*args, **kwargs):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(default_storage, "save", refuse)
    status, body = _get(client)
    assert status == 503 and body["checks"]["storage"]["ok"] is False


@pytest.mark.django_db
def test_an_unconfirmed_calendar_year_is_a_warning_not_a_failure(client, monkeypatch):
    from fazhi.core import workdays

    monkeypatch.setattr(workdays, "year_confirmed", lambda year: year < 2027)
    status, body = _get(client)
    assert status == 200 and body["checks"]["calendar"]["ok"] is None
    assert "2027年" in body["checks"]["calendar"]["detail"] and "暂定" in body["checks"]["calendar"]["detail"]
