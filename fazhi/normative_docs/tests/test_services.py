"""Each guard of the document's life (RULES.md §4): the allowed path and the refused one."""

import pytest
from django.db import transaction

from fazhi.core import search
from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.core.rules import setting_set
from fazhi.normative_docs import services
from fazhi.normative_docs.choices import DocStatus, Effect, FilingStatus
from fazhi.normative_docs.models import LegalityReview, NormativeDocument

from .factories import D, draft, published, reviewed, signed

pytestmark = pytest.mark.django_db


# Issuer -----------------------------------------------------------------------------------------

def test_an_organ_may_issue(county):
    doc = draft(county, issuer=county.market)
    assert doc.status == DocStatus.DRAFT and doc.versions.count() == 1
    assert AuditEntry.objects.filter(event_name="normative_docs.created").count() == 1


def test_an_internal_unit_may_not_issue(county):
    with pytest.raises(DomainError) as e:
        draft(county, issuer=county.market_station)
    assert e.value.field == "issuer" and "内设机构" in e.value.message
    assert not NormativeDocument.objects.exists()


def test_signing_refused_when_the_issuer_is_an_internal_unit(county):
    doc = reviewed(county)
    doc = services.doc_deliberate(actor=county.liaison, doc=doc, on=D(2019, 3, 12), meeting="局务会议")
    NormativeDocument.objects.filter(pk=doc.pk).update(issuer=county.market_station)  # e.g. an imported draft
    with pytest.raises(DomainError, match="内设机构"):
        services.doc_sign(actor=county.liaison, doc=doc, on=D(2019, 3, 13), signer="张局长")


# Public comment ---------------------------------------------------------------------------------

def test_document_affecting_the_public_needs_comment_before_review(county):
    doc = draft(county, affects_public=True)
    with pytest.raises(DomainError, match="先公开征求意见"):
        services.review_submit(actor=county.liaison, doc=doc, on=D(2019, 3, 1))
    doc = services.comment_open(actor=county.liaison, doc=doc, on=D(2019, 3, 1))
    assert doc.status == DocStatus.COMMENTING


def test_comment_lasts_seven_working_days(county):
    doc = draft(county, affects_public=True)
    doc = services.comment_open(actor=county.liaison, doc=doc, on=D(2019, 3, 1))  # Friday
    assert doc.comment_min_end == D(2019, 3, 12)  # 7 working days, start day not counted
    with pytest.raises(DomainError, match="征求意见期未满"):
        services.review_submit(actor=county.liaison, doc=doc, on=D(2019, 3, 11))
    assert NormativeDocument.objects.get(pk=doc.pk).status == DocStatus.COMMENTING
    assert not LegalityReview.objects.exists()
    doc = services.review_submit(actor=county.liaison, doc=doc, on=D(2019, 3, 12), comment_summary="采纳3条")
    assert doc.status == DocStatus.REVIEWING and doc.comment_closed_on == D(2019, 3, 12)


def test_market_related_comment_lasts_thirty_days_and_is_configurable(county):
    doc = draft(county, affects_public=True, market_related=True)
    doc = services.comment_open(actor=county.liaison, doc=doc, on=D(2019, 3, 1))
    assert doc.comment_min_end == D(2019, 3, 31)
    with transaction.atomic():
        setting_set(actor=county.office, key="normative_docs.comment_days_market", raw="45")
    other = draft(county, title="另一文件", affects_public=True, market_related=True)
    other = services.comment_open(actor=county.liaison, doc=other, on=D(2019, 3, 1))
    assert other.comment_min_end == D(2019, 4, 15)


# Legality review --------------------------------------------------------------------------------

def test_review_time_between_5_and_15_working_days(county):
    doc = draft(county)
    with pytest.raises(DomainError) as e:
        services.review_submit(actor=county.liaison, doc=doc, on=D(2019, 3, 1), due_on=D(2019, 3, 5))
    assert e.value.field == "due_on" and "不少于5个工作日" in e.value.message
    with pytest.raises(DomainError, match="不超过15个工作日"):
        services.review_submit(actor=county.liaison, doc=doc, on=D(2019, 3, 1), due_on=D(2019, 4, 30))
    doc = services.review_submit(actor=county.liaison, doc=doc, on=D(2019, 3, 1), due_on=D(2019, 3, 8))
    assert doc.reviews.get().due_on == D(2019, 3, 8)
    other = services.review_submit(actor=county.liaison, doc=draft(county, title="二"), on=D(2019, 3, 1))
    assert other.reviews.get().due_on == D(2019, 3, 22)  # default: the 15-working-day maximum


