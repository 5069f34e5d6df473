"""Policies of the suggestions part: a suggestion/proposal (its handling workflow, publication of the reply)
and an accountability record (seen by the office and leaders only)."""
from fazhi.core.rules import get_setting
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
    permissions = {"import": OversightPerm.MANAGE, "publish": OversightPerm.MANAGE}

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
    permissions = {"create": OversightPerm.ACCOUNTABILITY}


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
