"""Every write on normative documents: one transaction, an audit entry, the search entry kept in step."""
import datetime

from django.db import transaction
from django.db.models import Max

from fazhi.core import audit, clock, comments, search, workdays
from fazhi.core.audit_events import register
from fazhi.core.errors import DomainError
from fazhi.core.numbering import next_number, parse_number, reserve_number
from fazhi.core.rules import get_setting
from fazhi.core.text import compare_key
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from .choices import CampaignScope, CampaignStatus, CleanupOutcome, DocStatus, FilingStatus, Opinion
from .models import (
    CleanupCampaign,
    CleanupItem,
    DocumentComment,
    DocumentVersion,
    Filing,
    IssuerPrefix,
    LegalityReview,
    NormativeDocument,
    add_years,
)
from .permissions import DocPerm
from .policies import (
    CampaignPolicy,
    CleanupItemPolicy,
    CommentPolicy,
    DocumentPolicy,
    FilingPolicy,
    PrefixPolicy,
    ReviewPolicy,
    comment_window_refusal,
)
from .selectors import (
    SEARCH_SOURCE,
    adoption_summary,
    campaign_scope_docs,
    comment_min_end,
    filing_body,
    filing_due,
    prefix_for,
    review_body,
    search_fields,
    validity_years,
)
from .workflows import GUOBAN_37, GUOBAN_115, GUOFA_33, document_workflow

register(300, "normative_docs.created", "起草规范性文件")
register(301, "normative_docs.updated", "修改规范性文件草案")
register(302, "normative_docs.comment_started", "规范性文件公开征求意见")
register(303, "normative_docs.review_submitted", "规范性文件送合法性审核")
register(304, "normative_docs.review_opinion", "出具合法性审核意见")
register(305, "normative_docs.returned", "规范性文件退回起草")
register(306, "normative_docs.not_normative", "认定不属于规范性文件")
register(307, "normative_docs.deliberated", "规范性文件集体审议")
register(308, "normative_docs.signed", "规范性文件签发")
register(309, "normative_docs.registered", "规范性文件统一登记编号")
register(310, "normative_docs.published", "规范性文件统一公布")
register(311, "normative_docs.repealed", "废止规范性文件")
register(312, "normative_docs.amended", "修改规范性文件")
register(313, "normative_docs.invalidated", "宣布规范性文件失效")
register(320, "normative_docs.filed", "规范性文件报备")
register(321, "normative_docs.filing_updated", "补充报备材料")
register(322, "normative_docs.filing_reviewed", "备案审查")
register(323, "normative_docs.filing_corrected", "备案审查纠正完成")
register(330, "normative_docs.cleanup_opened", "启动规范性文件清理")
register(331, "normative_docs.cleanup_marked", "提出清理意见")
register(332, "normative_docs.cleanup_approved", "审定清理结果")
register(333, "normative_docs.cleanup_published", "公布清理结果")
register(340, "normative_docs.prefix_set", "设置文号前缀")
register(350, "normative_docs.imported", "导入规范性文件台账")
register(360, "normative_docs.comment_submitted", "收到规范性文件公众意见")
register(361, "normative_docs.comment_disposed", "处理规范性文件公众意见")
register(362, "normative_docs.comment_hidden", "屏蔽规范性文件公众意见")

FIELDS = ["title", "issuer", "affects_public", "market_related", "status", "number", "published_on",
          "valid_until"]


def _today():
    return clock.today()


# Search ------------------------------------------------------------------------------------------

def doc_reindex(doc):
    search.index(doc, source=SEARCH_SOURCE, **search_fields(doc))


# Drafting ----------------------------------------------------------------------------------------

def _check_issuer(issuer):
    if issuer is None:
        raise DomainError("请选择制定机关。", field="issuer")
    if not issuer.is_administrative_organ:
        raise DomainError(f"“{issuer}”是内设机构（或非行政机关），不得以其名义发布规范性文件"
                          f"（{GUOBAN_37}第一部分第（一）项）。", field="issuer")


def _check_text(title, text):
    if not (title or "").strip():
        raise DomainError("请填写文件名称。", field="title")
    if not (text or "").strip():
        raise DomainError("请填写文件正文。", field="text")


