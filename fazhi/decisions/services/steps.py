"""The procedure steps: the preliminary steps' evidence (公众参与/专家论证/风险评估) and the legality review."""

from django.db import transaction

from fazhi.core import audit
from fazhi.core.errors import DomainError

from .. import workflows as wf
from ..choices import (
    DecisionStatus,
    ParticipationMethod,
    ReviewState,
    StepCode,
    StepStatus,
)
from ..models import (
    AdviserService,
    ExpertOpinion,
    ProcedureStep,
)
from ..policies import STEPS
from ..selectors import adoption_note
from ._common import _event, _today

STEP_FIELDS = {
    StepCode.PUBLIC_PARTICIPATION: ["methods", "comment_start", "comment_end", "shortening_reason", "hearing_on",
                                    "hearing_materials_sent_on", "hearing_participants", "summary"],
    StepCode.EXPERT_CONSULTATION: ["summary"],
    StepCode.RISK_ASSESSMENT: ["risk_points", "risk_level", "risk_controllable", "risk_measures",
                               "contingency_plan", "assessor", "summary"],
}


@transaction.atomic
def step_record(*, actor, step, complete=False, completed_on=None, **data):
    """Record a conditional step's evidence (公众参与/专家论证/风险评估), and optionally mark it done."""
    step = ProcedureStep.objects.select_for_update().select_related("decision").get(pk=step.pk)
    STEPS.check(actor, "record", step)
    decision = step.decision
    fields = STEP_FIELDS[step.code]
    before = audit.snapshot(step, fields + ["status"])
    if step.code == StepCode.PUBLIC_PARTICIPATION and decision.status == DecisionStatus.CONSULTATION:
        for f in ("comment_start", "comment_end", "shortening_reason"):
            if f in data and data[f] != getattr(step, f):
                raise DomainError("征求意见已公布，不能修改征求意见期限。", field=f)
    if step.code == StepCode.RISK_ASSESSMENT and step.risk_controllable is False \
            and step.assessed_version == decision.draft_version and data.get("risk_controllable") is True:
        raise DomainError("风险评估认为风险不可控，须先调整决策草案，再对修改后的草案重新评估（《重大行政决策程序暂行条例》第二十四条）。",
                          field="risk_controllable")
    for f in fields:
        if f in data:
            setattr(step, f, data[f])
    if step.code == StepCode.PUBLIC_PARTICIPATION:
        refusal = wf.hearing_refusal(step.hearing_on, step.hearing_materials_sent_on)
        if refusal:
            raise DomainError(f"{refusal}（{wf.R_HEARING}）", field="hearing_materials_sent_on")
        if step.comment_start or step.comment_end:
            refusal = wf.comment_period_refusal(step.comment_start, step.comment_end, step.shortening_reason)
            if refusal:
                raise DomainError(f"{refusal}（{wf.R_COMMENT}）", field="comment_end")
    if step.code == StepCode.RISK_ASSESSMENT and step.risk_controllable is not None:
        step.assessed_version = decision.draft_version
    if complete:
        _check_complete(step)
        step.status = StepStatus.DONE
        step.completed_on = completed_on or _today()
        step.completed_by = actor
        step.na_reason = ""
        if step.code == StepCode.PUBLIC_PARTICIPATION:
            decision.adoption_note = adoption_note(decision)
            decision.save(update_fields=["adoption_note", "updated_at"])
    step.save()
    changes = audit.diff(before, audit.snapshot(step, fields + ["status"]))
    _event(decision, actor, f"登记{step.get_code_display()}" + ("，本环节办结" if complete else ""))
    audit.record(actor=actor, event="decisions.step_recorded", obj=step, changes=changes)
    return step


def _check_complete(step):
    decision = step.decision
    if step.code == StepCode.PUBLIC_PARTICIPATION:
        if not step.methods:
            raise DomainError("请选择公众参与方式（《重大行政决策程序暂行条例》第十四条）。", field="methods")
        if ParticipationMethod.HEARING in step.methods and not step.hearing_on:
            raise DomainError("选择了听证会的，须登记听证会日期。", field="hearing_on")
        if ParticipationMethod.ONLINE in step.methods:
            if not step.comment_start or not step.comment_end:
                raise DomainError("向社会公开征求意见的，须登记征求意见期限。", field="comment_end")
            if decision.status == DecisionStatus.CONSULTATION or step.comment_end >= _today():
                raise DomainError("征求意见期限届满并结束征求意见后，才能办结公众参与。", field="comment_end")
            if decision.comments.filter(hidden=False, disposition="").exists():
                raise DomainError("还有公众意见未处理：须逐条研究并给出处理结果（《重大行政决策程序暂行条例》第十八条）。")
    elif step.code == StepCode.EXPERT_CONSULTATION:
        opinions = list(step.expert_opinions.all())
        if not opinions:
            raise DomainError("请先登记专家的书面论证意见（《重大行政决策程序暂行条例》第十九条）。")
        unsigned = [o.expert for o in opinions if not o.signed]
        if unsigned:
            raise DomainError("以下专家的书面意见尚未签字：" + "、".join(unsigned) + "。")
    elif step.code == StepCode.RISK_ASSESSMENT:
        for f, label in [("risk_points", "风险点"), ("risk_level", "风险等级"), ("risk_measures", "防范化解措施"),
                         ("contingency_plan", "应急处置预案")]:
            if not str(getattr(step, f) or "").strip():
                raise DomainError(f"风险评估报告须载明{label}（《重大行政决策程序暂行条例》第二十三条）。", field=f)
        if step.risk_controllable is None:
            raise DomainError("请判断风险是否可控。", field="risk_controllable")


