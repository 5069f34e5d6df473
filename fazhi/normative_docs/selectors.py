"""Reads for normative documents, always limited to the user's data scope; the legality-review assistant."""
import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import BooleanField, Case, Prefetch, Q, Value, When

from fazhi.core import clock, comments, workdays
from fazhi.core.errors import CalendarMissing, NotFound
from fazhi.core.rules import get_setting
from fazhi.orgs import scope
from fazhi.orgs.choices import UnitKind
from fazhi.orgs.models import OrgUnit

from .choices import CampaignStatus, DocStatus, Effect, FilingStatus
from .models import (
    CleanupCampaign,
    CleanupItem,
    DocumentVersion,
    Filing,
    IssuerPrefix,
    LegalityReview,
    NormativeDocument,
)
from .permissions import DocPerm

SEARCH_SOURCE = "normative_docs.document"

def doc_list(*, user):
    """The documents ``user`` may see, with ``overdue`` (published, past its validity end) for the row mark;
    ``filters.DocFilter`` narrows and sorts them."""
    qs = scope.visible(user, NormativeDocument.objects.all(), perm=DocPerm.VIEW)
    overdue = Case(When(status=DocStatus.PUBLISHED, valid_until__lt=clock.today(), then=Value(True)),
                   default=Value(False), output_field=BooleanField())
    return qs.select_related("issuer", "unit").annotate(overdue=overdue).order_by("-published_on", "-id")


def effect_filter(qs, effect, day):
    if effect == Effect.IN_FORCE:
        return qs.in_force_on(day)
    if effect == Effect.EXPIRED:
        return qs.issued().filter(valid_until__lt=day).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    if effect == Effect.REPEALED:
        return qs.filter(status=DocStatus.REPEALED, ended_on__lte=day)
    if effect == Effect.INVALIDATED:
        return qs.filter(status=DocStatus.INVALIDATED, ended_on__lte=day)
    if effect == Effect.PENDING:
        return qs.filter(published_on__isnull=True).exclude(status=DocStatus.NOT_NORMATIVE)
    return qs


def doc_records():
    """Documents with what their page shows (scope is applied by ``DocumentPolicy.get``)."""
    return NormativeDocument.objects.select_related("issuer", "unit", "created_by").prefetch_related(
        "versions", Prefetch("reviews", queryset=LegalityReview.objects.select_related("reviewer", "submitted_by")))


def review_get(*, user, pk):
    """A review, for its review body (scope of the review) or for whoever sees the document."""
    qs = LegalityReview.objects.select_related("document", "document__issuer", "document__unit", "review_unit",
                                               "reviewer", "submitted_by")
    review = scope.visible(user, qs, perm=DocPerm.REVIEW).filter(pk=pk).first() if user.has_perm(
        DocPerm.REVIEW) else None
    if review is None:
        review = qs.filter(pk=pk, document__in=scope.visible(user, NormativeDocument.objects.all(),
                                                             perm=DocPerm.VIEW)).first()
    if review is None:
        raise NotFound()
    return review


def doc_filing(doc):
    return Filing.objects.filter(document=doc).first()


def review_queue(*, user):
    """Reviews waiting for an opinion in ``user``'s review scope, with ``overdue`` for the row mark."""
    qs = scope.visible(user, LegalityReview.objects.filter(opinion="", opinion_on__isnull=True,
                                                           document__status=DocStatus.REVIEWING), perm=DocPerm.REVIEW)
    overdue = Case(When(due_on__lt=clock.today(), then=Value(True)), default=Value(False), output_field=BooleanField())
    return (qs.select_related("document", "document__issuer", "review_unit").annotate(overdue=overdue)
            .order_by("due_on", "id"))