def doc_create(*, actor, title, issuer, text, unit=None, affects_public=True, market_related=False,
               drafting_explanation="", legal_basis=""):
    DocumentPolicy().check(actor, "create")
    _check_issuer(issuer)
    _check_text(title, text)
    unit = unit or actor.unit
    if not scope.changeable(actor, OrgUnit.objects.filter(pk=unit.pk), perm=DocPerm.DRAFT).exists():
        raise DomainError("只能为本单位起草文件。", field="unit")
    with transaction.atomic():
        doc = NormativeDocument.objects.create(
            title=title.strip(), issuer=issuer, unit=unit, affects_public=affects_public,
            market_related=market_related, created_by=actor)
        DocumentVersion.objects.create(document=doc, version_no=1, text=text, legal_basis=legal_basis,
                                       drafting_explanation=drafting_explanation)
        audit.record(actor=actor, event="normative_docs.created", obj=doc,
                     changes=audit.diff({}, audit.snapshot(doc, FIELDS)))
        doc_reindex(doc)
    return doc


def doc_update(*, actor, doc, title, issuer, text, affects_public, market_related, drafting_explanation="",
               legal_basis=""):
    _check_issuer(issuer)
    _check_text(title, text)
    with transaction.atomic():
        doc = NormativeDocument.objects.select_for_update().get(pk=doc.pk)
        DocumentPolicy().check(actor, "edit", doc)
        before = audit.snapshot(doc, FIELDS)
        version = doc.versions.order_by("-version_no").first()
        old_text = version.text
        doc.title, doc.issuer = title.strip(), issuer
        doc.affects_public, doc.market_related = affects_public, market_related
        doc.save()
        version.text, version.drafting_explanation, version.legal_basis = text, drafting_explanation, legal_basis
        version.save()
        changes = audit.diff(before, audit.snapshot(doc, FIELDS))
        if old_text != text:
            changes["text"] = [len(old_text), len(text)]
        audit.record(actor=actor, event="normative_docs.updated", obj=doc, changes=changes)
        doc_reindex(doc)
    return doc


def comment_open(*, actor, doc, on=None):
    on = on or _today()

    def effect(d):
        d.comment_started_on = on
        d.comment_min_end = comment_min_end(d, on)

    return document_workflow.apply(actor=actor, obj=doc, action="start_comment", effect=effect,
                                   changes={"comment_started_on": [None, str(on)]})


# Public comment (the shared mechanism: fazhi.core.comments) ---------------------------------------------

def comment_submit(*, doc, body, address, name="", contact="", now=None):
    """A comment from anyone on a draft in 征求意见, no account needed."""
    return comments.submit(model=DocumentComment, owner_field="document", owner=doc, window=comment_window_refusal,
                           event="normative_docs.comment_submitted", unit_of=lambda d: d.unit, body=body,
                           address=address, name=name, contact=contact, now=now)


def comment_dispose(*, actor, comment, disposition, reason=""):
    return comments.dispose(actor=actor, comment=comment, disposition=disposition, reason=reason,
                            policy=CommentPolicy(), event="normative_docs.comment_disposed")


def comment_hide(*, actor, comment, reason):
    return comments.hide(actor=actor, comment=comment, reason=reason, policy=CommentPolicy(),
                         event="normative_docs.comment_hidden")


def review_submit(*, actor, doc, on=None, due_on=None, comment_summary=""):
    """Send to legality review, with the time allowed (at least 5, at most 15 working days: RULES.md §4.2)."""
    on = on or _today()
    lo, hi = get_setting("normative_docs.review_min_workdays"), get_setting("normative_docs.review_max_workdays")
    earliest, latest = workdays.add_working_days(on, lo), workdays.add_working_days(on, hi)
    due_on = due_on or latest
    if due_on < earliest:
        raise DomainError(f"合法性审核时间一般不少于{lo}个工作日，审核期限不得早于{earliest:%Y-%m-%d}"
                          f"（{GUOBAN_115}第（五）项）。", field="due_on")
    if due_on > latest:
        raise DomainError(f"合法性审核时间最长不超过{hi}个工作日，审核期限不得晚于{latest:%Y-%m-%d}"
                          f"（{GUOBAN_115}第（五）项）。", field="due_on")

    def effect(d):
        if d.status == DocStatus.COMMENTING:
            if on < d.comment_min_end:
                raise DomainError(f"征求意见期未满，最早于{d.comment_min_end:%Y-%m-%d}结束"
                                  f"（{GUOBAN_37}第二部分第（五）项）。",
                                  field="on")
            waiting = d.comments.filter(hidden=False, disposition="").count()
            if waiting:
                raise DomainError(f"尚有{waiting}条公众意见未处理，请逐条处理后再送审（{GUOBAN_37}第二部分第（五）项）。")
            d.comment_closed_on = on
            d.comment_summary = (comment_summary or "").strip() or adoption_summary(d)
        LegalityReview.objects.create(document=d, submitted_on=on, due_on=due_on, submitted_by=actor,
                                      review_unit=review_body(d.issuer))

    return document_workflow.apply(actor=actor, obj=doc, action="submit_review", effect=effect,
                                   changes={"review_due_on": [None, str(due_on)]})


