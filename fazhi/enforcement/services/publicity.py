"""Publicity of enforcement decisions (事后公开, RULES.md §5, §6.1): masked, within 7/20 working days of the
decision, never a minor's case; withdrawn within 3 working days when the decision is changed or revoked."""
from django.db import transaction

from fazhi.core import audit, leaks, masking, search, workdays
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.rules import get_setting
from fazhi.orgs import scope

from .. import policies, records
from .. import search as search_fields
from ..choices import PublicationStatus, Step
from ..models import Publication
from ..permissions import EnforcementPerm as P
from ._base import act_date, add_months, check, lock, officers_text


def persons_known(case):
    """Every natural person the case knows: parties, operators, representatives, agents and the other
    persons on file (relatives, witnesses…)."""
    people = [p for party in case.parties.all() for p in party.persons_known()]
    return people + [p for person in case.persons.all() for p in person.persons_known()]


def kept_public(case):
    """What is public as written: registered names and credit codes, the body, the officers' names."""
    keep = [case.body.name, case.unit.name]
    for party in case.parties.all():
        if party.is_registered:
            keep += [party.name, party.id_number]
    keep += [o.name for o in case.officers.all()]
    return [k for k in keep if k]


def public_draft(case):
    """The text the masker proposes for publication: party, title and content (facts and decision)."""
    people, keep = persons_known(case), kept_public(case)

    def clean(text):
        return masking.mask_public_text(text, persons=people, keep=keep)

    party = "、".join(p.public_name for p in case.parties.all())
    parts = []
    if case.facts.strip():
        parts.append(f"违法事实：{case.facts.strip()}")
    if case.decision.strip():
        parts.append(f"处理决定：{case.decision.strip()}" if parts else case.decision.strip())
    return {"party": party, "title": clean(case.title), "content": clean("\n".join(parts))}


def check_public(case, *, party, title, content):
    """The independent leak check (fazhi/core/leaks.py) of the exact text the public would read."""
    text = "\n".join([party, title, content])
    return leaks.detect(text, persons=persons_known(case), keep=kept_public(case))


def preview(case, *, title=None, content=None):
    """The exact public text (``title``/``content`` as the officer edited them, else the masker's draft) and
    what the leak check still finds in it."""
    draft = public_draft(case)
    shown = {"party": draft["party"], "title": draft["title"] if title is None else title.strip(),
             "content": draft["content"] if content is None else content.strip().replace("\r\n", "\n")}
    return {**shown, "draft": draft, "findings": check_public(case, **shown),
            "edited": (shown["title"], shown["content"]) != (draft["title"], draft["content"])}


@transaction.atomic
def decision_publish(*, actor, case, on=None, late_reason="", title=None, content=None, findings_reason=""):
    """事后公开: masked, within 7/20 working days of the decision; never a minor's case. ``title``/``content``
    are the officer's edit of the public text (audited); whatever the leak check still finds can only be
    published with a recorded reason."""
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
    shown = preview(case, title=title, content=content)
    if not shown["title"]:
        raise DomainError("请填写公开的违法行为类型/事由。", field="title")
    findings_reason = (findings_reason or "").strip()
    if shown["findings"] and not findings_reason:
        raise DomainError(f"公开文本中仍有{len(shown['findings'])}处疑似个人信息（见上方检查结果），"
                          "请修改公开文本，或说明仍予公示的理由。", field="findings_reason")
    publication.status = PublicationStatus.PUBLISHED
    publication.published_on = on
    publication.late_reason = late_reason if on > publication.due_on else ""
    publication.display_until = add_months(on, get_setting("enforcement.display_months"))
    publication.body_name = case.body.name
    publication.decision_number = case.decision_number
    publication.kind = case.kind
    publication.party, publication.title, publication.content = shown["party"], shown["title"], shown["content"]
    publication.decided_on = case.decided_on
    publication.edited = shown["edited"]
    publication.findings = [f.as_dict() for f in shown["findings"]]
    publication.findings_reason = findings_reason if shown["findings"] else ""
    publication.build_search_text()
    publication.save()
    records.append(case=case, actor=actor, step=Step.PUBLICITY, occurred_on=on,
                   text=f"公示执法决定{case.decision_number}（期限 {publication.due_on:%Y-%m-%d}"
                        f"{'，逾期：' + late_reason if publication.late_reason else ''}"
                        f"{'，公开文本经人工修改' if publication.edited else ''}"
                        f"{'，疑似个人信息仍予公示：' + findings_reason if publication.findings_reason else ''}）。",
                   officers=officers_text(case))
    case.save(update_fields=["record_count", "record_head"])
    search.index(publication, source="enforcement.decision", **search_fields.publication_fields(publication))
    if publication.edited:
        draft = shown["draft"]
        audit.record(actor=actor, event="enforcement.public_text_edited", obj=case,
                     changes={k: [draft[k], shown[k]] for k in ("title", "content") if draft[k] != shown[k]})
    audit.record(actor=actor, event="enforcement.decision_published", obj=case,
                 changes={"published_on": [None, on.isoformat()], "due_on": [None, publication.due_on.isoformat()],
                          "late": [None, bool(publication.late_reason)],
                          "findings": [None, [f["label"] for f in publication.findings]],
                          "findings_reason": [None, publication.findings_reason]})
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
