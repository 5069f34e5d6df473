"""Every write of the disputes module: one transaction, one audit entry, Chinese refusals.

Mediation (RULES.md §11): the refusal gate, sessions, the written agreement with its statutory contents,
effective when parties and mediator sign and the committee seals (scan kept), failure with the other routes
told, referral between the three kinds and its takeover (one case history), judicial confirmation within
30 days, escalation when a dispute may turn criminal. Petitions (§12): registration from every channel, one
person one matter, classification and clocks by the rule version in force on the event's date.
"""
import secrets

from django.db import transaction

from fazhi.core import audit, audit_events, clock, masking, numbering, uploads, workdays
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.rules import get_setting
from fazhi.core.text import clean_text, compare_key
from fazhi.orgs import scope

from . import policies, selectors
from .choices import (
    CATEGORIES_2005,
    CATEGORIES_2022,
    KIND_OF_CATEGORY,
    RULES_2022_FROM,
    CaseSource,
    CaseStatus,
    Category,
    Channel,
    DisputeType,
    Gender,
    MediationKind,
    NoteKind,
    OrgCategory,
    Outcome,
    PetitionLevel,
    PetitionStatus,
)
from .models import (
    HallDuty,
    MediationCase,
    MediationOrg,
    MediationReturn,
    MediationReturnLine,
    MediationStep,
    Mediator,
    MediatorTraining,
    Petition,
    PetitionContact,
    PetitionNote,
)
from .permissions import DisputesPerm as P
from .workflows import PETITION_FLOW

E = audit_events.register
E(1101, "disputes.org_saved", "保存调解组织")
E(1102, "disputes.mediator_added", "登记调解员")
E(1103, "disputes.return_saved", "保存调解统计报表")
E(1104, "disputes.cluster_saved", "保存矛盾纠纷专项")
E(1105, "disputes.cluster_member_added", "登记专项领导小组成员")
E(1106, "disputes.cluster_meeting_added", "登记专项领导小组会议")
E(1107, "disputes.household_added", "登记专项涉及户")
E(1108, "disputes.households_imported", "导入专项涉及户")
E(1109, "disputes.household_updated", "更新涉及户化解情况")
E(1110, "disputes.case_registered", "调解案件受理")
E(1111, "disputes.case_refused", "当事人拒绝调解")
E(1112, "disputes.session_added", "登记调解过程")
E(1113, "disputes.agreement_recorded", "登记调解协议")
E(1114, "disputes.agreement_effective", "调解协议生效")
E(1115, "disputes.confirmation_applied", "申请司法确认")
E(1116, "disputes.case_failed", "调解终止")
E(1117, "disputes.case_referred", "移交调解（三调联动）")
E(1118, "disputes.case_taken_over", "接收移交的调解案件")
E(1119, "disputes.case_escalated", "报告可能激化的纠纷")
E(1120, "disputes.performance_followed", "调解协议履行回访")
E(1130, "disputes.petition_registered", "登记信访事项")
E(1131, "disputes.petition_merged", "重复信访并入原事项")
E(1132, "disputes.petition_read", "查阅信访事项")
E(1133, "disputes.petition_routed", "转送信访事项")
E(1134, "disputes.petition_objected", "提出管辖异议")
E(1135, "disputes.petition_accepted", "受理信访事项")
E(1136, "disputes.petition_not_accepted", "不予受理信访事项")
E(1137, "disputes.petition_extended", "延长信访办理期限")
E(1138, "disputes.petition_answered", "出具处理意见书")
E(1139, "disputes.review_requested", "登记复查请求")
E(1140, "disputes.petition_reviewed", "出具复查意见")
E(1141, "disputes.recheck_requested", "登记复核请求")
E(1142, "disputes.petition_rechecked", "出具复核意见")
E(1143, "disputes.petition_exported", "导出信访台账")
E(1144, "disputes.lawyers_assigned", "登记参与律师")
E(1145, "disputes.petition_note_added", "登记疑难信访包案记录")
E(1146, "disputes.petition_resolved", "疑难信访事项化解")
E(1147, "disputes.petition_exported_unmasked", "导出未脱敏的信访台账")
E(1150, "disputes.hall_duty_recorded", "登记信访大厅值守")
E(1151, "disputes.training_recorded", "登记调解员培训")