def test_no_deliberation_without_a_passing_opinion(county):
    doc = services.review_submit(actor=county.liaison, doc=draft(county), on=D(2019, 3, 1))
    with pytest.raises(DomainError, match="不得提交集体审议"):
        services.doc_deliberate(actor=county.liaison, doc=doc, on=D(2019, 3, 12), meeting="局务会议")
    doc = services.review_opine(actor=county.office, doc=doc, opinion="lawful_after_changes",
                                  reasons="删除第五条收费规定后合法。", on=D(2019, 3, 8))
    doc = services.doc_deliberate(actor=county.liaison, doc=doc, on=D(2019, 3, 12), meeting="局务会议")
    assert doc.status == DocStatus.DELIBERATED


def test_unlawful_opinion_sends_the_document_back_to_drafting(county):
    doc = services.review_submit(actor=county.liaison, doc=draft(county), on=D(2019, 3, 1))
    doc = services.review_opine(actor=county.office, doc=doc, opinion="unlawful", reasons="设定了行政许可。",
                                  on=D(2019, 3, 8))
    assert doc.status == DocStatus.DRAFT
    with pytest.raises(DomainError):
        services.doc_deliberate(actor=county.liaison, doc=doc, on=D(2019, 3, 12), meeting="局务会议")
    # after redrafting it goes back to review; only a new passing opinion opens deliberation
    doc = services.review_submit(actor=county.liaison, doc=doc, on=D(2019, 3, 11))
    with pytest.raises(DomainError, match="不得提交集体审议"):
        services.doc_deliberate(actor=county.liaison, doc=doc, on=D(2019, 3, 12), meeting="局务会议")


def test_opinion_needs_reasons_and_the_review_permission(county):
    doc = services.review_submit(actor=county.liaison, doc=draft(county), on=D(2019, 3, 1))
    with pytest.raises(DomainError) as e:
        services.review_opine(actor=county.office, doc=doc, opinion="lawful", reasons=" ", on=D(2019, 3, 8))
    assert e.value.field == "reasons"
    with pytest.raises(DomainError, match="权限"):
        services.review_opine(actor=county.liaison, doc=doc, opinion="lawful", reasons="好", on=D(2019, 3, 8))


def test_the_review_body_answers_government_documents_drafted_elsewhere(county):
    doc = services.review_submit(actor=county.liaison, doc=draft(county, title="县政府文件", issuer=county.gov),
                                 on=D(2019, 3, 1))
    assert doc.reviews.get().review_unit == county.justice  # 县政府文件由司法局审核
    with pytest.raises(DomainError, match="权限"):
        services.review_opine(actor=county.outsider, doc=doc, opinion="lawful", reasons="好", on=D(2019, 3, 8))
    doc = services.review_opine(actor=county.reviewer, doc=doc, opinion="lawful", reasons="合法。",
                                  on=D(2019, 3, 8))
    assert doc.reviews.get().reviewer == county.reviewer


def test_a_department_document_is_reviewed_by_its_own_organ(county):
    doc = services.review_submit(actor=county.liaison, doc=draft(county), on=D(2019, 3, 1))
    assert doc.reviews.get().review_unit == county.market
    with pytest.raises(DomainError, match="范围"):  # the 司法局 reviewer is not the market bureau's review body
        services.review_opine(actor=county.reviewer, doc=doc, opinion="lawful", reasons="好", on=D(2019, 3, 8))


# Numbering --------------------------------------------------------------------------------------

