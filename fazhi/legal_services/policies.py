"""May this user take this action on this record now? One policy per record type of the module.

A service log is seen by the units it concerns (the village, its township, the justice bureau) through the
``view`` permission and by its own lawyer through ``log`` — a lawyer's grant names the villages served, but
the lawyer sees only his or her own logs there (仅本人), never a colleague's.
"""
from django.db.models import Q

from fazhi.orgs import scope
from fazhi.orgs.policy import Policy

from .models import (
    AidApplication,
    Assignment,
    ContractPayment,
    Lawyer,
    ServiceContract,
    ServiceLog,
    VillageAgreement,
)
from .permissions import LegalPerm as P
from .workflows import AID_FLOW, LOG_FLOW


class ServiceLogPolicy(Policy):
    model = ServiceLog
    view_permission = P.VIEW
    workflow = LOG_FLOW
    permissions = {"create": P.LOG}

    def visible(self, user, qs=None, *, action="view"):
        qs = self.model._default_manager.all() if qs is None else qs
        if action != "view":
            return super().visible(user, qs, action=action)
        if user is None or not user.is_authenticated:
            return qs.none()
        q = Q(pk__in=[])
        if user.has_perm(P.VIEW):
            q |= Q(pk__in=scope.visible(user, qs, perm=P.VIEW).values("pk"))
        if user.has_perm(P.LOG):
            q |= Q(lawyer__user=user)
        return qs.filter(q)

    def can(self, user, action):
        if action == "view" and user is not None and user.is_authenticated and user.has_perm(P.LOG):
            return True
        return super().can(user, action)

    def actor_refusal(self, user, action, obj):
        """``None`` when ``user`` holds the permission of the step ``action`` and ``obj`` lies in that grant's
        reach; else the reason (a 403). The log's state and the step's guard are not asked here: the step page
        shows them as a warning (``refusal``)."""
        transition = self.workflow.transition(action)
        if user is None or not user.is_authenticated:
            return "请先登录。"
        if not user.has_perm(transition.permission):
            return "您没有此项操作的权限。"
        if not scope.can_change(user, obj, perm=transition.permission):
            return "该记录不在您可以办理的范围内。"
        return None

    def refusal(self, user, action, obj=None, *, on=None):
        if action == "view" and obj is not None:
            return None if self.visible(user).filter(pk=obj.pk).exists() else "该记录不在您可以查看的范围内。"
        return super().refusal(user, action, obj, on=on)


class LawyerPolicy(Policy):
    model = Lawyer
    view_permission = P.VIEW
    permissions = {"create": P.MANAGE, "edit": P.MANAGE, "assign": P.MANAGE}


class AssignmentPolicy(Policy):
    model = Assignment
    view_permission = P.VIEW
    permissions = {"create": P.MANAGE}


class AgreementPolicy(Policy):
    model = VillageAgreement
    view_permission = P.VIEW
    permissions = {"create": P.MANAGE}


class AidPolicy(Policy):
    model = AidApplication
    view_permission = P.AID
    workflow = AID_FLOW
    permissions = {"create": P.AID}


class ContractPolicy(Policy):
    model = ServiceContract
    view_permission = P.VIEW
    permissions = {"create": P.MANAGE, "milestone": P.MANAGE, "accept": P.MANAGE}

    def state_accept(self, contract, on):
        return "该合同已验收" if contract.accepted_on else None


class PaymentPolicy(Policy):
    """A contract's payment milestone (付款节点): accepted, then paid, each once."""

    model = ContractPayment
    view_permission = P.VIEW
    permissions = {"pay": P.MANAGE, "accept": P.MANAGE}

    def state_pay(self, payment, on):
        return "该付款节点已付款" if payment.paid_on else None

    def state_accept(self, payment, on):
        return "该付款节点已验收" if payment.accepted_on else None


logs = ServiceLogPolicy()
lawyers = LawyerPolicy()
assignments = AssignmentPolicy()
agreements = AgreementPolicy()
aid = AidPolicy()
contracts = ContractPolicy()
payments = PaymentPolicy()
