"""Backup and restore: a round trip on the database in use (SQLite, or PostgreSQL when DATABASE_URL names
one) gives back every table row and every file, the audit chain and the case records still verify, and a
damaged, foreign or wrong-kind archive is refused with a clear message.

Each step runs ``manage.py`` in a child process against real databases (a file, or throw-away databases on
the PostgreSQL server), as an operator would.
"""
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "benchmarks"))
import concurrency as bench  # noqa: E402  (throw-away databases, the child's environment)

pytestmark = [pytest.mark.server, pytest.mark.timeout(400)]

MAKE_DATA = """
import datetime
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from fazhi.testing.personas import build_county
from fazhi.enforcement import services
from fazhi.enforcement.tests import factories as f
county = build_county()
body, me, colleague, reviewer = f.setup(county)
case = services.case_register(actor=county.officer, body=body, kind="inspection", title="对某超市的检查",
                              facts="现场检查", registered_on=datetime.date(2025, 3, 3), officers=[colleague],
                              parties=[f.party()])
services.record_add(actor=county.officer, case=case, step="investigate", act="general", text="现场照片",
                    occurred_on=datetime.date(2025, 3, 4), upload=f.photo())
print("ok")
"""


def _run(env, *args, code=None):
    cmd = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *args]
    return subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)


def _rows(url):
    """Every table's rows, sorted, as comparable text (sessions and migrations' bookkeeping included)."""
    if bench.is_postgres(url):
        import psycopg

        with psycopg.connect(url) as conn:
            tables = [r[0] for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY 1")]
            return {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables}
    import sqlite3

    conn = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY 1")]
        return {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables}
    finally:
        conn.close()


def _files(var_dir):
    media = Path(var_dir) / "media"
    return {p.relative_to(media).as_posix(): p.read_bytes() for p in media.rglob("*") if p.is_file()}


def test_backup_round_trip_and_refusals(tmp_path):
    server = os.environ.get("DATABASE_URL") if bench.is_postgres(os.environ.get("DATABASE_URL")) else None
    with bench.throwaway_database(server, directory=str(tmp_path)) as source_url, \
            bench.throwaway_database(server, directory=str(tmp_path)) as target_url:
        if not server:  # two distinct files for the two installations
            source_url = f"sqlite:///{tmp_path}/source.sqlite3"
            target_url = f"sqlite:///{tmp_path}/target.sqlite3"
        source = bench.server_env(source_url, "config.settings.base", {"FAZHI_VAR_DIR": str(tmp_path / "a")})
        target = bench.server_env(target_url, "config.settings.base", {"FAZHI_VAR_DIR": str(tmp_path / "b")})
        made = _run(source, code=MAKE_DATA)
        assert made.returncode == 0, made.stderr[-3000:]
        archive = tmp_path / "county.tar.gz"
        done = _run(source, "backup", "--output", str(archive))
        assert done.returncode == 0, done.stderr[-3000:]
        assert "已备份" in done.stdout

        # a damaged archive (one byte of a member changed) and a foreign file are refused, nothing restored
        damaged = tmp_path / "damaged.tar.gz"
        with tarfile.open(archive, "r:gz") as src, tarfile.open(damaged, "w:gz") as dst:
            for info in src:
                data = src.extractfile(info).read()
                if info.name.startswith("files/"):
                    data = bytes([data[0] ^ 0xFF]) + data[1:]
                dst.addfile(info, io.BytesIO(data))
        refused = _run(target, "restore", str(damaged))
        assert refused.returncode != 0 and "备份文件已损坏" in refused.stderr
        foreign = tmp_path / "foreign.tar.gz"
        foreign.write_bytes(b"PK\x03\x04 not a backup")
        refused = _run(target, "restore", str(foreign))
        assert refused.returncode != 0 and "不是本平台的备份文件" in refused.stderr
        with tarfile.open(archive, "r:gz") as src:
            manifest = json.loads(src.extractfile("manifest.json").read())
        assert manifest["database"] == ("postgresql" if server else "sqlite")
        assert any(e["name"].startswith("files/") for e in manifest["entries"])

        restored = _run(target, "restore", str(archive))
        assert restored.returncode == 0, restored.stderr[-3000:]
        assert _rows(source_url) == _rows(target_url)
        assert _files(tmp_path / "a") == _files(tmp_path / "b")
        for check in (("verify_audit",), ("verify_records", "--files")):
            verified = _run(target, *check)
            assert verified.returncode == 0, (check, verified.stdout[-2000:], verified.stderr[-2000:])

        # an installation that already has records is never overwritten
        again = _run(target, "restore", str(archive))
        assert again.returncode != 0 and "已有用户和记录" in again.stderr
