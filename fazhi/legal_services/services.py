"""Every write of the public legal services module: one transaction each, audited, refusals in Chinese."""
from decimal import Decimal

from django.db import transaction

from fazhi.core import audit, audit_events, clock, search, uploads
from fazhi.core.errors import DomainError
from fazhi.core.text import clean_code, clean_text
from fazhi.orgs import scope
from fazhi.orgs.choices import UnitKind

from . import aid_rules, policies
from . import search as search_fields
from .choices import Duty, LawVersion, LogStatus, PetitionKind, Place, law_version_on
from .models import (
    AidApplication,
    Assignment,
    ContractPayment,
    Lawyer,
    ServiceContract,
    ServiceLog,
    VillageAgreement,
)
from .permissions import LegalPerm as P
from .workflows import AID_FLOW, LOG_FLOW

E = audit_events.register
E(1401, "legal_services.lawyer_saved", "登记包联律师")
E(1402, "legal_services.assignment_created", "登记律师包联")
E(1403, "legal_services.agreement_created", "登记村（社区）法律顾问聘用协议")
E(1410, "legal_services.log_created", "填报律师服务日志")
E(1411, "legal_services.log_confirmed", "确认律师服务日志")
E(1412, "legal_services.log_disputed", "对律师服务日志提出异议")
E(1413, "legal_services.log_corrected", "更正律师服务日志")
E(1420, "legal_services.aid_registered", "受理法律援助申请")
E(1421, "legal_services.aid_materials_requested", "一次性告知补充材料")
E(1422, "legal_services.aid_materials_received", "法律援助申请材料补齐")
E(1423, "legal_services.aid_withdrawn", "法律援助申请视为撤回")
E(1424, "legal_services.aid_approved", "决定给予法律援助")
E(1425, "legal_services.aid_refused", "决定不予法律援助")
E(1426, "legal_services.aid_urgent", "先行提供法律援助")
E(1427, "legal_services.aid_objected", "登记法律援助异议")
E(1428, "legal_services.aid_objection_upheld", "法律援助异议成立")
E(1429, "legal_services.aid_objection_rejected", "法律援助异议不成立")
E(1430, "legal_services.aid_assigned", "指派法律援助承办律师")
E(1431, "legal_services.aid_terminated", "终止法律援助")
E(1432, "legal_services.aid_closed", "法律援助结案")
E(1440, "legal_services.contract_created", "登记购买法律服务合同")
E(1441, "legal_services.payment_recorded", "登记合同付款")
E(1442, "legal_services.contract_accepted", "购买法律服务合同验收")
E(1443, "legal_services.payment_added", "登记合同付款节点")
E(1444, "legal_services.payment_accepted", "合同付款节点验收")


def _unit_check(policy, actor, unit, perm, field="unit"):
    """The create permission, and ``unit`` (the record's owner) within the actor's reach for it."""
    policy.check(actor, "create")
    if unit is None or not scope.can_change(actor, unit, perm=perm):
        raise DomainError("该单位不在您可以办理的范围内。", field=field)


def _require(value, message, field):
    if value in (None, "") or (isinstance(value, str) and not value.strip()):
        raise DomainError(message, field=field)


# Lawyers, assignments, agreements --------------------------------------------------------------------

@transaction.atomic
def lawyer_create(*, actor, user, firm, licence_no, phone, office_hours="", photo=None):
    policies.lawyers.check(actor, "create")
    if firm is None or firm.kind != UnitKind.FIRM:
        raise DomainError("请选择律师事务所。", field="firm")
    if not user.grants.filter(role__code="lawyer").exists():
        raise DomainError("该账户没有“驻村（社区）律师”角色，请先授予角色。", field="user")
    if Lawyer.objects.filter(user=user).exists():
        raise DomainError("该账户已登记为包联律师。", field="user")
    licence_no = clean_code(licence_no or "")
    _require(licence_no, "请填写执业证号。", "licence_no")
    if Lawyer.objects.filter(licence_no=licence_no).exists():
        raise DomainError("该执业证号已登记。", field="licence_no")
    _require(phone, "请填写工作电话。", "phone")
    lawyer = Lawyer(user=user, name=user.full_name, firm=firm, licence_no=licence_no, phone=clean_code(phone),
                    office_hours=clean_text(office_hours))
    if photo:
        uploads.check(photo, kind="image", field="photo", label="照片")
        lawyer.photo = photo
    lawyer.save()
    audit.record(actor=actor, event="legal_services.lawyer_saved", obj=lawyer,
                 changes={"licence_no": [None, licence_no], "firm": [None, str(firm)]})
    search.index(lawyer, source="legal_services.lawyer", **search_fields.lawyer_fields(lawyer))
    return lawyer


