"""The annual catalogue of decisions: drafted, approved with the party committee's consent, published, adjusted."""

from django.db import transaction

from fazhi.core import audit
from fazhi.core.errors import DomainError

from .. import workflows as wf
from ..models import CatalogueAdjustment, DecisionCatalogue
from ..policies import CATALOGUES


@transaction.atomic
def catalogue_create(*, actor, organ, year, title):
    CATALOGUES.check(actor, "create")
    if DecisionCatalogue.objects.filter(organ=organ, year=year).exists():
        raise DomainError(f"{organ.name}{year}年度的决策事项目录已存在。", field="year")
    if not (title or "").strip():
        raise DomainError("请填写目录名称。", field="title")
    catalogue = DecisionCatalogue.objects.create(organ=organ, year=year, title=title.strip())
    audit.record(actor=actor, event="decisions.catalogue_created", obj=catalogue,
                 changes={"year": [None, year], "organ": [None, organ.name]})
    return catalogue


@transaction.atomic
def catalogue_approve(*, actor, catalogue, party_consent, party_consent_on, approved_on):
    if not (party_consent or "").strip() or not party_consent_on:
        raise DomainError("决策事项目录须经同级党委同意，请登记党委同意情况和日期（《重大行政决策程序暂行条例》第三条第三款）。",
                          field="party_consent")
    catalogue.party_consent, catalogue.party_consent_on = party_consent.strip(), party_consent_on
    catalogue.save()

    def effect(c):
        c.approved_on = approved_on

    return wf.CATALOGUE_FLOW.apply(actor=actor, obj=catalogue, action="approve", effect=effect, changes={
        "party_consent": [None, party_consent]})


@transaction.atomic
def catalogue_publish(*, actor, catalogue, published_on, published_where):
    if not (published_where or "").strip():
        raise DomainError("请填写公布渠道。", field="published_where")

    def effect(c):
        c.published_on, c.published_where = published_on, published_where.strip()

    return wf.CATALOGUE_FLOW.apply(actor=actor, obj=catalogue, action="publish", effect=effect, changes={
        "published_on": [None, str(published_on)]})


@transaction.atomic
def catalogue_adjust(*, actor, catalogue, kind, reason, party_consent, adjusted_on, decision=None):
    """Adjust a published catalogue during the year, with the party committee's consent."""
    CATALOGUES.check(actor, "adjust", catalogue)
    if not (reason or "").strip():
        raise DomainError("请填写调整理由。", field="reason")
    if not (party_consent or "").strip():
        raise DomainError("目录调整须经同级党委同意，请登记同意情况。", field="party_consent")
    if decision is None:
        raise DomainError("请选择调整涉及的决策事项。", field="decision")
    if kind == "add":
        if decision.catalogue_id == catalogue.pk:
            raise DomainError("该事项已在目录中。", field="decision")
        if decision.year != catalogue.year:
            raise DomainError("决策事项的年度与目录不一致。", field="decision")
        decision.catalogue = catalogue
        decision.save(update_fields=["catalogue", "updated_at"])
    elif kind == "remove":
        if decision.catalogue_id != catalogue.pk:
            raise DomainError("该事项不在目录中。", field="decision")
        decision.catalogue = None
        decision.save(update_fields=["catalogue", "updated_at"])
    row = CatalogueAdjustment.objects.create(catalogue=catalogue, kind=kind, decision=decision,
                                             reason=reason.strip(), party_consent=party_consent.strip(),
                                             adjusted_on=adjusted_on, created_by=actor)
    audit.record(actor=actor, event="decisions.catalogue_adjusted", obj=catalogue,
                 changes={"kind": [None, kind], "decision": [None, str(decision)], "reason": [None, row.reason]})
    return row
