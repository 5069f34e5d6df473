"""Figures for the annual report (seed §四: 三统一、有件必备、有备必审、有错必纠、定期清理)."""
from django.db.models import Count
from django.urls import reverse

from fazhi.core.registry import FigureValue, register_figure

from .choices import CampaignStatus, CleanupOutcome, FilingStatus
from .models import CleanupItem, Filing, LegalityReview, NormativeDocument

CHAPTER = "四、加强制度建设，规范执法行为"


def _docs(unit_ids):
    qs = NormativeDocument.objects.filter(imported=False)
    return qs if unit_ids is None else qs.filter(unit_id__in=unit_ids)


def _list(year, **extra):
    params = "&".join(f"{k}={v}" for k, v in {"year": year, **extra}.items())
    return f"{reverse('normative_docs:doc_list')}?{params}"


def registered(*, year, unit_ids=None):
    qs = _docs(unit_ids).filter(registered_on__year=year)
    return FigureValue(value=qs.count(), link=_list(year), records=list(qs.values_list("pk", flat=True)))


def published(*, year, unit_ids=None):
    qs = _docs(unit_ids).filter(published_on__year=year)
    return FigureValue(value=qs.count(), link=_list(year), records=list(qs.values_list("pk", flat=True)))


def reviews_done(*, year, unit_ids=None):
    qs = LegalityReview.objects.filter(opinion_on__year=year)
    if unit_ids is not None:
        qs = qs.filter(document__unit_id__in=unit_ids)
    labels = {**dict(LegalityReview._meta.get_field("opinion").choices), "": "认定不属于规范性文件"}
    breakdown = {labels[r["opinion"]]: r["n"] for r in qs.values("opinion").annotate(n=Count("id")).order_by()}
    return FigureValue(value=qs.count(), link=reverse("normative_docs:review_queue"), breakdown=breakdown,
                       records=list(qs.values_list("document_id", flat=True)))


def _filings(year, unit_ids):
    qs = Filing.objects.filter(document__published_on__year=year, document__imported=False)
    if unit_ids is not None:
        qs = qs.filter(document__unit_id__in=unit_ids)
    return qs


def _on_time(qs):
    return [f.document_id for f in qs.only("document_id", "filed_on", "due_on") if f.on_time]


def filed(*, year, unit_ids=None):
    qs = _filings(year, unit_ids)
    return FigureValue(value=qs.count(), link=reverse("normative_docs:filing_list"),
                       records=list(qs.values_list("document_id", flat=True)))


def filed_on_time(*, year, unit_ids=None):
    ids = _on_time(_filings(year, unit_ids))
    return FigureValue(value=len(ids), link=reverse("normative_docs:filing_list"), records=ids)


def _rate(part, whole):
    return round(part * 100 / whole, 1) if whole else 0


def filing_rate(*, year, unit_ids=None):
    due = _docs(unit_ids).filter(published_on__year=year).count()
    return FigureValue(value=_rate(_filings(year, unit_ids).count(), due), link=reverse("normative_docs:filing_list"))


def on_time_rate(*, year, unit_ids=None):
    due = _docs(unit_ids).filter(published_on__year=year).count()
    return FigureValue(value=_rate(len(_on_time(_filings(year, unit_ids))), due),
                       link=reverse("normative_docs:filing_list"))


def corrections_required(*, year, unit_ids=None):
    qs = Filing.objects.filter(reviewed_on__year=year, status__in=[FilingStatus.CORRECTION, FilingStatus.CORRECTED])
    if unit_ids is not None:
        qs = qs.filter(document__unit_id__in=unit_ids)
    return FigureValue(value=qs.count(), link=f"{reverse('normative_docs:filing_list')}?status=correction",
                       records=list(qs.values_list("document_id", flat=True)))


def cleanup_results(*, year, unit_ids=None):
    qs = CleanupItem.objects.filter(campaign__status=CampaignStatus.PUBLISHED, campaign__published_on__year=year)
    if unit_ids is not None:
        qs = qs.filter(document__unit_id__in=unit_ids)
    labels = dict(CleanupOutcome.choices)
    breakdown = {labels[r["outcome"]]: r["n"] for r in qs.values("outcome").annotate(n=Count("id")).order_by()}
    return FigureValue(value=qs.count(), link=reverse("normative_docs:campaign_list"), breakdown=breakdown)


def _reg(name, label, unit, compute):
    register_figure(f"normative_docs.{name}", label=label, unit=unit, chapter=CHAPTER, compute=compute)


_reg("registered", "统一登记编号的规范性文件", "件", registered)
_reg("published", "统一公布的规范性文件", "件", published)
_reg("reviews_done", "规范性文件合法性审核", "件", reviews_done)
_reg("filed", "报备的规范性文件", "件", filed)
_reg("filed_on_time", "按时报备的规范性文件", "件", filed_on_time)
_reg("filing_rate", "规范性文件报备率", "%", filing_rate)
_reg("on_time_rate", "规范性文件报备及时率", "%", on_time_rate)
_reg("corrections_required", "备案审查责令纠正", "件", corrections_required)
_reg("cleanup_results", "清理的规范性文件", "件", cleanup_results)
