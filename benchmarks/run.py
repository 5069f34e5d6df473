"""Benchmarks, run on demand (not part of the test suite): server time and SQL query count of pages.

    .venv/bin/python benchmarks/run.py --scale 10 [--repeat 20] [--database-url postgres://…]

Builds a fresh database (a temporary SQLite file unless --database-url is given), loads the demo
county at the given scale, then requests each page as the rule-of-law office through Django's test
client and prints one JSON document: for every page the median and worst server time in
milliseconds and the number of SQL queries, measured with the page size at 20 and at 500 rows to
show that the query count does not grow with the rows shown.
"""
import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import _django  # noqa: E402  (benchmarks/_django.py: the shared start)

PAGES = [
    ("workbench", "/workbench/"),
    ("unit_list", "/orgs/units/"),
    ("unit_list_villages", "/orgs/units/?kind=village"),
    ("user_list", "/orgs/users/"),
    ("audit_list", "/audit/"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    args = parser.parse_args()

    started = time.perf_counter()
    tmp = _django.start("run", args.database_url)  # noqa: F841 (kept for the run)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("load_demo", scale=args.scale, quiet_logins=True, stdout=open(os.devnull, "w"))
    load_seconds = time.perf_counter() - started

    from fazhi.core.models import AuditEntry
    from fazhi.orgs.models import OrgUnit, User

    client = Client()
    client.force_login(User.objects.get(username="fzb"))
    results = {}
    for name, url in PAGES:
        per_size = {}
        for page_size in (20, 500):
            settings.FAZHI_PAGE_SIZE = page_size
            timings = []
            queries = None
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as ctx:
                    t0 = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (url, response.status_code)
                queries = len(ctx)
            per_size[page_size] = {"median_ms": round(statistics.median(timings), 1),
                                   "max_ms": round(max(timings), 1), "queries": queries}
        results[name] = {"url": url, "page_20": per_size[20], "page_500": per_size[500],
                         "queries_constant": per_size[20]["queries"] == per_size[500]["queries"]}
    print(json.dumps({
        "scale": args.scale,
        "database": connection.vendor,
        "records": {"units": OrgUnit.objects.count(), "users": User.objects.count(),
                    "audit_entries": AuditEntry.objects.count()},
        "load_demo_seconds": round(load_seconds, 1),
        "repeat": args.repeat,
        "pages": results,
    }, ensure_ascii=False, indent=2))
    tmp.cleanup()


if __name__ == "__main__":
    main()
