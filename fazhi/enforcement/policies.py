"""May this user take this action on this record now? One policy per record type of the enforcement module.

Each answers from the function permission, the data scope and the record's state: the case procedure's
transition table (``workflows.CASE_FLOW``) for status changes, the ``state_<action>`` methods below for
everything else. Views, buttons and templates ask these (``policy.get``, ``policy.may``, ``policy.buttons``);
the services re-check with the same policy (``policy.check``) so an API call or a command cannot skip what
the page refuses. Certification rules about people (持证上岗, reviewer qualification) are in
``qualifications.py``; the policies ask them for the acts an officer signs.
"""
from fazhi.core import clock
from fazhi.orgs import scope
from fazhi.orgs.policy import Policy

from . import qualifications
from .choices import CaseStatus, PublicationStatus
from .models import Case, EnforcementBody, InspectionItem, Officer, Publication
from .permissions import EnforcementPerm as P
from .workflows import CASE_FLOW, RULE_SIGN


class EnforcementPolicy(Policy):
    """What the enforcement policies share.

    ``either``: actions that either of two function permissions allows (the case's officers or the unit's
    register keeper); the user passes with any held permission whose grant reaches the record.
    """

    either: dict = {}
    #: actions that read a record rather than change it (checked against the view scope of their permission)
    reading: tuple = ()

    def actor_refusal(self, user, action, obj=None):
        """``None`` when ``user`` holds the function permission for ``action`` and ``obj`` lies in the reach of
        that permission's grant; else the reason. The record's state is not asked (the page shows why a step
        cannot be taken now; a missing permission or a record out of reach is a 403)."""
        if user is None or not user.is_authenticated:
            return "请先登录。"
        perms = self.either.get(action) or (self.permission_of(action),)
        held = [p for p in perms if p is None or user.has_perm(p)]
        if not held:
            return "您没有此项操作的权限。"
        if obj is None:
            return None if self.can(user, action) else "您没有此项操作的权限。"
        check = scope.can_see if action in self.reading else scope.can_change
        if not any(check(user, obj, perm=p) for p in held):
            return "该记录不在您可以办理的范围内。"
        return None

    def permission_of(self, action):
        if action in self.either:
            return self.either[action][0]
        return super().permission_of(action)

    def can(self, user, action):
        if action not in self.either:
            return super().can(user, action)
        if user is None or not user.is_authenticated:
            return False
        return any(user.has_perm(p) and not scope.reach(user, perm=p, write=True).nothing
                   for p in self.either[action])

    def refusal(self, user, action, obj=None, *, on=None):
        if action not in self.either:
            return super().refusal(user, action, obj, on=on)
        if user is None or not user.is_authenticated:
            return "请先登录。"
        held = [p for p in self.either[action] if user.has_perm(p)]
        if not held:
            return "您没有此项操作的权限。"
        if obj is None:
            return None if self.can(user, action) else "您没有此项操作的权限。"
        if not any(scope.can_change(user, obj, perm=p) for p in held):
            return "该记录不在您可以办理的范围内。"
        state = getattr(self, f"state_{action}", None)
        return state(obj, on or clock.today()) if state is not None else None