@transaction.atomic
def assignment_create(*, actor, lawyer, unit, start, end, place=Place.VILLAGE, office_hours=""):
    policies.lawyers.check(actor, "assign", lawyer)
    if unit is None:
        raise DomainError("请选择包联单位。", field="unit")
    expected = {Place.VILLAGE: UnitKind.VILLAGE, Place.TOWNSHIP: UnitKind.TOWNSHIP}.get(place)
    if expected and unit.kind != expected:
        raise DomainError(f"“{Place(place).label}”须选择{UnitKind(expected).label}。", field="unit")
    if not start or not end or end < start:
        raise DomainError("包联结束日期不能早于开始日期。", field="end")
    if Assignment.objects.filter(lawyer=lawyer, unit=unit, start__lte=end, end__gte=start).exists():
        raise DomainError("该律师在这一期间已包联此单位。", field="unit")
    a = Assignment.objects.create(lawyer=lawyer, unit=unit, place=place, start=start, end=end,
                                  office_hours=clean_text(office_hours))
    audit.record(actor=actor, event="legal_services.assignment_created", obj=a, unit=unit,
                 changes={"lawyer": [None, str(lawyer)], "unit": [None, str(unit)],
                          "period": [None, f"{start}—{end}"]})
    return a


@transaction.atomic
def agreement_create(*, actor, village, lawyer, signed_on, start, end, file=None):
    if village is None or village.kind != UnitKind.VILLAGE:
        raise DomainError("请选择村（社区）。", field="village")
    _unit_check(policies.agreements, actor, village, P.MANAGE, "village")
    if lawyer is None:
        raise DomainError("请选择法律顾问。", field="lawyer")
    signed_on = clock.check_act_date(signed_on, backdate_reason=None, field="signed_on")
    probe = VillageAgreement(village=village, lawyer=lawyer, signed_on=signed_on, start=start, end=end)
    if not start or not end or end < start:
        raise DomainError("聘期结束日期不能早于开始日期。", field="end")
    if file:
        uploads.check(file, kind="document", field="file", label="聘用协议")
        probe.file = file
    probe.save()
    audit.record(actor=actor, event="legal_services.agreement_created", obj=probe, unit=village,
                 changes={"lawyer": [None, str(lawyer)], "period": [None, f"{start}—{end}"]})
    search.index(probe, source="legal_services.agreement", **search_fields.agreement_fields(probe))
    return probe


# Service logs ----------------------------------------------------------------------------------------

def lawyer_of(user):
    return Lawyer.objects.filter(user=user, active=True).select_related("firm").first() if user else None


def assignment_for(lawyer, unit, day):
    return Assignment.objects.filter(lawyer=lawyer, unit=unit, start__lte=day, end__gte=day).first()


def _petition(actor, petition, petition_kind):
    """The disputes module's petition a log concerns: only one the lawyer may see there, only for petition work."""
    if petition is None:
        return None
    if not petition_kind:
        raise DomainError("关联信访事项须先选择“涉及信访案件”。", field="petition")
    from .selectors import petitions_for

    if not petitions_for(actor).filter(pk=petition.pk).exists():
        raise DomainError("该信访事项不在您可以查看的范围内。", field="petition")
    return petition


