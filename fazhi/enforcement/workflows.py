"""The procedure of an enforcement case as a transition table (RULES.md §5, §6, §7).

立案 → 调查取证 → 告知 → 陈述申辩/听证 (when requested) → 法制审核 (when major) → 决定 → 送达 → 执行 → 结案.
Every step is signed by one of the case's officers holding a valid certificate; a penalty needs two.
"""
from fazhi.core import clock
from fazhi.core.workflow import Transition, Workflow

from . import qualifications
from .choices import CaseKind, CaseStatus, PublicationStatus
from .models import Case, Publication
from .permissions import EnforcementPerm as P

S = CaseStatus


def may_sign(user, case, on=None):
    return qualifications.signer_refusal(user, case, on)


def may_notify(user, case, on=None):
    if case.kind != CaseKind.PENALTY:
        return "只有行政处罚案件需要事先告知"
    return may_sign(user, case, on)


def may_request_hearing(user, case, on=None):
    return may_sign(user, case, on)


def may_submit_review(user, case, on=None):
    if not case.is_major:
        return "本案不属于重大执法决定，无需法制审核"
    if case.status == S.NOTIFIED and notice_window_open(case, on):
        return "陈述申辩/听证申请期限尚未届满（当事人未放弃）"
    return may_sign(user, case, on)


def may_review(user, case, on=None):
    return qualifications.reviewer_refusal(user, case)


def notice_window_open(case, day=None):
    day = day or clock.today()
    return (case.status == S.NOTIFIED and not case.rights_waived and case.statement_due is not None
            and day <= case.statement_due)


def may_decide(user, case, on=None):
    if case.is_major and case.status != S.REVIEWED:
        return "重大执法决定未经法制审核或者审核未通过的，不得作出决定"
    if case.kind == CaseKind.PENALTY and case.notified_on is None:
        return "作出行政处罚决定前，应当告知拟作出的处罚内容及事实、理由、依据和当事人的权利"
    if notice_window_open(case, on):
        return "陈述申辩/听证申请期限尚未届满（当事人未放弃），不能作出决定"
    return may_sign(user, case, on)


def may_close(user, case, on=None):
    if Publication.objects.filter(case_id=case.pk, status=PublicationStatus.PENDING).exists():
        return "执法决定尚未公示，不能结案"
    return may_sign(user, case, on)


RULE_SIGN = "持证上岗；《中华人民共和国行政处罚法》第四十二条"
RULE_REVIEW = "《中华人民共和国行政处罚法》第五十八条；国办发〔2018〕118号（重大执法决定法制审核）"

CASE_FLOW = Workflow(model=Case, transitions=[
    Transition("investigate", "开始调查取证", (S.REGISTERED,), S.INVESTIGATING, event="enforcement.case_investigated",
               permission=P.HANDLE, guard=may_sign, rule=RULE_SIGN, actor_label="承办执法人员"),
    Transition("notify", "告知", (S.INVESTIGATING,), S.NOTIFIED, event="enforcement.case_notified",
               permission=P.HANDLE, guard=may_notify, rule="《中华人民共和国行政处罚法》第四十四条", actor_label="承办执法人员"),
    Transition("request_hearing", "登记陈述申辩/听证申请", (S.NOTIFIED,), S.HEARING,
               event="enforcement.hearing_requested", permission=P.HANDLE, guard=may_request_hearing,
               rule="《中华人民共和国行政处罚法》第六十三条、第六十四条", actor_label="承办执法人员"),
    Transition("submit_review", "提交法制审核", (S.INVESTIGATING, S.NOTIFIED, S.HEARING), S.REVIEW,
               event="enforcement.review_submitted", permission=P.HANDLE, guard=may_submit_review,
               rule=RULE_REVIEW, actor_label="承办执法人员"),
    Transition("review_pass", "审核通过", (S.REVIEW,), S.REVIEWED, event="enforcement.review_passed",
               permission=P.REVIEW, guard=may_review, rule=RULE_REVIEW, actor_label="法制审核人员"),
    Transition("review_reject", "审核不通过（退回）", (S.REVIEW,), S.INVESTIGATING, event="enforcement.review_rejected",
               permission=P.REVIEW, guard=may_review, rule=RULE_REVIEW,
               needs_reason=True, style="danger", actor_label="法制审核人员"),
    Transition("decide", "作出决定", (S.INVESTIGATING, S.NOTIFIED, S.HEARING, S.REVIEWED), S.DECIDED,
               event="enforcement.case_decided", permission=P.HANDLE, guard=may_decide,
               rule="《中华人民共和国行政处罚法》第四十四条、第五十八条、第六十二条", actor_label="承办执法人员"),
    Transition("serve", "送达", (S.DECIDED,), S.SERVED, event="enforcement.case_served", permission=P.HANDLE,
               guard=may_sign, rule=RULE_SIGN, actor_label="承办执法人员"),
    Transition("execute", "执行", (S.SERVED,), S.EXECUTED, event="enforcement.case_executed", permission=P.HANDLE,
               guard=may_sign, rule=RULE_SIGN, actor_label="承办执法人员"),
    Transition("close", "结案", (S.SERVED, S.EXECUTED), S.CLOSED, event="enforcement.case_closed",
               permission=P.HANDLE, guard=may_close, rule="国办发〔2018〕118号（执法决定公示）；持证上岗",
               confirm="结案后不能再补充记录，确定结案吗？", actor_label="承办执法人员"),
])

STEP_OF_ACTION = {
    "investigate": "investigate", "notify": "notify", "request_hearing": "hearing", "submit_review": "review",
    "review_pass": "review", "review_reject": "review", "decide": "decide", "serve": "serve",
    "execute": "execute", "close": "close",
}