def filing_list(*, user):
    """Filings ``user`` may see, with ``overdue`` (a correction past its deadline) for the row mark."""
    qs = scope.visible(user, Filing.objects.all(), perm=DocPerm.VIEW).select_related("document", "document__issuer")
    overdue = Case(When(status=FilingStatus.CORRECTION, correction_due__lt=clock.today(), then=Value(True)),
                   default=Value(False), output_field=BooleanField())
    return qs.annotate(overdue=overdue).order_by("-filed_on", "-id")


def campaign_list(*, user):
    return scope.visible(user, CleanupCampaign.objects.all(), perm=DocPerm.VIEW).select_related("unit")


def prefix_list(*, user):
    return scope.visible(user, IssuerPrefix.objects.select_related("unit"), perm=DocPerm.VIEW).order_by("unit__path")


def campaign_items(*, user, campaign):
    qs = CleanupItem.objects.filter(campaign=campaign).select_related("document", "document__issuer")
    if not (user.has_perm(DocPerm.MANAGE) and scope.can_see(user, campaign, perm=DocPerm.VIEW)):
        qs = scope.visible(user, qs, perm=DocPerm.VIEW)
    return qs


def doc_history(*, user, doc):
    from fazhi.core.selectors import audit_list
    from fazhi.orgs.builtin_roles import Perm

    if not user.has_perm(Perm.VIEW_AUDIT):
        return None
    return audit_list(user=user, filters={}).filter(object_type="normative_docs.NormativeDocument",
                                                    object_id=str(doc.pk))[:50]


# Rule helpers (read-only: the dates and bodies the services apply) ---------------------------------

def search_fields(doc):
    """What the shared search indexes for ``doc``: public once issued (with its status shown on the page)."""
    versions = sorted(doc.versions.all(), key=lambda v: v.version_no)
    text = "\n".join(filter(None, [doc.number, doc.issuer.name, versions[-1].text if versions else ""]))
    return dict(title=doc.title, text=text, unit=doc.unit, public=doc.is_issued,
                url=doc.get_public_url() if doc.is_issued else doc.get_absolute_url())


def comment_min_end(doc, start):
    """The earliest day a public comment opened on ``start`` may close (RULES.md §4.2)."""
    if doc.market_related:
        return start + datetime.timedelta(days=get_setting("normative_docs.comment_days_market"))
    return workdays.add_working_days(start, get_setting("normative_docs.comment_workdays"))


def adoption_summary(doc):
    """The 采纳情况说明 of a draft's public comment, written from the dispositions (it is published: personal
    data masked). Prefills, and when left empty fills, the document's 意见采纳情况."""
    rows = list(doc.comments.order_by("number"))
    start = comments.cn_date(doc.comment_started_on) if doc.comment_started_on else ""
    period = f"{start}至{comments.cn_date(doc.comment_closed_on)}" if doc.comment_closed_on else f"{start}起"
    opening = f"{period}，{doc.unit.name}通过{settings.FAZHI_COUNTY_NAME}法治政府建设平台向社会公开征求意见"
    if not rows:
        return f"{opening}，未收到意见。"
    lines = [f"关于《{doc.title}》公开征求意见采纳情况的说明", "",
             comments.received_sentence(rows, opening=opening, subject="文件", archive="文件档案")]
    if any(not c.hidden for c in rows):
        lines += comments.adoption_lines(rows)
    return "\n".join(lines)


def drafts_open_for_comment(today):
    """Drafts in 征求意见 whose comment period has begun and is not closed (the portal home lists them)."""
    return (NormativeDocument.objects.filter(status=DocStatus.COMMENTING, comment_started_on__lte=today,
                                             comment_closed_on__isnull=True)
            .select_related("unit").order_by("comment_min_end", "pk"))


def public_draft_get(*, pk):
    """A draft that has been published for comment (its comment page stays readable after the period)."""
    doc = (NormativeDocument.objects.filter(comment_started_on__isnull=False).exclude(status=DocStatus.NOT_NORMATIVE)
           .select_related("issuer", "unit").filter(pk=pk).first())
    if doc is None:
        raise NotFound()
    return doc