@transaction.atomic
def step_mark_not_applicable(*, actor, step, reason):
    """A step the law makes conditional is marked not applicable, never silently skipped."""
    step = ProcedureStep.objects.select_for_update().select_related("decision").get(pk=step.pk)
    decision = step.decision
    STEPS.check(actor, "mark_not_applicable", step)
    if not (reason or "").strip():
        raise DomainError("请填写不适用的理由。", field="reason")
    if step.code == StepCode.EXPERT_CONSULTATION and decision.technical:
        raise DomainError("该事项专业性、技术性较强，必须组织专家论证（《重大行政决策程序暂行条例》第十九条）。", field="reason")
    if step.code == StepCode.RISK_ASSESSMENT and decision.stability_risk:
        raise DomainError("该事项可能影响社会稳定、公共安全，必须进行风险评估（《重大行政决策程序暂行条例》第二十二条）。", field="reason")
    if step.code == StepCode.PUBLIC_PARTICIPATION and decision.comments.exists():
        raise DomainError("已收到公众意见，公众参与不能标记为不适用。", field="reason")
    before = {"status": step.status}
    step.status = StepStatus.NOT_APPLICABLE
    step.na_reason = reason.strip()
    step.completed_on = _today()
    step.completed_by = actor
    step.save()
    _event(decision, actor, f"{step.get_code_display()}标记为不适用：{step.na_reason}")
    audit.record(actor=actor, event="decisions.step_not_applicable", obj=step,
                 changes={**audit.diff(before, {"status": step.status}), "na_reason": [None, step.na_reason]})
    return step


@transaction.atomic
def expert_opinion_add(*, actor, decision, expert, affiliation, opinion, given_on, field="", signed=False,
                       no_conflict=False, dissenting=False):
    step = ProcedureStep.objects.select_related("decision").get(decision=decision, code=StepCode.EXPERT_CONSULTATION)
    STEPS.check(actor, "record", step)
    if not no_conflict:
        raise DomainError("与决策事项有直接利害关系的专家不得参加论证：须确认专家已声明无直接利害关系"
                          "（《重大行政决策程序暂行条例》第二十条）。", field="no_conflict")
    if not (opinion or "").strip():
        raise DomainError("请填写论证意见。", field="opinion")
    row = ExpertOpinion.objects.create(step=step, expert=expert, affiliation=affiliation, field=field,
                                       opinion=opinion, signed=signed, no_conflict=no_conflict,
                                       dissenting=dissenting, given_on=given_on)
    _event(decision, actor, f"登记专家论证意见：{expert}")
    audit.record(actor=actor, event="decisions.expert_opinion_added", obj=row,
                 changes={"expert": [None, expert], "signed": [None, signed]})
    return row


# Legality review -----------------------------------------------------------------------------------

@transaction.atomic
def review_submit(*, actor, decision, review_unit, submitted_on, due_on):
    """Send the draft to the legality review, allowing the reviewer at least 7 working days (art. 26)."""
    refusal = wf.review_time_refusal(submitted_on, due_on)
    if refusal:
        raise DomainError(f"{refusal}（{wf.R_REVIEW_TIME}）", field="due_on")
    if review_unit is None:
        raise DomainError("请选择合法性审查机构。", field="review_unit")
    step = ProcedureStep.objects.select_for_update().get(decision=decision, code=StepCode.LEGALITY_REVIEW)
    step.responsible_unit = review_unit
    step.submitted_on, step.due_on = submitted_on, due_on
    step.review_state = ReviewState.REQUESTED
    step.opinion = ""
    step.status = StepStatus.PENDING
    step.save()
    decision = wf.DECISION_FLOW.apply(actor=actor, obj=decision, action="review_submit", changes={
        "review_unit": [None, review_unit.name], "due_on": [None, str(due_on)]})
    _event(decision, actor, f"提交{review_unit.name}合法性审查，审查期限至{due_on:%Y-%m-%d}")
    return decision


@transaction.atomic
def review_opinion_give(*, actor, step, opinion, opinion_text, adviser, reviewed_on=None, exploratory_risk=""):
    """The reviewing body's opinion, with a legal adviser involved (art. 28)."""
    step = ProcedureStep.objects.select_for_update().select_related("decision").get(pk=step.pk)
    if step.code != StepCode.LEGALITY_REVIEW:
        raise DomainError("这不是合法性审查环节。")
    STEPS.check(actor, "opinion_give", step)
    if adviser is not None and not adviser.active_on(reviewed_on or _today()):
        raise DomainError(f"{adviser.name}不在聘期内，不能参与审查。", field="adviser")
    step.opinion, step.opinion_text, step.adviser = opinion, (opinion_text or "").strip(), adviser
    step.exploratory_risk = (exploratory_risk or "").strip()
    step.status = StepStatus.DONE
    step.completed_on = reviewed_on or _today()
    step.completed_by = actor
    refusal = wf.opinion_refusal(step)
    if refusal:
        raise DomainError(f"{refusal}（{wf.R_ADVISER}）", field="adviser" if adviser is None else "opinion_text")
    step.save()
    step = wf.REVIEW_FLOW.apply(actor=actor, obj=step, action="opinion_give", changes={
        "opinion": [None, opinion], "adviser": [None, str(adviser) if adviser else None]})
    _event(step.decision, actor, f"{step.responsible_unit.name}出具合法性审查意见：{step.get_opinion_display()}"
                                 f"（法律顾问{adviser.name}参与）")
    if adviser is not None:
        AdviserService.objects.create(adviser=adviser, unit=step.decision.organ, kind="decision_review",
                                      served_on=step.completed_on, subject=f"《{step.decision.title}》合法性审查",
                                      outcome=step.get_opinion_display(), decision=step.decision, created_by=actor)
    return step