def _log_fields(data, actor=None):
    duty = data.get("duty")
    if duty not in Duty.values:
        raise DomainError("请选择服务类别。", field="duty")
    people = int(data.get("people") or 0)
    hours = Decimal(str(data.get("hours") or 0))
    if hours <= 0 or hours > 24:
        raise DomainError("服务时长应在0到24小时之间。", field="hours")
    summary = clean_text(data.get("summary") or "")
    _require(summary, "请简要填写服务情况。", "summary")
    petition_kind = data.get("petition_kind") or PetitionKind.NONE
    petition_cases = int(data.get("petition_cases") or 0)
    if petition_kind and duty not in (Duty.DISPUTES, Duty.PETITION):
        raise DomainError("只有化解矛盾纠纷、信访值守可以登记信访案件。", field="petition_kind")
    if petition_kind and petition_cases < 1:
        raise DomainError("请填写参与化解的信访案件数。", field="petition_cases")
    if not petition_kind:
        petition_cases = 0
    document_kind = data.get("document_kind") or ""
    document_items = int(data.get("document_items") or 0)
    if document_kind and document_items < 1:
        raise DomainError("请填写建议条数或意见书份数。", field="document_items")
    if not document_kind:
        document_items = 0
    village_rules = bool(data.get("village_rules"))
    if village_rules and duty != Duty.GOVERNANCE:
        raise DomainError("村规民约属于“依法治理”服务。", field="village_rules")
    petition = _petition(actor, data.get("petition"), petition_kind)
    petition_ref = clean_code(data.get("petition_ref") or "") or (petition.number if petition else "")
    return {"duty": duty, "people": people, "hours": hours, "summary": summary, "petition_kind": petition_kind,
            "petition_cases": petition_cases, "petition_ref": petition_ref, "petition": petition,
            "document_kind": document_kind, "document_items": document_items, "village_rules": village_rules}


def _require_document(fields, document):
    """A legal opinion or suggestions, and a village's 村规民约, are logged with the document itself (the
    opinion, the suggestions, the adopted text)."""
    if document:
        return
    if fields["village_rules"]:
        raise DomainError("协助制定村规民约的，请上传村（社区）通过的村规民约文本。", field="document")
    if fields["document_kind"]:
        raise DomainError("出具法律意见书或建议的，请上传该文书。", field="document")


@transaction.atomic
def log_create(*, actor, unit, served_on, attachment=None, document=None, **data):
    """A lawyer files a day's service in one of the units he or she is assigned to on that day."""
    policies.logs.check(actor, "create")
    lawyer = lawyer_of(actor)
    if lawyer is None:
        raise DomainError("您还没有登记为包联律师，请联系县司法局。")
    served_on = clock.check_act_date(served_on, backdate_reason=None, field="served_on")
    if unit is None:
        raise DomainError("请选择服务的村（社区）。", field="unit")
    assignment = assignment_for(lawyer, unit, served_on)
    if assignment is None:
        raise DomainError(f"{served_on:%Y-%m-%d}您没有包联“{unit}”。", field="unit")
    fields = _log_fields(data, actor)
    if fields["village_rules"] and unit.kind != UnitKind.VILLAGE:
        raise DomainError("村规民约须在村（社区）登记。", field="village_rules")
    _require_document(fields, document)
    log = ServiceLog(lawyer=lawyer, unit=unit, place=assignment.place, served_on=served_on, **fields)
    if document:
        uploads.check(document, kind="document", field="document", label="文书")
        log.document = document
    if attachment:
        uploads.check(attachment, kind="material", field="attachment", label="照片或签到表")
        log.attachment = attachment
    log.save()
    audit.record(actor=actor, event="legal_services.log_created", obj=log, unit=unit,
                 changes={"served_on": [None, str(served_on)], "duty": [None, log.get_duty_display()],
                          "people": [None, log.people]})
    return log


def log_confirm(*, actor, log, on=None):
    def effect(obj):
        obj.confirmed_by = actor
        obj.confirmed_on = on or clock.today()

    return LOG_FLOW.apply(actor=actor, obj=log, action="confirm", on=on, not_before=log.served_on, effect=effect)


def log_dispute(*, actor, log, reason, on=None):
    def effect(obj):
        obj.dispute_reason = clean_text(reason)

    return LOG_FLOW.apply(actor=actor, obj=log, action="dispute", reason=reason, on=on, effect=effect)


def log_correct(*, actor, log, **data):
    """The lawyer corrects a disputed log (what it says; not whose or where) and submits it again."""
    fields = _log_fields(data, actor)
    _require_document(fields, log.document)

    def effect(obj):
        for k, v in fields.items():
            setattr(obj, k, v)

    return LOG_FLOW.apply(actor=actor, obj=log, action="correct", effect=effect,
                          changes={"summary": ["（更正前）", "（更正后）"], "people": [log.people, fields["people"]]})


# Legal aid -------------------------------------------------------------------------------------------