def test_registration_numbers_from_the_shared_sequence_once(county):
    first = signed(county)
    first = services.doc_register(actor=county.office, doc=first, on=D(2019, 3, 14))
    second = services.doc_register(actor=county.office, doc=signed(county, title="第二件"), on=D(2019, 3, 15))
    assert first.number == "某县市场监督管理局规〔2019〕1号"
    assert second.number == "某县市场监督管理局规〔2019〕2号"
    with pytest.raises(DomainError):
        services.doc_register(actor=county.office, doc=first, on=D(2019, 3, 16))
    assert NormativeDocument.objects.get(pk=first.pk).number == first.number


def test_county_government_prefix_and_configurable_department_prefix(county):
    gov_doc = services.doc_register(actor=county.office, doc=signed(county, issuer=county.gov), on=D(2019, 3, 14))
    assert gov_doc.number == "郧西政规〔2019〕1号"
    with transaction.atomic():
        services.prefix_set(actor=county.office, unit=county.market, prefix="郧西市监规")
    doc = services.doc_register(actor=county.office, doc=signed(county), on=D(2019, 3, 14))
    assert doc.number == "郧西市监规〔2019〕1号"
    with pytest.raises(DomainError):
        services.prefix_set(actor=county.office, unit=county.market_station, prefix="城关所规")


def test_not_normative_gets_no_number(county):
    doc = services.review_submit(actor=county.liaison, doc=draft(county, title="2019年工作要点"), on=D(2019, 3, 1))
    doc = services.doc_declare_not_normative(actor=county.office, doc=doc, reason="属于工作计划", on=D(2019, 3, 5))
    assert doc.status == DocStatus.NOT_NORMATIVE and doc.number == ""
    with pytest.raises(DomainError):
        services.doc_register(actor=county.office, doc=doc, on=D(2019, 3, 14))


def test_a_refused_publication_leaves_the_number_unconsumed_when_registration_fails(county):
    doc = signed(county)
    with pytest.raises(DomainError):
        services.doc_register(actor=county.office, doc=doc, on=D(2019, 3, 10))  # before signature
    doc = services.doc_register(actor=county.office, doc=doc, on=D(2019, 3, 14))
    assert doc.number.endswith("〔2019〕1号")


# Publication and validity -----------------------------------------------------------------------

def test_not_in_force_until_published(county):
    doc = services.doc_register(actor=county.office, doc=signed(county, title="某县农贸市场管理办法"),
                                on=D(2019, 3, 14))
    assert doc.effect_on(D(2019, 6, 1)) == Effect.PENDING
    assert not NormativeDocument.objects.in_force_on(D(2019, 6, 1)).exists()
    with pytest.raises(DomainError) as e:
        services.doc_publish(actor=county.office, doc=doc, published_on=D(2019, 3, 20), published_in="")
    assert e.value.field == "published_in"
    doc = services.doc_publish(actor=county.office, doc=doc, published_on=D(2019, 3, 20), published_in="县政府网站")
    assert doc.published_on == D(2019, 3, 20)
    assert list(NormativeDocument.objects.in_force_on(D(2019, 6, 1))) == [doc]


def test_validity_five_years_two_for_provisional_and_lapse_by_date(county):
    normal = published(county, title="某县农贸市场管理办法")
    provisional = published(county, title="某县农贸市场管理暂行办法")
    assert normal.valid_until == D(2024, 3, 19)
    assert provisional.valid_until == D(2021, 3, 19)
    assert provisional.effect_on(D(2021, 3, 19)) == Effect.IN_FORCE
    assert provisional.effect_on(D(2021, 3, 20)) == Effect.EXPIRED  # lapses by itself, no job needed
    assert set(NormativeDocument.objects.in_force_on(D(2022, 1, 1))) == {normal}
    with pytest.raises(DomainError, match="不得超过2年"):
        doc = services.doc_register(actor=county.office, doc=signed(county, title="试行规定"), on=D(2019, 3, 14))
        services.doc_publish(actor=county.office, doc=doc, published_on=D(2019, 3, 20), published_in="网站",
                         valid_years=5)