def review_opine(*, actor, doc, opinion, reasons, on=None):
    """The review body's written opinion; 不合法 sends the document back to drafting."""
    on = on or _today()
    if opinion not in Opinion.values:
        raise DomainError("请选择审核意见。", field="opinion")
    if not (reasons or "").strip():
        raise DomainError("请填写审核意见的理由。", field="reasons")
    with transaction.atomic():
        doc = NormativeDocument.objects.select_for_update().get(pk=doc.pk)
        review = doc.reviews.select_related("document").order_by("-id").first()
        if review is None:
            raise DomainError("没有待出具意见的合法性审核。")
        ReviewPolicy().check(actor, "opine", review, on=on)
        if on < review.submitted_on:
            raise DomainError("出具意见日期不能早于送审日期。", field="on")
        review.opinion, review.reasons, review.opinion_on, review.reviewer = opinion, reasons, on, actor
        review.save()
        audit.record(actor=actor, event="normative_docs.review_opinion", obj=doc,
                     changes={"opinion": [None, Opinion(opinion).label], "reasons": [None, reasons]})
        if opinion == Opinion.UNLAWFUL:
            doc.status = DocStatus.DRAFT
            doc.save()
            audit.record(actor=actor, event="normative_docs.returned", obj=doc,
                         changes={"status": [DocStatus.REVIEWING, DocStatus.DRAFT], "reason": [None, reasons]})
    return doc


def doc_declare_not_normative(*, actor, doc, reason, on=None):
    on = on or _today()

    def effect(d):
        review = d.reviews.order_by("-id").first()
        review.opinion_on, review.reviewer = on, actor
        review.reasons = f"不属于规范性文件：{reason}"
        review.save()

    doc = document_workflow.apply(actor=actor, obj=doc, action="declare_not_normative", reason=reason, effect=effect)
    with transaction.atomic():
        doc_reindex(doc)
    return doc


def doc_deliberate(*, actor, doc, on, meeting):
    if not (meeting or "").strip():
        raise DomainError("请填写审议会议，如：县政府第X次常务会议。", field="meeting")

    def effect(d):
        review = d.reviews.order_by("-id").first()
        if on < review.opinion_on:
            raise DomainError("集体审议日期不能早于合法性审核意见日期。", field="on")
        d.deliberated_on, d.meeting = on, meeting.strip()

    return document_workflow.apply(actor=actor, obj=doc, action="deliberate", effect=effect,
                                   changes={"meeting": [None, meeting], "deliberated_on": [None, str(on)]})


def doc_sign(*, actor, doc, on, signer):
    if not (signer or "").strip():
        raise DomainError("请填写签发人（主要负责人）。", field="signer")

    def effect(d):
        if on < d.deliberated_on:
            raise DomainError("签发日期不能早于集体审议日期。", field="on")
        d.signed_on, d.signer = on, signer.strip()

    return document_workflow.apply(actor=actor, obj=doc, action="sign", effect=effect,
                                   changes={"signer": [None, signer], "signed_on": [None, str(on)]})


# Numbering and publication -----------------------------------------------------------------------

def prefix_set(*, actor, unit, prefix):
    prefix = (prefix or "").strip()
    if not prefix or any(c in prefix for c in "〔〕[]（）() "):
        raise DomainError("文号前缀不能为空，也不能含括号或空格，如：郧西市监规。", field="prefix")
    if not unit.is_organ:
        raise DomainError("内设机构不是制定机关，不设文号前缀。", field="unit")
    PrefixPolicy().check(actor, "set")
    with transaction.atomic():
        old = prefix_for(unit)
        row, _ = IssuerPrefix.objects.update_or_create(unit=unit, defaults={"prefix": prefix})
        audit.record(actor=actor, event="normative_docs.prefix_set", obj=row, changes={"prefix": [old, prefix]})
    return row


