"""Registers as counties really keep them (issue 12): legacy documents without a 文号, 成文日期 ≠ 公布日期, validity as
an end date, a period or unknown; 文号 in any bracket form; imported numbers reserved in the sequence; cleanup
campaigns scoped by issuer and publication window, with totals, the government/department split, the revision
deadline and the "not listed lapses" rule; figures that count imported documents on one year basis."""
import io
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError
from fazhi.core.models import NumberSequence
from fazhi.core.numbering import parse_number
from fazhi.core.registry import alert_providers, figures
from fazhi.normative_docs import services
from fazhi.normative_docs.choices import CleanupOutcome
from fazhi.normative_docs.models import NormativeDocument
from fazhi.normative_docs.spreadsheets import doc_sheet

from .factories import D, published, signed

pytestmark = pytest.mark.django_db


class Obj(dict):
    def __getattr__(self, k):
        return self.get(k)


def import_rows(county, rows):
    upload = io.BytesIO(sheets.export_workbook(doc_sheet(), [Obj(r) for r in rows]))
    upload.name = "台账.xlsx"
    return sheets.import_file(doc_sheet(actor=county.office), upload)


PUBLISHED_ON = D(2016, 5, 1)


def row(county, number, title, published_on=PUBLISHED_ON, **kw):
    return {"number": number, "title": title, "issuer": kw.pop("issuer", county.gov), "published_on": published_on,
            "status": "published", **kw}


# 文号 --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("郧西政规〔2026〕1号", ("郧西政规", 2026, 1)),
    ("高政发〔2021〕1号", ("高政发", 2021, 1)),
    ("高政发[2021]1号", ("高政发", 2021, 1)),
    ("高政发［2021］１号", ("高政发", 2021, 1)),
    ("高政发(2021)12号", ("高政发", 2021, 12)),
    ("高政发（2021）第3号", ("高政发", 2021, 3)),
    (" 郧西政规 〔2019〕 7 号", ("郧西政规", 2019, 7)),
])
def test_numbers_are_parsed_and_normalised(text, expected):
    n = parse_number(text)
    assert (n.prefix, n.year, n.seq) == expected
    assert n.text == f"{expected[0]}〔{expected[1]}〕{expected[2]}号"


@pytest.mark.parametrize("text", ["abc", "郧西政规2019年1号", "〔2019〕1号", "郧西政规〔19〕1号", "郧西政规〔2019〕0号"])
def test_nonsense_numbers_are_refused(text):
    with pytest.raises(DomainError):
        parse_number(text)
    assert parse_number("") is None


def test_import_refuses_a_nonsense_number(county):
    result = import_rows(county, [row(county, "abc", "某县殡葬管理办法")])
    assert not result.ok and "不是规范的发文字号" in str(result.errors)
    assert not NormativeDocument.objects.exists()


def test_imported_number_is_reserved_so_the_next_registration_issues_the_next(county):
    services.prefix_set(actor=county.office, unit=county.market, prefix="郧西市监规")
    assert import_rows(county, [row(county, "郧西市监规[2019]1号", "某县农贸市场管理办法", issuer=county.market,
                                    published_on=D(2019, 2, 1))]).ok
    doc = NormativeDocument.objects.get()
    assert doc.number == "郧西市监规〔2019〕1号" and (doc.number_prefix, doc.number_year, doc.number_seq) == (
        "郧西市监规", 2019, 1)
    assert NumberSequence.objects.get(prefix="郧西市监规", year=2019).last_number == 1
    new = signed(county, title="某县食品摊贩管理办法")
    new = services.doc_register(actor=county.office, doc=new, on=D(2019, 3, 14))  # used to crash (unique number)
    assert new.number == "郧西市监规〔2019〕2号"


def test_same_number_in_square_brackets_is_the_same_document(county):
    assert import_rows(county, [row(county, "郧西政规〔2016〕1号", "某县城区规划管理办法")]).ok
    result = import_rows(county, [row(county, "郧西政规[2016]1号", "某县城区规划管理办法")])
    assert not result.ok and "已登记" in str(result.errors)
    assert NormativeDocument.objects.count() == 1
    within = import_rows(county, [row(county, "郧西政规〔2017〕1号", "甲"), row(county, "郧西政规（2017）1号", "乙")])
    assert not within.ok and NormativeDocument.objects.count() == 1


# Metadata as registers hold it -------------------------------------------------------------------

