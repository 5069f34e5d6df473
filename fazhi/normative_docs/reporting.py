"""Figures for the annual report (seed §四: 三统一、有件必备、有备必审、有错必纠、定期清理)."""
from django.db.models import Count, Q
from django.urls import reverse

from fazhi.core import numbers
from fazhi.core.registry import FigureValue, register_figure, register_sentence, register_unit_measure

from .choices import CampaignStatus, CleanupOutcome, FilingStatus
from .models import ISSUED, CleanupItem, Filing, LegalityReview, NormativeDocument

CHAPTER = "四、加强制度建设，规范执法行为"


# Every figure below says which records it counts (imported ones included or not) and by which year, in its
# definition (指标口径); the filing figures all count by the document's publication year and include documents
# imported from a county's register, so a correction is never counted without its filing.
PUBLISHED_YEAR = "按文件公布日期所在年度统计"
IMPORTED_COUNTED = "包含由台账（Excel）导入的历史文件"
IMPORTED_NOT_COUNTED = "不含由台账（Excel）导入的历史文件（导入的文件未经本平台登记编号）"


def _docs(unit_ids, *, imported=True):
    qs = NormativeDocument.objects.all() if imported else NormativeDocument.objects.filter(imported=False)
    return qs if unit_ids is None else qs.filter(unit_id__in=unit_ids)


def _list(year, **extra):
    params = "&".join(f"{k}={v}" for k, v in {"year": year, **extra}.items())
    return f"{reverse('normative_docs:doc_list')}?{params}"


def registered(*, year, unit_ids=None):
    qs = _docs(unit_ids, imported=False).filter(registered_on__year=year)
    return FigureValue(value=qs.count(), link=_list(year), records=list(qs.values_list("pk", flat=True)))


def _published(year, unit_ids):
    return _docs(unit_ids).filter(published_on__year=year, status__in=ISSUED)


def _due_for_filing(year, unit_ids):
    """The published documents whose filing is counted: every document registered on the platform, and a document
    imported from a county's register only with its filing record (a register that kept no filing date says
    nothing about whether it was filed: it is not counted as unfiled)."""
    return _published(year, unit_ids).filter(Q(imported=False) | Q(filing__isnull=False))


DUE_IMPORTED = ("由台账（Excel）导入的历史文件，有报备记录的计入；台账未记报备情况的不计入应报备文件数"
                "（不作为未报备）")


def published(*, year, unit_ids=None):
    qs = _published(year, unit_ids)
    return FigureValue(value=qs.count(), link=_list(year), records=list(qs.values_list("pk", flat=True)))


def reviews_done(*, year, unit_ids=None):
    qs = LegalityReview.objects.filter(opinion_on__year=year)
    if unit_ids is not None:
        qs = qs.filter(document__unit_id__in=unit_ids)
    labels = {**dict(LegalityReview._meta.get_field("opinion").choices), "": "认定不属于规范性文件"}
    breakdown = {labels[r["opinion"]]: r["n"] for r in qs.values("opinion").annotate(n=Count("id")).order_by()}
    return FigureValue(value=qs.count(), rows=qs.select_related("document"), breakdown=breakdown,
                       records=list(qs.values_list("document_id", flat=True)))


def _filings(year, unit_ids):
    qs = Filing.objects.filter(document__published_on__year=year, document__status__in=ISSUED)
    if unit_ids is not None:
        qs = qs.filter(document__unit_id__in=unit_ids)
    return qs


def _on_time(qs):
    return [f.document_id for f in qs.only("document_id", "filed_on", "due_on") if f.on_time]


def _corrections(year, unit_ids):
    return _filings(year, unit_ids).filter(status__in=[FilingStatus.CORRECTION, FilingStatus.CORRECTED])


def filed(*, year, unit_ids=None):
    qs = _filings(year, unit_ids)
    return FigureValue(value=qs.count(), link=reverse("normative_docs:filing_list"),
                       records=list(qs.values_list("document_id", flat=True)))


def filed_on_time(*, year, unit_ids=None):
    filings = _filings(year, unit_ids)
    ids = _on_time(filings)
    return FigureValue(value=len(ids), rows=filings.filter(document_id__in=ids), records=ids)


