"""The workflow helper: a model's procedure as a transition table, applied in one place.

A module's ``workflows.py`` declares, for one model, every ``Transition``: the action, the
statuses it may leave from, the status it reaches, the function permission it needs, and its
guard ``may_<action>(user, obj)`` — a function that returns ``None`` when the action is allowed
or a Chinese sentence saying why not (citing the rule of RULES.md it enforces).

``Workflow.apply`` locks the row, checks status, permission, data scope and guard again,
changes the status, runs the service's ``effect`` (which writes the step's own record), and
writes the audit entry — all in one transaction. Templates never check a status: they ask
``Workflow.available(user, obj)`` which actions to show.
"""
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.db import transaction

from . import audit
from .errors import DomainError


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: tuple
    target: str
    event: str  # the audit event (registered by the module) this transition records
    permission: str | None = None
    guard: Callable[[Any, Any], str | None] | None = None
    rule: str = ""  # the rule it enforces, e.g. "RULES.md §4.2 合法性审核"
    confirm: str = ""  # a confirmation question for destructive or irreversible steps
    needs_reason: bool = False
    style: str = "primary"


@dataclass
class Workflow:
    model: type
    transitions: list
    field: str = "status"
    scope_permission: str | None = None
    _by_action: dict = dataclass_field(default_factory=dict, init=False, repr=False)

    def __post_init__(self):
        for t in self.transitions:
            if t.action in self._by_action:
                raise ValueError(f"action {t.action} declared twice")
            self._by_action[t.action] = t
        valid = {value for value, _ in self.model._meta.get_field(self.field).choices}
        for t in self.transitions:
            unknown = (set(t.sources) | {t.target}) - valid
            if unknown:
                raise ValueError(f"{self.model.__name__}.{t.action}: unknown statuses {unknown}")

    def transition(self, action) -> Transition:
        try:
            return self._by_action[action]
        except KeyError:
            raise DomainError(f"未知操作：{action}。") from None

    def refusal(self, user, obj, action):
        """``None`` when ``user`` may take ``action`` on ``obj`` now, else the reason in Chinese."""
        t = self.transition(action)
        status = getattr(obj, self.field)
        if status not in t.sources:
            label = dict(self.model._meta.get_field(self.field).choices).get(status, status)
            return f"当前状态为“{label}”，不能{t.label}。"
        if user is not None:
            if t.permission and not user.has_perm(t.permission):
                return f"您没有“{t.label}”的权限。"
            from fazhi.orgs import scope

            if not scope.can_change(user, obj, perm=self.scope_permission):
                return "该记录不在您可以办理的范围内。"
        if t.guard is not None:
            reason = t.guard(user, obj)
            if reason:
                return f"{reason}（{t.rule}）" if t.rule and t.rule not in reason else reason
        return None

    def available(self, user, obj):
        """The transitions ``user`` may take on ``obj`` now (for the record page's buttons)."""
        status = getattr(obj, self.field)
        return [t for t in self.transitions if status in t.sources and self.refusal(user, obj, t.action) is None]

    def apply(self, *, actor, obj, action, reason="", changes=None, effect=None):
        """Move ``obj`` along ``action``. ``effect(obj)`` runs after the guard, inside the transaction."""
        t = self.transition(action)
        if t.needs_reason and not (reason or "").strip():
            raise DomainError(f"请填写{t.label}的理由。", field="reason")
        with transaction.atomic():
            locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
            refusal = self.refusal(actor, locked, action)
            if refusal:
                raise DomainError(refusal, code="transition_refused")
            before = getattr(locked, self.field)
            if effect is not None:
                effect(locked)
            setattr(locked, self.field, t.target)
            locked.save()
            recorded = {self.field: [before, t.target], **(changes or {})}
            if reason:
                recorded["reason"] = [None, reason]
            audit.record(actor=actor, event=t.event, obj=locked, changes=recorded)
        return locked