def test_legacy_metadata_is_accepted_and_flagged(client, county):
    rows = [
        row(county, "", "某县关于加强集镇管理的通知", published_on=D(2008, 6, 1)),  # legacy: no 文号
        row(county, "郧西政规〔2016〕3号", "某县城区规划管理办法", written_on=D(2016, 4, 20),
            published_on=D(2016, 5, 1), valid_until=D(2026, 4, 30)),  # an end date, 成文 ≠ 公布
        row(county, "郧西政规〔2016〕4号", "某县水资源管理办法", published_on=D(2016, 5, 1), valid_years=3),
        row(county, "郧西政规〔2016〕5号", "某县殡葬管理办法", published_on=D(2016, 5, 1)),  # validity unknown
    ]
    result = import_rows(county, rows)
    assert result.ok, result.errors
    docs = {d.title: d for d in NormativeDocument.objects.all()}
    assert docs["某县关于加强集镇管理的通知"].number == "" and docs["某县关于加强集镇管理的通知"].missing_info == [
        "文号", "有效期"]
    plan = docs["某县城区规划管理办法"]
    assert plan.written_on == D(2016, 4, 20) and plan.published_on == D(2016, 5, 1)
    assert plan.valid_until == D(2026, 4, 30) and plan.missing_info == []
    assert docs["某县水资源管理办法"].valid_until == D(2019, 4, 30)
    unknown = docs["某县殡葬管理办法"]
    assert unknown.valid_until is None and unknown.missing_info == ["有效期"]
    assert unknown.effect_on(D(2030, 1, 1)) == "in_force"
    client.force_login(county.office)
    page = client.get(reverse("normative_docs:doc_list"), {"incomplete": "on"}).content.decode()
    assert "某县殡葬管理办法" in page and "某县关于加强集镇管理的通知" in page and "待补充" in page
    assert "某县城区规划管理办法" not in page


def test_written_after_published_is_refused(county):
    result = import_rows(county, [row(county, "", "甲", written_on=D(2016, 6, 1), published_on=D(2016, 5, 1))])
    assert not result.ok and "成文日期" in str(result.errors)


# Figures: imported documents and one year basis ----------------------------------------------------

PACKAGE = dict(has_cover_letter=True, has_text=True, has_explanation=True, has_legal_basis=True,
               has_publication_proof=True)


def value(key, year=2019):
    return figures()[f"normative_docs.{key}"].compute(year=year).value


def test_filing_figures_count_imported_documents_by_publication_year(county):
    assert import_rows(county, [row(county, "郧西政规〔2019〕1号", "某县殡葬管理办法", published_on=D(2019, 11, 20)),
                                row(county, "郧西政规〔2019〕2号", "某县集镇管理办法", published_on=D(2019, 12, 1))]).ok
    for doc in NormativeDocument.objects.all():
        f = services.filing_create(actor=county.office, doc=doc, filed_on=D(2019, 12, 2), **PACKAGE)
        # reviewed in the next year: still counted with the filing, by the document's publication year
        services.filing_review(actor=county.office, filing=f, result="correction", on=D(2020, 1, 10), note="增设收费")
    # before: 2 corrections (by review year 2020) against 0 filings (imported ones were left out)
    assert value("filed") == 2 and value("corrections_required") == 2
    assert value("filing_rate") == Decimal("100.0") and value("correction_rate") == Decimal("100.0")
    assert value("corrections_required", 2020) == 0 and value("filed", 2020) == 0
    definition = figures()["normative_docs.correction_rate"].definition
    assert "公布日期" in definition and "导入" in definition and "四舍五入" in definition


def test_correction_rate_rounds_half_up(county):
    docs = [published(county, title=f"办法{i}", on=D(2019, 3, 20)) for i in range(16)]
    for i, doc in enumerate(docs):
        f = services.filing_create(actor=county.liaison, doc=doc, filed_on=D(2019, 3, 25), **PACKAGE)
        if i == 0:
            services.filing_review(actor=county.office, filing=f, result="correction", on=D(2019, 4, 1), note="违法")
    assert value("correction_rate") == Decimal("6.3")  # 1/16 = 6.25 %: Python's round gives 6.2


# Cleanup campaigns ----------------------------------------------------------------------------------

def _docs(county):
    gov_old = published(county, title="县政府旧办法", issuer=county.gov, on=D(2019, 3, 20))
    gov_new = published(county, title="县政府新办法", issuer=county.gov, on=D(2019, 6, 20))
    dept = published(county, title="市监局办法", on=D(2019, 3, 20))
    return gov_old, gov_new, dept


def test_campaign_is_scoped_by_issuer_and_publication_window(county):
    gov_old, gov_new, dept = _docs(county)
    c = services.campaign_open(actor=county.office, title="县政府文件清理", opened_on=D(2019, 10, 8),
                               issuer_scope="government", published_to=D(2019, 5, 1))
    assert [i.document for i in c.items.all()] == [gov_old]
    c2 = services.campaign_open(actor=county.office, title="部门文件清理", opened_on=D(2019, 10, 8),
                                issuer_scope="departments")
    assert [i.document for i in c2.items.all()] == [dept]


