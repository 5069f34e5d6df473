"""The review of a unit's 普法责任清单: the unit submits, the office returns it or accepts it."""
from fazhi.core.workflow import Transition, Workflow

from .choices import DutyListStatus as S
from .models import DutyList
from .permissions import LegalEducationPerm as P

RULE_DUTY = "中办发〔2017〕31号《关于实行国家机关“谁执法谁普法”普法责任制的意见》"


def may_submit(user, duty_list, on=None):
    if not duty_list.items.exists():
        return "清单中还没有普法责任事项"
    return None


DUTY_FLOW = Workflow(model=DutyList, transitions=[
    Transition("submit", "报送审核", (S.DRAFT, S.RETURNED), S.SUBMITTED, event="legal_education.duty_list_submitted",
               permission=P.KEEP, guard=may_submit, rule=RULE_DUTY, actor_label="单位"),
    Transition("return_list", "退回修改", (S.SUBMITTED,), S.RETURNED, event="legal_education.duty_list_returned",
               permission=P.MANAGE, rule=RULE_DUTY, needs_reason=True, style="danger", actor_label="法治办"),
    Transition("accept", "审核通过", (S.SUBMITTED,), S.ACCEPTED, event="legal_education.duty_list_accepted",
               permission=P.MANAGE, rule=RULE_DUTY, actor_label="法治办"),
])