RULE_REFUSE = "《中华人民共和国人民调解法》第十七条"
RULE_AGREEMENT = "《中华人民共和国人民调解法》第二十九条、第三十条"
RULE_FAIL = "《中华人民共和国人民调解法》第二十六条"
RULE_CONFIRM = "《中华人民共和国人民调解法》第三十三条"
RULE_FINAL_2022 = "《信访工作条例》第三十六条"
RULE_FINAL_2005 = "《信访条例》第三十五条"


def check(policy, actor, action, obj=None, *, on=None, field=None):
    if actor is None:
        raise DomainError("请先登录。", code="policy_refused")
    if obj is not None and not policy.visible(actor, type(obj)._default_manager.filter(pk=obj.pk)).exists():
        raise NotFound()
    reason = policy.refusal(actor, action, obj, on=on)
    if reason:
        raise DomainError(reason if reason.endswith("。") else f"{reason}。", field=field, code="policy_refused")


def _text(value, label, field, required=True):
    value = clean_text(value or "")
    if required and not value:
        raise DomainError(f"请填写{label}。", field=field)
    return value


def _day(on, not_before=None, label="上一环节的日期", field="on"):
    return clock.check_act_date(on, not_before=not_before, not_before_label=label, backdate_reason=None, field=field)


# Mediation organisations ---------------------------------------------------------------------

@transaction.atomic
def org_create(*, actor, unit, name, category, industry="", term_start=None):
    check(policies.orgs, actor, "create")
    if not scope.can_change(actor, unit, perm=P.MANAGE):
        raise DomainError(f"您不能管理“{unit}”的调解组织。", field="unit")
    if category not in OrgCategory.values:
        raise DomainError("请选择组织类别。", field="category")
    name = _text(name, "组织名称", "name")
    if MediationOrg.objects.filter(name=name).exists():
        raise DomainError("同名调解组织已存在。", field="name")
    term_end = None
    if term_start and category in {c.value for c in (OrgCategory.VILLAGE, OrgCategory.TOWNSHIP, OrgCategory.INDUSTRY)}:
        term_end = selectors.add_years(term_start, get_setting("disputes.term_years"))
    org = MediationOrg.objects.create(unit=unit, name=name, category=category, kind=KIND_OF_CATEGORY[category],
                                      industry=industry or "", term_start=term_start, term_end=term_end)
    audit.record(actor=actor, event="disputes.org_saved", obj=org, changes={"name": [None, name]})
    return org


@transaction.atomic
def mediator_add(*, actor, org, name, gender, is_member=True, post="", trained_on=None, training_hours=0):
    check(policies.orgs, actor, "add_mediator", org)
    if gender not in Gender.values:
        raise DomainError("请选择性别。", field="gender")
    m = Mediator.objects.create(org=org, name=_text(name, "姓名", "name"), gender=gender, is_member=is_member,
                                post=post or "", trained_on=trained_on, training_hours=training_hours or 0)
    audit.record(actor=actor, event="disputes.mediator_added", obj=org,
                 changes={"mediator": [None, masking.mask_name(m.name)]})
    return m


@transaction.atomic
def return_save(*, actor, org, year, accepted, succeeded, screenings=0, found=0, lines=()):
    """An organisation's annual return; by-type lines are kept as reported (a mismatch is shown, not refused)."""
    check(policies.orgs, actor, "add_return", org)
    if succeeded > accepted:
        raise DomainError("调解成功数不能大于受理数。", field="succeeded")
    report, _ = MediationReturn.objects.update_or_create(
        org=org, year=year, defaults={"accepted": accepted, "succeeded": succeeded, "screenings": screenings,
                                      "found": found})
    report.lines.all().delete()
    for dispute_type, acc, suc in lines:
        if dispute_type not in DisputeType.values:
            raise DomainError("纠纷类型不正确。", field="lines")
        MediationReturnLine.objects.create(report=report, dispute_type=dispute_type, accepted=acc, succeeded=suc)
    audit.record(actor=actor, event="disputes.return_saved", obj=org,
                 changes={"year": [None, year], "accepted": [None, accepted], "succeeded": [None, succeeded]})
    return report


