"""Policies of the evaluation part: pilots and their self-assessments, indicators, score cards.

The office (``assessment.manage``) keeps pilots, indicators, scoring and publication; a unit
(``assessment.report``) self-assesses, uploads evidence and objects within its data scope; leaders read.
"""
from fazhi.orgs.policy import Policy

from ..models.evaluation import EvalCard, EvalCardStatus, EvalScore, Pilot, PilotAssessment
from ..permissions import AssessmentPerm as P
from ..workflows.evaluation import EVAL_CARD_FLOW


class PilotPolicy(Policy):
    model = Pilot
    view_permission = P.VIEW
    permissions = {"create": P.MANAGE, "self_assess": P.REPORT, "import_indicators": P.MANAGE}


class PilotAssessmentPolicy(Policy):
    model = PilotAssessment
    view_permission = P.VIEW
    permissions = {"score": P.MANAGE, "revise": P.REPORT}

    def state_revise(self, assessment, on):
        if assessment.office_points is not None:
            return "法治办已评分，不能再修改自评"
        return None


def _frozen(card):
    if card.status == EvalCardStatus.PUBLISHED:
        return "考评结果已公布，不能再修改"
    return None


class EvalCardPolicy(Policy):
    model = EvalCard
    view_permission = P.VIEW
    workflow = EVAL_CARD_FLOW
    permissions = {"compute": P.MANAGE, "publish": P.MANAGE, "configure": P.MANAGE}


class EvalScorePolicy(Policy):
    model = EvalScore
    view_permission = P.VIEW
    permissions = {"score": P.MANAGE, "upload": P.REPORT}

    def state_score(self, score, on):
        if score.indicator.automatic:
            return "自动计分指标由平台根据各模块记录计算，不能人工评分"
        return _frozen(score.card)

    def state_upload(self, score, on):
        if score.indicator.automatic:
            return "自动计分指标不需要上传佐证材料"
        return _frozen(score.card)


pilots = PilotPolicy()
pilot_assessments = PilotAssessmentPolicy()
eval_cards = EvalCardPolicy()
eval_scores = EvalScorePolicy()
