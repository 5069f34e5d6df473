"""Fifty simultaneous writers against the real server: no server error, no "database is locked".

gunicorn (config/gunicorn.conf.py, as ``bin/serve`` runs it) serves a fresh database on a free loopback
port: a temporary SQLite file, or, when DATABASE_URL names PostgreSQL (CI's second run), a throw-away
database on that server. The persona county, 50 department liaisons, one decision open for public comment
and two draft decisions per liaison are loaded through the services. Then 50 threads at a time, released
together, go through the real pages: 50 sign-ins (login form with its CSRF token, lockout checks and login
log), 50 public comments (from 50 addresses, so the per-address rate limit holds), 50 liaisons each
opening their own decision for comment (a workflow step with its locks and audit entry), and a mixed wave.
The helpers are the concurrency benchmark's (benchmarks/concurrency.py).
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import concurrency as bench  # noqa: E402

pytest.importorskip("gunicorn")
pytestmark = [pytest.mark.server, pytest.mark.timeout(240)]

WRITERS = 50


def test_fifty_simultaneous_writers_get_no_server_error():
    server_url = os.environ.get("DATABASE_URL")
    # the SQLite file on tmpfs when there is one: migrating is then I/O-free (the writers' figures are the
    # benchmark's business, on the ordinary disk)
    shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    with bench.throwaway_database(server_url if bench.is_postgres(server_url) else None, directory=shm) as url:
        env = bench.server_env(url, "config.settings.test")
        plan = bench.prepare(env, dataset="persona", staff=WRITERS)
        assert len(plan["staff"]) == WRITERS
        with bench.Server(env) as server:
            report = bench.run_waves(server.port, plan, WRITERS)
            log = server.output()
        audit = subprocess.run([sys.executable, "manage.py", "verify_audit"], env=env, cwd=bench.ROOT,
                               capture_output=True, text=True, timeout=120)

    for wave, expected in (("sign_in", WRITERS), ("comment", WRITERS), ("workflow", WRITERS), ("mixed", WRITERS)):
        figures = report[wave]
        assert figures["errors"] == 0, (wave, figures)
        assert figures["refused"] == 0, (wave, figures)
        assert figures["ok"] == expected, (wave, figures)
    assert "database is locked" not in log
    assert "Traceback" not in log, log[-3000:]
    # the simultaneous audited writes still form one unbroken hash chain
    assert audit.returncode == 0, audit.stdout + audit.stderr