def review_body(issuer):
    """Who reviews (RULES.md §4.2): the county government's documents go to its review body (司法局), a
    department's or township's to its own legal staff (the issuer itself)."""
    if issuer.kind == UnitKind.GOVERNMENT:
        suffix = get_setting("normative_docs.review_body")
        body = OrgUnit.objects.filter(path__startswith=issuer.path, name__endswith=suffix, is_active=True,
                                      kind=UnitKind.DEPARTMENT).order_by("depth", "pk").first()
        if body is not None:
            return body
    return issuer


def prefix_for(issuer):
    row = IssuerPrefix.objects.filter(unit=issuer).first()
    if row:
        return row.prefix
    if issuer.kind == UnitKind.GOVERNMENT:
        return get_setting("normative_docs.gov_prefix")
    return f"{issuer.short_name or issuer.name}规"


def validity_years(title):
    if "暂行" in title or "试行" in title:
        return get_setting("normative_docs.valid_years_provisional")
    return get_setting("normative_docs.valid_years")


def filing_body(issuer):
    """Where a document is filed (RULES.md §4.4): the county government's to the city, the others to the county."""
    if issuer.kind == UnitKind.GOVERNMENT:
        return get_setting("normative_docs.city_government")
    gov = OrgUnit.objects.filter(pk__in=issuer.ancestor_ids(), kind=UnitKind.GOVERNMENT).first()
    return gov.name if gov else "县人民政府"


def filing_due(published_on):
    days = get_setting("normative_docs.filing_days")
    try:
        return workdays.add_calendar_days(published_on, days)
    except CalendarMissing:
        # without the holiday data we cannot roll forward: keep the earlier (stricter) calendar-day deadline
        return published_on + datetime.timedelta(days=days)


# Public library ---------------------------------------------------------------------------------

def public_list():
    """Every published document (any outcome: a repealed or lapsed one still shows, with its status);
    ``filters.PublicDocFilter`` narrows them."""
    return NormativeDocument.objects.issued().select_related("issuer").order_by("-published_on", "-number_seq", "-id")


def public_get(*, pk):
    doc = (NormativeDocument.objects.issued().select_related("issuer")
           .prefetch_related(Prefetch("versions", queryset=DocumentVersion.objects.exclude(valid_from=None)))
           .filter(pk=pk).first())
    if doc is None:
        raise NotFound()
    return doc


# Cleanup scope and totals -------------------------------------------------------------------------

GOVERNMENT, DEPARTMENTS = "县政府文件", "部门、乡镇文件"


def campaign_scope_docs(campaign, day):
    """The documents a cleanup covers: in force on ``day``, issued by the campaign's issuers, published
    within its publication-date window."""
    from .choices import CampaignScope

    qs = NormativeDocument.objects.in_force_on(day).filter(status=DocStatus.PUBLISHED)
    if campaign.issuer_scope == CampaignScope.GOVERNMENT:
        qs = qs.filter(issuer__kind=UnitKind.GOVERNMENT)
    elif campaign.issuer_scope == CampaignScope.DEPARTMENTS:
        qs = qs.exclude(issuer__kind=UnitKind.GOVERNMENT)
    if campaign.published_from:
        qs = qs.filter(published_on__gte=campaign.published_from)
    if campaign.published_to:
        qs = qs.filter(published_on__lte=campaign.published_to)
    return qs


def issuer_group(issuer):
    return GOVERNMENT if issuer.kind == UnitKind.GOVERNMENT else DEPARTMENTS


@dataclass
class CampaignTotals:
    """A cleanup's result as the published notice states it: per outcome (in the notice's order), split into the
    government's own documents and its departments'/townships', with the total and a check of the parts."""

    rows: list  # [{"outcome", "label", "government", "departments", "total"}]
    government: int
    departments: int
    pending: int
    total: int
    check: object  # fazhi.core.numbers.Parts: the total against the sum of the outcomes


