"""Every write of the litigation part: court cases per instance, hearings with the heads' appearance, judgments
and appeals; reconsideration applications with their statutory clocks and the yearly returns.

One transaction per call, one audit entry, refusals in Chinese naming the field and the rule; the policies
(``policies.litigation``) are asked again here so no page or command skips them.
"""
import re

from django.db import transaction

from fazhi.core import audit, audit_events, clock, search, workdays
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.spreadsheets import RowError, RowErrors
from fazhi.core.text import clean_code, clean_text
from fazhi.orgs import scope

from .. import policies
from ..models.litigation import (
    HEAD_ROLES,
    AbsenceExcuse,
    AppearanceRole,
    JudgmentKind,
    JudicialTrigger,
    LitigationCase,
    LitigationHearing,
    LitigationInstance,
    LitigationOutcome,
    MustAppear,
    PartyKind,
    ReconMatter,
    ReconOutcome,
    ReconRole,
    ReconsiderationCase,
    ReconsiderationReturn,
)
from ..permissions import OversightPerm as P
from ..workflows.litigation import LITIGATION_FLOW, RECON_FLOW, recon_rule

E = audit_events.register
E(1601, "oversight.litigation_registered", "登记行政应诉案件")
E(1602, "oversight.litigation_defended", "登记行政应诉答辩")
E(1603, "oversight.hearing_added", "登记开庭")
E(1604, "oversight.appearance_recorded", "登记负责人出庭应诉情况")
E(1605, "oversight.litigation_judged", "登记行政诉讼裁判结果")
E(1606, "oversight.litigation_appealed", "登记提起上诉")
E(1607, "oversight.litigation_closed", "行政应诉案件结案")
E(1608, "oversight.litigation_analysed", "登记败诉原因分析")
E(1609, "oversight.litigation_imported", "导入行政应诉案件")
E(1620, "oversight.recon_registered", "登记行政复议申请")
E(1621, "oversight.recon_accepted", "受理行政复议申请")
E(1622, "oversight.recon_not_accepted", "不予受理行政复议申请")
E(1623, "oversight.recon_copy_served", "送达行政复议申请书副本")
E(1624, "oversight.recon_answered", "被申请人提出书面答复")
E(1625, "oversight.recon_extended", "延长行政复议审理期限")
E(1626, "oversight.recon_doc_done", "处理（转送）规范性文件附带审查")
E(1627, "oversight.recon_decided", "作出行政复议决定")
E(1628, "oversight.recon_return_saved", "保存行政复议年度统计上报数")
E(1629, "oversight.recon_imported", "导入行政复议案件")

RULE_LAWYER = ("《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》第一百二十八条；"
               "《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》第十条")
RULE_PROOF = "《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》第六条"
RULE_STATEMENT = "《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》第十一条"
DEFENCE_DAYS = 15  # 《中华人民共和国行政诉讼法》第六十七条
APPEAL_DAYS = {JudgmentKind.JUDGMENT: 15, JudgmentKind.RULING: 10}  # 第八十五条
RULINGS = (LitigationOutcome.DISMISSED, LitigationOutcome.WITHDRAWN)


def _check(policy, actor, action, obj=None, *, on=None, field=None):
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


def _choice(value, choices, label, field):
    if value not in choices.values:
        raise DomainError(f"请选择{label}。", field=field)
    return value


def _day(on, not_before=None, label="上一环节的日期", field="on", backdate_reason=None):
    """``clock.check_act_date`` for a typed date; a step (``backdate_reason`` a string) dated further back than the
    office allows needs the reason, and that refusal is shown beside the date itself."""
    try:
        return clock.check_act_date(on, not_before=not_before, not_before_label=label,
                                    backdate_reason=backdate_reason, field=field)
    except DomainError as e:
        if e.field == "backdate_reason":
            raise DomainError(e.message, field=field) from e
        raise


_BRACKETS = str.maketrans({"(": "（", ")": "）", "[": "〔", "]": "〕", "［": "〔", "］": "〕", "【": "〔", "】": "〕"})
_WHITESPACE = re.compile(r"\s+")


def clean_case_number(value):
    """A court's or reconsideration body's case number, stored one way: ``clean_code`` (no invisible characters,
    full-width digits and letters folded, trimmed), no spaces inside, and the year's brackets in their Chinese
    full-width form as the courts write them — ``(2019)鄂0322行初1号`` is stored as ``（2019）鄂0322行初1号``
    (NFKC alone would turn the Chinese brackets into ASCII ones and the same case could be registered twice)."""
    return _WHITESPACE.sub("", clean_code(value)).translate(_BRACKETS)