@transaction.atomic
def training_record(*, actor, mediator, on, hours, topic, organiser=""):
    """A training the mediator attended; the mediator's latest training and the year's hours follow."""
    check(policies.orgs, actor, "train", mediator.org)
    on = _day(on)
    if not hours or hours < 1:
        raise DomainError("培训学时应为正整数。", field="hours")
    t = MediatorTraining.objects.create(mediator=mediator, on=on, hours=hours, topic=_text(topic, "培训内容", "topic"),
                                        organiser=organiser or "")
    latest = mediator.trainings.order_by("-on").first()
    mediator.trained_on = latest.on
    mediator.training_hours = sum(mediator.trainings.filter(on__year=latest.on.year).values_list("hours", flat=True))
    mediator.save(update_fields=["trained_on", "training_hours"])
    audit.record(actor=actor, event="disputes.training_recorded", obj=mediator.org,
                 changes={"mediator": [None, masking.mask_name(mediator.name)], "hours": [None, hours]})
    return t


# Mediation cases -----------------------------------------------------------------------------

def _step(case, actor, on, label, text):
    MediationStep.objects.create(case=case, org=case.org, kind=case.kind, occurred_on=on, label=label, text=text,
                                 recorded_by=actor)


def _lock(case):
    return MediationCase.objects.select_for_update().get(pk=case.pk)


@transaction.atomic
def case_register(*, actor, org, title, dispute_type, source, parties, facts="", registered_on=None, cluster=None,
                  petition=None, households=1):
    check(policies.cases, actor, "register")
    if not scope.can_change(actor, org, perm=P.MEDIATE):
        raise DomainError(f"您不能为“{org}”受理调解案件。", field="org")
    registered_on = _day(registered_on, field="registered_on")
    if dispute_type not in DisputeType.values:
        raise DomainError("请选择纠纷类型。", field="dispute_type")
    if source not in CaseSource.values:
        raise DomainError("请选择纠纷来源。", field="source")
    names = [clean_text(p) for p in (parties if isinstance(parties, (list, tuple)) else str(parties).splitlines())]
    names = [n for n in names if n]
    if len(names) < 2:
        raise DomainError("纠纷至少应有两方当事人，请每行填写一名当事人。", field="parties")
    target = workdays.add_calendar_days(registered_on, get_setting("disputes.mediation_target_days"))
    case = MediationCase(org=org, unit=org.unit, kind=org.kind, title=_text(title, "纠纷简要", "title"),
                         dispute_type=dispute_type, source=source, parties="\n".join(names), facts=facts or "",
                         registered_on=registered_on, target_due=target, cluster=cluster, petition=petition,
                         households=households or 1)
    _n, case.number = numbering.next_number(actor=actor, prefix=f"{org.unit.short_name or org.unit.name}调",
                                            year=registered_on.year)
    case.save()
    _step(case, actor, registered_on, "受理", f"受理（{case.get_source_display()}）：{case.title}")
    audit.record(actor=actor, event="disputes.case_registered", obj=case, changes={"number": [None, case.number]})
    return case


@transaction.atomic
def case_refuse(*, actor, case, party, on=None, text=""):
    """当事人一方明确拒绝调解的，不得调解 — the refusal is recorded and the case ends."""
    case = _lock(case)
    on = _day(on, case.registered_on)
    check(policies.cases, actor, "refuse", case, on=on)
    case.status, case.refused_on = CaseStatus.REFUSED, on
    case.refused_by = _text(party, "拒绝调解的当事人", "party")
    case.save()
    _step(case, actor, on, "拒绝调解", f"当事人{case.refused_by}明确拒绝调解，依法不予调解（{RULE_REFUSE}）。{text or ''}")
    audit.record(actor=actor, event="disputes.case_refused", obj=case, changes={"status": [None, case.status]})
    return case


@transaction.atomic
def session_add(*, actor, case, text, on=None):
    case = _lock(case)
    on = _day(on, case.registered_on)
    check(policies.cases, actor, "session", case, on=on)
    case.status = CaseStatus.MEDIATING
    case.save(update_fields=["status"])
    _step(case, actor, on, "调解", _text(text, "调解记录", "text"))
    audit.record(actor=actor, event="disputes.session_added", obj=case, changes={"on": [None, on]})
    return case


@transaction.atomic
def agreement_record(*, actor, case, issues, responsibilities, terms, performance, on=None):
    """The written agreement with the statutory contents (人民调解法第二十九条)."""
    case = _lock(case)
    on = _day(on, case.registered_on)
    check(policies.cases, actor, "agree", case, on=on)
    case.agreement_issues = _text(issues, "纠纷的主要事实、争议事项", "issues")
    case.agreement_responsibilities = _text(responsibilities, "各方当事人的责任", "responsibilities")
    case.agreement_terms = _text(terms, "当事人达成调解协议的内容", "terms")
    case.performance = _text(performance, "履行的方式、期限", "performance")
    case.agreed_on, case.status = on, CaseStatus.AGREED
    case.save()
    _step(case, actor, on, "达成协议", f"达成调解协议：{case.agreement_terms}")
    audit.record(actor=actor, event="disputes.agreement_recorded", obj=case, changes={"status": [None, case.status]})
    return case