def campaign_totals(items):
    from fazhi.core import numbers

    from .choices import CleanupOutcome

    counts = {}
    pending = 0
    for item in items:
        if not item.outcome:
            pending += 1
            continue
        group = issuer_group(item.document.issuer)
        counts.setdefault(item.outcome, {GOVERNMENT: 0, DEPARTMENTS: 0})[group] += 1
    rows = []
    for value, label in CleanupOutcome.choices:
        c = counts.get(value, {GOVERNMENT: 0, DEPARTMENTS: 0})
        rows.append({"outcome": value, "label": label, "government": c[GOVERNMENT], "departments": c[DEPARTMENTS],
                     "total": c[GOVERNMENT] + c[DEPARTMENTS]})
    government = sum(r["government"] for r in rows)
    departments = sum(r["departments"] for r in rows)
    total = len(items) if isinstance(items, list) else items.count()
    check = numbers.check_parts(total, {r["label"]: r["total"] for r in rows} | {"待清理": pending})
    return CampaignTotals(rows, government, departments, pending, total, check)


def revision_overdue(day, unit_ids=None):
    """Documents a published cleanup marked 修改/修订 whose revision deadline has passed without an amendment
    (a new version) or an end."""
    from django.db.models import Exists, OuterRef

    from .choices import CleanupOutcome

    amended = DocumentVersion.objects.filter(document=OuterRef("document"), version_no__gt=1,
                                             valid_from__gt=OuterRef("campaign__opened_on"))
    qs = CleanupItem.objects.filter(
        campaign__status=CampaignStatus.PUBLISHED, outcome=CleanupOutcome.AMEND, campaign__revision_due__lt=day,
        document__status=DocStatus.PUBLISHED,
    ).exclude(Exists(amended))
    if unit_ids is not None:
        qs = qs.filter(document__unit_id__in=unit_ids)
    return qs.select_related("document", "campaign")


def public_campaigns():
    return CleanupCampaign.objects.filter(status=CampaignStatus.PUBLISHED).order_by("-published_on")


def public_campaign_get(*, pk):
    campaign = public_campaigns().filter(pk=pk).first()
    if campaign is None:
        raise NotFound()
    return campaign


# Legality-review assistant (RULES.md §4.1) ---------------------------------------------------------

@dataclass(frozen=True)
class ContentRule:
    key: str
    name: str
    source: str
    pattern: re.Pattern
    # a sentence restating a law (依照《…》) or forbidding the act itself (不得收取) is not flagged
    exempt: re.Pattern | None = None


_CITES_LAW = re.compile(r"(依照|依据|按照|根据)《[^》]+》")
_NEGATED = r"(不得|禁止|严禁|免予|免收|免除|不再|取消)"

