"""May this user take this action on this record now? One policy per record type of the disputes module.

Petitions are the most sensitive records here: a person a petition complains about (``subject_user``) never
sees it — not in a list, not by its address (404) — and can take no step on it.

A lawyer who logged work on a petition in the legal-services module (a service log linking it) may read that
petition's page — what the lawyer needs to take part in handling it — and nothing more: no step, no letter, no
other petition; never when the petition is about the lawyer.
"""
from django.db.models import Q

from fazhi.orgs import scope
from fazhi.orgs.policy import Policy

from .choices import OPEN_CASE_STATUSES, CaseStatus, ClusterStatus, MediationKind, PetitionLevel, PetitionStatus
from .models import DisputeCluster, HallDuty, MediationCase, MediationOrg, Petition
from .permissions import DisputesPerm as P
from .workflows import PETITION_FLOW, not_subject


class PetitionPolicy(Policy):
    model = Petition
    view_permission = P.PETITION_VIEW
    workflow = PETITION_FLOW
    permissions = {"register": P.PETITION_REGISTER, "extend": P.PETITION_HANDLE, "assign_lawyers": P.PETITION_REGISTER,
                   "letter": P.PETITION_VIEW, "note": P.PETITION_HANDLE, "resolve": P.PETITION_HANDLE}
    read_actions = frozenset({"view", "letter"})

    def visible(self, user, qs=None, *, action="view"):
        base = self.model._default_manager.all() if qs is None else qs
        qs = super().visible(user, base, action=action)
        if user is None or not user.is_authenticated:
            return qs
        if action == "view":
            linked = self.linked_by_log(user)
            if linked:
                qs = base.filter(Q(pk__in=qs.values("pk")) | Q(pk__in=linked))
        return qs.exclude(subject_user_id=user.pk)

    @staticmethod
    def linked_by_log(user):
        """Ids of the petitions ``user`` logged lawyer's work on (the legal-services service logs' link, read
        through the reverse relation — no import of that module)."""
        return list(Petition.objects.filter(legal_logs__lawyer__user=user).values_list("pk", flat=True).distinct())

    def refusal(self, user, action, obj=None, *, on=None):
        if obj is not None:
            reason = not_subject(user, obj)
            if reason:
                return reason
        return super().refusal(user, action, obj, on=on)

    def state_extend(self, petition, on):
        if petition.status != PetitionStatus.ACCEPTED:
            return "只有办理中的信访事项可以延长办理期限"
        return None

    def state_letter(self, petition, on):
        if not petition.answered_on:
            return "尚未出具处理意见书"
        return None

    def state_assign_lawyers(self, petition, on):
        return None

    @staticmethod
    def _in_charge(petition):
        if petition.level != PetitionLevel.DIFFICULT:
            return "只有疑难信访事项实行包案化解"
        if not petition.leader_in_charge:
            return "尚未明确包案领导"
        if petition.resolved_on:
            return "该疑难信访事项已化解"
        return None

    def state_note(self, petition, on):
        return self._in_charge(petition)

    def state_resolve(self, petition, on):
        return self._in_charge(petition)


class MediationCasePolicy(Policy):
    model = MediationCase
    view_permission = P.VIEW
    permissions = {"register": P.MEDIATE, "session": P.MEDIATE, "refuse": P.MEDIATE, "agree": P.MEDIATE,
                   "effective": P.MEDIATE, "confirm": P.MEDIATE, "fail": P.MEDIATE, "refer": P.MEDIATE,
                   "escalate": P.MEDIATE, "follow": P.MEDIATE}

    @staticmethod
    def _mediable(case):
        if case.status not in (CaseStatus.REGISTERED, CaseStatus.MEDIATING):
            return f"案件{case.get_status_display()}，不能再进行此项调解活动"
        return None

    def state_session(self, case, on):
        return self._mediable(case)

    def state_refuse(self, case, on):
        return self._mediable(case)

    def state_agree(self, case, on):
        return self._mediable(case)

    def state_fail(self, case, on):
        return self._mediable(case)

    def state_refer(self, case, on):
        return self._mediable(case)

    def state_effective(self, case, on):
        if case.status != CaseStatus.AGREED:
            return "尚未登记调解协议"
        return None

    def state_confirm(self, case, on):
        if case.status != CaseStatus.EFFECTIVE or case.kind != MediationKind.PEOPLE:
            return "只有已生效的人民调解协议可以申请司法确认"
        if case.confirmation_applied_on:
            return "已申请司法确认"
        return None

    def state_follow(self, case, on):
        if case.status != CaseStatus.EFFECTIVE:
            return "只有已生效的调解协议需要回访履行情况"
        if case.performed_on:
            return "调解协议已履行完毕"
        return None

    def state_escalate(self, case, on):
        if case.status not in OPEN_CASE_STATUSES:
            return "案件已办结"
        return None

    def takeover_refusal(self, user, case):
        """The receiving organisation's staff take over a referred case (三调联动)."""
        if case.status != CaseStatus.REFERRED or case.referral_to_id is None:
            return "该案件没有待接收的移交"
        if not user.has_perm(P.MEDIATE) or not scope.can_change(user, case.referral_to, perm=P.MEDIATE):
            return "只有接收移交的调解组织可以接收该案件"
        return None


class OrgPolicy(Policy):
    model = MediationOrg
    view_permission = P.VIEW
    permissions = {"create": P.MANAGE, "add_mediator": P.MANAGE, "add_return": P.MANAGE, "train": P.MANAGE}


class ClusterPolicy(Policy):
    """A cluster is read by the office and by the staff (within their scope) of its lead unit and of its member
    units; the office and the lead unit's staff change it (add members, meetings, households); leaders read."""

    model = DisputeCluster
    view_permission = P.VIEW
    permissions = {"create": P.MANAGE, "edit": P.MANAGE, "add_member": P.MANAGE, "add_meeting": P.MANAGE,
                   "add_household": P.MANAGE, "update_household": P.MANAGE}

    def visible(self, user, qs=None, *, action="view"):
        base = self.model._default_manager.all() if qs is None else qs
        qs = super().visible(user, base, action=action)
        if action not in self.read_actions or user is None or not user.is_authenticated:
            return qs
        units = scope.visible_unit_ids(user, perm=self.view_permission)
        if units is None or not units:
            return qs
        joined = base.filter(member_units__in=units).values("pk")
        return base.filter(Q(pk__in=qs.values("pk")) | Q(pk__in=joined))

    def refusal(self, user, action, obj=None, *, on=None):
        if obj is not None and action in self.read_actions and user is not None and user.is_authenticated:
            if user.has_perm(self.view_permission) and self.visible(user).filter(pk=obj.pk).exists():
                return None
        return super().refusal(user, action, obj, on=on)

    @staticmethod
    def _open(cluster):
        if cluster.status == ClusterStatus.RESOLVED:
            return "该专项已化解，不能再登记"
        return None

    def state_add_member(self, cluster, on):
        return self._open(cluster)

    def state_add_meeting(self, cluster, on):
        return self._open(cluster)

    def state_add_household(self, cluster, on):
        return self._open(cluster)

    def state_update_household(self, cluster, on):
        return self._open(cluster)


class HallPolicy(Policy):
    model = HallDuty
    view_permission = P.HALL
    permissions = {"record": P.HALL}


petitions = PetitionPolicy()
cases = MediationCasePolicy()
orgs = OrgPolicy()
clusters = ClusterPolicy()
hall = HallPolicy()