def _index_litigation(case):
    search.index(case, title=f"行政应诉：{case.case_number}", source="oversight.litigation", unit=case.unit,
                 text=" ".join(filter(None, [case.court, case.get_instance_display(), case.act_label])),
                 url=case.get_absolute_url(), public=False)


# Litigation ----------------------------------------------------------------------------------------

@transaction.atomic
def litigation_register(*, actor, unit, instance, court, case_number, plaintiff_name, plaintiff_kind, received_on,
                        act_case=None, act_text="", must_appear="", previous=None, imported=False):
    """A suit (one instance) against ``unit``: the 15-day defence deadline runs from the day the copy of the
    complaint was received (《中华人民共和国行政诉讼法》第六十七条)."""
    _check(policies.litigation_cases, actor, "register")
    if not scope.can_change(actor, unit, perm=P.HANDLE):
        raise DomainError(f"您不能为“{unit}”登记应诉案件。", field="unit")
    _choice(instance, LitigationInstance, "审级", "instance")
    _choice(plaintiff_kind, PartyKind, "原告类型", "plaintiff_kind")
    if must_appear:
        _choice(must_appear, MustAppear, "负责人应当出庭的情形", "must_appear")
    received_on = _day(received_on, field="received_on")
    if previous is not None:
        if instance == LitigationInstance.FIRST:
            raise DomainError("一审案件没有前一审级。", field="previous")
        if previous.unit_id != unit.pk:
            raise DomainError("前一审级的被告应当是同一行政机关。", field="previous")
        _check(policies.litigation_cases, actor, "next_instance", previous, field="previous")
    number = clean_case_number(case_number)
    if not number:
        raise DomainError("请填写案号。", field="case_number")
    if LitigationCase.objects.filter(case_number=number).exists():
        raise DomainError(f"案号“{number}”已经登记。", field="case_number")
    act_text = clean_text(act_text or "")
    if act_case is None and not act_text:
        raise DomainError("请选择被诉的执法案件，或者填写被诉行政行为。", field="act_text")
    case = LitigationCase.objects.create(
        unit=unit, instance=instance, previous=previous, court=_text(court, "审理法院", "court"),
        case_number=number, plaintiff_name=_text(plaintiff_name, "原告", "plaintiff_name"),
        plaintiff_kind=plaintiff_kind, act_case=act_case, act_text=act_text, received_on=received_on,
        defence_due=workdays.add_calendar_days(received_on, DEFENCE_DAYS), must_appear=must_appear or "",
        created_by=actor, imported=bool(imported))
    _index_litigation(case)
    audit.record(actor=actor, event="oversight.litigation_registered", obj=case,
                 changes={"case_number": [None, number], "instance": [None, instance]})
    return case


def litigation_defend(*, actor, case, on=None, backdate_reason=""):
    """答辩状和证据 submitted; a submission after the 15 days is recorded and shown as late (逾期提供证据的，
    视为没有相应证据：《中华人民共和国行政诉讼法》第三十四条)."""
    on = _day(on, backdate_reason=backdate_reason)
    _check(policies.litigation_cases, actor, "defend", case, on=on)

    def effect(c):
        c.defended_on = on or clock.today()

    return LITIGATION_FLOW.apply(actor=actor, obj=case, action="defend", on=on, backdate_reason=backdate_reason, effect=effect,
                                 not_before=case.received_on)


def litigation_judge(*, actor, case, judgment_kind, outcome, on=None, backdate_reason=""):
    """The judgment or ruling received on ``on``; the appeal period (15 days for a judgment, 10 for a ruling)
    runs from that day."""
    on = _day(on, backdate_reason=backdate_reason)
    _check(policies.litigation_cases, actor, "judge", case, on=on)
    _choice(judgment_kind, JudgmentKind, "裁判文书类型", "judgment_kind")
    _choice(outcome, LitigationOutcome, "裁判结果", "outcome")
    if (outcome in RULINGS) != (judgment_kind == JudgmentKind.RULING) and outcome != LitigationOutcome.OTHER:
        raise DomainError("驳回起诉、准予撤诉以裁定作出，其他裁判结果以判决作出，请核对裁判文书类型。", field="judgment_kind")

    def effect(c):
        c.judgment_kind, c.outcome = judgment_kind, outcome
        c.judged_on = on or clock.today()
        c.appeal_due = workdays.add_calendar_days(c.judged_on, APPEAL_DAYS[judgment_kind])

    return LITIGATION_FLOW.apply(actor=actor, obj=case, action="judge", on=on, backdate_reason=backdate_reason, effect=effect,
                                 not_before=case.defended_on, changes={"outcome": [None, outcome]})


