"""Public comment: the comment window, comments from anyone, their disposition and hiding."""
from django.db import transaction

from fazhi.core import comments
from fazhi.core.errors import DomainError

from .. import workflows as wf
from ..choices import ParticipationMethod, StepCode
from ..models import ProcedureStep, PublicComment
from ..policies import COMMENTS, comment_window_refusal
from ._common import _event


@transaction.atomic
def comment_open(*, actor, decision, comment_start, comment_end, shortening_reason=""):
    """Publish the draft and its explanation for comment (713号 art. 15): at least 30 days unless a reason is given."""
    step = ProcedureStep.objects.select_for_update().get(decision=decision, code=StepCode.PUBLIC_PARTICIPATION)
    refusal = wf.comment_period_refusal(comment_start, comment_end, shortening_reason)
    if refusal:
        raise DomainError(f"{refusal}（{wf.R_COMMENT}）", field="comment_end")
    step.comment_start, step.comment_end = comment_start, comment_end
    step.shortening_reason = (shortening_reason or "").strip()
    if ParticipationMethod.ONLINE not in step.methods:
        step.methods = [*step.methods, ParticipationMethod.ONLINE]
    step.save()
    changes = {"comment_start": [None, str(comment_start)], "comment_end": [None, str(comment_end)]}
    if step.shortening_reason:
        changes["shortening_reason"] = [None, step.shortening_reason]
    decision = wf.DECISION_FLOW.apply(actor=actor, obj=decision, action="comment_open", changes=changes)
    _event(decision, actor, f"公开征求意见：{comment_start:%Y-%m-%d}至{comment_end:%Y-%m-%d}")
    return decision


@transaction.atomic
def comment_close(*, actor, decision):
    decision = wf.DECISION_FLOW.apply(actor=actor, obj=decision, action="comment_close")
    _event(decision, actor, f"结束征求意见，共收到意见{decision.comments.count()}条")
    return decision


address_hash = comments.address_hash


def _window(decision, today):
    step = ProcedureStep.objects.filter(decision=decision, code=StepCode.PUBLIC_PARTICIPATION).first()
    return comment_window_refusal(decision, step, today)


def comment_submit(*, decision, body, address, name="", contact="", now=None):
    """A comment from anyone, no account needed, checked by the shared mechanism (``fazhi.core.comments``)."""
    return comments.submit(model=PublicComment, owner_field="decision", owner=decision, window=_window,
                           event="decisions.comment_submitted", unit_of=lambda d: d.lead_unit, body=body,
                           address=address, name=name, contact=contact, now=now)


def comment_dispose(*, actor, comment, disposition, reason=""):
    return comments.dispose(actor=actor, comment=comment, disposition=disposition, reason=reason, policy=COMMENTS,
                            event="decisions.comment_disposed")


@transaction.atomic
def comment_hide(*, actor, comment, reason):
    """Hide abusive content from the public account; the comment stays in the archive with who and why."""
    comment = comments.hide(actor=actor, comment=comment, reason=reason, policy=COMMENTS,
                            event="decisions.comment_hidden")
    _event(comment.decision, actor, f"屏蔽第{comment.number}条意见：{comment.hidden_reason}")
    return comment
