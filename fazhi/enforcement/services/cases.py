"""Enforcement cases: 立案, the team, the parties, the full-process record and the steps of the procedure.

Rules enforced here (RULES.md §5, §6, §7): 持证上岗 (only officers with a valid certificate are put on a
case or sign a step), two certified officers for a penalty, the notice and hearing deadlines in working
days, legal review of major decisions by a qualified reviewer, the append-only full-process record with
mandatory audio-video steps.
"""
from decimal import Decimal

from django.db import transaction

from fazhi.core import audit, clock, masking, numbering, search, workdays
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.rules import get_setting
from fazhi.orgs import scope
from fazhi.powers import selectors as power_selectors

from .. import policies, qualifications, records, selectors
from .. import search as search_fields
from ..choices import (
    AV_KINDS,
    Act,
    CaseKind,
    CoerciveMeasure,
    HearingKind,
    MajorReason,
    PartyKind,
    PersonRole,
    PublicationStatus,
    Step,
)
from ..models import Case, CaseParty, CasePerson, MajorReview, Publication
from ..permissions import EnforcementPerm as P
from ..qualifications import TEAM_RULE
from ..workflows import CASE_FLOW, STEP_OF_ACTION
from ._base import act_date, check, last_step_on, lock, officers_text


def _check_team(officers, day, body, kind):
    for o in officers:
        refusal = qualifications.certificate_refusal(o, day)
        if refusal:
            raise DomainError(f"{refusal}。", field="officers")
        if not o.unit.path.startswith(body.unit.path):
            raise DomainError(f"{o.name}不属于{body.name}，不能办理本主体的案件。", field="officers")
    if kind == CaseKind.PENALTY and len(officers) < 2:
        raise DomainError(f"行政处罚应当由两名以上持有效执法证的执法人员实施（{TEAM_RULE}）。", field="officers")


@transaction.atomic
def case_register(*, actor, body, kind, title, registered_on=None, facts="", power_code="", power_name="",
                  officers=(), parties=(), coercive_measure="", major_reasons=()):
    """立案: the actor (a certified officer of the body) registers and signs; the team is checked."""
    check(policies.cases, actor, "register")
    me = qualifications.officer_of(actor)
    if not scope.can_see(actor, body, perm=P.VIEW) and not (me and me.unit.path.startswith(body.unit.path)):
        raise NotFound()
    registered_on = act_date(registered_on, field="registered_on")
    if kind not in CaseKind.values:
        raise DomainError("请选择案件类别。", field="kind")
    if not (title or "").strip():
        raise DomainError("请填写案由。", field="title")
    refusal = qualifications.certificate_refusal(me, registered_on)
    if refusal:
        raise DomainError(f"{refusal}。", field="officers")
    team = list(dict.fromkeys([me, *officers]))
    _check_team(team, registered_on, body, kind)
    if coercive_measure not in CoerciveMeasure.values:
        raise DomainError("行政强制措施不正确。", field="coercive_measure")
    reasons = [r for r in major_reasons if r in MajorReason.values]
    power_item, power_code = None, (power_code or "").strip()
    if power_code:
        # 执法须有清单依据: a cited power must be on the body's unit's list on the day of 立案 (RULES.md §1, §5).
        content = power_selectors.item_in_force(unit=body.unit, code=power_code, day=registered_on)
        if content is None:
            raise DomainError(f"权责事项编码“{power_code}”不在{body.unit.name}{registered_on:%Y-%m-%d}有效的权责清单中，"
                              f"不能据此立案。", field="power_code")
        power_item, power_name = content.item, content.name
    prefix = f"{body.unit.short_name or body.unit.name}立案"
    case = Case(unit=body.unit, body=body, handler=actor, kind=kind, title=title.strip(), facts=facts or "",
                power_item=power_item, power_code=power_code, power_name=power_name or "", registered_on=registered_on,
                decision_due=selectors.decision_due_for(registered_on), coercive_measure=coercive_measure,
                major_reasons=reasons)
    _number, case.number = numbering.next_number(actor=actor, prefix=prefix, year=registered_on.year)
    case.save()
    case.officers.set(team)
    for party in parties:
        _party_create(case, party)
    records.append(case=case, actor=actor, step=Step.REGISTER, occurred_on=registered_on,
                   text=f"立案。案由：{case.title}。{facts or ''}", officers=officers_text(case))
    case.save()
    search.index(case, source="enforcement.case", **search_fields.case_fields(case))
    audit.record(actor=actor, event="enforcement.case_registered", obj=case, changes={
        "number": [None, case.number], "kind": [None, kind], "officers": [None, [str(o) for o in team]]})
    return case


