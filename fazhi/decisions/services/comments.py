"""Public comment: the comment window, comments from anyone, their disposition and hiding."""
import datetime
import hashlib

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from fazhi.core import audit, clock
from fazhi.core.errors import DomainError
from fazhi.core.rules import get_setting
from fazhi.core.text import clean_text, compare_key

from .. import workflows as wf
from ..choices import Disposition, ParticipationMethod, StepCode
from ..models import Decision, ProcedureStep, PublicComment
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


def address_hash(address):
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address or ''}".encode()).hexdigest()


@transaction.atomic
def comment_submit(*, decision, body, address, name="", contact="", now=None):
    """A comment from anyone, no account needed. Checked against abuse: rate per address, length, duplicates."""
    today = clock.local(now).date() if now else clock.today()
    now = now or timezone.now()
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    step = ProcedureStep.objects.get(decision=decision, code=StepCode.PUBLIC_PARTICIPATION)
    refusal = comment_window_refusal(decision, step, today)
    if refusal:
        raise DomainError(refusal)
    body = clean_text(body)
    shortest, longest = get_setting("decisions.comment_min_length"), get_setting("decisions.comment_max_length")
    if len(body) < shortest:
        raise DomainError(f"意见内容至少{shortest}个字。", field="body")
    if len(body) > longest:
        raise DomainError(f"意见内容不能超过{longest}个字（现为{len(body)}个字）。", field="body")
    if len(name or "") > 50:
        raise DomainError("姓名不能超过50个字。", field="name")
    if len(contact or "") > 100:
        raise DomainError("联系方式不能超过100个字。", field="contact")
    source = address_hash(address)
    limit = get_setting("decisions.comment_rate_limit")
    recent = PublicComment.objects.filter(address_hash=source, submitted_at__gte=now - datetime.timedelta(hours=1))
    if recent.count() >= limit:
        raise DomainError(f"提交过于频繁：同一来源每小时最多提交{limit}条意见，请稍后再试。")
    digest = hashlib.sha256(compare_key(body).encode()).hexdigest()  # same text to a reader → same digest
    if PublicComment.objects.filter(decision=decision, body_hash=digest).exists():
        raise DomainError("已收到内容相同的意见，请勿重复提交。", field="body")
    number = (decision.comments.aggregate(m=Max("number"))["m"] or 0) + 1
    comment = PublicComment.objects.create(decision=decision, number=number, body=body, name=(name or "").strip(),
                                           contact=(contact or "").strip(), address_hash=source, body_hash=digest,
                                           submitted_at=now)
    audit.record(actor=None, event="decisions.comment_submitted", obj=comment, unit=decision.lead_unit,
                 changes={"number": [None, number], "length": [None, len(body)]})
    return comment


@transaction.atomic
def comment_dispose(*, actor, comment, disposition, reason=""):
    comment = PublicComment.objects.select_for_update().select_related("decision").get(pk=comment.pk)
    if disposition not in (Disposition.ADOPTED, Disposition.PARTLY, Disposition.REJECTED):
        raise DomainError("请选择处理结果：采纳、部分采纳或不采纳。", field="disposition")
    if disposition != Disposition.ADOPTED and not (reason or "").strip():
        raise DomainError("部分采纳或不采纳的，须说明理由。", field="reason")
    COMMENTS.check(actor, "dispose", comment)
    before = {"disposition": comment.disposition, "reason": comment.disposition_reason}
    comment.disposition = disposition
    comment.disposition_reason = (reason or "").strip()
    comment.disposed_by = actor
    comment.disposed_at = timezone.now()
    comment.save()
    audit.record(actor=actor, event="decisions.comment_disposed", obj=comment,
                 changes=audit.diff(before, {"disposition": disposition, "reason": comment.disposition_reason}))
    return comment


@transaction.atomic
def comment_hide(*, actor, comment, reason):
    """Hide abusive content from the public account; the comment stays in the archive with who and why."""
    comment = PublicComment.objects.select_for_update().select_related("decision").get(pk=comment.pk)
    COMMENTS.check(actor, "hide", comment)
    if not (reason or "").strip():
        raise DomainError("请填写屏蔽理由。", field="reason")
    comment.hidden = True
    comment.hidden_reason = reason.strip()
    comment.hidden_by = actor
    comment.hidden_at = timezone.now()
    comment.save()
    _event(comment.decision, actor, f"屏蔽第{comment.number}条意见：{comment.hidden_reason}")
    audit.record(actor=actor, event="decisions.comment_hidden", obj=comment,
                 changes={"hidden": [False, True], "reason": [None, comment.hidden_reason]})
    return comment