@transaction.atomic
def aid_register(*, actor, unit, applicant, matter, facts, applied_on, hardship_proof=False, exemption="",
                 limitation_on=None, applicant_phone=""):
    _unit_check(policies.aid, actor, unit, P.AID)
    _require(applicant, "请填写申请人。", "applicant")
    _require(facts, "请填写案情及申请理由。", "facts")
    applied_on = clock.check_act_date(applied_on, backdate_reason=None, field="applied_on")
    app = AidApplication(unit=unit, applicant=clean_text(applicant), applicant_phone=clean_code(applicant_phone),
                         matter=matter, facts=clean_text(facts), applied_on=applied_on,
                         law_version=law_version_on(applied_on), hardship_proof=bool(hardship_proof),
                         exemption=exemption or "", limitation_on=limitation_on)
    if limitation_on and limitation_on < applied_on:
        raise DomainError("时效或期限届满日不能早于申请日期。", field="limitation_on")
    app.review_due = aid_rules.review_due(app)
    app.save()
    app.number = f"郧援〔{applied_on.year}〕{app.pk}号"
    app.save(update_fields=["number"])
    audit.record(actor=actor, event="legal_services.aid_registered", obj=app, unit=unit,
                 changes={"applied_on": [None, str(applied_on)], "law_version": [None, app.get_law_version_display()]})
    return app


def aid_step(*, actor, app, action, on=None, reason="", materials="", lawyer=None, ground="", subsidy=None,
             report=None):
    """One step of a legal-aid application (``workflows.AID_FLOW``), its clocks set as the law in force says."""
    day = on or clock.today()
    changes = {}

    def effect(obj):
        if action == "request_materials":
            text = clean_text(materials)
            if not text:
                raise DomainError("请一次性列明需要补充的全部材料。", field="materials")
            obj.materials_requested_on = day
            obj.materials_list = text
            obj.materials_due = aid_rules.materials_due(obj, day)
        elif action == "materials_received":
            obj.materials_received_on = day
            obj.review_due = aid_rules.review_due(obj, day)
        elif action in ("approve", "objection_upheld"):
            obj.decided_on = obj.decided_on if action == "objection_upheld" and obj.decided_on else day
            if action == "objection_upheld":
                obj.objection_decided_on, obj.objection_upheld = day, True
            obj.assign_due = aid_rules.assign_due(obj, day)
        elif action == "refuse":
            obj.decided_on = day
            obj.refusal_reason = clean_text(reason)
        elif action == "object":
            obj.objected_on = day
            obj.objection = clean_text(reason)
            obj.objection_due = aid_rules.objection_due(obj, day)
        elif action == "objection_rejected":
            obj.objection_decided_on, obj.objection_upheld = day, False
        elif action in ("assign", "urgent"):
            if lawyer is None:
                raise DomainError("请选择承办律师。", field="lawyer")
            obj.lawyer = lawyer
            obj.assigned_on = day
            obj.urgent = action == "urgent"
        elif action == "terminate":
            version = aid_rules.version_of(obj)
            from .choices import TERMINATION_GROUNDS, TERMINATION_RULE, TerminationGround

            if ground not in TERMINATION_GROUNDS[version]:
                raise DomainError(f"终止理由须为{LawVersion(version).label}规定的情形（{TERMINATION_RULE[version]}）。",
                                  field="ground")
            obj.termination_ground = ground
            obj.terminated_on = day
            changes["ground"] = [None, TerminationGround(ground).label]
        elif action == "close":
            if not report:
                raise DomainError("结案须提交结案报告及法律文书副本。", field="report")
            uploads.check(report, kind="document", field="report", label="结案报告")
            obj.closing_report = report
            obj.closed_on = day
            obj.subsidy = subsidy

    not_before = {"object": app.decided_on, "assign": app.decided_on, "close": app.assigned_on,
                  "terminate": app.assigned_on}.get(action) or app.applied_on
    return AID_FLOW.apply(actor=actor, obj=app, action=action, reason=reason, on=on, effect=effect,
                          not_before=not_before, changes=changes)


# Purchase of services ---------------------------------------------------------------------------------