PARTY_TEXT_FIELDS = ("aliases", "id_number", "phone", "address", "operator_name", "operator_id_number",
                     "representative_name", "agent_name", "agent_id_number")


def _party_create(case, data):
    """当事人 as the law knows them: a 个体工商户 needs its operator (a natural person), a legal person or other
    organisation its legal representative or person in charge; only a natural person can be a minor."""
    name = (data.get("name") or "").strip()
    if not name:
        raise DomainError("请填写当事人姓名或名称。", field="name")
    kind = data.get("kind") or PartyKind.PERSON
    if kind not in PartyKind.values:
        raise DomainError("当事人类型不正确。", field="kind")
    values = {f: (data.get(f) or "").strip() for f in PARTY_TEXT_FIELDS}
    if kind == PartyKind.INDIVIDUAL_BUSINESS and not values["operator_name"]:
        raise DomainError("个体工商户请填写经营者姓名（经营者是自然人，公开时将脱敏）。", field="operator_name")
    if kind == PartyKind.ORGANISATION and not values["representative_name"]:
        raise DomainError("法人或其他组织请填写法定代表人或负责人。", field="representative_name")
    if kind == PartyKind.PERSON:
        values["operator_name"] = values["operator_id_number"] = values["representative_name"] = ""
    return CaseParty.objects.create(case=case, kind=kind, name=name, **values,
                                    is_minor=bool(data.get("is_minor")) and kind == PartyKind.PERSON)


@transaction.atomic
def party_add(*, actor, case, **data):
    case = lock(case)
    check(policies.cases, actor, "add_party", case)
    party = _party_create(case, data)
    audit.record(actor=actor, event="enforcement.party_added", obj=case,
                 changes={"party": [None, party.public_name], "kind": [None, party.kind]})
    return party


@transaction.atomic
def person_add(*, actor, case, role, name, relation="", aliases="", id_number="", phone="", address=""):
    """案件相关人员: a relative, witness or employee named in the file — masked on every public text."""
    case = lock(case)
    check(policies.cases, actor, "add_party", case)
    name = (name or "").strip()
    if not name:
        raise DomainError("请填写姓名。", field="name")
    if role not in PersonRole.values:
        raise DomainError("身份不正确。", field="role")
    person = CasePerson.objects.create(case=case, role=role, name=name, relation=(relation or "").strip(),
                                       aliases=(aliases or "").strip(), id_number=(id_number or "").strip(),
                                       phone=(phone or "").strip(), address=(address or "").strip())
    audit.record(actor=actor, event="enforcement.person_added", obj=case,
                 changes={"person": [None, f"{person.get_role_display()} {masking.mask_name(name)}"]})
    return person


@transaction.atomic
def officer_assign(*, actor, case, officer, on=None):
    """增派执法人员: only an officer with a valid certificate can be put on a case."""
    case = lock(case)
    on = act_date(on, case)
    check(policies.cases, actor, "assign_officer", case, on=on)
    refusal = qualifications.certificate_refusal(officer, on)
    if refusal:
        raise DomainError(f"{refusal}。", field="officer")
    if not officer.unit.path.startswith(case.body.unit.path):
        raise DomainError(f"{officer.name}不属于{case.body.name}。", field="officer")
    if case.officers.filter(pk=officer.pk).exists():
        raise DomainError(f"{officer.name}已是本案执法人员。", field="officer")
    case.officers.add(officer)
    records.append(case=case, actor=actor, step=Step.OTHER, occurred_on=on,
                   text=f"增派执法人员：{officer.name}（执法证号 {officer.certificate_no}）。",
                   officers=officers_text(case))
    case.save(update_fields=["record_count", "record_head"])
    audit.record(actor=actor, event="enforcement.officer_assigned", obj=case, changes={"officer": [None, str(officer)]})
    return case