def doc_register(*, actor, doc, on=None):
    """统一登记、统一编号: the number comes from the shared sequence, once, inside this transaction."""
    on = on or _today()
    with transaction.atomic():
        changes = {}

        def effect(d):
            if d.signed_on and on < d.signed_on:
                raise DomainError("登记日期不能早于签发日期。", field="on")
            prefix = prefix_for(d.issuer)
            # numbers already used under this prefix (an imported register) are reserved first: never a clash
            used = NormativeDocument.objects.filter(number_prefix=prefix, number_year=on.year).aggregate(
                m=Max("number_seq"))["m"]
            if used:
                reserve_number(actor=actor, prefix=prefix, year=on.year, number=used, obj=d)
            seq, text = next_number(actor=actor, prefix=prefix, year=on.year, obj=d)
            d.number_prefix, d.number_year, d.number_seq, d.number = prefix, on.year, seq, text
            d.registered_on = on
            changes["number"] = [None, text]

        doc = document_workflow.apply(actor=actor, obj=doc, action="register", effect=effect, changes=changes)
        doc_reindex(doc)
    return doc


def doc_publish(*, actor, doc, published_on, published_in, effective_from=None, valid_years=None):
    """统一公布: only now is the document in force (from ``effective_from``), for its validity period."""
    if not published_on:
        raise DomainError("请填写公布日期。", field="published_on")
    if not (published_in or "").strip():
        raise DomainError("请填写公布载体，如：县政府门户网站。", field="published_in")
    effective_from = effective_from or published_on
    if effective_from < published_on:
        raise DomainError("施行日期不能早于公布日期（未公布的文件不得作为行政管理依据）。", field="effective_from")
    with transaction.atomic():
        def effect(d):
            if published_on < d.registered_on:
                raise DomainError("公布日期不能早于登记日期。", field="published_on")
            years = valid_years or validity_years(d.title)
            limit = validity_years(d.title)
            if years > limit:
                raise DomainError(f"有效期不得超过{limit}年（{GUOFA_33}第十一项：规范性文件有效期制度）。", field="valid_years")
            d.published_on, d.published_in, d.effective_from = published_on, published_in.strip(), effective_from
            d.valid_years = years
            d.valid_until = add_years(effective_from, years) - datetime.timedelta(days=1)
            version = d.versions.order_by("-version_no").first()
            version.valid_from = effective_from
            version.save()

        doc = document_workflow.apply(actor=actor, obj=doc, action="publish", effect=effect,
                                      changes={"published_on": [None, str(published_on)]})
        doc_reindex(doc)
    return doc


def doc_repeal(*, actor, doc, on, reason):
    with transaction.atomic():
        def effect(d):
            if on < d.published_on:
                raise DomainError("废止日期不能早于公布日期。", field="on")
            d.ended_on, d.end_reason = on, reason
            d.versions.filter(valid_to__isnull=True).exclude(valid_from=None).update(
                valid_to=on - datetime.timedelta(days=1))

        doc = document_workflow.apply(actor=actor, obj=doc, action="repeal", reason=reason, effect=effect)
        doc_reindex(doc)
    return doc


def doc_amend(*, actor, doc, text, valid_from, note, amendment_number=""):
    """A published document changes only by an amendment: a new version from ``valid_from``; history is kept."""
    if not (text or "").strip():
        raise DomainError("请填写修改后的全文。", field="text")
    if not (note or "").strip():
        raise DomainError("请填写修改说明。", field="note")
    if not valid_from:
        raise DomainError("请填写修改后文本的施行日期。", field="valid_from")
    with transaction.atomic():
        doc = NormativeDocument.objects.select_for_update().get(pk=doc.pk)
        DocumentPolicy().check(actor, "amend", doc)
        if doc.effect_on(valid_from) not in ("in_force", "not_yet"):
            raise DomainError("只有在施行日期当天仍然有效的已公布文件才能修改。", field="valid_from")
        current = doc.versions.order_by("-version_no").first()
        if valid_from <= current.valid_from:
            raise DomainError(f"修改后文本的施行日期应晚于现行文本的施行日期（{current.valid_from:%Y-%m-%d}）。",
                              field="valid_from")
        current.valid_to = valid_from - datetime.timedelta(days=1)
        current.save()
        new = DocumentVersion.objects.create(
            document=doc, version_no=current.version_no + 1, text=text, note=note.strip(),
            amendment_number=amendment_number.strip(), valid_from=valid_from,
            legal_basis=current.legal_basis, drafting_explanation=current.drafting_explanation)
        audit.record(actor=actor, event="normative_docs.amended", obj=doc,
                     changes={"version": [current.version_no, new.version_no], "valid_from": [None, str(valid_from)],
                              "note": [None, note]})
        doc_reindex(doc)
    return doc


