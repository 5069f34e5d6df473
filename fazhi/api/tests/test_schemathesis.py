"""schemathesis against the published schema on the real server (gunicorn on a loopback port) with a token
that may read everything and write cases and petitions: no server error, no answer outside the schema."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "benchmarks"))
import concurrency as bench  # noqa: E402  (throw-away databases, the server)

pytest.importorskip("gunicorn")
pytest.importorskip("schemathesis")
pytestmark = [pytest.mark.server, pytest.mark.timeout(300)]

PREPARE = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from fazhi.api import services
from fazhi.testing.personas import build_county
county = build_county()
scopes = {"normative_docs": "read", "powers": "read", "decisions": "read", "reports": "read",
          "cases": "write", "petitions": "write"}
_token, raw = services.token_create(actor=county.sysadmin, system="接口测试", units=[county.gov], scopes=scopes,
                                    act_as=county.office)
print(raw)
"""


def test_schemathesis_finds_no_server_error_and_no_schema_violation(tmp_path):
    server_url = os.environ.get("DATABASE_URL")
    with bench.throwaway_database(server_url if bench.is_postgres(server_url) else None,
                                  directory=str(tmp_path)) as url:
        env = bench.server_env(url, "config.settings.test", {"FAZHI_API_RATE": "100000/min"})
        prepared = subprocess.run([sys.executable, "-c", PREPARE], env=env, cwd=ROOT, capture_output=True, text=True,
                                  timeout=300)
        assert prepared.returncode == 0, prepared.stderr[-3000:]
        raw = prepared.stdout.strip().splitlines()[-1]
        with bench.Server(env) as server:
            run = subprocess.run(
                [str(Path(sys.executable).with_name("st")), "run",
                 f"http://127.0.0.1:{server.port}/api/v1/schema/", "-H", f"Authorization: Bearer {raw}",
                 # every check but "a schema-valid request must be accepted": the platform's rules (two certified
                 # officers, the procedure's order, …) refuse such requests with a 422 the schema documents
                 "--checks", "all", "--exclude-checks", "positive_data_acceptance", "--max-examples", "10", "--seed", "18", "--workers", "2",
                 "--phases", "examples,coverage,fuzzing", "--generation-database", "none",
                 "--suppress-health-check", "all"],
                cwd=tmp_path, capture_output=True, text=True, timeout=240, env=dict(os.environ, NO_COLOR="1"))
            log = server.output()
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "Traceback" not in log, log[-3000:]
