"""The decision's procedure (国务院令第713号) as transition tables, with the hard gates as guards.

Each guard returns ``None`` when the step is allowed, or a Chinese sentence saying why not.
Action names read ``<entity>_<verb>`` (``comment_open``, ``review_submit``) like the services that take them.
``services`` call ``DECISION_FLOW.apply`` / ``REVIEW_FLOW.apply`` / ``CATALOGUE_FLOW.apply``; pages ask the
record type's policy (``policies.py``), which asks these tables, for their buttons.
"""

from fazhi.core import clock, workdays
from fazhi.core.rules import get_setting
from fazhi.core.workflow import Transition, Workflow

from .choices import (
    CatalogueStatus,
    DecisionStatus,
    MemberRole,
    Outcome,
    Position,
    ReviewOpinion,
    ReviewState,
    StepCode,
    StepStatus,
)
from .models import Decision, DecisionCatalogue, ProcedureStep
from .permissions import DecisionPerm as P

R_PARTICIPATION = "《重大行政决策程序暂行条例》第十四条至第十八条"
R_COMMENT = "《重大行政决策程序暂行条例》第十五条，征求意见期限一般不少于30日"
R_HEARING = "《重大行政决策程序暂行条例》第十六条，听证材料至少提前7日送达"
R_EXPERT = "《重大行政决策程序暂行条例》第十九条、第二十条"
R_RISK = "《重大行政决策程序暂行条例》第二十四条，风险不可控的须调整草案"
R_REVIEW = "《重大行政决策程序暂行条例》第二十五条，未经合法性审查或者经审查不合法的，不得提交讨论"
R_REVIEW_TIME = "《重大行政决策程序暂行条例》第二十六条，审查时间一般不少于7个工作日"
R_ADVISER = "《重大行政决策程序暂行条例》第二十八条，合法性审查应当组织法律顾问参与"
R_MEETING = "《重大行政决策程序暂行条例》第三十条，集体讨论决定"
R_PARTY = "《重大行政决策程序暂行条例》第三十一条，决策前向同级党委请示报告"
R_CATALOGUE = "《重大行政决策程序暂行条例》第三条第三款，目录经同级党委同意后公布"


def _steps(decision):
    return {s.code: s for s in ProcedureStep.objects.filter(decision_id=decision.pk)}


# Single gates, shared by the services (which say which field is wrong) and the guards --------------

def comment_period_refusal(start, end, shortening_reason):
    if start is None or end is None:
        return "请填写征求意见的起止日期。"
    if end < start:
        return "征求意见截止日期不能早于开始日期。"
    minimum = get_setting("decisions.comment_min_days")
    if (end - start).days < minimum and not (shortening_reason or "").strip():
        return (f"征求意见期限为{(end - start).days}日，少于{minimum}日；"
                f"因情况紧急确需缩短的，须在征求意见公告中说明理由。")
    return None


def hearing_refusal(hearing_on, materials_sent_on):
    if hearing_on is None:
        return None
    if materials_sent_on is None:
        return "举行听证的，须登记听证材料送达日期。"
    days = get_setting("decisions.hearing_notice_days")
    if (hearing_on - materials_sent_on).days < days:
        return f"听证材料须在听证会召开{days}日前送达参加人，现仅提前{(hearing_on - materials_sent_on).days}日。"
    return None


def review_time_refusal(submitted_on, due_on):
    if submitted_on is None or due_on is None:
        return "请填写送审日期和审查期限。"
    minimum = get_setting("decisions.review_min_working_days")
    earliest = workdays.add_working_days(submitted_on, minimum)
    if due_on < earliest:
        return (f"合法性审查时间不得少于{minimum}个工作日：{submitted_on:%Y-%m-%d}送审的，"
                f"审查期限不得早于{earliest:%Y-%m-%d}。")
    return None


def risk_refusal(steps, decision):
    risk = steps.get(StepCode.RISK_ASSESSMENT)
    if risk is not None and risk.status == StepStatus.DONE and risk.risk_controllable is False:
        return "风险评估认为风险不可控，须调整决策草案并重新评估后才能继续。"
    return None


def legality_refusal(steps):
    review = steps.get(StepCode.LEGALITY_REVIEW)
    if review is None or review.review_state != ReviewState.GIVEN or not review.opinion:
        return "决策草案尚未经合法性审查，不得提交集体讨论。"
    if review.opinion == ReviewOpinion.UNLAWFUL and not review.exploratory_risk.strip():
        return "合法性审查意见为“不合法”，不得提交集体讨论（探索性改革事项须说明法律风险）。"
    return None