def litigation_appeal(*, actor, case, on=None, backdate_reason=""):
    on = _day(on, backdate_reason=backdate_reason)
    _check(policies.litigation_cases, actor, "appeal", case, on=on, field="on")

    def effect(c):
        c.appealed_on = on or clock.today()

    return LITIGATION_FLOW.apply(actor=actor, obj=case, action="appeal", on=on, backdate_reason=backdate_reason, effect=effect,
                                 not_before=case.judged_on)


def litigation_close(*, actor, case, on=None, backdate_reason=""):
    on = _day(on, backdate_reason=backdate_reason)
    _check(policies.litigation_cases, actor, "close", case, on=on, field="on")

    def effect(c):
        c.closed_on = on or clock.today()

    return LITIGATION_FLOW.apply(actor=actor, obj=case, action="close", on=on, backdate_reason=backdate_reason, effect=effect,
                                 not_before=case.judged_on)


@transaction.atomic
def litigation_analyse(*, actor, case, text):
    case = LitigationCase.objects.select_for_update().get(pk=case.pk)
    _check(policies.litigation_cases, actor, "analyse", case)
    before = case.loss_analysis
    case.loss_analysis = _text(text, "败诉原因分析", "text")
    case.save(update_fields=["loss_analysis"])
    audit.record(actor=actor, event="oversight.litigation_analysed", obj=case,
                 changes={"loss_analysis": [before or None, case.loss_analysis]})
    return case


@transaction.atomic
def hearing_add(*, actor, case, hearing_on, notice_on=None, postponed=False):
    """A hearing date and, when the court notified the head to appear, the day the notice was served."""
    case = LitigationCase.objects.select_for_update().get(pk=case.pk)
    _check(policies.litigation_cases, actor, "add_hearing", case)
    if hearing_on is None:
        raise DomainError("请填写开庭日期。", field="hearing_on")
    if hearing_on < case.received_on:
        raise DomainError("开庭日期不能早于收到起诉状副本日期。", field="hearing_on")
    if notice_on is not None:
        _day(notice_on, field="notice_on")
        if notice_on > hearing_on:
            raise DomainError("出庭通知的送达日期不能晚于开庭日期。", field="notice_on")
    hearing = LitigationHearing.objects.create(case=case, hearing_on=hearing_on, notice_on=notice_on,
                                               postponed=bool(postponed))
    audit.record(actor=actor, event="oversight.hearing_added", obj=case,
                 changes={"hearing_on": [None, hearing_on], "notice_on": [None, notice_on]})
    return hearing


def head_required(hearing):
    """Whether the head had to appear at this hearing: a must-appear case (行诉法解释第一百二十九条) or a court
    notice served at least 3 days before the hearing (出庭应诉规定第四条、第五条)."""
    return bool(hearing.case.must_appear) or (hearing.notice_on is not None and not hearing.notice_short)


def judicial_triggers(hearing):
    """The situations of 出庭应诉规定第十二条 this appearance record shows (codes of ``JudicialTrigger``)."""
    required = head_required(hearing)
    absent = hearing.role not in HEAD_ROLES
    excused = bool(hearing.excuse) and hearing.excuse_proof
    found = []
    if required and absent and not excused:
        found.append(JudicialTrigger.ABSENT_NO_REASON)
    if required and absent and hearing.postponed:
        found.append(JudicialTrigger.ABSENT_AFTER_DELAY)
    if hearing.role == AppearanceRole.NONE:
        found.append(JudicialTrigger.NOBODY)
    if hearing.left_early:
        found.append(JudicialTrigger.LEFT)
    if hearing.silent:
        found.append(JudicialTrigger.SILENT)
    return [str(t) for t in found]