@transaction.atomic
def agreement_effective(*, actor, case, scan, parties_signed, mediator_signed, sealed, on=None):
    """Effective when the parties sign (seal, fingerprint), the mediator signs and the committee seals."""
    case = _lock(case)
    on = _day(on, case.agreed_on, "协议日期")
    check(policies.cases, actor, "effective", case, on=on)
    missing = [label for ok, label in ((parties_signed, "各方当事人签名、盖章或者按指印"),
                                       (mediator_signed, "调解员签名"), (sealed, "加盖人民调解委员会印章")) if not ok]
    if missing:
        raise DomainError(f"调解协议书自{'、'.join(missing)}之日起生效，尚未完成（{RULE_AGREEMENT}）。", field="sealed")
    if not scan:
        raise DomainError("请上传签章后的调解协议书扫描件。", field="scan")
    uploads.check(scan, kind="scan", field="scan", label="协议书扫描件")
    case.agreement_scan.save(f"{case.number}.{scan.name.rsplit('.', 1)[-1]}", scan, save=False)
    case.effective_on, case.status = on, CaseStatus.EFFECTIVE
    if case.kind == MediationKind.PEOPLE:
        case.confirmation_due = workdays.add_calendar_days(on, get_setting("disputes.confirmation_days"))
    case.save()
    _step(case, actor, on, "协议生效", "各方当事人、调解员签名，调解委员会盖章，协议生效。")
    audit.record(actor=actor, event="disputes.agreement_effective", obj=case, changes={"status": [None, case.status]})
    return case


@transaction.atomic
def confirmation_apply(*, actor, case, on=None):
    """Both parties apply jointly to the court within 30 days of the agreement taking effect."""
    case = _lock(case)
    on = _day(on, case.effective_on, "协议生效日期")
    check(policies.cases, actor, "confirm", case, on=on)
    if case.confirmation_due and on > case.confirmation_due:
        raise DomainError(f"申请司法确认应当自调解协议生效之日起30日内提出（{case.confirmation_due:%Y年%m月%d日}前），"
                          f"已超过期限（{RULE_CONFIRM}）。", field="on")
    case.confirmation_applied_on = on
    case.save(update_fields=["confirmation_applied_on"])
    _step(case, actor, on, "申请司法确认", "双方当事人共同向人民法院申请司法确认。")
    audit.record(actor=actor, event="disputes.confirmation_applied", obj=case, changes={"on": [None, on]})
    return case


@transaction.atomic
def case_fail(*, actor, case, routes_told, on=None):
    case = _lock(case)
    on = _day(on, case.registered_on)
    check(policies.cases, actor, "fail", case, on=on)
    routes = _text(routes_told, "告知当事人的仲裁、行政、司法等途径", "routes_told")
    case.failed_on, case.routes_told, case.status = on, routes, CaseStatus.FAILED
    case.save()
    _step(case, actor, on, "调解终止", f"调解不成，终止调解，已告知当事人：{routes}（{RULE_FAIL}）")
    audit.record(actor=actor, event="disputes.case_failed", obj=case, changes={"status": [None, case.status]})
    return case


@transaction.atomic
def case_refer(*, actor, case, to_org, reason, on=None):
    """三调联动: refer the case to another organisation (people's, administrative or judicial mediation)."""
    case = _lock(case)
    on = _day(on, case.registered_on)
    check(policies.cases, actor, "refer", case, on=on)
    if to_org.pk == case.org_id:
        raise DomainError("不能移交给本组织。", field="to_org")
    if not to_org.is_active:
        raise DomainError("该调解组织已撤销。", field="to_org")
    case.referral_to, case.status = to_org, CaseStatus.REFERRED
    case.save()
    _step(case, actor, on, "移交", f"移交{to_org}（{to_org.get_kind_display()}）：{_text(reason, '移交理由', 'reason')}")
    audit.record(actor=actor, event="disputes.case_referred", obj=case, changes={"referral_to": [None, str(to_org)]})
    return case


