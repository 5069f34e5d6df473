"""One policy per record type: may this user take this action on this record now?

Three things decide, always together and always here:

1. the **function permission** (功能权限) the action needs — from the user's roles;
2. the **data scope** (数据权限) — the record's owning unit must lie in the reach of a grant that
   carries that same permission (read-only roles such as 县领导 never change anything);
3. the **state of the record** — for a workflow action, the transition table and its guard
   (``fazhi.core.workflow``); for any other action, the policy's ``state_<action>(obj, on)`` method,
   which returns ``None`` or the Chinese reason.

Views ask ``policy.refusal(...)`` / ``policy.can_on(...)`` before calling a service; record pages
put ``policy.may(user, obj)`` in the template as ``may`` and write ``{% if may.publish %}`` — a
template never compares a status. Services re-check with ``policy.check(...)`` so an API call or a
command cannot skip what the page refuses.

A module declares, in its ``policies.py``::

    class CasePolicy(Policy):
        model = Case
        view_permission = P.VIEW
        permissions = {"create": P.HANDLE, "add_record": P.HANDLE, "publish": P.MANAGE, ...}
        workflow = CASE_FLOW          # its transitions are actions of this policy too

        def state_add_record(self, case, on):
            if case.closed_on:
                return "案件已结案，不能再追加记录"
"""
from fazhi.core.errors import DomainError, NotFound

from . import scope


class Policy:
    model = None
    view_permission: str | None = None
    permissions: dict = {}
    workflow = None
    #: actions that only read (judged by the data scope a user may *see*, read-only roles included)
    read_actions: frozenset = frozenset({"view"})

    # Who ------------------------------------------------------------------------------------

    def permission_of(self, action):
        if action == "view":
            return self.view_permission
        if self.workflow is not None and action in self.workflow._by_action:
            return self.workflow.transition(action).permission
        try:
            return self.permissions[action]
        except KeyError:
            raise ValueError(f"{type(self).__name__}: unknown action {action!r}") from None

    def can(self, user, action) -> bool:
        """Does ``user`` hold the function permission for ``action`` at all (e.g. a list's 新增 button)?"""
        if user is None or not user.is_authenticated:
            return False
        perm = self.permission_of(action)
        if perm is None:
            return True
        if not user.has_perm(perm):
            return False
        if action not in self.read_actions:  # a read-only role holds view permissions only in effect
            return not scope.reach(user, perm=perm, write=True).nothing
        return True

    def can_all(self, user, actions):
        """``{action: can(user, action)}`` for a list page's toolbar."""
        return {a: self.can(user, a) for a in actions}

    # Which records ------------------------------------------------------------------------------

    def visible(self, user, qs=None, *, action="view"):
        """Records of this type ``user`` may see (``view``) or act on (any other action)."""
        qs = self.model._default_manager.all() if qs is None else qs
        perm = self.permission_of(action)
        if action in self.read_actions:
            return scope.visible(user, qs, perm=perm)
        return scope.changeable(user, qs, perm=perm)

    def get(self, user, pk, qs=None, *, action="view"):
        """The record ``pk`` if ``user`` may see it (or act on it), else ``NotFound`` (404 — the same answer
        for "does not exist" and "not yours", so a refusal never reveals a record)."""
        obj = self.visible(user, qs, action=action).filter(pk=pk).first() if str(pk).isdecimal() else None
        if obj is None:
            raise NotFound()
        return obj

    # Whether, now -------------------------------------------------------------------------------

    def refusal(self, user, action, obj=None, *, on=None):
        """``None`` when ``user`` may take ``action`` (on ``obj``, on day ``on``), else the reason in Chinese."""
        if self.workflow is not None and action in self.workflow._by_action and obj is not None:
            return self.workflow.refusal(user, obj, action, on=on)
        perm = self.permission_of(action)
        if user is None or not user.is_authenticated:
            return "请先登录。"
        if perm and not user.has_perm(perm):
            return "您没有此项操作的权限。"
        if obj is not None:
            if action in self.read_actions:
                if not scope.can_see(user, obj, perm=perm):
                    return "该记录不在您可以查看的范围内。"
            elif not scope.can_change(user, obj, perm=perm):
                return "该记录不在您可以办理的范围内。"
            state = getattr(self, f"state_{action}", None)
            if state is not None:
                from fazhi.core import clock

                return state(obj, on or clock.today())
        elif action not in self.read_actions and not self.can(user, action):
            return "您没有此项操作的权限。"
        return None

    def can_on(self, user, action, obj=None, *, on=None) -> bool:
        return self.refusal(user, action, obj, on=on) is None

    def check(self, user, action, obj=None, *, on=None, field=None):
        """Raise ``DomainError`` with the reason when ``user`` may not take ``action`` (services call this)."""
        reason = self.refusal(user, action, obj, on=on)
        if reason:
            raise DomainError(reason, field=field, code="policy_refused")

    def may(self, user, obj=None, *, on=None, actions=None):
        """``{action: bool}`` for every action of this policy (or ``actions``): the template's ``may``."""
        names = list(actions) if actions is not None else self.actions()
        return {a: self.can_on(user, a, obj, on=on) for a in names}

    def actions(self):
        names = list(self.permissions)
        if self.workflow is not None:
            names += [t.action for t in self.workflow.transitions]
        return names

    def buttons(self, user, obj, *, on=None):
        """The workflow transitions ``user`` may take on ``obj`` now (the record page's action buttons)."""
        if self.workflow is None:
            return []
        return self.workflow.available(user, obj, on=on)
