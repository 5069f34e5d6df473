"""The handling of a deputy's suggestion or a CPPCC proposal as a transition table.

收到（导入）→ 交办主办、会办单位（法治办）→ 答复（主办单位，3个月内，紧急1个月）→ 代表/委员反馈：满意或基本满意即办结；
不满意的重新交办，开始新一轮办理（保留以前各轮的答复和反馈）。
"""
from fazhi.core.workflow import Transition, Workflow

from ..models.suggestions import RectificationTask, Suggestion, SuggestionStatus, TaskStatus
from ..permissions import OversightPerm

RULE_REPLY = ("《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》第四十三条：代表建议应当自交办之日起三个月内答复"
              "（政协提案参照本县提案办理办法）")
RULE_FEEDBACK = "《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》第四十三条：代表对答复不满意的，可以提出意见，有关机关应当重新研究办理"

_S = SuggestionStatus

SUGGESTION_FLOW = Workflow(model=Suggestion, transitions=[
    Transition("assign", "交办", (_S.RECEIVED,), _S.ASSIGNED, event="oversight.suggestion_assigned",
               permission=OversightPerm.MANAGE, rule=RULE_REPLY, actor_label="法治办"),
    Transition("reply", "答复", (_S.ASSIGNED,), _S.REPLIED, event="oversight.suggestion_replied",
               permission=OversightPerm.HANDLE, rule=RULE_REPLY, actor_label="主办单位"),
    Transition("satisfied", "登记反馈：满意或基本满意", (_S.REPLIED,), _S.CLOSED, event="oversight.suggestion_closed",
               permission=OversightPerm.MANAGE, rule=RULE_FEEDBACK, actor_label="法治办"),
    Transition("rehandle", "登记反馈：不满意，重新办理", (_S.REPLIED,), _S.ASSIGNED,
               event="oversight.suggestion_rehandled", permission=OversightPerm.MANAGE, rule=RULE_FEEDBACK,
               actor_label="法治办", style="danger", confirm="将开始新一轮办理，主办单位须重新答复，确定吗？"),
])

RULE_TASK = "人大常委会执法检查、案件评查的审议意见和司法建议、检察建议提出的问题，应当逐项整改并报告整改结果"
_T = TaskStatus

TASK_FLOW = Workflow(model=RectificationTask, transitions=[
    Transition("report", "报告整改完成", (_T.OPEN,), _T.REPORTED, event="oversight.task_reported",
               permission=OversightPerm.HANDLE, rule=RULE_TASK, actor_label="整改单位"),
    Transition("accept", "验收", (_T.REPORTED,), _T.ACCEPTED, event="oversight.task_accepted",
               permission=OversightPerm.MANAGE, rule=RULE_TASK, actor_label="法治办"),
    Transition("return_task", "退回重新整改", (_T.REPORTED,), _T.OPEN, event="oversight.task_returned",
               permission=OversightPerm.MANAGE, rule=RULE_TASK, actor_label="法治办", needs_reason=True,
               style="danger"),
])
