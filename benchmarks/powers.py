"""Power-list benchmarks, run on demand (not part of the test suite); prints one JSON document.

    .venv/bin/python benchmarks/powers.py [--rows 10000] [--items 5000] [--database-url postgres://…]

On a fresh database (a temporary SQLite file unless --database-url is given) with the demo county:

- import: a 10,000-row workbook in our template (built in memory), through the shared spreadsheet
  framework (parse + check every row, then one transaction creating the draft adjustment), then the
  office's approval writing the 10,000 dated item versions;
- comparison: two published versions of 5,000 items (2% added, 2% removed, 5% changed), compared field
  by field;
- pages: server time and SQL query count of the department list page and the public list page at 20
  and at 500 rows per page (the query count must not grow with the rows).

Targets (issue 4): import ≤ 10 s, comparison ≤ 1 s.
"""
import argparse
import datetime
import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import _django  # noqa: E402  (benchmarks/_django.py: the shared start)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    args = parser.parse_args()

    tmp = _django.start("powers", args.database_url)  # noqa: F841 (kept for the run)
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from openpyxl import Workbook

    from fazhi.core import spreadsheets as sheets
    from fazhi.orgs import demo as orgs_demo
    from fazhi.orgs.models import OrgUnit, User
    from fazhi.powers import services
    from fazhi.powers.models import ListVersion
    from fazhi.powers.spreadsheets import item_sheet

    settings.FAZHI_IMPORT_MAX_ROWS = max(settings.FAZHI_IMPORT_MAX_ROWS, args.rows + 10)
    settings.FAZHI_IMPORT_MAX_BYTES = max(settings.FAZHI_IMPORT_MAX_BYTES, 50 * 1024 * 1024)
    orgs_demo.load()
    office = User.objects.get(username="fzb")
    unit = OrgUnit.objects.get(code="D-SCJ")
    result = {"rows": args.rows, "items": args.items, "database": connection.vendor}

    # 1. Import of N rows through our template.
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("权责清单")
    ws.append(["职权编码", "事项名称", "子项", "权力类型", "所属单位", "实施主体", "实施依据", "责任事项", "追责情形",
               "法定办理时限", "备注"])
    categories = ["行政处罚"] * 6 + ["行政检查", "行政许可", "行政强制", "其他行政权力"]
    for i in range(args.rows):
        ws.append([f"BENCH-{i:06d}", f"对第{i}类违法行为的行政处罚", "", categories[i % 10], "D-SCJ", "",
                   f"《中华人民共和国食品安全法》第{i % 150 + 1}条\n《中华人民共和国行政处罚法》第二十条",
                   "1.立案责任 2.调查责任 3.决定责任", "不履行或不正确履行职责的", "90日", ""])
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    started, cpu = time.perf_counter(), time.process_time()
    parsed = sheets.read_rows(item_sheet(actor=office), data)  # the parse alone, for the breakdown
    parse_only, parse_cpu = time.perf_counter() - started, time.process_time() - cpu
    assert parsed.ok
    started, cpu = time.perf_counter(), time.process_time()
    imported = sheets.import_file(item_sheet(actor=office, effective_on=datetime.date(2019, 1, 1)), data)
    parse_and_save, parse_and_save_cpu = time.perf_counter() - started, time.process_time() - cpu
    assert imported.ok, imported.errors[:3]
    adj = imported.saved["adjustments"][0]
    started, cpu = time.perf_counter(), time.process_time()
    services.adjustment_submit(actor=office, adjustment=adj)
    services.adjustment_approve(actor=office, adjustment=adj)
    approve, approve_cpu = time.perf_counter() - started, time.process_time() - cpu
    result["import"] = {"file_mb": round(len(data) / 1e6, 2),
                        "parse_only_seconds": round(parse_only, 2), "parse_only_cpu": round(parse_cpu, 2),
                        "parse_check_save_seconds": round(parse_and_save, 2),
                        "parse_check_save_cpu": round(parse_and_save_cpu, 2),
                        "submit_approve_seconds": round(approve, 2), "submit_approve_cpu": round(approve_cpu, 2),
                        "total_seconds": round(parse_and_save + approve, 2),
                        "total_cpu": round(parse_and_save_cpu + approve_cpu, 2), "target_seconds": 10,
                        "load_average": [round(x, 1) for x in os.getloadavg()]}

    # 2. Two versions of M items, compared.
    from fazhi.powers.models import PowerItemVersion

    v_all = list(PowerItemVersion.objects.filter(item__code__startswith="BENCH-").select_related("item")
                 .order_by("item__code")[: args.items])
    keep_ids = {v.item_id for v in v_all}
    # the rest of the benchmark items leave the list before version 1, so versions hold M items
    rest = services.adjustment_create(actor=office, unit=unit, title="缩减", reason="基准测试",
                                      trigger_document="基准", effective_on=datetime.date(2019, 2, 1))
    from fazhi.powers.models import AdjustmentLine

    AdjustmentLine.objects.bulk_create([
        AdjustmentLine(adjustment=rest, kind="cancel", item_id=v.item_id, code=v.item.code, **v.content())
        for v in PowerItemVersion.objects.filter(item__code__startswith="BENCH-", valid_to__isnull=True)
        .exclude(item_id__in=keep_ids).select_related("item")], batch_size=1000)
    if rest.lines.exists():
        services.adjustment_submit(actor=office, adjustment=rest)
        services.adjustment_approve(actor=office, adjustment=rest)
    v1 = services.version_publish(actor=office, title="基准版本一", published_on=datetime.date(2019, 3, 1))
    change = services.adjustment_create(actor=office, unit=unit, title="基准调整", reason="基准测试",
                                        trigger_document="基准", effective_on=datetime.date(2019, 6, 30))
    lines = []
    n = len(v_all)
    for i, v in enumerate(v_all):
        if i % 50 == 0:
            lines.append(AdjustmentLine(adjustment=change, kind="cancel", item_id=v.item_id, code=v.item.code,
                                        **v.content()))
        elif i % 20 == 1:
            content = v.content()
            content["time_limit"] = "60日"
            lines.append(AdjustmentLine(adjustment=change, kind="change", item_id=v.item_id, code=v.item.code,
                                        **content))
    for i in range(n // 50):
        lines.append(AdjustmentLine(adjustment=change, kind="add", code=f"BENCH-NEW-{i:05d}", **v_all[0].content()))
    AdjustmentLine.objects.bulk_create(lines, batch_size=1000)
    services.adjustment_submit(actor=office, adjustment=change)
    services.adjustment_approve(actor=office, adjustment=change)
    v2 = services.version_publish(actor=office, title="基准版本二", published_on=datetime.date(2019, 7, 1))
    started, cpu = time.perf_counter(), time.process_time()
    cmp = services.versions_compare(v1, v2)
    compare_seconds, compare_cpu = time.perf_counter() - started, time.process_time() - cpu
    result["comparison"] = {"items_v1": ListVersion.objects.get(pk=v1.pk).item_count, "items_v2": v2.item_count,
                            "added": len(cmp.added), "removed": len(cmp.removed), "changed": len(cmp.changed),
                            "seconds": round(compare_seconds, 3), "cpu": round(compare_cpu, 3), "target_seconds": 1}

    # 3. Page query counts at 20 and 500 rows per page.
    client = Client()
    client.force_login(office)
    pages = {}
    for name, url in [("department_list", f"/powers/items/?unit={unit.pk}"), ("public_list", "/public/powers/"),
                      ("public_list_department", f"/public/powers/?unit={unit.pk}"),
                      ("adjustment_list", "/powers/adjustments/")]:
        row = {}
        for size in (20, 500):
            settings.FAZHI_PAGE_SIZE = size
            client.get(url)
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get(url)
                ms = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (url, response.status_code)
            row[f"rows_{size}"] = {"queries": len(ctx), "ms": round(ms, 1)}
        pages[name] = row
    result["pages"] = pages
    print(json.dumps(result, ensure_ascii=False, indent=2))
    tmp.cleanup()


if __name__ == "__main__":
    main()