# Filing (报备) -----------------------------------------------------------------------------------

def _package(values):
    return {f: bool(values.get(f)) for f in Filing.PACKAGE}


def filing_create(*, actor, doc, filed_on, **package):
    with transaction.atomic():
        doc = NormativeDocument.objects.select_for_update().get(pk=doc.pk)
        DocumentPolicy().check(actor, "file", doc)
        if filed_on < doc.published_on:
            raise DomainError("报备日期不能早于公布日期。", field="filed_on")
        flags = _package(package)
        filing = Filing.objects.create(
            document=doc, filed_to=filing_body(doc.issuer), filed_on=filed_on, due_on=filing_due(doc.published_on),
            status=FilingStatus.SUBMITTED if all(flags.values()) else FilingStatus.INCOMPLETE, **flags)
        audit.record(actor=actor, event="normative_docs.filed", obj=doc,
                     changes={"filed_on": [None, str(filed_on)], "filed_to": [None, filing.filed_to],
                              "missing": [None, "、".join(filing.missing)]})
    return filing


def filing_complete(*, actor, filing, **package):
    with transaction.atomic():
        filing = Filing.objects.select_for_update().select_related("document").get(pk=filing.pk)
        FilingPolicy().check(actor, "complete", filing)
        for f, value in _package(package).items():
            setattr(filing, f, getattr(filing, f) or value)
        if not filing.missing:
            filing.status = FilingStatus.SUBMITTED
        filing.save()
        audit.record(actor=actor, event="normative_docs.filing_updated", obj=filing.document,
                     changes={"missing": [None, "、".join(filing.missing)]})
    return filing


def filing_review(*, actor, filing, result, on, note="", correction_due=None):
    """有备必审、有错必纠: passed, or correction required with a deadline (default 30 days)."""
    if result not in (FilingStatus.PASSED, FilingStatus.CORRECTION):
        raise DomainError("请选择审查结果。", field="result")
    with transaction.atomic():
        filing = Filing.objects.select_for_update().select_related("document").get(pk=filing.pk)
        FilingPolicy().check(actor, "review", filing, field="result")
        if on < filing.filed_on:
            raise DomainError("审查日期不能早于报备日期。", field="on")
        if result == FilingStatus.CORRECTION:
            if not (note or "").strip():
                raise DomainError("责令纠正须写明审查意见。", field="note")
            correction_due = correction_due or on + datetime.timedelta(
                days=get_setting("normative_docs.correction_days"))
            if correction_due <= on:
                raise DomainError("纠正期限应晚于审查日期。", field="correction_due")
            filing.correction_due = correction_due
        filing.status, filing.reviewed_on, filing.review_note = result, on, note
        filing.save()
        audit.record(actor=actor, event="normative_docs.filing_reviewed", obj=filing.document,
                     changes={"result": [None, FilingStatus(result).label], "note": [None, note]})
    return filing


def filing_correct(*, actor, filing, on, note=""):
    with transaction.atomic():
        filing = Filing.objects.select_for_update().select_related("document").get(pk=filing.pk)
        FilingPolicy().check(actor, "correct", filing)
        if on < filing.reviewed_on:
            raise DomainError("纠正日期不能早于审查日期。", field="on")
        filing.status, filing.corrected_on = FilingStatus.CORRECTED, on
        if note:
            filing.review_note = f"{filing.review_note}\n纠正情况：{note}"
        filing.save()
        audit.record(actor=actor, event="normative_docs.filing_corrected", obj=filing.document,
                     changes={"corrected_on": [None, str(on)]})
    return filing


