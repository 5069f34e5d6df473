"""Policies of the suggestions part: a suggestion/proposal (its handling workflow, publication of the reply)
and an accountability record (seen by the office and leaders only)."""
from django.db.models import Q

from fazhi.core.rules import get_setting
from fazhi.orgs import scope
from fazhi.orgs.policy import Policy

from ..models.suggestions import (
    AccountabilityRecord,
    CongressInspection,
    JudicialStatus,
    JudicialSuggestion,
    RectificationTask,
    Suggestion,
    SuggestionStatus,
)
from ..permissions import OversightPerm
from ..workflows.suggestions import SUGGESTION_FLOW, TASK_FLOW


class SuggestionPolicy(Policy):
    model = Suggestion
    view_permission = OversightPerm.VIEW
    workflow = SUGGESTION_FLOW
    permissions = {"import": OversightPerm.MANAGE, "create": OversightPerm.MANAGE, "publish": OversightPerm.MANAGE,
                   "co_opinion": OversightPerm.HANDLE, "reassign": OversightPerm.MANAGE}

    def visible(self, user, qs=None, *, action="view"):
        """As every policy, and (to read) also the suggestions a unit in the reader's reach co-handles."""
        own = super().visible(user, qs, action=action)
        if action != "view":
            return own
        units = scope.visible_unit_ids(user, perm=self.view_permission)
        if units is None:
            return own
        qs = self.model._default_manager.all() if qs is None else qs
        co = self.model._default_manager.filter(co_units__in=units).values("pk")
        return qs.filter(Q(pk__in=own.values("pk")) | Q(pk__in=co))

    def co_units_for(self, user, suggestion):
        """The co-handling units of ``suggestion`` whose opinion ``user`` may give."""
        return scope.changeable(user, suggestion.co_units.all(), perm=self.permissions["co_opinion"])

    def refusal(self, user, action, obj=None, *, on=None):
        if action != "co_opinion" or obj is None:
            return super().refusal(user, action, obj, on=on)
        if user is None or not user.is_authenticated:
            return "请先登录。"
        if not user.has_perm(self.permissions["co_opinion"]):
            return "您没有此项操作的权限。"
        if not self.co_units_for(user, obj).exists():
            return "该件不在您可以会办的范围内（您的单位不是该件的会办单位）。"
        if obj.status != SuggestionStatus.ASSIGNED:
            return "该件不在办理中，不能再提出协办意见"
        return None

    def state_reassign(self, suggestion, on):
        if suggestion.status != SuggestionStatus.ASSIGNED:
            return "只有办理中的建议提案可以调整主办、会办单位"
        return None

    def state_publish(self, suggestion, on):
        if not get_setting("oversight.publish_suggestion_replies"):
            return "本县未开通建议提案答复的网上公开"
        if suggestion.status != SuggestionStatus.CLOSED:
            return "办结后才能公开答复"
        if suggestion.published_on:
            return "答复已公开"
        return None


class AccountabilityPolicy(Policy):
    model = AccountabilityRecord
    view_permission = OversightPerm.VIEW_ACCOUNTABILITY
    permissions = {"create": OversightPerm.ACCOUNTABILITY, "edit": OversightPerm.ACCOUNTABILITY}


class InspectionPolicy(Policy):
    model = CongressInspection
    view_permission = OversightPerm.VIEW
    permissions = {"create": OversightPerm.MANAGE, "add_task": OversightPerm.MANAGE}


class JudicialPolicy(Policy):
    model = JudicialSuggestion
    view_permission = OversightPerm.VIEW
    permissions = {"create": OversightPerm.HANDLE, "reply": OversightPerm.HANDLE, "add_task": OversightPerm.HANDLE}

    def state_reply(self, js, on):
        if js.status != JudicialStatus.RECEIVED:
            return "已经回复"
        return None


class TaskPolicy(Policy):
    model = RectificationTask
    view_permission = OversightPerm.VIEW
    workflow = TASK_FLOW


suggestion_policy = SuggestionPolicy()
inspection_policy = InspectionPolicy()
judicial_policy = JudicialPolicy()
task_policy = TaskPolicy()
accountability_policy = AccountabilityPolicy()
