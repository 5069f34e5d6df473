"""Pages: every page renders for every persona, forms refuse bad input in Chinese, lists keep a constant query
count, the export matches the filtered list, the public library searches and shows status."""
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.normative_docs import services
from fazhi.normative_docs.models import NormativeDocument

from . import contract
from .factories import D, draft, published, signed

pytestmark = pytest.mark.django_db

STAFF_URLS = ["doc_list", "doc_create", "review_queue", "filing_list", "campaign_list", "campaign_create",
              "prefix_list", "doc_import", "doc_template"]


@pytest.mark.parametrize("persona", ["sysadmin", "office", "liaison", "reviewer", "officer", "lawyer", "leader",
                                     "outsider"])
def test_every_page_renders_for_every_persona(client, county, persona):
    client.force_login(getattr(county, persona))
    urls = [reverse(f"normative_docs:{n}") for n in STAFF_URLS]
    urls += [reverse(name, kwargs=sample(county)) for name, sample in contract.SAMPLES.items()]
    urls += [reverse("normative_docs:public_list"), published(county, title="公开样本办法").get_public_url()]
    for url in urls:
        assert client.get(url).status_code in (200, 302, 403, 404), (persona, url)


def test_create_form_refuses_an_internal_unit_next_to_the_field(client, county):
    client.force_login(county.liaison)
    response = client.post(reverse("normative_docs:doc_create"), {
        "title": "城关所管理规定", "issuer": county.market_station.pk, "text": "正文"})
    assert response.status_code == 200
    assert "内设机构" in response.content.decode()
    assert 'data-field="issuer"' in response.content.decode()
    assert not NormativeDocument.objects.exists()


def test_draft_walks_through_pages(client, county):
    client.force_login(county.liaison)
    response = client.post(reverse("normative_docs:doc_create"), {
        "title": "某县农贸市场管理办法", "issuer": county.market.pk, "text": "违反规定的，处1000元罚款。",
        "affects_public": "on"})
    doc = NormativeDocument.objects.get()
    assert response.status_code == 302 and response.url == doc.get_absolute_url()
    page = client.get(doc.get_absolute_url()).content.decode()
    assert "公开征求意见" in page and "统一登记编号" not in page  # only the actions allowed now
    response = client.post(reverse("normative_docs:doc_action", args=[doc.pk, "submit_review"]),
                           {"on": "2019-03-01"})
    assert "先公开征求意见" in response.content.decode()
    client.post(reverse("normative_docs:doc_action", args=[doc.pk, "start_comment"]), {"on": "2019-03-01"})
    client.post(reverse("normative_docs:doc_action", args=[doc.pk, "submit_review"]), {"on": "2019-03-12"})
    doc.refresh_from_db()
    assert doc.status == "reviewing"
    client.force_login(county.office)
    review = doc.reviews.get()
    assert reverse("normative_docs:review_detail", args=[review.pk]) in client.get(doc.get_absolute_url()).content.decode()
    page = client.get(reverse("normative_docs:review_detail", args=[review.pk])).content.decode()
    assert '<mark class="review-flag"' in page and "不得设定行政处罚" in page
    response = client.post(reverse("normative_docs:review_detail", args=[review.pk]),
                           {"opinion": "unlawful", "reasons": "", "on": "2019-03-20"})
    assert 'data-field="reasons"' in response.content.decode()
    client.post(reverse("normative_docs:review_detail", args=[review.pk]),
                {"opinion": "unlawful", "reasons": "设定罚款。", "on": "2019-03-20"})
    doc.refresh_from_db()
    assert doc.status == "draft"


def test_list_query_count_does_not_grow(client, county):
    client.force_login(county.office)
    published(county, title="一号办法")
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("normative_docs:doc_list")).status_code == 200
    for i in range(6):
        published(county, title=f"第{i}号办法")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("normative_docs:doc_list"))
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as few_public:
        client.get(reverse("normative_docs:public_list"))
    published(county, title="再一号办法")
    with CaptureQueriesContext(connection) as many_public:
        client.get(reverse("normative_docs:public_list"))
    assert len(many_public) == len(few_public)