class CasePolicy(EnforcementPolicy):
    """An enforcement case: its procedure (the workflow), the record-keeping acts its officers sign, the
    change or revocation of its decision and the office's case-file evaluation."""

    model = Case
    view_permission = P.VIEW
    workflow = CASE_FLOW
    permissions = {"register": P.HANDLE, "add_record": P.HANDLE, "assign_officer": P.HANDLE, "add_party": P.HANDLE,
                   "set_major": P.HANDLE, "evaluate": P.EVALUATE}
    either = {"revoke": (P.MANAGE, P.HANDLE)}
    reading = ("evaluate",)
    #: acts signed by one of the case's certified officers (持证上岗; a penalty needs two)
    signed = ("add_record", "assign_officer", "add_party", "set_major")

    def actions(self):
        return [*super().actions(), *self.either]

    def refusal(self, user, action, obj=None, *, on=None):
        if action == "evaluate" and obj is not None:
            # 案卷评查 reads the file of any case the evaluator may see; it changes nothing of the case
            if user is None or not user.is_authenticated:
                return "请先登录。"
            if not user.has_perm(P.EVALUATE):
                return "您没有此项操作的权限。"
            if not scope.can_see(user, obj, perm=P.EVALUATE):
                return "该记录不在您可以查看的范围内。"
            return self.state_evaluate(obj, on or clock.today())
        reason = super().refusal(user, action, obj, on=on)
        if reason is None and obj is not None and action in self.signed:
            # adding an officer is how an incomplete team is completed: only the actor's own certificate counts
            rule = qualifications.member_refusal if action == "assign_officer" else qualifications.signer_refusal
            reason = rule(user, obj, on)
            if reason and RULE_SIGN not in reason:
                reason = f"{reason}（{RULE_SIGN}）"
        return reason

    @staticmethod
    def _open(case):
        if case.status == CaseStatus.CLOSED:
            return "案件已结案，不能再修改"
        return None

    def state_add_record(self, case, on):
        return self._open(case)

    def state_assign_officer(self, case, on):
        return self._open(case)

    def state_add_party(self, case, on):
        if case.decided_on:
            return "已作出决定的案件不能再增加当事人"
        return self._open(case)

    def state_set_major(self, case, on):
        if case.status in (CaseStatus.REVIEW, CaseStatus.REVIEWED) or case.decided_on:
            return "法制审核开始后不能再变更重大执法决定情形"
        return self._open(case)

    def state_revoke(self, case, on):
        if not case.decided_on:
            return "案件尚未作出决定"
        if case.revoked_on:
            return "该决定已登记变更/撤销"
        return None

    def state_evaluate(self, case, on):
        if not case.decided_on:
            return "只有已作出决定的案卷才能评查"
        return None


class PublicationPolicy(EnforcementPolicy):
    """The publication of a case's decision (事后公开) and its withdrawal."""

    model = Publication
    view_permission = P.VIEW
    either = {"publish": (P.HANDLE, P.MANAGE), "withdraw": (P.MANAGE, P.HANDLE)}

    def actions(self):
        return list(self.either)

    def state_publish(self, publication, on):
        if publication.status == PublicationStatus.NOT_PUBLISHED or publication.case.has_minor_party:
            return "当事人为未成年人的案件依法不予公开"
        if publication.status != PublicationStatus.PENDING:
            return f"该决定{publication.get_status_display()}，不能再次公示"
        if publication.case.revoked_on:
            return "决定已变更或撤销，不能公示原决定"
        return None

    def state_withdraw(self, publication, on):
        if publication.status != PublicationStatus.PUBLISHED:
            return "该决定没有处于公示中的信息"
        return None


class OfficerPolicy(EnforcementPolicy):
    """An enforcement officer and the certificate he or she holds."""

    model = Officer
    view_permission = P.VIEW
    permissions = {"create": P.MANAGE, "edit": P.MANAGE, "train": P.MANAGE, "set_status": P.CERTIFY,
                   "import": P.CERTIFY}


class BodyPolicy(EnforcementPolicy):
    """An enforcement body (执法主体) and what it publishes before any act (事前公开)."""

    model = EnforcementBody
    view_permission = P.VIEW
    permissions = {"create": P.MANAGE, "edit": P.MANAGE}


class InspectionPolicy(EnforcementPolicy):
    """A random-inspection item (随机抽查事项清单)."""

    model = InspectionItem
    view_permission = P.VIEW
    permissions = {"create": P.MANAGE, "edit": P.MANAGE}


cases = CasePolicy()
publications = PublicationPolicy()
officers = OfficerPolicy()
bodies = BodyPolicy()
inspections = InspectionPolicy()