@transaction.atomic
def case_take_over(*, actor, case, on=None):
    """The receiving organisation takes the referred case over: the same case, its history kept."""
    case = _lock(case)
    on = _day(on, case.registered_on)
    reason = policies.cases.takeover_refusal(actor, case)
    if reason:
        raise DomainError(f"{reason}。", code="policy_refused")
    before = str(case.org)
    case.org, case.unit, case.kind = case.referral_to, case.referral_to.unit, case.referral_to.kind
    case.referral_to, case.status = None, CaseStatus.REGISTERED
    case.save()
    _step(case, actor, on, "接收移交", f"{case.org}（{case.get_kind_display()}）接收{before}移交的案件。")
    audit.record(actor=actor, event="disputes.case_taken_over", obj=case, changes={"org": [before, str(case.org)]})
    return case


@transaction.atomic
def case_escalate(*, actor, case, unit, text, on=None):
    """A dispute that may turn criminal: reported to the named unit (人民调解法第二十五条)."""
    case = _lock(case)
    on = _day(on, case.registered_on)
    check(policies.cases, actor, "escalate", case, on=on)
    case.may_turn_criminal, case.escalated_to = True, unit
    case.save(update_fields=["may_turn_criminal", "escalated_to"])
    _step(case, actor, on, "报告激化风险", f"纠纷可能激化，已报告{unit}：{_text(text, '情况说明', 'text')}")
    audit.record(actor=actor, event="disputes.case_escalated", obj=case, changes={"escalated_to": [None, str(unit)]})
    return case


@transaction.atomic
def performance_follow(*, actor, case, text, performed=False, on=None):
    """履行回访: the committee follows up how the effective agreement is performed (人民调解法第三十一条); when
    the parties have performed it, the case records the day."""
    case = _lock(case)
    on = _day(on, case.effective_on, "协议生效日期")
    check(policies.cases, actor, "follow", case, on=on)
    text = _text(text, "回访情况", "text")
    if performed:
        case.performed_on = on
        case.save(update_fields=["performed_on"])
    _step(case, actor, on, "履行回访", f"{text}{'（协议已履行完毕）' if performed else ''}")
    audit.record(actor=actor, event="disputes.performance_followed", obj=case,
                 changes={"performed_on": [None, str(on)]} if performed else {"followed_on": [None, str(on)]})
    return case


# Petitions -----------------------------------------------------------------------------------

def phone_key(phone):
    return "".join(ch for ch in compare_key(phone or "") if ch.isdigit())


def categories_for(event_on):
    return CATEGORIES_2022 if event_on >= RULES_2022_FROM else CATEGORIES_2005


def _receipt_code():
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    while True:
        code = "".join(secrets.choice(alphabet) for _ in range(8))
        if not Petition.objects.filter(receipt_code=code).exists():
            return code