def filing_rate(*, year, unit_ids=None):
    due = _due_for_filing(year, unit_ids).count()
    n = _filings(year, unit_ids).count()
    return FigureValue(value=numbers.percent(n, due), link=reverse("normative_docs:filing_list"),
                       breakdown={"应报备": due, "已报备": n})


def on_time_rate(*, year, unit_ids=None):
    due = _due_for_filing(year, unit_ids).count()
    n = len(_on_time(_filings(year, unit_ids)))
    return FigureValue(value=numbers.percent(n, due), link=reverse("normative_docs:filing_list"),
                       breakdown={"应报备": due, "按时报备": n})


def corrections_required(*, year, unit_ids=None):
    qs = _corrections(year, unit_ids)
    return FigureValue(value=qs.count(), rows=qs, records=list(qs.values_list("document_id", flat=True)))


def correction_rate(*, year, unit_ids=None):
    """纠错率 = filings whose review ordered a correction / filings (the same filings, the same year)."""
    filings = _filings(year, unit_ids).count()
    return FigureValue(value=numbers.percent(_corrections(year, unit_ids).count(), filings),
                       link=f"{reverse('normative_docs:filing_list')}?status=correction")


def cleanup_results(*, year, unit_ids=None):
    qs = CleanupItem.objects.filter(campaign__status=CampaignStatus.PUBLISHED, campaign__published_on__year=year)
    if unit_ids is not None:
        qs = qs.filter(document__unit_id__in=unit_ids)
    labels = dict(CleanupOutcome.choices)
    counts = {r["outcome"]: r["n"] for r in qs.values("outcome").annotate(n=Count("id")).order_by()}
    breakdown = {labels[o]: counts[o] for o in CleanupOutcome.values if o in counts}
    return FigureValue(value=qs.count(), rows=qs, breakdown=breakdown)


def _reg(name, label, unit, compute, description, year_basis=PUBLISHED_YEAR, imported=IMPORTED_COUNTED):
    register_figure(f"normative_docs.{name}", label=label, unit=unit, chapter=CHAPTER, compute=compute,
                    description=description, year_basis=year_basis, imported=imported)


_reg("registered", "统一登记编号的规范性文件", "件", registered, "经本平台统一登记、统一编号的文件件数",
     year_basis="按登记日期所在年度统计", imported=IMPORTED_NOT_COUNTED)
_reg("published", "统一公布的规范性文件", "件", published, "已公布的规范性文件件数（含其后废止或失效的）")
_reg("reviews_done", "规范性文件合法性审核", "件", reviews_done, "出具合法性审核意见的件数，按审核意见分列",
     year_basis="按出具审核意见日期所在年度统计", imported="不含由台账导入的历史文件（导入的文件没有审核记录）")
_reg("filed", "报备的规范性文件", "件", filed, "已向备案机关报备的文件件数")
_reg("filed_on_time", "按时报备的规范性文件", "件", filed_on_time, "在公布之日起法定期限内报备的文件件数")
_reg("filing_rate", "规范性文件报备率", "%", filing_rate, "报备率 = 已报备文件数 ÷ 应报备（已公布）文件数 × 100%",
     imported=DUE_IMPORTED)
_reg("on_time_rate", "规范性文件报备及时率", "%", on_time_rate,
     "报备及时率 = 按时报备文件数 ÷ 应报备（已公布）文件数 × 100%", imported=DUE_IMPORTED)
_reg("corrections_required", "备案审查责令纠正", "件", corrections_required,
     "备案审查中被责令纠正的报备件数（含已纠正的）")
_reg("correction_rate", "规范性文件备案审查纠错率", "%", correction_rate,
     "纠错率 = 备案审查责令纠正的报备件数 ÷ 报备件数 × 100%（分子、分母为同一批报备）")
_reg("cleanup_results", "清理的规范性文件", "件", cleanup_results, "已公布清理结果中列明的文件件数，按清理结论分列",
     year_basis="按清理结果公布日期所在年度统计")

