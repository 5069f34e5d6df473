import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fazhi.core import spreadsheets as sheets
from fazhi.powers import services
from fazhi.powers.models import AdjustmentLine, ListAdjustment, PowerItem
from fazhi.powers.spreadsheets import item_sheet

from .factories import approved_list, content

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def lists(county):
    approved_list(county)
    approved_list(county, unit=county.water, title="水利清单",
                  items=[("SLJ-CF-001", content("水利秘密事项", bases="《中华人民共和国水法》第六十五条"))])
    return county


def test_liaison_sees_and_changes_only_own_units_list(client, lists):
    client.force_login(lists.liaison)
    page = client.get(reverse("powers:item_list")).content.decode()
    assert "食品经营许可" in page and "水利秘密事项" not in page
    water_item = PowerItem.objects.get(code="SLJ-CF-001")
    assert client.get(reverse("powers:item_detail", args=[water_item.pk])).status_code == 404
    response = client.post(reverse("powers:adjustment_create"), {
        "unit": lists.water.pk, "title": "越权", "reason": "x", "trigger_document": "x", "effective_on": "2019-06-30"})
    assert response.status_code == 200 and not ListAdjustment.objects.filter(title="越权").exists()
    client.force_login(lists.office)
    assert "水利秘密事项" in client.get(reverse("powers:item_list")).content.decode()


def test_adjustment_pages_walk_the_workflow(client, lists):
    client.force_login(lists.liaison)
    r = client.post(reverse("powers:adjustment_create"), {
        "unit": lists.market.pk, "title": "六月调整", "reason": "法律修改", "trigger_document": "市政府令",
        "effective_on": "2019-06-30"})
    adj = ListAdjustment.objects.get(title="六月调整")
    assert r.url == reverse("powers:adjustment_detail", args=[adj.pk])
    r = client.post(reverse("powers:line_add", args=[adj.pk]) + "?kind=add", {
        "kind": "add", "code": "SCJ-CF-009", "name": "新事项", "category": "penalty", "bases": ""})
    assert "实施依据" in r.content.decode()  # the refusal is shown next to the field, nothing saved
    assert not adj.lines.exists()
    client.post(reverse("powers:line_add", args=[adj.pk]) + "?kind=add", {
        "kind": "add", "code": "SCJ-CF-009", "name": "新事项", "category": "penalty",
        "bases": "《中华人民共和国广告法》第五十五条"})
    assert adj.lines.count() == 1
    page = client.get(reverse("powers:adjustment_detail", args=[adj.pk])).content.decode()
    assert "提交审核" in page and "审核通过" not in page  # only the actions this user may take
    client.post(reverse("powers:adjustment_submit", args=[adj.pk]))
    assert client.post(reverse("powers:adjustment_approve", args=[adj.pk])).status_code == 403
    client.force_login(lists.office)
    page = client.get(reverse("powers:adjustment_detail", args=[adj.pk])).content.decode()
    assert "审核通过" in page and "退回修改" in page
    client.post(reverse("powers:adjustment_approve", args=[adj.pk]))
    adj.refresh_from_db()
    assert adj.status == "approved" and PowerItem.objects.filter(code="SCJ-CF-009").exists()


def _query_count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_list_pages_query_count_does_not_grow_with_rows(client, county):
    approved_list(county, items=[(f"A{i}", content(f"事项{i}")) for i in range(3)])
    services.version_publish(actor=county.office, title="v1", published_on=D(2019, 2, 1))
    client.force_login(county.office)
    urls = [reverse("powers:item_list"), reverse("powers:adjustment_list"), reverse("powers:public_list"),
            reverse("powers:version_list")]
    before = [_query_count(client, u) for u in urls]
    approved_list(county, items=[(f"B{i}", content(f"事项B{i}")) for i in range(15)], effective_on=D(2019, 1, 2),
                  title="再次调整")
    services.version_publish(actor=county.office, title="v2", published_on=D(2019, 3, 1))
    after = [_query_count(client, u) for u in urls]
    assert before == after


