"""May this user take this action on this record now? One policy per record type of the decisions module.

Each answers from the function permission, the data scope and the record's state (the workflow tables of
``workflows.py`` for status changes, the ``state_<action>`` methods below for record-keeping). Views, buttons
and templates ask these; the services re-check with the same policy (``policy.check``).
"""
from fazhi.orgs import scope
from fazhi.orgs.policy import Policy

from .choices import CONDITIONAL_STEPS, DecisionStatus, StepCode, StepStatus
from .models import AdviserService, Decision, DecisionCatalogue, Evaluation, LegalAdviser, ProcedureStep, PublicComment
from .permissions import DecisionPerm as P
from .workflows import CATALOGUE_FLOW, DECISION_FLOW, REVIEW_FLOW

PREPARING = (DecisionStatus.DRAFT, DecisionStatus.CONSULTATION)
UNDECIDED = (DecisionStatus.DRAFT, DecisionStatus.CONSULTATION, DecisionStatus.REVIEW, DecisionStatus.DISCUSSION)
#: the steps whose evidence is registered on their own form (the others through the review and the meeting)
RECORDED_STEPS = (StepCode.PUBLIC_PARTICIPATION, StepCode.EXPERT_CONSULTATION, StepCode.RISK_ASSESSMENT)


class DecisionPolicy(Policy):
    model = Decision
    view_permission = P.VIEW
    workflow = DECISION_FLOW
    permissions = {
        "create": P.MANAGE, "edit": P.MANAGE, "draft_revise": P.MANAGE, "meeting_record": P.DECIDE,
        "party_report": P.DECIDE, "progress_add": P.MANAGE, "evaluation_start": P.DECIDE,
        "evaluation_finish": P.DECIDE, "attachment_add": P.MANAGE, "comment_dispose": P.MANAGE,
        "comment_hide": P.MANAGE,
    }

    def visible(self, user, qs=None, *, action="view"):
        if action != "view":
            return super().visible(user, qs, action=action)
        from .selectors import visible_decisions

        visible = visible_decisions(user)
        return visible if qs is None else qs.filter(pk__in=visible.values("pk"))

    def refusal(self, user, action, obj=None, *, on=None):
        if action == "view" and obj is not None:  # the reviewing body sees the decisions sent to it
            return None if self.visible(user).filter(pk=obj.pk).exists() else "该记录不在您可以查看的范围内。"
        return super().refusal(user, action, obj, on=on)

    def state_edit(self, decision, on):
        if decision.status not in PREPARING:
            return "决策事项已进入审查或讨论，不能再修改基本信息。"
        return None

    def state_draft_revise(self, decision, on):
        if decision.status != DecisionStatus.DRAFT:
            return "只有拟订中的决策事项可以修改草案（征求意见中须先结束征求意见）。"
        return None

    def state_meeting_record(self, decision, on):
        if decision.status != DecisionStatus.DISCUSSION:
            return "决策事项提请集体讨论后才能登记会议。"
        return None

    def state_party_report(self, decision, on):
        if decision.status not in (DecisionStatus.DISCUSSION, DecisionStatus.DECIDED):
            return "集体讨论后、公布前登记向党委请示报告情况。"
        return None

    def state_progress_add(self, decision, on):
        if decision.status != DecisionStatus.PUBLISHED:
            return "决策公布后，执行单位才能报告执行情况。"
        return None

    def state_evaluation_start(self, decision, on):
        if decision.status != DecisionStatus.PUBLISHED:
            return "决策公布执行后才能开展决策后评估。"
        return None

    state_evaluation_finish = state_evaluation_start

    def state_attachment_add(self, decision, on):
        if decision.status == DecisionStatus.WITHDRAWN:
            return "决策程序已终止，不能再上传材料。"
        return None

    def state_comment_dispose(self, decision, on):
        if decision.status not in UNDECIDED:
            return "决策已作出，不能再修改意见的处理结果。"
        return None


class StepPolicy(Policy):
    """A procedure step: the lead unit records the preliminary steps; the reviewing body gives its opinion."""

    model = ProcedureStep
    view_permission = P.VIEW
    workflow = REVIEW_FLOW
    permissions = {"record": P.MANAGE, "mark_not_applicable": P.MANAGE}

    @staticmethod
    def _preparing(step):
        if step.decision.status not in PREPARING:
            return "决策事项已提交审查，不能再修改前置程序环节；如需修改，请先退回修改。"
        return None

    def state_record(self, step, on):
        if step.code not in RECORDED_STEPS:
            return "该环节通过审查或会议登记办理。"
        return self._preparing(step)

    def state_mark_not_applicable(self, step, on):
        if step.code not in CONDITIONAL_STEPS:
            return (f"{step.get_code_display()}是法定必经程序，不能标记为不适用"
                    "（《重大行政决策程序暂行条例》第二十五条、第三十条）。")
        if step.status == StepStatus.NOT_APPLICABLE:
            return "该环节已标记为不适用。"
        return self._preparing(step)


class CommentPolicy(Policy):
    """A public comment, handled by the lead unit; kept for ever (hidden ones too)."""

    model = PublicComment
    view_permission = P.VIEW
    permissions = {"dispose": P.MANAGE, "hide": P.MANAGE}

    def state_dispose(self, comment, on):
        return DecisionPolicy().state_comment_dispose(comment.decision, on)

    def state_hide(self, comment, on):
        return "该意见已被屏蔽。" if comment.hidden else None


def comment_window_refusal(decision, step, on):
    """Whether the public may comment on ``decision`` on day ``on`` (no account, so no user to ask about)."""
    if decision.status != DecisionStatus.CONSULTATION or step is None or not step.comment_start or not (
            step.comment_start <= on <= step.comment_end):
        return "该决策草案当前不在征求意见期内，不能提交意见。"
    return None


class EvaluationPolicy(Policy):
    model = Evaluation
    view_permission = P.VIEW
    permissions = {"finish": P.DECIDE}

    def state_finish(self, evaluation, on):
        return "该评估已完成。" if evaluation.finished_on else None


class CataloguePolicy(Policy):
    model = DecisionCatalogue
    view_permission = P.VIEW
    workflow = CATALOGUE_FLOW
    permissions = {"create": P.DECIDE, "adjust": P.DECIDE}

    def state_adjust(self, catalogue, on):
        from .choices import CatalogueStatus

        if catalogue.status != CatalogueStatus.PUBLISHED:
            return "目录公布前直接修改即可；公布后的调整须经党委同意。"
        return None


class AdviserPolicy(Policy):
    model = LegalAdviser
    view_permission = P.VIEW_ADVISERS
    permissions = {"create": P.MANAGE_ADVISERS, "import": P.MANAGE_ADVISERS, "edit": P.MANAGE_ADVISERS,
                   "end": P.MANAGE_ADVISERS}

    def state_end(self, adviser, on):
        return "该法律顾问已解聘。" if adviser.ended_reason else None


class ServicePolicy(Policy):
    """An adviser's service record, logged for a unit in the logger's own reach."""

    model = AdviserService
    view_permission = P.VIEW_ADVISERS
    permissions = {"log": P.LOG_SERVICE}

    def unit_refusal(self, user, unit):
        if unit is not None and not scope.can_change(user, unit, perm=P.LOG_SERVICE):
            return "只能登记本人职责范围内单位的服务。"
        return None


DECISIONS = DecisionPolicy()
STEPS = StepPolicy()
COMMENTS = CommentPolicy()
EVALUATIONS = EvaluationPolicy()
CATALOGUES = CataloguePolicy()
ADVISERS = AdviserPolicy()
SERVICES = ServicePolicy()