@transaction.atomic
def major_set(*, actor, case, reasons, note=""):
    """认定重大执法决定情形 (the body's catalogue; RULES.md §5, 行政处罚法第58条)."""
    case = lock(case)
    check(policies.cases, actor, "set_major", case)
    reasons = [r for r in reasons if r in MajorReason.values]
    before = list(case.major_reasons)
    case.major_reasons = reasons
    labels = "、".join(case.major_reason_labels()) or "不属于重大执法决定"
    records.append(case=case, actor=actor, step=Step.REVIEW, occurred_on=clock.today(),
                   text=f"重大执法决定情形认定：{labels}。{note or ''}", officers=officers_text(case))
    case.save(update_fields=["major_reasons", "record_count", "record_head"])
    audit.record(actor=actor, event="enforcement.major_set", obj=case, changes={"major_reasons": [before, reasons]})
    return case


@transaction.atomic
def record_add(*, actor, case, step, text, occurred_on=None, act=Act.GENERAL, upload=None):
    """追加全过程记录 (evidence, on-site acts with their recordings)."""
    case = lock(case)
    occurred_on = act_date(occurred_on, case, field="occurred_on")
    check(policies.cases, actor, "add_record", case, on=occurred_on)
    if step not in Step.values:
        raise DomainError("请选择环节。", field="step")
    if act not in Act.values:
        raise DomainError("请选择行为。", field="act")
    record = records.append(case=case, actor=actor, step=step, act=act, text=text, occurred_on=occurred_on,
                            upload=upload, officers=officers_text(case))
    case.save(update_fields=["record_count", "record_head"])
    audit.record(actor=actor, event="enforcement.record_added", obj=case,
                 changes={"record": [None, f"#{record.seq} {record.get_step_display()}"],
                          "sha256": [None, record.file_sha256]})
    return record


def _apply_notify(case, on, data):
    case.notified_on = on
    case.statement_due = workdays.add_working_days(on, get_setting("enforcement.statement_days"))
    for name in ("confiscation", "licence_revocation", "closure"):
        if name in data:
            setattr(case, name, bool(data[name]))
    fine = data.get("fine_amount")
    if fine is not None:
        fine = Decimal(str(fine))
        if fine < 0:
            raise DomainError("罚没金额不能为负数。", field="fine_amount")
        case.fine_amount = fine
    case.rights_waived = bool(data.get("rights_waived"))
    if case.fine_amount >= selectors.major_fine_threshold(case.body) and MajorReason.LARGE_AMOUNT not in case.major_reasons:
        case.major_reasons = [*case.major_reasons, MajorReason.LARGE_AMOUNT]


def _apply_hearing(case, on, data):
    kind = data.get("hearing_kind") or HearingKind.STATEMENT
    if kind not in HearingKind.values:
        raise DomainError("请选择陈述申辩或听证。", field="hearing_kind")
    if case.statement_due and on > case.statement_due:
        raise DomainError(f"当事人应在告知后{get_setting('enforcement.statement_days')}个工作日内"
                          f"（{case.statement_due:%Y-%m-%d}前）提出，已超过期限（《中华人民共和国行政处罚法》第六十四条）。", field="on")
    if case.rights_waived:
        raise DomainError("当事人已放弃陈述申辩和听证。", field="hearing_kind")
    if kind == HearingKind.HEARING:
        if not selectors.hearing_qualifies(case):
            raise DomainError("拟作出的处罚不属于听证范围（较大数额罚没、吊销许可证件、责令停产停业等，"
                              "较大数额标准见规则参数）；当事人可以陈述申辩。", field="hearing_kind")
        hearing_on = data.get("hearing_on")
        if hearing_on:
            earliest = workdays.add_working_days(on, get_setting("enforcement.hearing_notice_days"))
            if hearing_on < earliest:
                raise DomainError(f"应当在举行听证的{get_setting('enforcement.hearing_notice_days')}个工作日前"
                                  f"通知当事人，听证日期不得早于{earliest:%Y-%m-%d}。", field="hearing_on")
            case.hearing_on = hearing_on
            case.hearing_notice_on = on
        if MajorReason.AFTER_HEARING not in case.major_reasons:
            case.major_reasons = [*case.major_reasons, MajorReason.AFTER_HEARING]
    case.hearing_kind = kind
    case.hearing_requested_on = on


