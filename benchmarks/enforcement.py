"""Enforcement benchmark, run on demand (not in the test suite): prints one JSON document.

    .venv/bin/python benchmarks/enforcement.py [--cases 20000] [--records-per-case 10] [--repeat 15]
    .venv/bin/python benchmarks/enforcement.py --cases 100000          # the issue's full size (1,000,000 records)

Builds a fresh temporary SQLite database (or --database-url), loads the demo organisation tree, then
bulk-inserts cases with hash-chained full-process records (a correct chain per case) and published,
masked decisions. Measures, through Django's test client, the case list of one unit (the market
bureau's liaison) and the public decision search — median/worst server time and SQL query count at
page sizes 20 and 500 — and the rate of ``verify_records`` for one case and for every case.
"""
import argparse
import datetime
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import _django  # noqa: E402  (benchmarks/_django.py: the shared start)

UNIT_CODES = ["D-SCJ", "D-CGJ", "D-ZRZYJ", "D-HBJ", "D-ZJJ", "D-JTJ", "D-SLJ", "D-NYJ", "D-WLJ", "D-WJJ"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "建国华明伟芳军勇静丽强磊洋艳杰涛斌超秀英"


def build(n_cases, per_case, batch=5000):
    from django.db import connection, transaction
    from django.utils import timezone

    from fazhi.core import search
    from fazhi.core.masking import mask_name
    from fazhi.core.models import SearchEntry
    from fazhi.enforcement import records, services
    from fazhi.enforcement.models import Case, CaseParty, CaseRecord, Officer, Publication
    from fazhi.orgs.models import OrgUnit, User

    office = User.objects.get(username="fzb")
    officer_user = User.objects.get(username="officer")
    bodies = []
    for code in UNIT_CODES:
        unit = OrgUnit.objects.get(code=code)
        bodies.append(services.body_save(actor=office, unit=unit, name=unit.name, legal_basis="《行政处罚法》"))
    me = services.officer_create(actor=office, unit=bodies[0].unit, user=officer_user, name="孙明",
                                 id_number="420322198001010001", certificate_no="BENCH0001",
                                 issued_on=datetime.date(2024, 9, 30), valid_until=datetime.date(2029, 9, 29),
                                 exam_score=90)
    statuses = ["closed"] * 6 + ["decided", "investigating", "registered", "notified"]
    kinds = ["penalty"] * 5 + ["licensing", "inspection", "coercion"]
    now = timezone.now()
    at_db = connection.ops.adapt_datetimefield_value(now)

    def date_db(day):
        return connection.ops.adapt_datefield_value(day)

    columns = ["case_id", "seq", "step", "act", "at", "occurred_on", "actor_id", "actor_name", "officers", "text",
               "file", "file_name", "file_kind", "file_sha256", "file_size", "prev_hash", "hash"]
    insert_records = (f"INSERT INTO {CaseRecord._meta.db_table} ({', '.join(columns)}) "
                      f"VALUES ({', '.join(['%s'] * len(columns))})")
    first_id = 1
    start = datetime.date(2019, 1, 1)
    made = 0
    while made < n_cases:
        size = min(batch, n_cases - made)
        cases, recs, parties, pubs, unit_of = [], [], [], [], {}
        for k in range(size):
            i = made + k
            body = bodies[i % len(bodies)]
            person = SURNAMES[i % 20] + GIVEN[(i // 20) % 20] + GIVEN[(i // 400) % 20]
            registered = start + datetime.timedelta(days=(i * 7) % 2500)
            status = statuses[i % len(statuses)]
            decided = status in ("closed", "decided")
            case = Case(id=first_id + i, unit_id=body.unit_id, body_id=body.pk, handler_id=officer_user.pk,
                        number=f"{body.unit.short_name}立案〔{registered.year}〕{i + 1}号", kind=kinds[i % len(kinds)],
                        title=f"{person}销售过期食品案", facts=f"{person}（电话1390719{i % 10000:04d}）销售过期食品。",
                        status=status, registered_on=registered,
                        decision_due=registered + datetime.timedelta(days=90),
                        fine_amount=1000 + (i % 50) * 100,
                        decision_number=f"{body.unit.short_name}决字〔{registered.year}〕{i + 1}号" if decided else "",
                        decided_on=registered + datetime.timedelta(days=30) if decided else None,
                        decision=f"对{person}罚款{1000 + (i % 50) * 100}元。" if decided else "")
            prev = records.GENESIS
            for seq in range(1, per_case + 1):
                values = {"case_id": case.id, "seq": seq, "step": "investigate", "act": "general", "at": now,
                          "occurred_on": registered, "actor_id": officer_user.pk, "actor_name": "执法员孙某",
                          "officers": "孙明（BENCH0001）", "text": f"第{seq}次调查取证：询问{person}，制作笔录。",
                          "file": "", "file_name": "", "file_kind": "", "file_sha256": "", "file_size": 0}
                digest = records.compute_hash(values, prev)
                recs.append((case.id, seq, "investigate", "general", at_db, date_db(registered), officer_user.pk,
                             "执法员孙某", "孙明（BENCH0001）", values["text"], "", "", "", "", 0, prev, digest))
                prev = digest
            case.record_count, case.record_head = per_case, prev
            cases.append(case)
            parties.append(CaseParty(case_id=case.id, kind="person", name=person, id_number=f"42032219900101{i:04d}",
                                     phone=f"1390719{i % 10000:04d}"))
            if decided:
                unit_of[case.id] = body.unit_id
                pubs.append(Publication(id=case.id, case_id=case.id, status="published", due_on=case.decided_on,
                                        published_on=case.decided_on,
                                        display_until=datetime.date(2099, 1, 1), body_name=body.name,
                                        decision_number=case.decision_number, kind=case.kind,
                                        party=mask_name(person), title=f"{mask_name(person)}销售过期食品案",
                                        content=f"对{mask_name(person)}罚款{case.fine_amount}元。",
                                        decided_on=case.decided_on))
                pubs[-1].build_search_text()
        with transaction.atomic():
            Case.objects.bulk_create(cases, batch_size=1000)
            Case.officers.through.objects.bulk_create(
                [Case.officers.through(case_id=c.id, officer_id=me.pk) for c in cases], batch_size=2000)
            CaseParty.objects.bulk_create(parties, batch_size=2000)
            with connection.cursor() as cur:
                cur.executemany(insert_records, recs)
            Publication.objects.bulk_create(pubs, batch_size=2000)
            entries = SearchEntry.objects.bulk_create(
                [SearchEntry(source="enforcement.decision", object_type="enforcement.Publication",
                             object_id=str(p.id), title=f"{p.decision_number} {p.title}",
                             text=" ".join([p.body_name, p.party, p.content]), unit_id=unit_of[p.case_id],
                             url="/public/enforcement/decisions/", public=True) for p in pubs], batch_size=2000)
            search.write_index_rows(entries)
        made += size
    return Case.objects.count(), CaseRecord.objects.count(), Publication.objects.count(), Officer.objects.count()


def measure(client, url, repeat):
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    per_size = {}
    for page_size in (20, 500):
        settings.FAZHI_PAGE_SIZE = page_size
        timings, queries = [], None
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            queries = len(ctx)
        per_size[page_size] = {"median_ms": round(statistics.median(timings), 1), "max_ms": round(max(timings), 1),
                               "queries": queries}
    settings.FAZHI_PAGE_SIZE = 20
    return {"url": url, "page_20": per_size[20], "page_500": per_size[500],
            "queries_constant": per_size[20]["queries"] == per_size[500]["queries"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20000, help="cases to insert (the issue's size: 100000)")
    parser.add_argument("--records-per-case", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--keep", default=None, help="keep the SQLite database in this (new) directory")
    args = parser.parse_args()

    tmp = _django.start("enf", args.database_url, directory=args.keep)  # noqa: F841 (kept for the run)
    from django.db import connection
    from django.test import Client

    from fazhi.orgs import demo as orgs_demo

    orgs_demo.load()
    if connection.vendor == "sqlite":  # bulk loading only; the measurements below run with the normal settings
        with connection.cursor() as cur:
            cur.execute("PRAGMA synchronous=OFF")
    t0 = time.perf_counter()
    cases, recs, pubs, _officers = build(args.cases, args.records_per_case)
    build_seconds = time.perf_counter() - t0
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("ANALYZE")

    from fazhi.enforcement import records
    from fazhi.enforcement.models import Case
    from fazhi.orgs.models import User

    pages = {}
    staff = Client()
    staff.force_login(User.objects.get(username="liaison"))  # 市场监管局 liaison: one unit's cases
    pages["case_list_of_a_unit"] = measure(staff, "/enforcement/cases/", args.repeat)
    pages["case_list_of_a_unit_search"] = measure(staff, "/enforcement/cases/?q=%E9%94%80%E5%94%AE&kind=penalty",
                                                  args.repeat)
    public = Client()
    pages["public_decision_search"] = measure(public, "/public/enforcement/decisions/?q=%E7%BD%9A%E6%AC%BE",
                                              args.repeat)  # 罚款
    number = Case.objects.exclude(decision_number="").order_by("-id").values_list("decision_number", flat=True)[0]
    from urllib.parse import quote

    pages["public_decision_search_by_number"] = measure(public, f"/public/enforcement/decisions/?q={quote(number)}",
                                                        args.repeat)
    pages["public_decisions_all"] = measure(public, "/public/enforcement/decisions/", args.repeat)

    one = Case.objects.order_by("?").first()
    t = time.perf_counter()
    single = records.verify_case(one)
    one_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    whole = records.verify_all()
    all_seconds = time.perf_counter() - t
    assert single.ok and whole.ok, whole.message()
    print(json.dumps({
        "database": connection.vendor,
        "cases": cases, "case_records": recs, "publications": pubs,
        "bulk_insert_seconds": round(build_seconds, 1),
        "repeat": args.repeat,
        "pages": pages,
        "verify_records": {
            "one_case_ms": round(one_ms, 2), "one_case_records": single.records,
            "all_seconds": round(all_seconds, 1), "all_records": whole.records,
            "records_per_second": round(whole.records / all_seconds) if all_seconds else None,
        },
    }, ensure_ascii=False, indent=2))
    tmp.cleanup()


if __name__ == "__main__":
    main()