@transaction.atomic
def petition_register(*, actor, office, channel, petitioner_name, phone, event_on, category, request, facts,
                      received_on=None, id_number="", address="", persons=1, subject_user=None, subject_name="",
                      level="general", merge=None, cluster=None):
    """Register a petition. ``merge``: ``None`` (no decision yet — refused with the candidates when the same
    petitioner has a matter on record), ``"new"`` (staff judge it a new matter) or the ``Petition`` to merge into
    (a repeat: counted on that matter, never a second one; a matter closed by 复核 is not accepted again)."""
    check(policies.petitions, actor, "register")
    if not scope.can_change(actor, office, perm=P.PETITION_REGISTER):
        raise DomainError(f"您不能以“{office}”的名义登记信访事项。", field="office")
    received_on = _day(received_on, field="received_on")
    if channel not in Channel.values:
        raise DomainError("请选择来源渠道。", field="channel")
    name = _text(petitioner_name, "信访人姓名", "petitioner_name")
    phone = _text(phone, "联系电话", "phone")
    if event_on is None:
        raise DomainError("请填写事项发生日期。", field="event_on")
    if event_on > received_on:
        raise DomainError("事项发生日期不能晚于收到日期。", field="event_on")
    candidates = list(selectors.merge_candidates(name=name, phone=phone, id_number=id_number))
    if merge is None and candidates:
        listed = "；".join(f"{p.number}（{p.get_status_display()}）" for p in candidates)
        raise DomainError(f"该信访人已有信访事项：{listed}。同一信访人就同一事项再次信访的，应并入原事项（一人一事）；"
                          f"请选择并入原事项或作为新事项登记。", field="merge", code="merge_proposed")
    if isinstance(merge, Petition):
        if merge.pk not in {p.pk for p in candidates}:
            raise DomainError("只能并入该信访人本人的信访事项。", field="merge")
        return _merge(actor, merge, channel, received_on, request, facts)
    allowed = categories_for(event_on)
    if category not in allowed:
        names = "、".join(Category(c).label for c in allowed)
        law = "《信访工作条例》第二十九条至第三十一条" if event_on >= RULES_2022_FROM else "《信访条例》"
        raise DomainError(f"事项发生于{event_on:%Y年%m月%d日}，适用{law}，类别应为：{names}。", field="category")
    p = Petition(unit=office, office=office, channel=channel, petitioner_name=name, petitioner_key=compare_key(name),
                 phone=phone, phone_key=phone_key(phone), id_number=compare_key(id_number or "").upper(),
                 address=address or "", persons=persons or 1, event_on=event_on, received_on=received_on,
                 category=category, level=level, request=_text(request, "诉求", "request"),
                 facts=_text(facts, "事实和理由", "facts"), subject_user=subject_user, subject_name=subject_name or "",
                 cluster=cluster, route_due=workdays.add_calendar_days(received_on, 15),
                 receipt_code=_receipt_code())
    if subject_user is not None and not p.subject_name:
        p.subject_name = subject_user.get_full_name() or subject_user.get_username()
    _n, p.number = numbering.next_number(actor=actor, prefix=f"{office.short_name or office.name}信",
                                         year=received_on.year)
    p.save()
    PetitionContact.objects.create(petition=p, channel=channel, received_on=received_on, note=p.request,
                                   recorded_by=actor)
    audit.record(actor=actor, event="disputes.petition_registered", obj=p,
                 changes={"number": [None, p.number], "channel": [None, channel], "category": [None, category]})
    return p


def _merge(actor, petition, channel, received_on, request, facts):
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if petition.status == PetitionStatus.FINAL:
        rule = RULE_FINAL_2022 if petition.rules_2022 else RULE_FINAL_2005
        raise DomainError(f"信访事项{petition.number}已经复核终结，信访人以同一事实和理由再次提出的，不再受理（{rule}）。",
                          field="merge", code="final")
    PetitionContact.objects.create(petition=petition, channel=channel, received_on=received_on, is_repeat=True,
                                   note=clean_text(f"{request or ''}\n{facts or ''}"), recorded_by=actor)
    petition.repeat_count += 1
    petition.save(update_fields=["repeat_count"])
    audit.record(actor=actor, event="disputes.petition_merged", obj=petition,
                 changes={"repeat_count": [petition.repeat_count - 1, petition.repeat_count], "channel": [None, channel]})
    return petition


def petition_open(*, actor, pk, what="查阅"):
    """The petition ``pk`` if ``actor`` may read it; the opening is logged in the audit trail (who read what)."""
    petition = policies.petitions.get(actor, pk)
    with transaction.atomic():
        audit.record(actor=actor, event="disputes.petition_read", obj=petition, changes={"read": [None, what]})
    return petition


def _transition(actor, petition, action, *, on, effect, reason="", not_before=None, changes=None):
    check(policies.petitions, actor, action, petition, on=on or clock.today())
    return PETITION_FLOW.apply(actor=actor, obj=petition, action=action, on=on, effect=effect, reason=reason,
                               not_before=not_before, changes=changes)


def petition_route(*, actor, petition, unit, on=None):
    """转送 to the competent unit; the unit's acceptance clock (15 days) and, under the 2022 rules, the
    objection window (5 working days) start."""
    if not scope.can_change(actor, unit, perm=P.PETITION_REGISTER) and not actor.has_perm(P.PETITION_REGISTER):
        raise DomainError("请选择办理单位。", field="unit")
    if petition.subject_user_id and petition.subject_user and getattr(petition.subject_user, "unit_id", None) == unit.pk \
            and petition.category == Category.ACCUSATION:
        raise DomainError("检举控告类事项不得转送被反映人所在单位办理（《信访工作条例》第三十条）。", field="unit")

    def effect(p):
        p.unit = unit
        p.routed_on = on or clock.today()
        p.accept_due = workdays.add_calendar_days(p.routed_on, 15)
        p.objection_due = workdays.add_working_days(p.routed_on, 5) if p.rules_2022 else None

    return _transition(actor, petition, "route", on=on, effect=effect, not_before=petition.received_on,
                       changes={"unit": [str(petition.unit), str(unit)]})


