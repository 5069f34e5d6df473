"""Scale-out benchmark, run on demand: two app-server instances on one PostgreSQL, requests spread across both.

    .venv/bin/python benchmarks/scale_out.py [--enrolled 2300] [--examinees 150] [--users 60] [--office 6]

Needs the benchmark group (requirements/bench.txt: Locust) and PostgreSQL (DATABASE_URL naming a server, or root
for a throw-away PostgreSQL 15 cluster). One database prepared as for benchmarks/exam_load.py; two gunicorn
instances (config/gunicorn.conf.py each, two processes per core × 2 threads, on two loopback ports) serve it. Locust sends
every request to the next instance in turn (no load balancer: the load tool targets both), so one examinee's
sign-in, start, autosaves and submission land on both instances — which works only because an instance keeps no
state of its own. Beside the examinees, ``--office`` clerks of the rule-of-law office run the mixed office
workload: the workbench, the unit register and the petition register, the public home page, and registering a
petition, which takes a number from fazhi/core/numbering.py.

Checked afterwards: the exam checks of benchmarks/exam_load.py, every registered petition stored once with a
number no other petition has, and where the state an instance could keep lives (sessions, locks, numbering,
files). Prints one JSON document with the Locust figures and, from each instance's access log, its requests,
requests/s, server-side p50/p95/p99 and 5xx count.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import concurrency as cc  # noqa: E402
import exam_load  # noqa: E402

ROOT = cc.ROOT
ACCESS_FORMAT = "--access-logformat '%(s)s %(M)s'"  # status, request time in milliseconds


def instance_figures(log_path, seconds):
    """One instance's requests, requests/s and server-side percentiles from its access log."""
    rows = []
    for line in Path(log_path).read_text(errors="replace").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
            rows.append((int(parts[0]), int(parts[1])))
    ms = sorted(m for _s, m in rows)

    def pct(p):
        return ms[min(len(ms) - 1, int(p / 100 * len(ms)))] if ms else None

    return {"requests": len(rows), "rps": round(len(rows) / seconds, 1) if seconds else None,
            "server_p50_ms": pct(50), "server_p95_ms": pct(95), "server_p99_ms": pct(99),
            "server_mean_ms": round(statistics.fmean(ms), 1) if ms else None,
            "http_5xx": sum(1 for s, _m in rows if s >= 500)}


def check_numbers_and_state(env):
    out = subprocess.run([cc.PYTHON, __file__, "_check"], env=env, cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    if out.returncode != 0:
        raise RuntimeError(f"checking the database failed:\n{out.stdout[-3000:]}\n{out.stderr[-5000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _check_in_process():
    import django

    django.setup()
    from django.conf import settings
    from django.db.models import Count

    from fazhi.core.models import NumberSequence
    from fazhi.disputes.models import Petition

    petitions = Petition.objects.filter(petitioner_name__startswith="压测来访人")
    duplicates = (Petition.objects.exclude(number="").values("number").annotate(n=Count("pk")).filter(n__gt=1))
    # where an instance could keep state of its own: the source never uses Django's (per-process) cache
    uses_cache = [str(p.relative_to(ROOT)) for p in (ROOT / "fazhi").rglob("*.py")
                  if "tests" not in p.parts and "django.core.cache" in p.read_text(encoding="utf-8")]
    taken = sorted(int(m.group(1)) for m in (re.search(r"〕(\d+)号", n) for n in petitions.values_list("number", flat=True))
                   if m)
    print(json.dumps({
        "petitions_registered": petitions.count(),
        "numbers_consecutive": taken == list(range(taken[0], taken[0] + len(taken))) if taken else None,
        "petitions_without_number": petitions.filter(number="").count(),
        "duplicate_numbers": duplicates.count(),
        "numbering_rows": NumberSequence.objects.count(),
        "state": {
            "sessions": settings.SESSION_ENGINE,
            "source_files_using_the_process_cache": uses_cache,
            "locks_and_numbering": "database row locks (select_for_update on NumberSequence and the records)",
            "files": settings.STORAGES["default"]["BACKEND"],
        },
    }, ensure_ascii=False))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--enrolled", type=int, default=2300)
    p.add_argument("--examinees", type=int, default=150)
    p.add_argument("--users", type=int, default=60)
    p.add_argument("--office", type=int, default=6)
    p.add_argument("--spawn-rate", type=float, default=20)
    p.add_argument("--time-limit", type=int, default=900)
    args = p.parse_args(argv)
    exam_load.stop_cleanly()
    result = {"started": time.strftime("%Y-%m-%d %H:%M:%S %z"), "cpus": os.cpu_count(),
              "load_average_before": os.getloadavg(),
              "load": {"examinees": args.examinees, "users": args.users, "office_clerks": args.office,
                       "spawn_rate": args.spawn_rate, "instances": 2}}
    with exam_load.database("postgres") as url, tempfile.TemporaryDirectory(prefix="fazhi-scale-") as work:
        env = cc.server_env(url, exam_load.SETTINGS)
        t = time.perf_counter()
        plan = exam_load.prepare(env, enrolled=args.enrolled)
        result["enrolled"] = len(plan["users"])
        result["prepare_s"] = round(time.perf_counter() - t, 1)
        logs = [str(Path(work) / f"access-{i}.log") for i in (1, 2)]
        servers = [cc.Server(dict(env, FAZHI_ACCESS_LOG=log, GUNICORN_CMD_ARGS=ACCESS_FORMAT)) for log in logs]
        with servers[0] as a, servers[1] as b:
            run = exam_load.run_locust(hosts=[f"http://{cc.HOST}:{a.port}", f"http://{cc.HOST}:{b.port}"],
                                       plan=plan, examinees=args.examinees, users=args.users,
                                       spawn_rate=args.spawn_rate, think=0, time_limit=args.time_limit,
                                       workdir=work, office=args.office)
            tracebacks = a.output().count("Traceback") + b.output().count("Traceback")
        result.update({k: v for k, v in run.items() if k != "acks_path"})
        result["per_instance"] = {f"instance_{i}": instance_figures(log, run["wall_s"])
                                  for i, log in enumerate(logs, 1)}
        result["server_log_tracebacks"] = tracebacks
        result["database_check"] = exam_load.verify(env, exam=plan["exam"], acks_path=run["acks_path"])
        result["numbering_and_state"] = check_numbers_and_state(env)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return result


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_check":
        sys.path.insert(0, str(ROOT))
        _check_in_process()
    else:
        main()
