"""The procedure of a petition (信访事项) as a transition table, under the rules in force on the event's date.

登记 → 转送 (15日) → 受理/不予受理并书面告知 (15日；2022年起可在5个工作日内提出管辖异议) → 办理 (60日，经负责人批准
可延长不超过30日) → 处理意见书 → 复查 (申请30日/复查30日) → 复核 (申请30日/复核30日，终结).
"""
from fazhi.core.workflow import Transition, Workflow

from .choices import PetitionStatus as S
from .models import Petition
from .permissions import DisputesPerm as P


def rule(petition, art_2005, art_2022):
    if petition is not None and petition.rules_2022:
        return f"《信访工作条例》第{art_2022}条"
    return f"《信访条例》第{art_2005}条"


def not_subject(user, petition):
    if user is not None and petition.subject_user_id and petition.subject_user_id == user.pk:
        return "被反映人不得查看或办理反映本人的信访事项"
    return None


def may_route(user, petition, on=None):
    return not_subject(user, petition)


def may_object(user, petition, on=None):
    if not petition.rules_2022:
        return ("事项发生在2022年5月1日前，适用《信访条例》，该条例未规定管辖异议程序，"
                "请按《信访条例》第二十一条由信访工作机构重新转送")
    if petition.objection_due and on and on > petition.objection_due:
        return (f"管辖异议应当在收到转送之日起5个工作日内提出（{petition.objection_due:%Y年%m月%d日}前），"
                f"已超过期限（《信访工作条例》第二十三条）")
    return not_subject(user, petition)


def may_accept(user, petition, on=None):
    if on and petition.routed_on and on < petition.routed_on:
        return "受理日期不能早于转送日期"
    return not_subject(user, petition)


def may_answer(user, petition, on=None):
    return not_subject(user, petition)


def may_request_review(user, petition, on=None):
    if petition.review_request_due and on and on > petition.review_request_due:
        return (f"请求复查应当自收到书面答复之日起30日内提出（{petition.review_request_due:%Y年%m月%d日}前），"
                f"已超过期限（{rule(petition, '三十四', '三十五')}）")
    return not_subject(user, petition)


def may_review(user, petition, on=None):
    return not_subject(user, petition)


def may_request_recheck(user, petition, on=None):
    if petition.recheck_request_due and on and on > petition.recheck_request_due:
        return (f"请求复核应当自收到复查意见之日起30日内提出（{petition.recheck_request_due:%Y年%m月%d日}前），"
                f"已超过期限（{rule(petition, '三十五', '三十六')}）")
    return not_subject(user, petition)


def may_recheck(user, petition, on=None):
    return not_subject(user, petition)


PETITION_FLOW = Workflow(model=Petition, transitions=[
    Transition("route", "转送办理单位", (S.REGISTERED,), S.ROUTED, event="disputes.petition_routed",
               permission=P.PETITION_REGISTER, guard=may_route,
               rule="《信访工作条例》第二十二条；《信访条例》第二十一条（15日内转送）"),
    Transition("object", "提出管辖异议（退回）", (S.ROUTED,), S.REGISTERED, event="disputes.petition_objected",
               permission=P.PETITION_HANDLE, guard=may_object, rule="《信访工作条例》第二十三条",
               needs_reason=True, style="danger"),
    Transition("accept", "受理并书面告知", (S.ROUTED,), S.ACCEPTED, event="disputes.petition_accepted",
               permission=P.PETITION_HANDLE, guard=may_accept,
               rule="《信访工作条例》第二十三条；《信访条例》第二十一条、第二十二条（15日内书面告知）"),
    Transition("not_accept", "不予受理并书面告知", (S.ROUTED,), S.NOT_ACCEPTED, event="disputes.petition_not_accepted",
               permission=P.PETITION_HANDLE, guard=may_accept,
               rule="《信访工作条例》第二十三条；《信访条例》第二十一条", needs_reason=True, style="danger"),
    Transition("answer", "出具处理意见书", (S.ACCEPTED,), S.ANSWERED, event="disputes.petition_answered",
               permission=P.PETITION_HANDLE, guard=may_answer,
               rule="《信访工作条例》第三十二条、第三十四条；《信访条例》第三十二条、第三十三条"),
    Transition("request_review", "登记复查请求", (S.ANSWERED,), S.REVIEW, event="disputes.review_requested",
               permission=P.PETITION_REGISTER, guard=may_request_review,
               rule="《信访工作条例》第三十五条；《信访条例》第三十四条"),
    Transition("review", "出具复查意见", (S.REVIEW,), S.REVIEWED, event="disputes.petition_reviewed",
               permission=P.PETITION_REGISTER, guard=may_review,
               rule="《信访工作条例》第三十五条；《信访条例》第三十四条"),
    Transition("request_recheck", "登记复核请求", (S.REVIEWED,), S.RECHECK, event="disputes.recheck_requested",
               permission=P.PETITION_REGISTER, guard=may_request_recheck,
               rule="《信访工作条例》第三十六条；《信访条例》第三十五条"),
    Transition("recheck", "出具复核意见（终结）", (S.RECHECK,), S.FINAL, event="disputes.petition_rechecked",
               permission=P.PETITION_REGISTER, guard=may_recheck,
               rule="《信访工作条例》第三十六条；《信访条例》第三十五条",
               confirm="复核意见作出后，信访人以同一事实和理由提出的信访事项不再受理。确定出具复核意见吗？"),
])
