"""Publicity of enforcement decisions (事后公开, RULES.md §5, §6.1): masked, within 7/20 working days of the
decision, never a minor's case; withdrawn within 3 working days when the decision is changed or revoked."""
from django.db import transaction

from fazhi.core import audit, masking, search, workdays
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.rules import get_setting
from fazhi.orgs import scope

from .. import policies, records
from .. import search as search_fields
from ..choices import PartyKind, PublicationStatus, Step
from ..models import Publication
from ..permissions import EnforcementPerm as P
from ._base import act_date, add_months, check, lock, officers_text


def _masked(case):
    names = [p.name for p in case.parties.all() if p.kind == PartyKind.PERSON]
    extra = [v for p in case.parties.all() for v in (p.id_number, p.phone, p.address) if v]

    def clean(text):
        text = masking.mask_text(text, names=names)
        for value in extra:
            text = text.replace(value, masking.HIDDEN)
        return text

    party = "、".join(p.public_name for p in case.parties.all())
    return party, clean(case.title), clean(case.decision)


@transaction.atomic
def decision_publish(*, actor, case, on=None, late_reason=""):
    """事后公开: masked, within 7/20 working days of the decision; never a minor's case."""
    case = lock(case)
    if actor is not None and not scope.can_see(actor, case, perm=P.VIEW):
        raise NotFound()
    publication = Publication.objects.select_for_update().filter(case=case).first()
    if publication is None:
        raise DomainError("案件尚未作出决定，不能公示。")
    publication.case = case
    check(policies.publications, actor, "publish", publication)
    on = act_date(on, case)
    if on < case.decided_on:
        raise DomainError("公示日期不能早于决定日期。", field="on")
    late_reason = (late_reason or "").strip()
    if on > publication.due_on and not late_reason:
        raise DomainError(f"已超过公示期限（{publication.due_on:%Y-%m-%d}，决定后"
                          f"{workdays.working_days_between(case.decided_on, publication.due_on)}个工作日），"
                          "请说明逾期原因，本次公示将记为逾期。", field="late_reason")
    party, title, content = _masked(case)
    publication.status = PublicationStatus.PUBLISHED
    publication.published_on = on
    publication.late_reason = late_reason if on > publication.due_on else ""
    publication.display_until = add_months(on, get_setting("enforcement.display_months"))
    publication.body_name = case.body.name
    publication.decision_number = case.decision_number
    publication.kind = case.kind
    publication.party, publication.title, publication.content = party, title, content
    publication.decided_on = case.decided_on
    publication.build_search_text()
    leaks = masking.find_leaks(" ".join([party, title, content]),
                               names=[p.name for p in case.parties.all() if p.kind == PartyKind.PERSON])
    if leaks:
        raise DomainError("公示内容仍含有未脱敏的个人信息，请修改决定内容后再公示。")
    publication.save()
    records.append(case=case, actor=actor, step=Step.PUBLICITY, occurred_on=on,
                   text=f"公示执法决定{case.decision_number}（期限 {publication.due_on:%Y-%m-%d}"
                        f"{'，逾期：' + late_reason if publication.late_reason else ''}）。",
                   officers=officers_text(case))
    case.save(update_fields=["record_count", "record_head"])
    search.index(publication, source="enforcement.decision", **search_fields.publication_fields(publication))
    audit.record(actor=actor, event="enforcement.decision_published", obj=case,
                 changes={"published_on": [None, on.isoformat()], "due_on": [None, publication.due_on.isoformat()],
                          "late": [None, bool(publication.late_reason)]})
    return publication


@transaction.atomic
def decision_revoke(*, actor, case, reason, on=None):
    """The decision was changed or revoked: a published one must come down within 3 working days."""
    case = lock(case)
    check(policies.cases, actor, "revoke", case)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写变更或撤销的原因（如复议撤销、诉讼撤销、自行纠正）。", field="reason")
    on = act_date(on, case)
    case.revoked_on, case.revoke_reason = on, reason
    publication = Publication.objects.filter(case=case).first()
    if publication is not None:
        if publication.status == PublicationStatus.PUBLISHED:
            publication.withdraw_due = workdays.add_working_days(on, get_setting("enforcement.withdraw_days"))
        elif publication.status == PublicationStatus.PENDING:
            publication.status = PublicationStatus.NOT_PUBLISHED
        publication.save()
    records.append(case=case, actor=actor, step=Step.PUBLICITY, occurred_on=on,
                   text=f"执法决定变更/撤销：{reason}。", officers=officers_text(case))
    case.save(update_fields=["revoked_on", "revoke_reason", "record_count", "record_head"])
    audit.record(actor=actor, event="enforcement.decision_revoked", obj=case,
                 changes={"revoked_on": [None, on.isoformat()], "reason": [None, reason]})
    return case


@transaction.atomic
def publication_withdraw(*, actor, case, on=None, reason=""):
    case = lock(case)
    if actor is not None and not scope.can_see(actor, case, perm=P.VIEW):
        raise NotFound()
    publication = Publication.objects.select_for_update().filter(case=case).first()
    if publication is None:
        raise DomainError("该决定没有处于公示中的信息。")
    publication.case = case
    check(policies.publications, actor, "withdraw", publication)
    reason = (reason or case.revoke_reason or "").strip()
    if not reason:
        raise DomainError("请填写撤下原因。", field="reason")
    on = act_date(on, case)
    publication.status, publication.withdrawn_on = PublicationStatus.WITHDRAWN, on
    publication.save(update_fields=["status", "withdrawn_on"])
    records.append(case=case, actor=actor, step=Step.PUBLICITY, occurred_on=on, text=f"撤下公示：{reason}。",
                   officers=officers_text(case))
    case.save(update_fields=["record_count", "record_head"])
    search.remove(publication)
    audit.record(actor=actor, event="enforcement.publication_withdrawn", obj=case,
                 changes={"withdrawn_on": [None, on.isoformat()], "reason": [None, reason]})
    return publication
