"""May this user take this action on this court case, hearing or reconsideration application now?

A unit (联络员) records its own court cases and appearances and answers the reconsideration applications against
it; the rule-of-law office (法治办, the county government's reconsideration office) takes in and decides
reconsideration and sees every case; leaders read.
"""
from fazhi.orgs.policy import Policy

from ..models.litigation import (
    LitigationCase,
    LitigationHearing,
    LitigationStatus,
    ReconsiderationCase,
    ReconsiderationReturn,
    ReconStatus,
)
from ..permissions import OversightPerm as P
from ..workflows.litigation import LITIGATION_FLOW, RECON_FLOW


class LitigationCasePolicy(Policy):
    model = LitigationCase
    view_permission = P.VIEW
    workflow = LITIGATION_FLOW
    permissions = {"register": P.HANDLE, "add_hearing": P.HANDLE, "analyse": P.HANDLE, "next_instance": P.HANDLE}

    def state_add_hearing(self, case, on):
        if case.status == LitigationStatus.CLOSED:
            return "本审级已结案，不能再登记开庭"
        return None

    def state_analyse(self, case, on):
        if not case.lost:
            return "只有败诉案件需要登记败诉原因分析"
        return None

    def state_next_instance(self, case, on):
        if case.status not in (LitigationStatus.JUDGED, LitigationStatus.APPEALED, LitigationStatus.CLOSED):
            return "本审级尚未作出裁判"
        return None


class LitigationHearingPolicy(Policy):
    model = LitigationHearing
    view_permission = P.VIEW
    permissions = {"record": P.HANDLE}

    def state_record(self, hearing, on):
        if hearing.hearing_on > on:
            return "尚未开庭，开庭后再登记出庭应诉情况"
        return None


class ReconsiderationPolicy(Policy):
    model = ReconsiderationCase
    view_permission = P.VIEW
    workflow = RECON_FLOW
    permissions = {"register": P.MANAGE, "serve_copy": P.MANAGE, "answer": P.HANDLE, "extend": P.MANAGE,
                   "doc_done": P.MANAGE}

    def state_serve_copy(self, case, on):
        if case.status != ReconStatus.ACCEPTED or case.copy_served_on:
            return "只有已受理、尚未送达申请书副本的案件可以登记送达"
        return None

    def state_answer(self, case, on):
        if case.status != ReconStatus.ACCEPTED or not case.copy_served_on:
            return "申请书副本送达被申请人后才能登记答复"
        if case.answered_on:
            return "被申请人已提出书面答复"
        return None

    def state_extend(self, case, on):
        if case.status != ReconStatus.ACCEPTED:
            return "只有审理中的案件可以延长审理期限"
        if case.extension_days:
            return "审理期限已经延长过一次"
        if on > case.decision_due:
            return f"审理期限已于{case.decision_due:%Y年%m月%d日}届满，不能再延长"
        return None

    def state_doc_done(self, case, on):
        if not case.doc_title or case.doc_done_on or case.status == ReconStatus.NOT_ACCEPTED:
            return "本案没有待处理的规范性文件附带审查"
        return None


class ReconsiderationReturnPolicy(Policy):
    model = ReconsiderationReturn
    view_permission = P.VIEW
    permissions = {"save": P.MANAGE}


litigation_cases = LitigationCasePolicy()
litigation_hearings = LitigationHearingPolicy()
recon_cases = ReconsiderationPolicy()
recon_returns = ReconsiderationReturnPolicy()