# The report's sentences (seed 四：三统一、有件必备、有备必审、有错必纠、定期清理).
register_sentence("normative_docs.unified", theme="theme_enforcement", order=10,
                  template="严格执行规范性文件统一登记编号、统一公布制度，全年统一登记编号规范性文件"
                           "{normative_docs.registered}件，统一公布{normative_docs.published}件")
register_sentence("normative_docs.reviews", theme="theme_enforcement", order=20,
                  template="文件出台前严格开展合法性审核，全年审核规范性文件{normative_docs.reviews_done}件")
register_sentence("normative_docs.filing", theme="theme_enforcement", order=30,
                  template="做到有件必备、有备必审，全年报备规范性文件{normative_docs.filed}件，报备率{normative_docs.filing_rate}%")
register_sentence("normative_docs.on_time", theme="theme_enforcement", order=31,
                  template="其中按时报备率为{normative_docs.on_time_rate}%")
register_sentence("normative_docs.corrections", theme="theme_enforcement", order=40,
                  template="坚持有错必纠，备案审查中责令纠正{normative_docs.corrections_required}件")
register_sentence("normative_docs.cleanup", theme="theme_enforcement", order=50,
                  template="按规定对规范性文件实行定期清理，清理文件{normative_docs.cleanup_results}件，并及时向社会公布清理结果")


# Per-unit measure for the annual assessment (依法行政考评): documents published in the year, filed on time.
def unit_filing_on_time(unit_ids, year):
    """``{unit_id: (filed on time, published)}`` for the drafting units."""
    result = {}
    for doc in _due_for_filing(year, unit_ids).select_related("filing").only("unit_id", "filing__filed_on",
                                                                         "filing__due_on"):
        on_time, due = result.get(doc.unit_id, (0, 0))
        filing = getattr(doc, "filing", None)
        result[doc.unit_id] = (on_time + (1 if filing is not None and filing.on_time else 0), due + 1)
    return result


def unit_filing_records(unit_id, year):
    """The documents counted: each published document of the unit, marked 按时报备 or not."""
    rows = []
    for doc in _due_for_filing(year, [unit_id]).select_related("filing").order_by("published_on", "pk"):
        filing = getattr(doc, "filing", None)
        mark = "按时报备" if filing is not None and filing.on_time else ("逾期报备" if filing is not None else "未报备")
        rows.append((f"{doc.title}（{mark}）", doc.get_absolute_url()))
    return rows


register_unit_measure("normative_docs.filing_on_time", label="规范性文件按时报备率", compute=unit_filing_on_time,
                      drilldown=unit_filing_records, description="按时报备的文件数 ÷ 本年度公布的文件数")


# Per-unit measure for the annual assessment: documents published in the year whose legality review was given.
def _reviewed_ids(docs):
    return set(LegalityReview.objects.filter(document__in=docs, opinion_on__isnull=False)
               .values_list("document_id", flat=True))


def unit_review_coverage(unit_ids, year):
    """``{unit_id: (published with a legality review opinion given, published)}`` (documents registered on the
    platform; imported historical documents have no review records here)."""
    docs = _docs(unit_ids, imported=False).filter(published_on__year=year, status__in=ISSUED)
    reviewed = _reviewed_ids(docs)
    result = {}
    for pk, unit_id in docs.values_list("pk", "unit_id"):
        done, total = result.get(unit_id, (0, 0))
        result[unit_id] = (done + (pk in reviewed), total + 1)
    return result


def unit_review_records(unit_id, year):
    docs = _docs([unit_id], imported=False).filter(published_on__year=year, status__in=ISSUED)
    reviewed = _reviewed_ids(docs)
    return [(f"{d.title}（{'已出具合法性审核意见' if d.pk in reviewed else '未经合法性审核'}）", d.get_absolute_url())
            for d in docs.order_by("published_on", "pk")]


register_unit_measure("normative_docs.review_coverage", label="规范性文件合法性审核率", compute=unit_review_coverage,
                      drilldown=unit_review_records,
                      description="本年度公布的文件中出具合法性审核意见的件数 ÷ 本年度公布的文件数（不含由台账导入的历史文件）")