@transaction.atomic
def hearing_record(*, actor, hearing, role, appeared_name="", appeared_post="", identity_proof=False,
                   lawyer_present=False, excuse="", excuse_proof=False, statement="", left_early=False, silent=False,
                   on=None, backdate_reason=""):
    """Who appeared for the organ at this hearing. A lawyer alone is not an appearance; a head appears with
    identity proof and states a view on resolving the dispute; an absent head needs one of the excuses with its
    written proof. The situations that may lead to a 司法建议 are flagged."""
    hearing = LitigationHearing.objects.select_for_update().select_related("case").get(pk=hearing.pk)
    on = _day(on, hearing.hearing_on, "开庭日期", backdate_reason=backdate_reason)
    _check(policies.litigation_hearings, actor, "record", hearing, on=on, field="on")
    _choice(role, AppearanceRole, "出庭人员身份", "role")
    if role == AppearanceRole.LAWYER:
        raise DomainError(f"仅委托律师出庭的，不视为行政机关负责人或者工作人员出庭应诉（{RULE_LAWYER}）。"
                          f"请登记为“负责人和工作人员均未出庭”，并勾选“另有委托律师出庭”。", field="role")
    if role != AppearanceRole.NONE:
        appeared_name = _text(appeared_name, "出庭人员姓名", "appeared_name")
        appeared_post = _text(appeared_post, "出庭人员职务", "appeared_post")
    if role in HEAD_ROLES:
        if not identity_proof:
            raise DomainError(f"负责人出庭应当向法院提交载明姓名、职务并加盖机关印章的身份证明，未提交的视为负责人"
                              f"未出庭（{RULE_PROOF}）。", field="identity_proof")
        if not silent:
            if not clean_text(statement or ""):
                raise DomainError(f"负责人出庭应当就实质性解决行政争议发表意见，请填写（{RULE_STATEMENT}）。",
                                  field="statement")
        excuse, excuse_proof = "", False
    else:
        if excuse:
            _choice(excuse, AbsenceExcuse, "不能出庭的事由", "excuse")
    before = {"role": hearing.role or None}
    hearing.role, hearing.appeared_name, hearing.appeared_post = role, appeared_name, appeared_post
    hearing.identity_proof = bool(identity_proof) and role != AppearanceRole.NONE
    hearing.lawyer_present, hearing.excuse, hearing.excuse_proof = bool(lawyer_present), excuse or "", bool(excuse_proof)
    hearing.statement = clean_text(statement or "") if role in HEAD_ROLES else ""
    hearing.left_early, hearing.silent = bool(left_early), bool(silent)
    hearing.recorded_on = on
    hearing.triggers = ",".join(judicial_triggers(hearing))
    hearing.save()
    audit.record(actor=actor, event="oversight.appearance_recorded", obj=hearing.case,
                 changes={"hearing_on": [None, hearing.hearing_on], "role": [before["role"], role],
                          "triggers": [None, hearing.triggers or None]})
    return hearing


# Reconsideration -----------------------------------------------------------------------------------

def _index_recon(case):
    search.index(case, title=f"行政复议：{case.number}", source="oversight.reconsideration", unit=case.unit,
                 text=" ".join(filter(None, [case.body_name, case.get_matter_display(), case.act_text])),
                 url=case.get_absolute_url(), public=False)


@transaction.atomic
def recon_register(*, actor, role, body_name, unit, number, applicant_name, applicant_kind, matter, applied_on,
                   received_on=None, act_case=None, act_text="", doc_title="", doc_competent=True, imported=False):
    """An application received; acceptance is examined within 5 working days of receipt (2017年修正文本第十七条、
    第四十条；2023年修订文本第三十条、第八十八条). The law is the one in force on the application's date."""
    _check(policies.recon_cases, actor, "register")
    _choice(role, ReconRole, "本县的身份", "role")
    _choice(applicant_kind, PartyKind, "申请人类型", "applicant_kind")
    _choice(matter, ReconMatter, "事项类型", "matter")
    if not scope.can_change(actor, unit, perm=P.MANAGE):
        raise DomainError(f"您不能登记以“{unit}”为被申请人的复议案件。", field="unit")
    if applied_on is None:
        raise DomainError("请填写申请日期。", field="applied_on")
    applied_on = _day(applied_on, field="applied_on")
    received_on = _day(received_on, applied_on, "申请日期", field="received_on")
    number = clean_case_number(number)
    if not number:
        raise DomainError("请填写复议案号。", field="number")
    if ReconsiderationCase.objects.filter(number=number).exists():
        raise DomainError(f"案号“{number}”已经登记。", field="number")
    act_text = clean_text(act_text or "")
    if act_case is None and not act_text:
        raise DomainError("请选择被申请复议的执法案件，或者填写被申请复议的行政行为。", field="act_text")
    case = ReconsiderationCase.objects.create(
        role=role, body_name=_text(body_name, "复议机关", "body_name"), unit=unit, number=number,
        applicant_name=_text(applicant_name, "申请人", "applicant_name"), applicant_kind=applicant_kind,
        matter=matter, act_case=act_case, act_text=act_text, applied_on=applied_on, received_on=received_on,
        accept_due=workdays.add_working_days(received_on, 5), doc_title=clean_text(doc_title or ""),
        doc_competent=bool(doc_competent), imported=bool(imported))
    _index_recon(case)
    audit.record(actor=actor, event="oversight.recon_registered", obj=case, changes={"number": [None, number]})
    return case