def _apply_decide(case, on, data, actor):
    decision = (data.get("decision") or "").strip()
    if not decision:
        raise DomainError("请填写决定内容。", field="decision")
    case.decision = decision
    case.decided_on = on
    case.service_due = workdays.add_working_days(on, get_setting("enforcement.service_days"))
    number = (data.get("decision_number") or "").strip()
    if not number:
        short = case.body.unit.short_name or case.body.unit.name
        _n, number = numbering.next_number(actor=actor, prefix=f"{short}决字", year=on.year, obj=case)
    case.decision_number = number
    search.index(case, source="enforcement.case", **search_fields.case_fields(case))
    minor = case.parties.filter(is_minor=True).exists()
    Publication.objects.create(
        case=case, due_on=selectors.publication_due_for(case.kind, on),
        status=PublicationStatus.NOT_PUBLISHED if minor else PublicationStatus.PENDING)


def _apply_execute(case, on, data, upload):
    needs_av = case.coercive_measure in (CoerciveMeasure.SEIZURE, CoerciveMeasure.DEMOLITION, CoerciveMeasure.CLOSURE)
    if needs_av and records.kind_of(upload) not in AV_KINDS:
        raise DomainError(f"“{CoerciveMeasure(case.coercive_measure).label}”须全程音像记录：请在“附件”上传内容为执行现场"
                          f"录音或录像的文件（{records.AV_BASIS}）。", field="upload")
    case.executed_on = on


@transaction.atomic
def case_transition(*, actor, case, action, text, on=None, upload=None, reason="", backdate_reason="", **data):
    """Move a case one step along its procedure on the day of the act (``on``); the step's record is appended
    in the same transaction. A step dated further back than the office allows needs ``backdate_reason``."""
    t = CASE_FLOW.transition(action)
    not_before = last_step_on(case)
    on = clock.check_act_date(on, not_before=not_before, backdate_reason=backdate_reason)
    act = Act.GENERAL
    if action == "execute" and case.coercive_measure:
        act = case.coercive_measure

    def effect(locked):
        if locked.decided_on and action in ("serve", "execute", "close") and on < locked.decided_on:
            raise DomainError("日期不能早于决定日期。", field="on")
        if action == "notify":
            _apply_notify(locked, on, data)
        elif action == "request_hearing":
            _apply_hearing(locked, on, data)
        elif action in ("review_pass", "review_reject"):
            MajorReview.objects.create(case=locked, reviewer=actor, reviewer_name=actor.get_full_name(),
                                       opinion=text.strip() or reason, passed=action == "review_pass",
                                       reviewed_on=on)
        elif action == "decide":
            _apply_decide(locked, on, data, actor)
        elif action == "serve":
            locked.served_on = on
        elif action == "execute":
            _apply_execute(locked, on, data, upload)
        elif action == "close":
            locked.closed_on = on
        records.append(case=locked, actor=actor, step=STEP_OF_ACTION[action], act=act,
                       text=f"{t.label}：{text}" if text else "", occurred_on=on, upload=upload,
                       officers=officers_text(locked))

    return CASE_FLOW.apply(actor=actor, obj=case, action=action, on=on, not_before=not_before,
                           backdate_reason=backdate_reason,
                           reason=reason or (text if t.needs_reason else ""), effect=effect,
                           changes={"on": [None, on.isoformat()]})