def test_export_gives_exactly_the_filtered_list_and_reimports(client, lists):
    client.force_login(lists.office)
    r = client.get(reverse("powers:item_list") + "?category=licensing&export=xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:4] == ("职权编码", "事项名称", "子项", "权力类型")
    assert [r[0] for r in rows[1:]] == ["SCJ-XK-001"]
    parsed = sheets.read_rows(item_sheet(), r.content)
    assert parsed.ok and parsed.rows[0]["unit"] == lists.market


def _workbook(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["职权编码", "事项名称", "子项", "权力类型", "所属单位", "实施主体", "实施依据", "责任事项", "追责情形",
               "法定办理时限", "备注"])
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


GOOD = ["SCJ-CF-100", "对无照经营的处罚", "", "行政处罚", "P-SCJ", "", "《无证无照经营查处办法》第十三条", "", "", "", ""]


def test_template_import_rejects_each_kind_of_bad_row_and_saves_nothing(county):
    approved_list(county, unit=county.water, title="水利清单", items=[("SLJ-1", content("水事项"))])
    data = _workbook([
        GOOD,
        ["SCJ-CF-101", "事项二", "", "行政管理", "P-SCJ", "", "《行政处罚法》第二条", "", "", "", ""],  # unknown category
        ["SCJ-CF-102", "事项三", "", "行政处罚", "P-SCJ", "", "", "", "", "", ""],  # missing basis
        ["SCJ-CF-100", "事项四", "", "行政处罚", "P-SCJ", "", "《行政处罚法》第二条", "", "", "", ""],  # duplicate code
        ["SCJ-CF-104", "事项五", "", "行政处罚", "不存在的局", "", "《行政处罚法》第二条", "", "", "", ""],  # unknown unit
    ])
    result = sheets.import_file(item_sheet(actor=county.liaison), data)
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert set(messages) == {(3, "权力类型"), (4, "实施依据"), (5, "职权编码"), (6, "所属单位")}
    assert "不存在的局" in messages[(6, "所属单位")]
    assert not ListAdjustment.objects.filter(title__contains="导入").exists()
    # a code of another unit's list, and another unit's rows, are refused by the service: nothing saved
    theirs = _workbook([GOOD, ["SLJ-1", "水事项", "", "行政处罚", "P-SCJ", "", "《水法》第一条", "", "", "", ""]])
    result = sheets.import_file(item_sheet(actor=county.liaison), theirs)
    assert [(e.row, e.message) for e in result.errors] == [(3, "职权编码 SLJ-1 已属于其他单位的清单。")]
    outsider = sheets.import_file(item_sheet(actor=county.outsider), _workbook([GOOD]))
    assert "不能导入其他单位" in outsider.errors[0].message
    assert not AdjustmentLine.objects.filter(code="SCJ-CF-100").exists()


def test_template_import_makes_a_draft_adjustment(client, county):
    approved_list(county)
    changed = ["SCJ-CF-001", "食品生产经营违法行为的处罚（修订）", "", "行政处罚", "某县市场监督管理局", "",
               "《中华人民共和国食品安全法》第一百二十二条", "", "", "", ""]
    client.force_login(county.liaison)
    upload = io.BytesIO(_workbook([GOOD, changed]))
    upload.name = "list.xlsx"
    r = client.post(reverse("powers:item_import"), {"file": upload, "effective_on": "2019-06-30"})
    adj = ListAdjustment.objects.get(status="draft")
    assert r.url == reverse("powers:adjustment_detail", args=[adj.pk])
    assert sorted(adj.lines.values_list("code", "kind")) == [("SCJ-CF-001", "change"), ("SCJ-CF-100", "add")]
    assert str(adj.effective_on) == "2019-06-30"
    assert client.get(reverse("powers:item_template")).status_code == 200


def test_real_file_import_previews_then_saves_a_draft(client, county):
    from .test_realworld import FILES

    path = next((f for f in FILES if "统计局" in f.name), None)
    if path is None:
        pytest.skip("真实数据目录不存在")
    client.force_login(county.liaison)
    upload = io.BytesIO(path.read_bytes())
    upload.name = path.name
    r = client.post(reverse("powers:real_import"), {"file": upload, "unit": county.market.pk})
    page = r.content.decode()
    assert "共 <strong>3</strong> 个事项" in page and "行政处罚" in page
    assert not ListAdjustment.objects.exists()  # the preview saves nothing
    token = client.session["powers_import"]["token"]
    r = client.post(reverse("powers:real_import"), {"token": token, "confirm": "1"})
    adj = ListAdjustment.objects.get()
    assert adj.status == "draft" and adj.lines.count() == 3 and adj.unit == county.market
    assert r.url == reverse("powers:adjustment_detail", args=[adj.pk])


def test_public_pages(client, county):
    approved_list(county)
    v1 = services.version_publish(actor=county.office, title="2019年版", published_on=D(2019, 3, 1))
    page = client.get(reverse("powers:public_list")).content.decode()
    assert "2019年版" in page and "食品经营许可" in page
    entry = v1.entries.get(code="SCJ-XK-001")
    page = client.get(reverse("powers:public_item") + f"?id={entry.pk}").content.decode()
    assert "《中华人民共和国行政许可法》第十二条" in page and "立案责任" in page
    assert client.get(reverse("powers:public_item") + "?id=999999").status_code == 404
    assert "食品" not in client.get(reverse("powers:public_list") + "?category=coercion").content.decode()
    assert client.get(reverse("powers:public_changes")).status_code == 200
    assert client.get(reverse("powers:public_compare")).status_code == 200


def test_law_marking_page_and_flag_resolution(client, lists):
    client.force_login(lists.liaison)
    assert client.post(reverse("powers:law_list"), {"law": "行政许可法", "kind": "repealed",
                                                    "changed_on": "2019-05-01"}).status_code == 403
    client.force_login(lists.office)
    client.post(reverse("powers:law_list"), {"law": "行政许可法", "kind": "repealed", "changed_on": "2019-05-01"})
    flag = PowerItem.objects.get(code="SCJ-XK-001").flags.get()
    client.force_login(lists.liaison)
    page = client.get(reverse("powers:item_list") + "?flagged=1").content.decode()
    assert 'class="overdue"' in page and "SCJ-XK-001" in page and "SCJ-CF-001" not in page
    client.post(reverse("powers:flag_resolve", args=[flag.pk]), {"resolution": "条款未变"})
    flag.refresh_from_db()
    assert flag.resolved_at is not None


def test_public_search_uses_the_shared_full_text_index(client, county):
    from fazhi.powers import search

    approved_list(county)
    services.version_publish(actor=county.office, title="v1", published_on=D(2019, 3, 1))
    if search.core_search is None:
        pytest.skip("共享全文检索尚未提供")
    assert search.public_item_ids("食品经营") == [PowerItem.objects.get(code="SCJ-XK-001").pk]
    page = client.get(reverse("powers:public_list") + "?q=食品经营").content.decode()
    assert "食品经营许可" in page and "食品生产经营违法行为的处罚" not in page
    # a later version: the cancelled item leaves the index, a new one enters it
    adj = services.adjustment_create(actor=county.liaison, unit=county.market, title="t", reason="r",
                                     trigger_document="d", effective_on=D(2019, 6, 30))
    services.line_add(actor=county.liaison, adjustment=adj, kind="cancel",
                      item=PowerItem.objects.get(code="SCJ-XK-001"))
    services.line_add(actor=county.liaison, adjustment=adj, kind="add", code="N-1", content=content("网络食品经营检查"))
    services.adjustment_submit(actor=county.liaison, adjustment=adj)
    services.adjustment_approve(actor=county.office, adjustment=adj)
    services.version_publish(actor=county.office, title="v2", published_on=D(2019, 7, 1))
    assert search.public_item_ids("食品经营") == [PowerItem.objects.get(code="N-1").pk]
    page = client.get(reverse("powers:public_item") + "?code=N-1").content.decode()
    assert "网络食品经营检查" in page


def test_adjustment_and_approval_exports_follow_the_filters(client, lists):
    services.approval_item_add(actor=lists.office, unit=lists.market, code="SP-1", name="食品经营许可",
                               listed_on=D(2019, 1, 1), document="文件", power_item=PowerItem.objects.get(code="SCJ-XK-001"))
    client.force_login(lists.liaison)
    ws = load_workbook(io.BytesIO(client.get(reverse("powers:adjustment_list") + "?export=xlsx").content)).active
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] == ["初始清单"]  # not the water bureau's
    ws = load_workbook(io.BytesIO(client.get(reverse("powers:adjustment_list") + "?status=draft&export=xlsx")
                                  .content)).active
    assert ws.max_row == 1
    ws = load_workbook(io.BytesIO(client.get(reverse("powers:approval_list") + "?export=xlsx").content)).active
    assert [r[:2] for r in ws.iter_rows(min_row=2, values_only=True)] == [("SP-1", "食品经营许可")]