def test_campaign_totals_split_and_notice_order(client, county):
    gov_old, gov_new, dept = _docs(county)
    c = services.campaign_open(actor=county.office, title="2019年清理", opened_on=D(2019, 10, 8))
    outcomes = {gov_old.pk: "repeal", gov_new.pk: "keep", dept.pk: "amend"}
    for item in c.items.all():
        services.cleanup_item_mark(actor=county.office, item=item, outcome=outcomes[item.document_id], reason="理由")
    from fazhi.normative_docs.selectors import campaign_totals

    totals = campaign_totals(list(c.items.select_related("document__issuer")))
    assert [r["label"] for r in totals.rows] == ["继续有效", "修改/修订", "宣布失效", "废止"]
    assert (totals.total, totals.government, totals.departments) == (3, 2, 1) and totals.check.consistent
    assert [r["total"] for r in totals.rows] == [1, 1, 0, 1]
    assert [v for v, _ in CleanupOutcome.choices] == ["keep", "amend", "invalidate", "repeal"]
    services.campaign_approve(actor=county.office, campaign=c, on=D(2019, 11, 1))
    services.campaign_publish(actor=county.office, campaign=c, on=D(2019, 11, 5))
    page = client.get(f"{reverse('normative_docs:public_campaign')}?id={c.pk}").content.decode()
    assert "县政府文件（1件）" in page and "部门、乡镇文件（1件）" in page and "共3件" in page
    assert page.index("继续有效（1件）") < page.index("修改/修订（1件）") < page.index("废止（1件）")


def test_revision_deadline_alert(county):
    doc = published(county, title="市监局办法", on=D(2019, 3, 20))
    c = services.campaign_open(actor=county.office, title="清理", opened_on=D(2019, 10, 8),
                               revision_due=D(2019, 12, 31))
    item = c.items.get()
    services.cleanup_item_mark(actor=county.office, item=item, outcome="amend", reason="与上位法不一致")
    services.campaign_approve(actor=county.office, campaign=c, on=D(2019, 11, 1))
    services.campaign_publish(actor=county.office, campaign=c, on=D(2019, 11, 5))
    check = alert_providers()["normative_docs.revision_overdue"].check
    assert check(county.office, D(2019, 12, 31)) == []
    assert [a.title for a in check(county.office, D(2020, 1, 1))] == ["1件规范性文件逾期未按清理结果完成修改/修订"]
    assert check(county.outsider, D(2020, 1, 1)) == []
    services.doc_amend(actor=county.office, doc=doc, text="修改后全文", valid_from=D(2019, 12, 20), note="按清理意见修改")
    assert check(county.office, D(2020, 1, 1)) == []


def test_unlisted_documents_lapse_when_the_campaign_says_so(county):
    old = published(county, title="县政府旧办法", issuer=county.gov, on=D(2019, 3, 20))
    c = services.campaign_open(actor=county.office, title="清理", opened_on=D(2019, 10, 8), unlisted_lapse=True)
    # imported after the campaign opened: in scope, in force, but not listed
    with transaction.atomic():
        assert import_rows(county, [row(county, "", "某县集镇管理通知", published_on=D(2015, 1, 1), valid_years=10)]).ok
    unlisted = NormativeDocument.objects.get(title="某县集镇管理通知")
    for item in c.items.all():
        services.cleanup_item_mark(actor=county.office, item=item, outcome="keep", reason="继续适用")
    services.campaign_approve(actor=county.office, campaign=c, on=D(2019, 11, 1))
    services.campaign_publish(actor=county.office, campaign=c, on=D(2019, 11, 5))
    unlisted.refresh_from_db()
    old.refresh_from_db()
    assert unlisted.status == "invalidated" and unlisted.ended_on == D(2019, 11, 5)
    assert old.status == "published"


def test_an_imported_document_without_a_filing_record_is_not_counted_as_unfiled(county):
    """A county's old register often kept no filing date: such a document is not 未报备 (a 0% rate for the years
    before the platform), it is left out of the documents due; one imported with its filing counts."""
    assert import_rows(county, [row(county, "郧西政规〔2016〕1号", "某县殡葬管理办法", published_on=D(2016, 5, 3)),
                                row(county, "郧西政规〔2016〕2号", "某县集镇管理办法", published_on=D(2016, 6, 1))]).ok
    computed = figures()["normative_docs.filing_rate"].compute(year=2016)
    assert computed.breakdown["应报备"] == 0 and value("published", 2016) == 2
    doc = NormativeDocument.objects.get(title="某县集镇管理办法")
    services.filing_create(actor=county.office, doc=doc, filed_on=D(2016, 6, 20), **PACKAGE)
    computed = figures()["normative_docs.filing_rate"].compute(year=2016)
    assert computed.breakdown == {"应报备": 1, "已报备": 1} and computed.value == Decimal("100.0")
    assert "不作为未报备" in figures()["normative_docs.filing_rate"].definition