def unresolved_steps(steps, codes):
    return [ProcedureStep(code=c).get_code_display() for c in codes
            if c not in steps or not steps[c].resolved]


def meeting_refusal(step):
    """The collective discussion's record is complete and in order (713号 art. 30)."""
    if step is None or not step.meeting_type or not step.meeting_on:
        return "请登记集体讨论的会议类型和日期。"
    if not step.attendees.strip():
        return "请登记出席会议人员。"
    if not step.outcome:
        return "请登记会议决定结果。"
    views = list(step.member_views.all())
    heads = [v for v in views if v.role == MemberRole.HEAD]
    members = [v for v in views if v.role == MemberRole.MEMBER]
    if len(heads) != 1:
        return "须登记行政首长的意见（且只有一位行政首长）。"
    if not members:
        return "须登记会议组成人员的发言意见。"
    if max(views, key=lambda v: (v.order, v.id)) is not heads[0]:
        return "行政首长应当最后发表意见：请按发言顺序登记。"
    disagreeing = [v for v in views if v.position in (Position.DISAGREE, Position.ABSTAIN)]
    if disagreeing and not step.dissent.strip():
        return "会议有不同意见（" + "、".join(v.member for v in disagreeing) + "），须如实记载在“不同意见”中。"
    agree = sum(1 for v in members if v.position in (Position.AGREE, Position.AGREE_WITH_CHANGES))
    against = sum(1 for v in members if v.position == Position.DISAGREE)
    head_agrees = heads[0].position in (Position.AGREE, Position.AGREE_WITH_CHANGES)
    adopted = step.outcome in (Outcome.ADOPTED, Outcome.ADOPTED_WITH_CHANGES)
    if adopted != head_agrees:
        return "会议决定结果应当与行政首长的最终意见一致。"
    departs = (head_agrees and against > agree) or (not head_agrees and agree > against)
    if departs and not step.head_departure_reason.strip():
        return "行政首长拍板与多数人意见不一致，须在会上说明理由并记载。"
    return None


# Guards ------------------------------------------------------------------------------------------

def may_comment_open(user, decision, on=None):
    """The period itself is typed on the form: ``services.comment_open`` checks it (``comment_period_refusal``)."""
    step = _steps(decision).get(StepCode.PUBLIC_PARTICIPATION)
    if step is None or step.status == StepStatus.NOT_APPLICABLE:
        return "公众参与已标记为不适用，不能公开征求意见。"
    if not decision.draft_text.strip() or not decision.explanation.strip():
        return "公开征求意见须公布决策草案及其说明。"
    return None


def may_comment_close(user, decision, on=None):
    step = _steps(decision).get(StepCode.PUBLIC_PARTICIPATION)
    if step and step.comment_end and (on or clock.today()) <= step.comment_end:
        return f"征求意见期限至{step.comment_end:%Y-%m-%d}届满，期满后才能结束征求意见。"
    return None


def may_review_submit(user, decision, on=None):
    """The review's time limit is typed on the form: ``services.review_submit`` checks it (``review_time_refusal``)."""
    steps = _steps(decision)
    missing = unresolved_steps(steps, [StepCode.PUBLIC_PARTICIPATION, StepCode.EXPERT_CONSULTATION,
                                       StepCode.RISK_ASSESSMENT])
    if missing:
        return "以下环节尚未办结或标记不适用：" + "、".join(missing) + "。"
    participation = steps.get(StepCode.PUBLIC_PARTICIPATION)
    refusal = risk_refusal(steps, decision) or (
        hearing_refusal(participation.hearing_on, participation.hearing_materials_sent_on) if participation else None)
    return refusal


def may_discussion_submit(user, decision, on=None):
    return legality_refusal(_steps(decision)) or risk_refusal(_steps(decision), decision)


def may_decide(user, decision, on=None):
    steps = _steps(decision)
    refusal = legality_refusal(steps) or risk_refusal(steps, decision)
    if refusal:
        return refusal
    missing = unresolved_steps(steps, [StepCode.PUBLIC_PARTICIPATION, StepCode.EXPERT_CONSULTATION,
                                       StepCode.RISK_ASSESSMENT])
    if missing:
        return "以下环节尚未办结或标记不适用：" + "、".join(missing) + "。"
    return meeting_refusal(steps.get(StepCode.COLLECTIVE_DECISION))


def may_publish(user, decision, on=None):
    if not decision.party_report_on:
        return "决策公布前须向同级党委请示报告，请先登记请示报告情况。"
    if decision.comments.filter(hidden=False, disposition="").exists():
        return "还有公众意见未处理，不能生成采纳情况说明。"
    return None


