"""Benchmark of the audit trail's write throughput (fazhi/core/audit.py), run on demand (not a test).

    .venv/bin/python benchmarks/audit.py --database-url postgres://… [--writers 8] [--writes 100] [--chains 8]
                                          [--work-ms 5]

On a PostgreSQL database (migrated first), ``--writers`` threads each run ``--writes`` transactions that do what an
audited service does: ``audit.record(...)`` and then ``--work-ms`` of further work (``pg_sleep``) before the commit,
so the chain head stays locked for the rest of the transaction, as in a real service. Run twice: every writer in
one county (one chain: the writes queue behind one head, as every write in the installation did before chains were
split) and the writers spread over ``--chains`` counties. Prints one JSON document with audited writes per second
and the p50/p95 transaction time of each run, and checks afterwards that every chain verifies.

Measured 30 Nov 2026 (2-core machine shared with other engineers, load average ~20; PostgreSQL 15 with fsync
off as in the test scripts; 8 writers × 25 transactions, 5 ms of further work in each):

| chains | audited writes/s | transaction p50 | p95 |
|---|---|---|---|
| 1 (every write in one county, as the single chain was)  | 13.0 | 623 ms | 1,052 ms |
| 8 (one county per writer)                             | 61.6 | 100 ms |   193 ms |

4.7× the throughput; afterwards every chain verified (408 entries in 1.0 s).
"""
import argparse
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def run(units, writers, writes, work_ms):
    """``writers`` threads, writer ``i`` writing in ``units[i % len(units)]``; returns the figures."""
    from django.db import connection, transaction

    from fazhi.core import audit

    barrier = threading.Barrier(writers + 1)
    times, errors = [], []

    def writer(i):
        unit = units[i % len(units)]
        barrier.wait()
        try:
            for _ in range(writes):
                t = time.perf_counter()
                with transaction.atomic():
                    audit.record(actor=None, event="orgs.unit_updated", obj=unit, unit=unit)
                    with connection.cursor() as cur:
                        cur.execute("SELECT pg_sleep(%s)", [work_ms / 1000])
                times.append((time.perf_counter() - t) * 1000)
        except Exception as exc:  # reported in the figures
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
    for t in threads:
        t.start()
    barrier.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {"chains": len({u.path.strip("/").split("/")[0] for u in units}), "writes": len(times),
            "errors": errors[:3], "writes_per_s": round(len(times) / elapsed, 1),
            "transaction_ms": {"p50": round(statistics.median(times), 1), "p95": round(pct(times, 95), 1)}}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--writes", type=int, default=100, help="transactions per writer")
    parser.add_argument("--chains", type=int, default=8, help="counties in the second run")
    parser.add_argument("--work-ms", type=float, default=5.0, help="the rest of each transaction after the record")
    args = parser.parse_args()
    if not (args.database_url or "").startswith("postgres"):
        parser.error("需要 PostgreSQL：--database-url postgres://…（SQLite 的写事务本来就逐个进行）")
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from fazhi.core import audit
    from fazhi.orgs.choices import UnitKind
    from fazhi.orgs.models import OrgUnit
    from fazhi.orgs.services import unit_create

    call_command("migrate", verbosity=0)
    counties = []
    for i in range(max(1, args.chains)):
        code = f"BENCH-AUDIT-{i}"
        counties.append(OrgUnit.objects.filter(code=code).first() or unit_create(
            actor=None, code=code, name=f"基准测试县{i}", kind=UnitKind.GOVERNMENT))
    connection.close()
    one = run(counties[:1], args.writers, args.writes, args.work_ms)
    many = run(counties, args.writers, args.writes, args.work_ms)
    started = time.perf_counter()
    verified = audit.verify()
    print(json.dumps({
        "database": connection.vendor, "writers": args.writers, "work_ms": args.work_ms,
        "one_chain": one, "many_chains": many,
        "speedup": round(many["writes_per_s"] / one["writes_per_s"], 1),
        "verify": {"ok": verified.ok, "entries": verified.checked, "s": round(time.perf_counter() - started, 1)},
    }, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