def recon_accept(*, actor, case, on=None, backdate_reason=""):
    """受理: the decision period (60 days) runs from acceptance; a normative document raised with the application
    is handled within 30 days, or forwarded within 7 working days when the body has no power over it."""
    on = _day(on, backdate_reason=backdate_reason)
    _check(policies.recon_cases, actor, "accept", case, on=on)

    def effect(c):
        c.accepted_on = on or clock.today()
        c.decision_due = workdays.add_calendar_days(c.accepted_on, 60)
        if c.doc_title:
            c.doc_due = (workdays.add_calendar_days(c.accepted_on, 30) if c.doc_competent
                         else workdays.add_working_days(c.accepted_on, 7))

    return RECON_FLOW.apply(actor=actor, obj=case, action="accept", on=on, backdate_reason=backdate_reason, effect=effect,
                            not_before=case.received_on)


def recon_not_accept(*, actor, case, reason, on=None, backdate_reason=""):
    """不予受理 only within the 5 working days of examination: afterwards the application counts as accepted."""
    day = on = _day(on, backdate_reason=backdate_reason)
    _check(policies.recon_cases, actor, "not_accept", case, on=day)
    if day > case.accept_due:
        raise DomainError(f"审查期限已于{case.accept_due:%Y年%m月%d日}届满，未作出不予受理决定的，视为受理，不能再决定不予受理"
                          f"（{recon_rule(case, 'accept')}）。", field="on")

    def effect(c):
        c.not_accepted_reason = clean_text(reason)

    return RECON_FLOW.apply(actor=actor, obj=case, action="not_accept", on=on, backdate_reason=backdate_reason, effect=effect, reason=reason,
                            not_before=case.received_on)


@transaction.atomic
def recon_serve_copy(*, actor, case, on=None, backdate_reason=""):
    """The respondent received the copy of the application: it answers within 10 days (2023年修订文本：工作日)."""
    case = ReconsiderationCase.objects.select_for_update().get(pk=case.pk)
    on = _day(on, case.accepted_on, "受理日期", backdate_reason=backdate_reason)
    _check(policies.recon_cases, actor, "serve_copy", case, on=on)
    case.copy_served_on = on
    case.answer_due = workdays.add_working_days(on, 10) if case.law_2023 else workdays.add_calendar_days(on, 10)
    case.save(update_fields=["copy_served_on", "answer_due"])
    audit.record(actor=actor, event="oversight.recon_copy_served", obj=case,
                 changes={"copy_served_on": [None, on], "answer_due": [None, case.answer_due]})
    return case


@transaction.atomic
def recon_answer(*, actor, case, on=None, backdate_reason=""):
    case = ReconsiderationCase.objects.select_for_update().get(pk=case.pk)
    on = _day(on, case.copy_served_on, "收到申请书副本日期", backdate_reason=backdate_reason)
    _check(policies.recon_cases, actor, "answer", case, on=on)
    case.answered_on = on
    case.save(update_fields=["answered_on"])
    audit.record(actor=actor, event="oversight.recon_answered", obj=case, changes={"answered_on": [None, on]})
    return case


@transaction.atomic
def recon_extend(*, actor, case, days, approver, reason, on=None, backdate_reason=""):
    """An extension of at most 30 days, approved by the head of the reconsideration body, before the period lapses."""
    case = ReconsiderationCase.objects.select_for_update().get(pk=case.pk)
    on = _day(on, case.accepted_on, "受理日期", backdate_reason=backdate_reason)
    _check(policies.recon_cases, actor, "extend", case, on=on, field="on")
    if not days or days < 1 or days > 30:
        raise DomainError(f"延长期限最多不超过30日（{recon_rule(case, 'decide')}）。", field="days")
    case.extension_days = days
    case.extension_approver = _text(approver, "批准延长的负责人", "approver")
    case.extension_reason = _text(reason, "延长理由", "reason")
    case.save()
    audit.record(actor=actor, event="oversight.recon_extended", obj=case,
                 changes={"extension_days": [0, days], "approver": [None, case.extension_approver]})
    return case