def test_published_document_cannot_be_edited_except_by_amendment(county):
    doc = published(county, title="某县农贸市场管理办法")
    with pytest.raises(DomainError, match="修改决定"):
        services.doc_update(actor=county.liaison, doc=doc, title=doc.title, issuer=doc.issuer, text="新",
                            affects_public=False, market_related=False)
    doc = services.doc_amend(actor=county.office, doc=doc, text="修改后的全文：第一条……", valid_from=D(2020, 1, 1),
                         note="根据《优化营商环境条例》修改", amendment_number="某县市场监督管理局规〔2019〕9号")
    v1, v2 = doc.versions.order_by("version_no")
    assert v1.valid_to == D(2019, 12, 31) and v2.valid_from == D(2020, 1, 1)
    doc = NormativeDocument.objects.get(pk=doc.pk)
    assert doc.version_on(D(2019, 6, 1)).text.startswith("第一条 为规范")
    assert doc.version_on(D(2020, 6, 1)).text.startswith("修改后的全文")
    with pytest.raises(DomainError):
        services.doc_amend(actor=county.office, doc=doc, text="x", valid_from=D(2019, 12, 1), note="早于现行版本")


def test_repeal_ends_the_document(county):
    doc = published(county, title="某县农贸市场管理办法")
    with pytest.raises(DomainError):
        services.doc_repeal(actor=county.office, doc=doc, on=D(2019, 9, 1), reason="")
    doc = services.doc_repeal(actor=county.office, doc=doc, on=D(2019, 9, 1), reason="上位法修改")
    assert doc.effect_on(D(2019, 8, 31)) == Effect.IN_FORCE
    assert doc.effect_on(D(2019, 9, 1)) == Effect.REPEALED


def test_draft_edit_in_scope_only(county):
    doc = draft(county)
    services.doc_update(actor=county.liaison, doc=doc, title="新名称", issuer=county.market, text="新正文",
                        affects_public=False, market_related=False)
    with pytest.raises(DomainError):
        services.doc_update(actor=county.outsider, doc=doc, title="x", issuer=county.market, text="y",
                            affects_public=False, market_related=False)
    with pytest.raises(DomainError) as e:
        services.doc_update(actor=county.liaison, doc=doc, title="", issuer=county.market, text="y",
                            affects_public=False, market_related=False)
    assert e.value.field == "title"
    assert NormativeDocument.objects.get(pk=doc.pk).title == "新名称"


# Filing -----------------------------------------------------------------------------------------

PACKAGE = dict(has_cover_letter=True, has_text=True, has_explanation=True, has_legal_basis=True,
               has_publication_proof=True)


def test_filing_routes_and_deadline(county):
    dept = published(county, title="某县农贸市场管理办法", on=D(2019, 3, 20))
    gov = published(county, title="某县人民政府关于…的规定", issuer=county.gov, on=D(2019, 9, 20))
    f1 = services.filing_create(actor=county.liaison, doc=dept, filed_on=D(2019, 4, 2), **PACKAGE)
    f2 = services.filing_create(actor=county.liaison, doc=gov, filed_on=D(2019, 10, 12), **PACKAGE)
    assert f1.filed_to == "某县人民政府" and f1.due_on == D(2019, 4, 4) and f1.on_time
    assert f2.filed_to == "十堰市人民政府"
    assert f2.due_on == D(2019, 10, 8)  # 10-05 falls in the National Day holiday: rolls to the next working day
    assert not f2.on_time


def test_incomplete_package_cannot_be_reviewed_until_completed(county):
    doc = published(county, title="某县农贸市场管理办法")
    filing = services.filing_create(actor=county.liaison, doc=doc, filed_on=D(2019, 3, 25), has_text=True)
    assert filing.status == FilingStatus.INCOMPLETE and "备案报告" in filing.missing
    with pytest.raises(DomainError, match="报备材料不齐全"):
        services.filing_review(actor=county.office, filing=filing, result="passed", on=D(2019, 4, 1))
    filing = services.filing_complete(actor=county.liaison, filing=filing, **PACKAGE)
    assert filing.status == FilingStatus.SUBMITTED
    filing = services.filing_review(actor=county.office, filing=filing, result="passed", on=D(2019, 4, 1))
    assert filing.status == FilingStatus.PASSED