@transaction.atomic
def contract_create(*, actor, unit, firm, number, signed_on, start, end, amount, scope_text, milestones=()):
    _unit_check(policies.contracts, actor, unit, P.MANAGE)
    if firm is None or firm.kind != UnitKind.FIRM:
        raise DomainError("请选择律师事务所。", field="firm")
    _require(number, "请填写合同编号。", "number")
    if amount is None or amount <= 0:
        raise DomainError("合同金额应大于0。", field="amount")
    if end < start:
        raise DomainError("服务期结束日期不能早于开始日期。", field="end")
    c = ServiceContract.objects.create(unit=unit, firm=firm, number=clean_code(number), signed_on=signed_on,
                                       start=start, end=end, amount=amount, scope_text=clean_text(scope_text))
    total = Decimal("0")
    for label, due_on, part in milestones:
        total += part
        ContractPayment.objects.create(contract=c, label=label, due_on=due_on, amount=part)
    if milestones and total != amount:
        raise DomainError(f"付款节点合计{total}元，与合同金额{amount}元不一致。", field="amount")
    audit.record(actor=actor, event="legal_services.contract_created", obj=c, unit=unit,
                 changes={"firm": [None, str(firm)], "amount": [None, str(amount)]})
    search.index(c, source="legal_services.contract", **search_fields.contract_fields(c))
    return c


@transaction.atomic
def payment_add(*, actor, contract, label, due_on, amount):
    """A payment milestone (付款节点) of a contract; all milestones together never exceed the contract amount."""
    policies.contracts.check(actor, "milestone", contract)
    label = clean_text(label or "")
    _require(label, "请填写付款节点名称。", "label")
    if amount is None or amount <= 0:
        raise DomainError("付款金额应大于0。", field="amount")
    if due_on is None or due_on < contract.signed_on:
        raise DomainError("计划付款日期不能早于合同签订日期。", field="due_on")
    planned = sum((p.amount for p in contract.payments.all()), Decimal("0"))
    if planned + amount > contract.amount:
        raise DomainError(f"付款节点合计将超过合同金额{contract.amount}元（已安排{planned}元）。", field="amount")
    payment = ContractPayment.objects.create(contract=contract, label=label, due_on=due_on, amount=amount)
    audit.record(actor=actor, event="legal_services.payment_added", obj=contract, unit=contract.unit,
                 changes={"payment": [None, f"{label} {amount}元 {due_on}"]})
    return payment


@transaction.atomic
def payment_accept(*, actor, payment, accepted_on, acceptance):
    """The unit accepts the service a milestone pays for (验收), once."""
    policies.payments.check(actor, "accept", payment)
    accepted_on = clock.check_act_date(accepted_on, backdate_reason=None, field="accepted_on")
    if accepted_on < payment.contract.signed_on:
        raise DomainError("验收日期不能早于合同签订日期。", field="accepted_on")
    _require(acceptance, "请填写验收意见。", "acceptance")
    payment.accepted_on, payment.acceptance = accepted_on, clean_text(acceptance)
    payment.save(update_fields=["accepted_on", "acceptance"])
    audit.record(actor=actor, event="legal_services.payment_accepted", obj=payment.contract,
                 unit=payment.contract.unit, changes={"payment": [None, f"{payment.label} 验收 {accepted_on}"]})
    return payment


@transaction.atomic
def payment_record(*, actor, payment, paid_on):
    policies.payments.check(actor, "pay", payment)
    paid_on = clock.check_act_date(paid_on, backdate_reason=None, field="paid_on")
    if paid_on < payment.contract.signed_on:
        raise DomainError("付款日期不能早于合同签订日期。", field="paid_on")
    payment.paid_on = paid_on
    payment.save(update_fields=["paid_on"])
    audit.record(actor=actor, event="legal_services.payment_recorded", obj=payment.contract,
                 changes={"payment": [None, f"{payment.label} {payment.amount}元 {paid_on}"]})
    return payment


@transaction.atomic
def contract_accept(*, actor, contract, accepted_on, acceptance):
    policies.contracts.check(actor, "accept", contract)
    accepted_on = clock.check_act_date(accepted_on, backdate_reason=None, field="accepted_on")
    _require(acceptance, "请填写验收意见。", "acceptance")
    contract.accepted_on, contract.acceptance = accepted_on, clean_text(acceptance)
    contract.save(update_fields=["accepted_on", "acceptance"])
    audit.record(actor=actor, event="legal_services.contract_accepted", obj=contract,
                 changes={"accepted_on": [None, str(accepted_on)]})
    return contract


__all__ = ["LogStatus"]