def petition_object(*, actor, petition, reason, on=None):
    office = petition.office

    def effect(p):
        p.unit, p.routed_on, p.accept_due, p.objection_due = office, None, None, None

    return _transition(actor, petition, "object", on=on, effect=effect, reason=reason, not_before=petition.routed_on)


def petition_accept(*, actor, petition, on=None, notified_on=None):
    def effect(p):
        p.accepted_on = on or clock.today()
        p.notified_on = notified_on or p.accepted_on
        p.handle_due = workdays.add_calendar_days(p.accepted_on, 60)

    return _transition(actor, petition, "accept", on=on, effect=effect, not_before=petition.routed_on)


def petition_not_accept(*, actor, petition, reason, on=None):
    def effect(p):
        p.notified_on = on or clock.today()
        p.not_accepted_reason = reason

    return _transition(actor, petition, "not_accept", on=on, effect=effect, reason=reason,
                       not_before=petition.routed_on)


@transaction.atomic
def petition_extend(*, actor, petition, days, reason, approver, told_on=None, on=None):
    """Extension of the 60-day handling period: at most 30 days, approved by the head, the reason told to the
    petitioner, decided before the period lapses."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    on = _day(on, petition.accepted_on, "受理日期")
    check(policies.petitions, actor, "extend", petition, on=on)
    law = "《信访工作条例》第三十四条" if petition.rules_2022 else "《信访条例》第三十三条"
    if on > petition.handle_deadline:
        raise DomainError(f"办理期限已于{petition.handle_deadline:%Y年%m月%d日}届满，不能再延长（{law}）。", field="on")
    if not days or days < 1 or petition.extension_days + days > 30:
        raise DomainError(f"延长期限不得超过30日（已延长{petition.extension_days}日）（{law}）。", field="days")
    petition.extension_reason = _text(reason, "延长理由", "reason")
    petition.extension_approver = _text(approver, "批准延长的负责人", "approver")
    if told_on is None:
        raise DomainError(f"应当告知信访人延期理由（{law}），请填写告知日期。", field="told_on")
    petition.extension_told_on = told_on
    before = petition.extension_days
    petition.extension_days += days
    petition.save()
    audit.record(actor=actor, event="disputes.petition_extended", obj=petition,
                 changes={"extension_days": [before, petition.extension_days], "approver": [None, approver]})
    return petition


def petition_answer(*, actor, petition, outcome, facts, reasons, decision, legal_basis, on=None):
    """处理意见书: the request, the facts, the reasons and the decision with its legal basis."""
    if outcome not in Outcome.values:
        raise DomainError("请选择处理结果：支持、解释说明或不支持。", field="outcome")
    values = {"opinion_facts": _text(facts, "查明的事实", "facts"), "opinion_reasons": _text(reasons, "理由", "reasons"),
              "opinion_decision": _text(decision, "处理意见", "decision"),
              "legal_basis": _text(legal_basis, "法律依据", "legal_basis")}

    def effect(p):
        for k, v in values.items():
            setattr(p, k, v)
        p.outcome = outcome
        p.answered_on = on or clock.today()
        p.review_request_due = workdays.add_calendar_days(p.answered_on, 30)

    return _transition(actor, petition, "answer", on=on, effect=effect, not_before=petition.accepted_on,
                       changes={"outcome": [None, outcome]})


def petition_request_review(*, actor, petition, on=None):
    def effect(p):
        p.review_requested_on = on or clock.today()
        p.review_due = workdays.add_calendar_days(p.review_requested_on, 30)

    return _transition(actor, petition, "request_review", on=on, effect=effect, not_before=petition.answered_on)


def petition_review(*, actor, petition, opinion, on=None):
    opinion = _text(opinion, "复查意见", "opinion")

    def effect(p):
        p.reviewed_on = on or clock.today()
        p.review_opinion = opinion
        p.recheck_request_due = workdays.add_calendar_days(p.reviewed_on, 30)

    return _transition(actor, petition, "review", on=on, effect=effect, not_before=petition.review_requested_on)


def petition_request_recheck(*, actor, petition, on=None):
    def effect(p):
        p.recheck_requested_on = on or clock.today()
        p.recheck_due = workdays.add_calendar_days(p.recheck_requested_on, 30)

    return _transition(actor, petition, "request_recheck", on=on, effect=effect, not_before=petition.reviewed_on)


def petition_recheck(*, actor, petition, opinion, on=None):
    opinion = _text(opinion, "复核意见", "opinion")

    def effect(p):
        p.rechecked_on = on or clock.today()
        p.recheck_opinion = opinion

    return _transition(actor, petition, "recheck", on=on, effect=effect, not_before=petition.recheck_requested_on)


@transaction.atomic
def lawyers_assign(*, actor, petition, lawyers, leader_in_charge=""):
    """The lawyers (accounts with the lawyer role) who take part, and the leader in charge (包案)."""
    check(policies.petitions, actor, "assign_lawyers", petition)
    for u in lawyers:
        if not u.grants.filter(role__code="lawyer").exists():
            raise DomainError(f"{u}不是律师账号。", field="lawyers")
    leader_in_charge = clean_text(leader_in_charge or "")
    if petition.level == PetitionLevel.DIFFICULT and not (leader_in_charge or petition.leader_in_charge):
        raise DomainError("疑难信访事项应当明确包案领导（《信访工作条例》第十八条）。", field="leader_in_charge")
    petition.lawyers.set(lawyers)
    if leader_in_charge:
        petition.leader_in_charge = leader_in_charge
        petition.save(update_fields=["leader_in_charge"])
    audit.record(actor=actor, event="disputes.lawyers_assigned", obj=petition,
                 changes={"lawyers": [None, [str(u) for u in lawyers]]})
    return petition


@transaction.atomic
def hall_duty_record(*, actor, unit, lawyer, day, visitors=0, general=0, difficult=0, advice=""):
    check(policies.hall, actor, "record")
    if not lawyer.grants.filter(role__code="lawyer").exists():
        raise DomainError(f"{lawyer}不是律师账号。", field="lawyer")
    duty = HallDuty.objects.create(unit=unit, lawyer=lawyer, day=_day(day, field="day"), visitors=visitors,
                                   general_disputes=general, difficult_disputes=difficult, advice=advice or "")
    audit.record(actor=actor, event="disputes.hall_duty_recorded", obj=duty, changes={"visitors": [None, visitors]})
    return duty


@transaction.atomic
def petition_note_add(*, actor, petition, kind, text, on=None):
    """A meeting or a household-visit / progress note of a difficult case taken charge of by a leader (包案)."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    on = _day(on, petition.received_on, "收到日期")
    check(policies.petitions, actor, "note", petition, on=on)
    if kind not in NoteKind.values:
        raise DomainError("请选择记录类型。", field="kind")
    note = PetitionNote.objects.create(petition=petition, kind=kind, on=on, text=_text(text, "内容", "text"),
                                       recorded_by=actor)
    audit.record(actor=actor, event="disputes.petition_note_added", obj=petition,
                 changes={"kind": [None, kind], "on": [None, on]})
    return note


