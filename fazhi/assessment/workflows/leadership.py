"""The review of a unit's progress report by the leading group's office: accept, or return with a reason."""
from fazhi.core.workflow import Transition, Workflow

from ..models.leadership import ProgressReport, ProgressStatus
from ..permissions import AssessmentPerm as P

RULE_PROGRESS = "《法治政府建设实施纲要（2015－2020年）》第三部分（加强督促检查，将任务分解落实到各责任单位）"

PROGRESS_FLOW = Workflow(model=ProgressReport, transitions=[
    Transition("accept", "审核通过", (ProgressStatus.SUBMITTED,), ProgressStatus.ACCEPTED,
               event="assessment.progress_accepted", permission=P.MANAGE, rule=RULE_PROGRESS, actor_label="法治办"),
    Transition("return", "退回", (ProgressStatus.SUBMITTED,), ProgressStatus.RETURNED,
               event="assessment.progress_returned", permission=P.MANAGE, rule=RULE_PROGRESS, needs_reason=True,
               style="danger", actor_label="法治办"),
])
