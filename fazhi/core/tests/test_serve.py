"""``bin/serve`` end to end, as a newcomer runs it: on a database that already has a county (so the demo is not
loaded) and a free port, it serves through gunicorn with the job runner beside it — ``/healthz`` answers 200 with
the runner's heartbeat fresh, the home page and a compressed, cached static file are served — and SIGTERM stops
gunicorn, its workers and the runner."""
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "benchmarks"))
import concurrency as bench  # noqa: E402  (a free port, the server's environment)

pytestmark = [pytest.mark.server, pytest.mark.timeout(1500)]

PREPARE = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from fazhi.testing.personas import build_county
build_county()
"""


def get(url, **headers):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers, refused.read()


def group_members(pgid):
    """The live processes of process group ``pgid`` (bin/serve's session: gunicorn, its workers, the runner)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def command_line(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def test_bin_serve_serves_through_gunicorn_with_the_job_runner_and_stops_on_sigterm(tmp_path):
    port = bench.free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FAZHI_", "DATABASE_URL"))}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path}/fazhi.sqlite3", FAZHI_VAR_DIR=str(tmp_path),
               FAZHI_PORT=str(port), FAZHI_ACCESS_LOG="")
    prepared = subprocess.run([sys.executable, "-c", PREPARE], env=dict(env, DJANGO_SETTINGS_MODULE="config.settings.base"),
                              cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert prepared.returncode == 0, prepared.stderr[-3000:]
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        serve = subprocess.Popen([str(ROOT / "bin" / "serve")], env=env, cwd=ROOT, stdout=out,
                                 stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 1200  # a first collectstatic on a loaded 2-core machine takes minutes
        health = None
        while time.monotonic() < deadline and serve.poll() is None:
            try:
                status, _h, body = get(f"{base}/healthz")
                health = json.loads(body)
                if status == 200 and health["checks"]["jobs"]["ok"] is True:
                    break
            except (OSError, ValueError):
                pass
            time.sleep(1)
        text = log.read_text()
        assert serve.poll() is None and health and health["checks"]["jobs"]["ok"] is True, (health, text[-3000:])
        assert "演示账号" in text and "首次运行" not in text  # the county was there: no demo loaded

        members = {pid: command_line(pid) for pid in group_members(serve.pid)}
        assert any("gunicorn" in c for c in members.values()), members
        assert any("run_jobs" in c for c in members.values()), members

        status, headers, body = get(f"{base}/")
        assert status == 200 and "text/html" in headers["Content-Type"]
        page = body.decode()
        css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page)
        assert css, page[:2000]
        status, headers, body = get(base + css.group(1), **{"Accept-Encoding": "gzip, br"})
        assert status == 200 and headers["Content-Encoding"] in ("br", "gzip")
        assert "immutable" in headers["Cache-Control"] and "max-age=" in headers["Cache-Control"]
    finally:
        if serve.poll() is None:
            serve.send_signal(signal.SIGTERM)
        try:
            serve.wait(timeout=60)
        finally:
            if serve.poll() is None:
                os.killpg(serve.pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while group_members(serve.pid) and time.monotonic() < deadline:
        time.sleep(0.5)
    left = {p: command_line(p) for p in group_members(serve.pid)}
    if left:
        os.killpg(serve.pid, signal.SIGKILL)
    assert left == {}
    assert serve.returncode == 130, log.read_text()[-3000:]