@transaction.atomic
def recon_doc_done(*, actor, case, on=None, backdate_reason=""):
    case = ReconsiderationCase.objects.select_for_update().get(pk=case.pk)
    on = _day(on, case.accepted_on or case.received_on, "受理日期", backdate_reason=backdate_reason)
    _check(policies.recon_cases, actor, "doc_done", case, on=on)
    case.doc_done_on = on
    case.save(update_fields=["doc_done_on"])
    audit.record(actor=actor, event="oversight.recon_doc_done", obj=case, changes={"doc_done_on": [None, on]})
    return case


def recon_decide(*, actor, case, outcome, text="", on=None, backdate_reason=""):
    on = _day(on, backdate_reason=backdate_reason)
    _check(policies.recon_cases, actor, "decide", case, on=on)
    _choice(outcome, ReconOutcome, "复议结果", "outcome")

    def effect(c):
        c.outcome, c.decided_on, c.decision_text = outcome, on or clock.today(), clean_text(text or "")

    return RECON_FLOW.apply(actor=actor, obj=case, action="decide", on=on, backdate_reason=backdate_reason, effect=effect,
                            not_before=case.accepted_on, changes={"outcome": [None, outcome]})


@transaction.atomic
def recon_return_save(*, actor, unit, year, received, accepted, concluded, corrected):
    """The yearly totals as reported; kept as reported (the statistics page shows any difference with the rows)."""
    _check(policies.recon_returns, actor, "save")
    if not scope.can_change(actor, unit, perm=P.MANAGE):
        raise DomainError(f"您不能填报“{unit}”的统计数。", field="unit")
    if accepted > received:
        raise DomainError("受理数不能大于收到申请数。", field="accepted")
    if corrected > concluded:
        raise DomainError("纠错数不能大于审结数。", field="corrected")
    report, _ = ReconsiderationReturn.objects.update_or_create(
        unit=unit, year=year, defaults={"received": received, "accepted": accepted, "concluded": concluded,
                                        "corrected": corrected})
    audit.record(actor=actor, event="oversight.recon_return_saved", obj=report,
                 changes={"year": [None, year], "received": [None, received], "concluded": [None, concluded]})
    return report


# Excel import ----------------------------------------------------------------------------------------

def _import_rows(rows, register, *, actor, event, label, number_field):
    """Each row through the same service as the form (marked as imported); every refusal is kept with its row and
    column, and one refusal refuses the whole file (``import_file`` rolls the transaction back)."""
    created, errors = [], []
    for row in rows:
        try:
            with transaction.atomic():
                created.append(register(row))
        except DomainError as e:
            errors.append(RowError(e.message, row=row, field=e.field))
    if errors:
        raise RowErrors(errors)
    audit.record(actor=actor, event=event, object_repr=f"导入{len(created)}件{label}",
                 changes={"count": [None, len(created)],
                          "number": [None, [getattr(c, number_field) for c in created]]})
    return created


@transaction.atomic
def litigation_import(*, actor, rows):
    """Court cases from the county's Excel list, each one registered as by hand (``litigation_register``)."""
    _check(policies.litigation_cases, actor, "register")
    return _import_rows(rows, lambda r: litigation_register(
        actor=actor, unit=r["unit"], instance=r["instance"], court=r["court"], case_number=r["case_number"],
        plaintiff_name=r["plaintiff_name"], plaintiff_kind=r["plaintiff_kind"], received_on=r["received_on"],
        act_text=r["act_text"] or "", must_appear=r["must_appear"] or "", imported=True),
        actor=actor, event="oversight.litigation_imported", label="行政应诉案件", number_field="case_number")


@transaction.atomic
def recon_import(*, actor, rows):
    """Reconsideration applications from the county's Excel list, each registered as by hand (``recon_register``)."""
    _check(policies.recon_cases, actor, "register")
    return _import_rows(rows, lambda r: recon_register(
        actor=actor, role=r["role"], body_name=r["body_name"], unit=r["unit"], number=r["number"],
        applicant_name=r["applicant_name"], applicant_kind=r["applicant_kind"], matter=r["matter"],
        applied_on=r["applied_on"], received_on=r["received_on"], act_text=r["act_text"] or "", imported=True),
        actor=actor, event="oversight.recon_imported", label="行政复议案件", number_field="number")