# Cleanup (清理) ----------------------------------------------------------------------------------

def campaign_open(*, actor, title, opened_on, issuer_scope=CampaignScope.ALL, published_from=None,
                  published_to=None, revision_due=None, unlisted_lapse=False):
    """Open a cleanup of the documents in force on ``opened_on`` within its scope: the issuers (the county
    government's own documents, its departments' and townships', or all) and a publication-date window."""
    CampaignPolicy().check(actor, "create")
    if not (title or "").strip():
        raise DomainError("请填写清理名称。", field="title")
    if issuer_scope not in CampaignScope.values:
        raise DomainError("请选择清理范围。", field="issuer_scope")
    if published_from and published_to and published_from > published_to:
        raise DomainError("公布日期起不能晚于公布日期止。", field="published_to")
    if published_from and published_from > opened_on:
        raise DomainError("公布日期起不能晚于启动日期。", field="published_from")
    if revision_due and revision_due <= opened_on:
        raise DomainError("修改/修订完成期限应晚于启动日期。", field="revision_due")
    with transaction.atomic():
        campaign = CleanupCampaign.objects.create(
            title=title.strip(), opened_on=opened_on, unit=actor.unit, issuer_scope=issuer_scope,
            published_from=published_from, published_to=published_to, revision_due=revision_due,
            unlisted_lapse=bool(unlisted_lapse))
        docs = list(campaign_scope_docs(campaign, opened_on))
        CleanupItem.objects.bulk_create([CleanupItem(campaign=campaign, document=d) for d in docs])
        audit.record(actor=actor, event="normative_docs.cleanup_opened", obj=campaign,
                     changes={"documents": [None, len(docs)], "scope": [None, campaign.get_issuer_scope_display()],
                              "published_from": [None, str(published_from or "")],
                              "published_to": [None, str(published_to or "")],
                              "unlisted_lapse": [None, bool(unlisted_lapse)]})
    return campaign


def cleanup_item_mark(*, actor, item, outcome, reason):
    if outcome not in CleanupOutcome.values:
        raise DomainError("请选择清理意见。", field="outcome")
    if not (reason or "").strip():
        raise DomainError("请填写清理理由。", field="reason")
    with transaction.atomic():
        item = CleanupItem.objects.select_for_update().select_related("campaign", "document").get(pk=item.pk)
        CleanupItemPolicy().check(actor, "mark", item)
        old = item.outcome
        item.outcome, item.reason = outcome, reason.strip()
        item.save()
        audit.record(actor=actor, event="normative_docs.cleanup_marked", obj=item.document,
                     changes={"outcome": [old, outcome], "reason": [None, reason]})
    return item


def campaign_approve(*, actor, campaign, on):
    with transaction.atomic():
        campaign = CleanupCampaign.objects.select_for_update().get(pk=campaign.pk)
        CampaignPolicy().check(actor, "approve", campaign)
        pending = campaign.items.filter(outcome="").count()
        if pending:
            raise DomainError(f"还有{pending}件文件未提出清理意见，不能审定。")
        campaign.status, campaign.approved_on = CampaignStatus.APPROVED, on
        campaign.save()
        audit.record(actor=actor, event="normative_docs.cleanup_approved", obj=campaign,
                     changes={"status": [CampaignStatus.OPEN, CampaignStatus.APPROVED]})
    return campaign


