"""The workflow helper: a model's procedure as a transition table, applied in one place.

A module's ``workflows.py`` declares, for one model, every ``Transition``: the action, the
statuses it may leave from, the status it reaches, the function permission it needs, and its
guard ``may_<action>(user, obj)`` — a function that returns ``None`` when the action is allowed
or a Chinese sentence saying why not (citing the law and article it enforces).

Guards are called as ``guard(user, obj, on)``: ``on`` is the day the act takes place (the date
staff type for a step done on paper, else ``fazhi.core.clock.today()``), passed explicitly so a
certificate, a deadline or a window is judged on the day of the act — never on an ambient "today".

The data-scope check of a transition uses the grant that carries the transition's own function
permission (``Transition.permission``), unless the workflow names another (``scope_permission``):
a user whose only grant in scope lacks that permission is refused.

``Workflow.apply`` locks the row, checks status, permission, data scope and guard again,
changes the status, runs the service's ``effect`` (which writes the step's own record), and
writes the audit entry — all in one transaction. Templates never check a status: they ask the
record type's policy (``fazhi.orgs.policy``), which asks ``Workflow.available`` which actions to show.
"""
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.db import transaction

from . import access, audit, clock
from .errors import DomainError

#: each record type's main workflow (the first declared on its model), for the "what happens next" line
_main_workflows: dict = {}


def workflow_of(obj):
    """The main workflow of ``obj``'s model, or ``None``."""
    return _main_workflows.get(type(obj))


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: tuple
    target: str
    event: str  # the audit event (registered by the module) this transition records
    permission: str | None = None
    guard: Callable[[Any, Any], str | None] | None = None
    rule: str = ""  # the law and article it enforces, in plain Chinese (shown with a refusal)
    confirm: str = ""  # a confirmation question for destructive or irreversible steps
    needs_reason: bool = False
    style: str = "primary"
    actor_label: str = ""  # who takes this step, in plain Chinese ("法治办", "起草单位", "法制审核人员")


@dataclass
class Workflow:
    model: type
    transitions: list
    field: str = "status"
    scope_permission: str | None = None
    #: ``waiting(obj) -> str | None``: "what happens next" for a record waiting on a step outside the table
    #: (e.g. a review opinion given on the review's own page); ``None`` falls back to the table
    waiting: Callable[[Any], str | None] | None = None
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
        _main_workflows.setdefault(self.model, self)

    def transition(self, action) -> Transition:
        try:
            return self._by_action[action]
        except KeyError:
            raise DomainError(f"未知操作：{action}。") from None

    def state_refusal(self, obj, action):
        """``None`` when ``obj``'s status allows ``action``, else the reason in Chinese."""
        t = self.transition(action)
        status = getattr(obj, self.field)
        if status not in t.sources:
            label = dict(self.model._meta.get_field(self.field).choices).get(status, status)
            return f"当前状态为“{label}”，不能{t.label}。"
        return None

    def refusal(self, user, obj, action, *, on=None):
        """``None`` when ``user`` may take ``action`` on ``obj`` on day ``on`` (default today), else the
        reason in Chinese."""
        t = self.transition(action)
        on = on or clock.today()
        state = self.state_refusal(obj, action)
        if state:
            return state
        if user is not None:
            if t.permission and not user.has_perm(t.permission):
                return f"您没有“{t.label}”的权限。"
            if not access.can_change(user, obj, perm=self.scope_permission or t.permission):
                return "该记录不在您可以办理的范围内。"
        if t.guard is not None:
            reason = t.guard(user, obj, on)
            if reason:
                return f"{reason}（{t.rule}）" if t.rule and t.rule not in reason else reason
        return None

    def available(self, user, obj, *, on=None):
        """The transitions ``user`` may take on ``obj`` on day ``on`` (for the record page's buttons)."""
        status = getattr(obj, self.field)
        return [t for t in self.transitions
                if status in t.sources and self.refusal(user, obj, t.action, on=on) is None]

    def next_steps(self, obj):
        """The transitions the record's status allows next, whoever may take them (for "what happens next")."""
        status = getattr(obj, self.field)
        return [t for t in self.transitions if status in t.sources]

    def next_step_text(self, obj, *, on=None):
        """What happens next and who does it, in plain Chinese ("待法治办统一登记编号"), or "" at the end.

        Built from ``next_steps``: steps that need a reason (returning, withdrawing, repealing) are the
        exceptions, not the next step; steps whose guard already lets them go (judged without a user) come
        first. Steps outside the table speak through the workflow's ``waiting(obj)``.
        """
        if self.waiting is not None:
            text = self.waiting(obj)
            if text:
                return text
        steps = [t for t in self.next_steps(obj) if not t.needs_reason]
        on = on or clock.today()
        ready = [t for t in steps if self._guard_lets_go(t, obj, on)]
        steps = ready or steps
        if not steps:
            return ""
        groups: dict[str, list] = {}
        for t in steps:
            groups.setdefault(t.actor_label, []).append(t.label)
        parts = [f"{actor}{'或'.join(labels)}" for actor, labels in groups.items()]
        return "待" + "，或".join(parts)

    @staticmethod
    def _guard_lets_go(t, obj, on):
        if t.guard is None:
            return True
        try:
            return not t.guard(None, obj, on)
        except (AttributeError, TypeError):  # a guard that needs a signed-in user: not judged here
            return False

    def apply(self, *, actor, obj, action, reason="", changes=None, effect=None, on=None, not_before=None,
              backdate_reason=""):
        """Move ``obj`` along ``action`` on day ``on`` (default today). ``effect(obj)`` runs after the guard,
        inside the transaction.

        A typed ``on`` is checked by ``clock.check_act_date``: not in the future, not before ``not_before``
        (the previous step's date), and further back than the office allows only with ``backdate_reason``,
        which the audit entry keeps.
        """
        t = self.transition(action)
        if t.needs_reason and not (reason or "").strip():
            raise DomainError(f"请填写{t.label}的理由。", field="reason")
        on = clock.check_act_date(on, not_before=not_before, backdate_reason=backdate_reason)
        with transaction.atomic():
            locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
            refusal = self.refusal(actor, locked, action, on=on)
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
            if backdate_reason:
                recorded["backdate_reason"] = [None, backdate_reason]
            audit.record(actor=actor, event=t.event, obj=locked, changes=recorded)
        return locked
