"""The annual assessment's score card: the unit's objection (申诉) and the office's reply, then publication.

已计分 → 已申诉 (the unit, within the objection period) → 已答复 (the office) → 已公布 (the office publishes the
year's results for every unit at once, ``services.eval_publish``).
"""
from fazhi.core import clock, workdays
from fazhi.core.rules import get_setting
from fazhi.core.workflow import Transition, Workflow

from ..models.evaluation import EvalCard, EvalCardStatus
from ..permissions import AssessmentPerm as P

RULE_EVAL = "《法治政府建设与责任落实督察工作规定》第二十八条（法治政府建设年度考核）；县依法行政考评办法（考评结果反馈与申诉）"


def objection_due_for(computed_on):
    """The last day of the objection period: ``assessment.objection_days`` working days after the score card was
    computed and fed back to the unit (the day itself not counted). Stored on the card as ``objection_due`` by the
    computation and recomputed by ``deadlines/evaluation.py`` when a holiday year is confirmed."""
    return workdays.add_working_days(computed_on, get_setting("assessment.objection_days"))


def objection_rule():
    """The objection period in plain words, as the rule setting defines it."""
    days = get_setting("assessment.objection_days")
    return f"县依法行政考评办法规定，被考评单位应在计分结果反馈后{days}个工作日内提出申诉（反馈当日不计入）"


def may_object(user, card, on=None):
    """Only the assessed unit's own staff object (the office replies; it never objects on a unit's behalf), and
    only until the stored objection deadline."""
    if user is not None and user.unit_id != card.unit_id:
        return "申诉由被考评单位本单位人员提出"
    if card.objection_due is None:
        return "计分结果尚未反馈，暂不能申诉"
    if (on or clock.today()) > card.objection_due:
        due = card.objection_due
        return f"申诉期限已于{due.year}年{due.month}月{due.day}日届满，不能再提出申诉（{objection_rule()}）"
    return None


EVAL_CARD_FLOW = Workflow(model=EvalCard, transitions=[
    Transition("object", "提出申诉", (EvalCardStatus.COMPUTED,), EvalCardStatus.OBJECTED,
               event="assessment.eval_objected", permission=P.REPORT, guard=may_object, rule=RULE_EVAL,
               actor_label="被考评单位"),
    Transition("reply", "答复申诉", (EvalCardStatus.OBJECTED,), EvalCardStatus.REPLIED,
               event="assessment.eval_replied", permission=P.MANAGE, rule=RULE_EVAL, actor_label="法治办"),
], waiting=lambda card: "待法治办公布考评结果" if card.status == EvalCardStatus.REPLIED else None)