def campaign_publish(*, actor, campaign, on):
    """Publish the result lists; a document to be repealed or declared invalid ends on the published date."""
    with transaction.atomic():
        campaign = CleanupCampaign.objects.select_for_update().get(pk=campaign.pk)
        CampaignPolicy().check(actor, "publish", campaign)
        if on < campaign.approved_on:
            raise DomainError("公布日期不能早于审定日期。", field="on")
        ends = {CleanupOutcome.REPEAL: (DocStatus.REPEALED, "normative_docs.repealed"),
                CleanupOutcome.INVALIDATE: (DocStatus.INVALIDATED, "normative_docs.invalidated")}
        for item in campaign.items.select_related("document", "document__issuer"):
            if item.outcome not in ends:
                continue
            doc = item.document
            status, event = ends[item.outcome]
            if doc.status != DocStatus.PUBLISHED:
                continue
            before = doc.status
            doc.status, doc.ended_on = status, on
            doc.end_reason = f"{campaign.title}：{item.reason}"
            doc.save()
            doc.versions.filter(valid_to__isnull=True).exclude(valid_from=None).update(
                valid_to=on - datetime.timedelta(days=1))
            audit.record(actor=actor, event=event, obj=doc, changes={"status": [before, status],
                                                                     "ended_on": [None, str(on)]})
            doc_reindex(doc)
        if campaign.unlisted_lapse:
            # 未列入继续有效目录的文件一律失效: documents in scope, still in force, that the lists do not name
            listed = campaign.items.values_list("document_id", flat=True)
            for doc in campaign_scope_docs(campaign, on).exclude(pk__in=listed).select_related("issuer"):
                doc.status, doc.ended_on = DocStatus.INVALIDATED, on
                doc.end_reason = f"{campaign.title}：未列入继续有效的文件目录，自公布之日起失效"
                doc.save()
                doc.versions.filter(valid_to__isnull=True).exclude(valid_from=None).update(
                    valid_to=on - datetime.timedelta(days=1))
                audit.record(actor=actor, event="normative_docs.invalidated", obj=doc,
                             changes={"status": [DocStatus.PUBLISHED, DocStatus.INVALIDATED],
                                      "ended_on": [None, str(on)], "reason": [None, doc.end_reason]})
                doc_reindex(doc)
        campaign.status, campaign.published_on = CampaignStatus.PUBLISHED, on
        campaign.save()
        audit.record(actor=actor, event="normative_docs.cleanup_published", obj=campaign,
                     changes={"published_on": [None, str(on)]})
    return campaign


# Import of an existing register ------------------------------------------------------------------

def docs_import(*, actor, rows):
    """Create the documents of an existing register (all-or-nothing: the caller's transaction).

    Real registers are accepted as they are: a legacy document without a 文号, a 成文日期 different from the
    公布日期, a validity given as a period, as an end date, or not known. What the register lacks is flagged
    (``NormativeDocument.missing_info``, the “待补充” filter), not refused. A 文号 is normalised (brackets,
    full-width digits) and reserved in the numbering sequence, so the next registration under the same prefix
    and year issues the next free number."""
    from fazhi.core.spreadsheets import RowError

    DocumentPolicy().check(actor, "import")
    created = 0
    taken = {compare_key(n) for n in NormativeDocument.objects.exclude(number="").values_list("number", flat=True)}
    for row in rows:
        parsed = None
        if row.get("number"):
            try:
                parsed = parse_number(row["number"])
            except DomainError as e:
                raise RowError(e.message, row=row, field="number") from None
            if compare_key(parsed.text) in taken:
                raise RowError(f"文号“{parsed.text}”已登记", row=row, field="number")
            taken.add(compare_key(parsed.text))
        issuer = row["issuer"]
        effective_from = row.get("effective_from") or row["published_on"]
        years = row.get("valid_years")
        valid_until = row.get("valid_until")
        if valid_until is None and years:
            valid_until = add_years(effective_from, years) - datetime.timedelta(days=1)
        doc = NormativeDocument.objects.create(
            title=row["title"], issuer=issuer, unit=issuer, status=row["status"],
            number=parsed.text if parsed else "", number_prefix=parsed.prefix if parsed else "",
            number_year=parsed.year if parsed else None, number_seq=parsed.seq if parsed else None,
            written_on=row.get("written_on"), published_on=row["published_on"], published_in="台账导入",
            effective_from=effective_from, valid_years=years, valid_until=valid_until,
            ended_on=row.get("ended_on"), registered_on=row["published_on"], affects_public=True,
            imported=True, created_by=actor)
        if parsed:
            reserve_number(actor=actor, prefix=parsed.prefix, year=parsed.year, number=parsed.seq, obj=doc)
        DocumentVersion.objects.create(document=doc, version_no=1, text="（由台账导入，正文未录入）",
                                       valid_from=effective_from,
                                       valid_to=(row["ended_on"] - datetime.timedelta(days=1))
                                       if row.get("ended_on") else None)
        audit.record(actor=actor, event="normative_docs.imported", obj=doc,
                     changes=audit.diff({}, audit.snapshot(doc, FIELDS)))
        doc_reindex(doc)
        created += 1
    return created