CONTENT_RULES = [
    ContentRule(
        "licence", "不得设定行政许可或增设许可条件",
        "行政许可法第17条；国办发〔2018〕37号第一(一)项",
        re.compile(r"(须|必须|应当|需)(经|报)[^，。；]{0,20}(批准|审批|许可|同意)|实行[^，。；]{0,10}(许可|审批|准入)"
                   r"|(取得|办理|申领)[^，。；]{0,10}(许可证|准营证|准入证|审批)|未经[^，。；]{0,15}(批准|许可)[^。；]{0,6}不得"),
        exempt=_CITES_LAW),
    ContentRule(
        "penalty", "不得设定行政处罚",
        "行政处罚法第16条；国办发〔2018〕37号第一(一)项",
        re.compile(r"罚款|没收|吊销|责令停产停业|行政拘留|暂扣[^，。；]{0,6}(证|照)|予以处罚|给予[^，。；]{0,6}处罚"),
        exempt=_CITES_LAW),
    ContentRule(
        "coercion", "不得设定行政强制措施",
        "行政强制法第10条、第13条；国办发〔2018〕37号第一(一)项",
        re.compile(r"查封|扣押|冻结|强制拆除|强制清除|强制执行|强行"),
        exempt=_CITES_LAW),
    ContentRule(
        "fee", "不得违法设定收费、保证金",
        "国办发〔2018〕37号第一(一)项（不得违法增加义务）",
        re.compile(r"(收取|缴纳|交纳|缴存|预交)[^，。；]{0,15}(费|保证金|押金|风险金|抵押金)|(保证金|押金)"),
        exempt=re.compile(_NEGATED + r"[^，。；]{0,8}(收取|缴纳|交纳|缴存|预交|保证金|押金|收费)")),
    ContentRule(
        "certificate", "不得增设证明事项或要求重复、无谓的证明",
        "国办发〔2018〕37号第一(一)项",
        re.compile(r"(提供|提交|出具|开具)[^，。；]{0,20}证明|(另|还|额外)须[^，。；]{0,20}(具备|提供|提交)"),
        exempt=re.compile(_NEGATED + r"[^，。；]{0,10}(提供|提交|出具|开具)")),
    ContentRule(
        "obligation", "不得违法减损合法权益或者增加义务",
        "国办发〔2018〕37号第一(一)项",
        re.compile(r"(一律|均)?(不得|禁止|严禁|限制)(从事|经营|进入|销售|出售|购买|开办|外出|承揽|参加|办理|迁入|经商)"),
        exempt=_CITES_LAW),
    ContentRule(
        "competition", "不得排除、限制竞争（地方保护、指定交易）",
        "国办发〔2018〕37号第一(一)项；反垄断法第39—45条",
        re.compile(r"指定[^，。；]{0,15}(企业|单位|机构|供应商|经营者|产品|品牌|购买|使用)"
                   r"|(本地|本县|当地)[^，。；]{0,6}(企业|产品|商品)[^，。；]{0,10}(优先|方可|限于)"
                   r"|(优先|限定|只能)[^，。；]{0,8}(采购|使用|购买)[^，。；]{0,8}(本地|本县|当地|指定)"
                   r"|外地[^，。；]{0,10}(企业|产品|商品)[^，。；]{0,10}(不得|禁止|限制)"),
        exempt=None),
]

_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]?")


@dataclass
class Flag:
    sentence: str
    start: int
    end: int
    rules: list  # ContentRule


def review_flags(text):
    """Sentences of ``text`` that may exceed what a normative document may do, each with the rules it may break.

    Advice for the reviewer, never a decision: restating a law (依照《…》规定) and forbidding the act itself
    (不得收取任何费用) are not flagged.
    """
    flags = []
    for m in _SENTENCE.finditer(text or ""):
        sentence = m.group(0)
        if not sentence.strip():
            continue
        hit = [r for r in CONTENT_RULES if r.pattern.search(sentence) and not (r.exempt and r.exempt.search(sentence))]
        if hit:
            flags.append(Flag(sentence.strip(), m.start(), m.end(), hit))
    return flags


def review_segments(text):
    """``text`` cut into (piece, flag-or-None) for the review page to mark the flagged sentences."""
    out, last = [], 0
    text = text or ""
    for flag in review_flags(text):
        if flag.start > last:
            out.append((text[last:flag.start], None))
        out.append((text[flag.start:flag.end], flag))
        last = flag.end
    if last < len(text):
        out.append((text[last:], None))
    return out


def number_preview(doc, on):
    """The 文号 that registering ``doc`` on ``on`` is expected to issue (read only: nothing is reserved)."""
    from django.db.models import Max

    from fazhi.core.numbering import peek_number

    prefix = prefix_for(doc.issuer)
    used = NormativeDocument.objects.filter(number_prefix=prefix, number_year=on.year).aggregate(
        m=Max("number_seq"))["m"] or 0
    return peek_number(prefix=prefix, year=on.year, at_least=used)[1]