def test_correction_required_with_deadline(county):
    doc = published(county, title="某县农贸市场管理办法")
    filing = services.filing_create(actor=county.liaison, doc=doc, filed_on=D(2019, 3, 25), **PACKAGE)
    with pytest.raises(DomainError) as e:
        services.filing_review(actor=county.office, filing=filing, result="correction", on=D(2019, 4, 1))
    assert e.value.field == "note"
    with pytest.raises(DomainError, match="权限"):
        services.filing_review(actor=county.liaison, filing=filing, result="passed", on=D(2019, 4, 1))
    filing = services.filing_review(actor=county.office, filing=filing, result="correction", on=D(2019, 4, 1),
                                    note="第五条增设保证金，应予纠正")
    assert filing.correction_due == D(2019, 5, 1)
    filing = services.filing_correct(actor=county.liaison, filing=filing, on=D(2019, 4, 20), note="已修改")
    assert filing.status == FilingStatus.CORRECTED


def test_unpublished_document_cannot_be_filed(county):
    with pytest.raises(DomainError, match="公布后"):
        services.filing_create(actor=county.liaison, doc=signed(county), filed_on=D(2019, 4, 1), **PACKAGE)


# Cleanup ----------------------------------------------------------------------------------------

def test_cleanup_campaign(county):
    keep = published(county, title="某县农贸市场管理办法")
    drop = published(county, title="某县集贸市场摊位管理规定")
    campaign = services.campaign_open(actor=county.office, title="2019年规范性文件清理", opened_on=D(2019, 10, 8))
    items = {i.document_id: i for i in campaign.items.all()}
    assert set(items) == {keep.pk, drop.pk}
    services.cleanup_item_mark(actor=county.liaison, item=items[keep.pk], outcome="keep", reason="符合上位法")
    with pytest.raises(DomainError, match="未提出清理意见"):
        services.campaign_approve(actor=county.office, campaign=campaign, on=D(2019, 11, 1))
    with pytest.raises(DomainError):
        services.cleanup_item_mark(actor=county.outsider, item=items[drop.pk], outcome="repeal", reason="x")
    with pytest.raises(DomainError) as e:
        services.cleanup_item_mark(actor=county.liaison, item=items[drop.pk], outcome="repeal", reason="")
    assert e.value.field == "reason"
    services.cleanup_item_mark(actor=county.liaison, item=items[drop.pk], outcome="repeal", reason="与上位法不一致")
    with pytest.raises(DomainError, match="审定后"):
        services.campaign_publish(actor=county.office, campaign=campaign, on=D(2019, 11, 5))
    services.campaign_approve(actor=county.office, campaign=campaign, on=D(2019, 11, 1))
    with pytest.raises(DomainError, match="不能再修改"):
        services.cleanup_item_mark(actor=county.liaison, item=items[drop.pk], outcome="keep", reason="改主意")
    services.campaign_publish(actor=county.office, campaign=campaign, on=D(2019, 11, 5))
    drop.refresh_from_db()
    keep.refresh_from_db()
    assert drop.status == DocStatus.REPEALED and drop.effect_on(D(2019, 11, 5)) == Effect.REPEALED
    assert drop.effect_on(D(2019, 11, 4)) == Effect.IN_FORCE
    assert keep.effect_on(D(2019, 11, 5)) == Effect.IN_FORCE


# Search -----------------------------------------------------------------------------------------

def test_published_document_is_found_publicly_by_two_characters(county):
    doc = draft(county, title="某县城区房屋拆迁管理办法")
    assert search.query("拆迁", public_only=True).total == 0
    assert search.query("拆迁", user=county.liaison).total == 1
    assert search.query("拆迁", user=county.outsider).total == 0
    doc = published(county, title="某县城区房屋拆迁管理办法")
    hits = search.query("拆迁", public_only=True)
    assert [h.entry.object_id for h in hits] == [str(doc.pk)]
    assert "<mark>拆迁</mark>" in hits.hits[0].title_html


def test_registered_search_source_reindexes_every_document(county):
    published(county, title="某县城区房屋拆迁管理办法")
    draft(county, title="某县拆迁安置草案")
    from fazhi.core.models import SearchEntry

    SearchEntry.objects.all().delete()
    with transaction.atomic():
        assert search.reindex("normative_docs.document") == 2
    assert search.query("拆迁", public_only=True).total == 1
    assert search.query("拆迁", user=county.liaison).total == 2