@transaction.atomic
def petition_resolve(*, actor, petition, resolution, on=None):
    """The difficult case is resolved (化解): the date and how, recorded once."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    on = _day(on, petition.received_on, "收到日期")
    check(policies.petitions, actor, "resolve", petition, on=on)
    petition.resolution = _text(resolution, "化解结果", "resolution")
    petition.resolved_on = on
    petition.save(update_fields=["resolution", "resolved_on"])
    audit.record(actor=actor, event="disputes.petition_resolved", obj=petition, changes={"resolved_on": [None, on]})
    return petition


def petition_export(*, actor, rows, unmasked=False, reason=""):
    """The petition register as Excel: masked by default; unmasked only for the petition office (信访工作机构)
    with a stated reason, recorded in the audit trail."""
    from .spreadsheets import export_petitions

    if not unmasked:
        return export_petitions(rows)
    if not actor.has_perm(P.PETITION_REGISTER):
        raise DomainError("只有信访工作机构可以导出未脱敏的信访台账。", field="unmasked", code="policy_refused")
    reason = _text(reason, "导出未脱敏台账的理由", "reason")
    rows = list(rows)
    with transaction.atomic():
        audit.record(actor=actor, event="disputes.petition_exported_unmasked", object_repr="信访事项台账（未脱敏）",
                     changes={"rows": [None, len(rows)], "reason": [None, reason]})
    return export_petitions(rows, masked=False)