def opinion_refusal(step):
    """The opinion is complete, with a legal adviser involved (checked by ``services.review_opinion_give``)."""
    if step.adviser_id is None:
        return "合法性审查须有法律顾问参与，请选择参与审查的法律顾问。"
    if not step.opinion or not step.opinion_text.strip():
        return "请填写审查意见和审查意见书。"
    return None


def may_approve(user, catalogue, on=None):
    """The party committee's consent is typed on the form: ``services.catalogue_approve`` checks it."""
    if not catalogue.decisions.exists():
        return "目录中还没有决策事项。"
    return None


def decision_waiting(decision):
    """What the decision waits for outside the table: the legality review's opinion, public comments."""
    if decision.status == DecisionStatus.REVIEW:
        review = _steps(decision).get(StepCode.LEGALITY_REVIEW)
        if review is not None and review.review_state == ReviewState.REQUESTED:
            return "待合法性审查机构出具审查意见"
    if decision.status == DecisionStatus.DECIDED and decision.comments.filter(hidden=False, disposition="").exists():
        return "待承办单位处理公众意见，再由决策机关公布决策"
    return None


DECISION_FLOW = Workflow(model=Decision, scope_permission=P.MANAGE, waiting=decision_waiting, transitions=[
    Transition("comment_open", "公开征求意见", (DecisionStatus.DRAFT,), DecisionStatus.CONSULTATION,
               event="decisions.comment_opened", permission=P.MANAGE, guard=may_comment_open, rule=R_COMMENT, actor_label="承办单位"),
    Transition("comment_close", "结束征求意见", (DecisionStatus.CONSULTATION,), DecisionStatus.DRAFT,
               event="decisions.comment_closed", permission=P.MANAGE, guard=may_comment_close, rule=R_COMMENT, actor_label="承办单位"),
    Transition("review_submit", "提交合法性审查", (DecisionStatus.DRAFT,), DecisionStatus.REVIEW,
               event="decisions.review_submitted", permission=P.MANAGE, guard=may_review_submit,
               rule=R_REVIEW_TIME, actor_label="承办单位"),
    Transition("discussion_submit", "提请集体讨论", (DecisionStatus.REVIEW,), DecisionStatus.DISCUSSION,
               event="decisions.discussion_submitted", permission=P.MANAGE, guard=may_discussion_submit,
               rule=R_REVIEW, actor_label="承办单位"),
    Transition("draft_return", "退回修改草案", (DecisionStatus.REVIEW, DecisionStatus.DISCUSSION),
               DecisionStatus.DRAFT, event="decisions.returned", permission=P.MANAGE, needs_reason=True,
               style="outline-secondary", actor_label="承办单位"),
    Transition("decide", "集体讨论作出决定", (DecisionStatus.DISCUSSION,), DecisionStatus.DECIDED,
               event="decisions.decided", permission=P.DECIDE, guard=may_decide, rule=R_REVIEW, actor_label="决策机关"),
    Transition("publish", "公布决策", (DecisionStatus.DECIDED,), DecisionStatus.PUBLISHED,
               event="decisions.published", permission=P.DECIDE, guard=may_publish, rule=R_PARTY, actor_label="决策机关"),
    Transition("withdraw", "终止决策程序", (DecisionStatus.DRAFT, DecisionStatus.CONSULTATION,
                                           DecisionStatus.REVIEW, DecisionStatus.DISCUSSION),
               DecisionStatus.WITHDRAWN, event="decisions.withdrawn", permission=P.MANAGE, needs_reason=True,
               confirm="终止后不能恢复，确定终止该决策程序吗？", style="outline-danger", actor_label="承办单位"),
])

REVIEW_FLOW = Workflow(model=ProcedureStep, field="review_state", scope_permission=P.REVIEW, transitions=[
    Transition("opinion_give", "出具审查意见", (ReviewState.REQUESTED,), ReviewState.GIVEN,
               event="decisions.review_opinion_given", permission=P.REVIEW, rule=R_ADVISER, actor_label="合法性审查机构"),
])

CATALOGUE_FLOW = Workflow(model=DecisionCatalogue, scope_permission=P.DECIDE, transitions=[
    Transition("approve", "批准目录", (CatalogueStatus.DRAFT,), CatalogueStatus.APPROVED,
               event="decisions.catalogue_approved", permission=P.DECIDE, guard=may_approve,
               rule=R_CATALOGUE, actor_label="决策机关"),
    Transition("publish", "公布目录", (CatalogueStatus.APPROVED,), CatalogueStatus.PUBLISHED,
               event="decisions.catalogue_published", permission=P.DECIDE, rule=R_CATALOGUE, actor_label="决策机关"),
])