def test_export_is_the_filtered_list_and_imports_back(client, county):
    client.force_login(county.office)
    published(county, title="某县农贸市场管理办法")
    published(county, title="某县集贸市场摊位规定")
    draft(county, title="草案不导出到台账筛选")
    response = client.get(reverse("normative_docs:doc_list"), {"q": "农贸", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ("文号", "文件名称", "制定机关")
    assert [r[1] for r in rows[1:]] == ["某县农贸市场管理办法"]


def test_import_is_all_or_nothing_with_row_errors(client, county):
    from fazhi.core import spreadsheets as sheets
    from fazhi.normative_docs.spreadsheets import doc_sheet

    rows = [
        {"number": "郧西政规〔2016〕1号", "title": "某县城区规划管理办法", "issuer": county.gov,
         "published_on": D(2016, 5, 1), "status": "published"},
        {"number": "郧西政规〔2016〕2号", "title": "某县殡葬管理办法", "issuer": county.gov,
         "published_on": D(2016, 6, 1), "status": "repealed"},  # no end date: refused
    ]

    class Obj(dict):
        def __getattr__(self, k):
            return self.get(k)

    content = sheets.export_workbook(doc_sheet(), [Obj(r) for r in rows])
    client.force_login(county.office)
    upload = io.BytesIO(content)
    upload.name = "t.xlsx"
    response = client.post(reverse("normative_docs:doc_import"), {"file": upload})
    assert "废止/失效日期" in response.content.decode()
    assert not NormativeDocument.objects.exists()
    rows[1]["ended_on"] = D(2019, 1, 1)
    upload = io.BytesIO(sheets.export_workbook(doc_sheet(), [Obj(r) for r in rows]))
    upload.name = "t.xlsx"
    client.post(reverse("normative_docs:doc_import"), {"file": upload})
    assert NormativeDocument.objects.count() == 2
    doc = NormativeDocument.objects.get(number="郧西政规〔2016〕1号")
    # no validity in the register: kept unknown and flagged 待补充 (not guessed as 5 years; issue 12)
    assert doc.valid_until is None and doc.missing_info == ["有效期"]


def test_public_library_search_and_status_banner(client, county):
    doc = published(county, title="某县城区房屋拆迁补偿暂行办法")
    published(county, title="某县农贸市场管理办法")
    draft(county, title="某县拆迁安置草案")  # not published: never on the public site
    response = client.get(reverse("normative_docs:public_list"), {"q": "拆迁"})
    page = response.content.decode()
    assert "共找到 1 件" in page and "<mark>拆迁</mark>" in page and "草案" not in page
    response = client.get(reverse("normative_docs:public_list"), {"q": "拆"})
    assert "请输入至少两个字" in response.content.decode()
    services.doc_repeal(actor=county.office, doc=doc, on=D(2019, 9, 1), reason="上位法修改")
    page = client.get(doc.get_public_url()).content.decode()
    assert 'data-testid="status-banner"' in page and "已废止" in page
    unpublished = signed(county, title="未公布文件")
    assert client.get(unpublished.get_public_url()).status_code == 404


def test_public_page_shows_the_version_in_force_on_a_date(client, county):
    doc = published(county, title="某县农贸市场管理办法")
    services.doc_amend(actor=county.office, doc=doc, text="修改后的全文", valid_from=D(2020, 1, 1), note="修改第二条")
    old = client.get(doc.get_public_url() + "&on=2019-06-01").content.decode()
    new = client.get(doc.get_public_url() + "&on=2020-06-01").content.decode()
    assert "第一条 为规范" in old and "修改后的全文" not in old
    assert "修改后的全文" in new and "第1版" in new and "第2版" in new


def test_public_list_filters_by_issuer(client, county):
    published(county, title="县政府文件", issuer=county.gov)
    published(county, title="市场监管局文件")
    page = client.get(reverse("normative_docs:public_list"), {"issuer": county.gov.pk}).content.decode()
    assert "县政府文件" in page and "市场监管局文件" not in page


def test_outsider_cannot_act(client, county):
    doc = published(county, title="某县农贸市场管理办法")
    client.force_login(county.outsider)
    assert client.get(doc.get_absolute_url()).status_code == 404
    assert client.post(reverse("normative_docs:doc_action", args=[doc.pk, "repeal"]),
                       {"on": "2019-09-01", "reason": "x"}).status_code == 404
    assert NormativeDocument.objects.get(pk=doc.pk).status == "published"
    assert datetime.date  # keep import used


def test_bad_filter_values_do_not_break_the_lists(client, county):
    client.force_login(county.office)
    for params in [{"year": "abc"}, {"issuer": "x"}, {"sort": "drop table"}, {"effect": "zzz"}, {"status": "?"}]:
        assert client.get(reverse("normative_docs:doc_list"), params).status_code == 200, params
    for params in [{"year": "abc"}, {"issuer": "x"}, {"q": "拆迁", "page": "x"}, {"id": "abc"}]:
        assert client.get(reverse("normative_docs:public_list"), params).status_code == 200, params
    assert client.get(reverse("normative_docs:public_detail"), {"id": "999999"}).status_code == 404


def test_public_search_combines_with_the_filters(client, county):
    published(county, title="县政府拆迁办法", issuer=county.gov)
    published(county, title="市场监管局拆迁规定")
    page = client.get(reverse("normative_docs:public_list"), {"q": "拆迁", "issuer": county.gov.pk}).content.decode()
    assert "共找到 1 件" in page and "市场监管局拆迁规定" not in page
