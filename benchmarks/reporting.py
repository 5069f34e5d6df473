"""Benchmark of the reporting app, run on demand (not part of the test suite).

    .venv/bin/python benchmarks/reporting.py [--scale 10] [--repeat 10] [--no-compare]

Builds a temporary SQLite database, loads the demo county at ``--scale`` and measures, as the
rule-of-law office: drafting a year's report (the service, rolled back after each run), the report page
(which recomputes every figure to mark changed numbers), the dashboard (office and a unit liaison), the
alerts centre and the public report. Unless ``--no-compare`` is given it runs the same measurement at
``--scale 1`` in a second process, to show that the query counts do not grow with the data. Prints JSON.
Targets (issue 7): drafting and the dashboard ≤ 1 s each at ``--scale 10``.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import _django  # noqa: E402  (benchmarks/_django.py: the shared start)


def measure(scale, repeat):
    started = time.perf_counter()
    tmp = _django.start("reporting")  # noqa: F841 (kept for the run)
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("load_demo", scale=scale, quiet_logins=True, stdout=open(os.devnull, "w"))
    load_seconds = time.perf_counter() - started

    from fazhi.core.registry import figures
    from fazhi.orgs.models import OrgUnit, User
    from fazhi.reporting import services
    from fazhi.reporting.models import Report

    office = User.objects.get(username="fzb")
    gov = OrgUnit.objects.get(code="G-YX")

    def timed(fn):
        timings, counts = [], []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                fn()
                timings.append((time.perf_counter() - t0) * 1000)
            counts.append(len(ctx))
        queries = min(counts)  # a session save now and then is not the page's work
        return {"median_ms": round(statistics.median(timings), 1), "max_ms": round(max(timings), 1),
                "queries": queries}

    def draft():
        with transaction.atomic():
            services.report_create(actor=office, year=2018, unit=gov)
            transaction.set_rollback(True)

    results = {"draft_report_2018": timed(draft)}
    report = Report.objects.get(unit=gov, year=2019)
    pages = [
        ("report_page", "fzb", f"/reports/{report.pk}/"),
        ("report_docx", "fzb", f"/reports/{report.pk}/export/docx/"),
        ("dashboard_office", "fzb", "/dashboard/?year=2019"),
        ("dashboard_leader", "leader", "/dashboard/?year=2019"),
        ("dashboard_liaison", "liaison", "/dashboard/?year=2019"),
        ("alerts_office", "fzb", "/alerts/"),
        ("report_list", "fzb", "/reports/"),
    ]
    client = Client()
    for name, username, url in pages:
        client.force_login(User.objects.get(username=username))
        client.get(url)  # warm up

        def get(url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        results[name] = {"url": url, **timed(get)}
    # where the time goes: each registered figure and alert provider on its own (the modules' code)
    from django.utils import timezone

    from fazhi.core.registry import alert_providers

    per_figure = {}
    for key, fig in figures().items():
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            fig.compute(year=2019, unit_ids=None)
            per_figure[key] = {"ms": round((time.perf_counter() - t0) * 1000, 1), "queries": len(ctx)}
    per_provider = {}
    for key, provider in alert_providers().items():
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            try:
                found = len(provider.check(office, timezone.localdate()))
            except Exception as exc:  # reported, as the alerts centre does
                found = f"failed: {type(exc).__name__}"
            per_provider[key] = {"ms": round((time.perf_counter() - t0) * 1000, 1), "queries": len(ctx),
                                 "alerts": found}
    results["per_figure"] = per_figure
    results["per_alert_provider"] = per_provider
    out = {
        "scale": scale, "database": connection.vendor, "repeat": repeat,
        "figures_registered": sorted(figures()),
        "records": {"units": OrgUnit.objects.count(), "users": User.objects.count()},
        "load_demo_seconds": round(load_seconds, 1),
        "results": results,
    }
    tmp.cleanup()
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--no-compare", action="store_true")
    parser.add_argument("--json-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json_only:
        print(json.dumps(measure(args.scale, args.repeat), ensure_ascii=False))
        return
    big = measure(args.scale, args.repeat)
    report = {"target": "drafting and the dashboard <= 1000 ms at --scale 10", **big}
    if not args.no_compare:
        small = json.loads(subprocess.run(
            [sys.executable, __file__, "--scale", "1", "--repeat", str(max(3, args.repeat // 3)), "--json-only"],
            check=True, capture_output=True, text=True, cwd=ROOT).stdout.strip().splitlines()[-1])
        pages = [k for k in big["results"] if not k.startswith("per_")]
        report["queries_at_scale_1"] = {k: small["results"][k]["queries"] for k in pages}
        report["queries_constant"] = all(small["results"][k]["queries"] == big["results"][k]["queries"] for k in pages)
        report["queries_growing"] = {
            f"{group}:{key}": [small["results"][group].get(key, {}).get("queries"), v["queries"]]
            for group in ("per_figure", "per_alert_provider") for key, v in big["results"][group].items()
            if small["results"][group].get(key, {}).get("queries") != v["queries"]}
    report["within_target"] = all(big["results"][k]["max_ms"] <= 1000 for k in
                                  ("draft_report_2018", "dashboard_office", "dashboard_leader", "dashboard_liaison"))
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
