"""Two procedures as transition tables: a service log's confirmation (签字确认) and a legal-aid application
(RULES.md §14: 法律援助条例 2003 before 2022-01-01, 法律援助法 after)."""
from fazhi.core.workflow import Transition, Workflow

from . import aid_rules
from .choices import AidStatus, LogStatus
from .models import AidApplication, ServiceLog
from .permissions import LegalPerm as P

L = LogStatus
RULE_CONFIRM = "驻村律师服务日志须经服务的村（社区）或乡镇签字确认"


def may_confirm(user, log, on=None):
    if user is not None and log.lawyer.user_id == user.pk:
        return "律师本人不能确认自己的服务日志"
    if on is not None and on < log.served_on:
        return "确认日期不能早于服务日期"
    return None


def may_correct(user, log, on=None):
    if user is not None and log.lawyer.user_id != user.pk:
        return "只有填报日志的律师本人可以更正"
    return None


LOG_FLOW = Workflow(model=ServiceLog, transitions=[
    Transition("confirm", "签字确认", (L.SUBMITTED, L.CORRECTED), L.CONFIRMED, event="legal_services.log_confirmed",
               permission=P.CONFIRM, guard=may_confirm, rule=RULE_CONFIRM, actor_label="服务单位"),
    Transition("dispute", "提出异议", (L.SUBMITTED, L.CORRECTED), L.DISPUTED, event="legal_services.log_disputed",
               permission=P.CONFIRM, guard=may_confirm, rule=RULE_CONFIRM, needs_reason=True, style="danger",
               actor_label="服务单位"),
    Transition("correct", "更正后重新提交", (L.DISPUTED,), L.CORRECTED, event="legal_services.log_corrected",
               permission=P.LOG, guard=may_correct, rule=RULE_CONFIRM, actor_label="律师"),
])

A = AidStatus


def may_approve(user, app, on=None):
    return aid_rules.eligibility_refusal(app)


def may_request_materials(user, app, on=None):
    if app.materials_requested_on:
        return "补充材料已一次性告知，不能再次要求补充"
    return None


def may_withdraw(user, app, on=None):
    if not app.materials_due or (on and on <= app.materials_due):
        return "补充材料期限尚未届满"
    return None


def may_urgent(user, app, on=None):
    return aid_rules.urgent_refusal(app)


AID_FLOW = Workflow(model=AidApplication, transitions=[
    Transition("request_materials", "一次性告知补充材料", (A.APPLIED,), A.MATERIALS,
               event="legal_services.aid_materials_requested", permission=P.AID, guard=may_request_materials,
               rule=aid_rules.RULE_REVIEW_2021, actor_label="法律援助机构"),
    Transition("materials_received", "材料已补齐", (A.MATERIALS,), A.APPLIED,
               event="legal_services.aid_materials_received", permission=P.AID, actor_label="法律援助机构"),
    Transition("deem_withdrawn", "逾期未补充，视为撤回", (A.MATERIALS,), A.WITHDRAWN,
               event="legal_services.aid_withdrawn", permission=P.AID, guard=may_withdraw,
               rule=aid_rules.RULE_REVIEW_2021, actor_label="法律援助机构"),
    Transition("approve", "决定给予法律援助", (A.APPLIED,), A.APPROVED, event="legal_services.aid_approved",
               permission=P.AID, guard=may_approve, actor_label="法律援助机构"),
    Transition("refuse", "决定不予法律援助", (A.APPLIED,), A.REFUSED, event="legal_services.aid_refused",
               permission=P.AID, needs_reason=True, style="danger", actor_label="法律援助机构",
               rule="《中华人民共和国法律援助法》第四十三条；《法律援助条例》第十八条（书面告知并说明理由）"),
    Transition("urgent", "先行提供法律援助", (A.APPLIED, A.MATERIALS), A.ASSIGNED,
               event="legal_services.aid_urgent", permission=P.AID, guard=may_urgent,
               rule="《中华人民共和国法律援助法》第四十四条", actor_label="法律援助机构"),
    Transition("object", "登记异议", (A.REFUSED,), A.OBJECTED, event="legal_services.aid_objected",
               permission=P.AID, needs_reason=True, actor_label="司法行政部门",
               rule="《中华人民共和国法律援助法》第四十九条；《法律援助条例》第十九条"),
    Transition("objection_upheld", "异议成立（给予援助）", (A.OBJECTED,), A.APPROVED,
               event="legal_services.aid_objection_upheld", permission=P.AID, actor_label="司法行政部门",
               rule="《中华人民共和国法律援助法》第四十九条；《法律援助条例》第十九条"),
    Transition("objection_rejected", "异议不成立（维持不予援助）", (A.OBJECTED,), A.REFUSED,
               event="legal_services.aid_objection_rejected", permission=P.AID, actor_label="司法行政部门",
               rule="《中华人民共和国法律援助法》第四十九条；《法律援助条例》第十九条"),
    Transition("assign", "指派承办律师", (A.APPROVED,), A.ASSIGNED, event="legal_services.aid_assigned",
               permission=P.AID, actor_label="法律援助机构",
               rule="《中华人民共和国法律援助法》第四十三条；《法律援助条例》第二十一条"),
    Transition("terminate", "终止法律援助", (A.ASSIGNED,), A.TERMINATED, event="legal_services.aid_terminated",
               permission=P.AID, needs_reason=True, style="danger", actor_label="法律援助机构",
               rule="《中华人民共和国法律援助法》第四十八条；《法律援助条例》第二十三条"),
    Transition("close", "结案归档", (A.ASSIGNED,), A.CLOSED, event="legal_services.aid_closed",
               permission=P.AID, actor_label="法律援助机构", rule="《中华人民共和国法律援助法》第五十条"),
])
