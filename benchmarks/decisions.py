"""Decisions benchmarks, run on demand (not part of the test suite); prints one JSON document.

    .venv/bin/python benchmarks/decisions.py [--decisions 300] [--comments 1000] [--database-url postgres://…]

On a fresh database (a temporary SQLite file unless --database-url is given):

- demo: the demo county plus this module's demo (12 decisions through the whole procedure, 48 advisers,
  the service log);
- registration: ``--decisions`` decisions registered through the service (each with its five steps,
  its timeline entry and audit entry);
- public comment: ``--comments`` comments submitted through the service with its abuse checks (rate per
  address, duplicates), then every one disposed of; the 采纳情况说明 written from them; the archive
  bundle (.zip) of that decision built;
- pages: server time and query count of the staff list at 20 and 500 rows per page, the record page of
  the decision with all the comments, the public list, the alerts and the figures.
"""
import argparse
import datetime
import json
import os
import time

import _django  # noqa: E402  (benchmarks/_django.py: the shared start)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=300)
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    args = parser.parse_args()

    tmp = _django.start("decisions", args.database_url)  # noqa: F841 (kept for the run)
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from fazhi.core.registry import collect_alerts, figures
    from fazhi.decisions import demo, selectors, services
    from fazhi.decisions.models import Decision
    from fazhi.orgs import demo as orgs_demo
    from fazhi.orgs.models import OrgUnit, User
    result = {"database": connection.vendor}

    t = time.perf_counter()
    orgs_demo.load()
    demo.load()
    result["demo_load_s"] = round(time.perf_counter() - t, 2)

    office = User.objects.get(username="fzb")
    gov = OrgUnit.objects.get(code="G-YX")
    market = OrgUnit.objects.get(code="D-SCJ")
    t = time.perf_counter()
    for i in range(args.decisions):
        services.decision_create(actor=office, title=f"压力测试决策事项{i:05d}", category="other", organ=gov,
                                 lead_unit=market, proposer="测试", year=2026, draft_text="草案", explanation="说明")
    elapsed = time.perf_counter() - t
    result["register"] = {"decisions": args.decisions, "total_s": round(elapsed, 2),
                          "per_decision_ms": round(elapsed * 1000 / max(args.decisions, 1), 2)}

    d = Decision.objects.get(title="压力测试决策事项00000")
    services.comment_open(actor=office, decision=d, comment_start=datetime.date(2026, 1, 1),
                          comment_end=datetime.date(2026, 12, 31))
    t = time.perf_counter()
    comments = []
    base = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    for i in range(args.comments):
        comments.append(services.comment_submit(decision=d, body=f"第{i}条意见：建议完善第{i % 30 + 1}条的规定。",
                                                address=f"10.{i // 250}.{i % 250}.1", name="张某" if i % 3 else "",
                                                now=base + datetime.timedelta(seconds=i)))
    elapsed = time.perf_counter() - t
    result["comment_submit"] = {"comments": args.comments, "total_s": round(elapsed, 2),
                                "per_comment_ms": round(elapsed * 1000 / max(args.comments, 1), 2)}
    t = time.perf_counter()
    for i, c in enumerate(comments):
        disposition = ["adopted", "partly", "rejected"][i % 3]
        services.comment_dispose(actor=office, comment=c, disposition=disposition,
                                 reason="" if disposition == "adopted" else "已研究")
    result["dispose_all_s"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    note = selectors.adoption_note(d)
    result["adoption_note"] = {"s": round(time.perf_counter() - t, 3), "chars": len(note)}
    t = time.perf_counter()
    bundle = selectors.archive_bundle(Decision.objects.get(pk=d.pk))
    result["archive_bundle"] = {"s": round(time.perf_counter() - t, 3), "bytes": len(bundle)}

    client = Client()
    client.force_login(office)

    def page(url, per_page=None):
        if per_page:
            settings.FAZHI_PAGE_SIZE = per_page
        client.get(url)  # warm
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            response = client.get(url)
            ms = (time.perf_counter() - t0) * 1000
        assert response.status_code == 200, (url, response.status_code)
        return {"ms": round(ms, 1), "queries": len(ctx)}

    result["pages"] = {
        "decision_list_20": page("/decisions/", 20),
        "decision_list_500": page("/decisions/", 500),
        "decision_detail_with_comments": page(f"/decisions/{d.pk}/", 20),
        "public_list": page("/public/decisions/", 20),
        "adviser_list": page("/decisions/advisers/", 20),
        "coverage": page("/decisions/advisers/coverage/", 20),
    }
    t = time.perf_counter()
    alerts, failed = collect_alerts(office, datetime.date.today())
    result["alerts_all_modules_ms"] = round((time.perf_counter() - t) * 1000, 1)
    t = time.perf_counter()
    values = {k: f.compute(year=2019).value for k, f in figures().items() if k.startswith("decisions.")}
    result["figures_ms"] = round((time.perf_counter() - t) * 1000, 1)
    result["figures_2019"] = {k: float(v) if not isinstance(v, int) else v for k, v in values.items()}
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
