"""Public comment on drafts: one mechanism for every module that publishes a draft for comment.

A module keeps its own comment model on ``PublicCommentBase`` (a foreign key to its draft, ``scope_owner`` and
the ``Meta`` with its ordering and a unique ``(draft, number)`` constraint) and calls these functions from its
services, passing in what only it knows — the comment window of the draft, the policy that may dispose and
hide, its audit event names:

    comments.submit(model=DocumentComment, owner_field="document", owner=doc, window=window_refusal,
                    event="normative_docs.comment_submitted", unit_of=lambda d: d.unit, body=..., address=...)
    comments.dispose(actor=user, comment=c, disposition=..., reason=..., policy=COMMENTS, event=...)
    comments.hide(actor=user, comment=c, reason=..., policy=COMMENTS, event=...)

Every comment is checked the same way: the window is open, the length is within ``core.comment_min_length`` /
``core.comment_max_length``, one source address (kept only as a keyed digest) sends at most
``core.comment_rate_limit`` comments an hour over all drafts of all modules, and the same text (compared after
normalisation, so full-width and half-width variants are the same text) is taken once per draft. The public
form asks the offline question of ``fazhi.core.challenge``. Comments are numbered per draft under a row lock
on the draft. ``adoption_lines`` writes the body of the published 采纳情况说明 from the dispositions, with
personal data masked.
"""
import datetime
import hashlib

from django import forms
from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from . import audit, clock
from . import forms as core_forms
from .challenge import ChallengeField
from .errors import DomainError
from .masking import mask_text
from .rules import get_setting
from .text import clean_text, compare_key

USER = settings.AUTH_USER_MODEL
NAME_MAX, CONTACT_MAX = 50, 100


class Disposition(models.TextChoices):
    PENDING = "", "待处理"
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    REJECTED = "rejected", "不采纳"


class PublicCommentBase(models.Model):
    """A comment from the public on a draft (no account needed; name and contact are never published)."""

    number = models.PositiveIntegerField("序号")
    body = models.TextField("意见内容")
    name = models.CharField("姓名（不公开）", max_length=NAME_MAX, blank=True)
    contact = models.CharField("联系方式（不公开）", max_length=CONTACT_MAX, blank=True)
    address_hash = models.CharField("来源地址摘要", max_length=64, db_index=True)
    body_hash = models.CharField("内容摘要", max_length=64, db_index=True)
    submitted_at = models.DateTimeField("提交时间", db_index=True)
    disposition = models.CharField("处理结果", max_length=20, choices=Disposition.choices, blank=True, default="")
    disposition_reason = models.TextField("处理理由", blank=True)
    disposed_by = models.ForeignKey(USER, verbose_name="处理人", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    disposed_at = models.DateTimeField("处理时间", null=True, blank=True)
    hidden = models.BooleanField("已屏蔽", default=False)
    hidden_reason = models.CharField("屏蔽理由", max_length=300, blank=True)
    hidden_by = models.ForeignKey(USER, verbose_name="屏蔽人", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    hidden_at = models.DateTimeField("屏蔽时间", null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"第{self.number}条意见"


# Forms ----------------------------------------------------------------------------------------------

class PublicCommentForm(core_forms.Form):
    body = forms.CharField(label="您的意见", widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label="姓名（选填，不公开）", max_length=NAME_MAX, required=False)
    contact = forms.CharField(label="联系方式（选填，不公开）", max_length=CONTACT_MAX, required=False)
    challenge = ChallengeField()

    def comment_data(self):
        """What the service takes (the answered question has nothing to store)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "challenge"}


class DisposeForm(core_forms.Form):
    disposition = forms.ChoiceField(label="处理结果", choices=[("", "（请选择）")] + [c for c in Disposition.choices if c[0]],
                                    error_messages={"required": "请选择处理结果：采纳、部分采纳或不采纳。"})
    reason = forms.CharField(label="理由（部分采纳、不采纳时必填）", widget=forms.Textarea(attrs={"rows": 3}),
                             required=False)


# Checks and writes ----------------------------------------------------------------------------------

def address_hash(address):
    """The source address as a keyed digest: enough to count a source's comments, useless to find it."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address or ''}".encode()).hexdigest()


def body_digest(body):
    """Same text to a reader (full-width/half-width, spacing) → same digest."""
    return hashlib.sha256(compare_key(body).encode()).hexdigest()


def comment_models():
    return [m for m in apps.get_models() if issubclass(m, PublicCommentBase)]


def _check_text(body, name, contact):
    body = clean_text(body)
    shortest, longest = get_setting("core.comment_min_length"), get_setting("core.comment_max_length")
    if len(body) < shortest:
        raise DomainError(f"意见内容至少{shortest}个字。", field="body")
    if len(body) > longest:
        raise DomainError(f"意见内容不能超过{longest}个字（现为{len(body)}个字）。", field="body")
    if len(name or "") > NAME_MAX:
        raise DomainError(f"姓名不能超过{NAME_MAX}个字。", field="name")
    if len(contact or "") > CONTACT_MAX:
        raise DomainError(f"联系方式不能超过{CONTACT_MAX}个字。", field="contact")
    return body


def _check_rate(source, now):
    limit = get_setting("core.comment_rate_limit")
    since = now - datetime.timedelta(hours=1)
    sent = sum(m.objects.filter(address_hash=source, submitted_at__gte=since).count() for m in comment_models())
    if sent >= limit:
        raise DomainError(f"提交过于频繁：同一来源每小时最多提交{limit}条意见，请稍后再试。")


@transaction.atomic
def submit(*, model, owner_field, owner, window, event, unit_of, body, address, name="", contact="", now=None):
    """Check and store one comment on ``owner``; ``window(owner, today)`` is the refusal when the draft does not
    take comments that day (``None`` when it does). The draft row is locked while the comment is numbered."""
    today = clock.local(now).date() if now else clock.today()
    now = now or timezone.now()
    owner = type(owner).objects.select_for_update().get(pk=owner.pk)
    refusal = window(owner, today)
    if refusal:
        raise DomainError(refusal)
    body = _check_text(body, name, contact)
    source = address_hash(address)
    _check_rate(source, now)
    digest = body_digest(body)
    siblings = model.objects.filter(**{owner_field: owner})
    if siblings.filter(body_hash=digest).exists():
        raise DomainError("已收到内容相同的意见，请勿重复提交。", field="body")
    number = (siblings.aggregate(m=Max("number"))["m"] or 0) + 1
    comment = model.objects.create(**{owner_field: owner}, number=number, body=body, name=(name or "").strip(),
                                   contact=(contact or "").strip(), address_hash=source, body_hash=digest,
                                   submitted_at=now)
    audit.record(actor=None, event=event, obj=comment, unit=unit_of(owner),
                 changes={"number": [None, number], "length": [None, len(body)]})
    return comment


def _locked(comment):
    return type(comment).objects.select_for_update().get(pk=comment.pk)


@transaction.atomic
def dispose(*, actor, comment, disposition, reason, policy, event):
    """采纳 / 部分采纳 / 不采纳; the last two with a reason (it is published in the 采纳情况说明)."""
    comment = _locked(comment)
    if disposition not in (Disposition.ADOPTED, Disposition.PARTLY, Disposition.REJECTED):
        raise DomainError("请选择处理结果：采纳、部分采纳或不采纳。", field="disposition")
    if disposition != Disposition.ADOPTED and not (reason or "").strip():
        raise DomainError("部分采纳或不采纳的，须说明理由。", field="reason")
    policy.check(actor, "dispose", comment)
    before = {"disposition": comment.disposition, "reason": comment.disposition_reason}
    comment.disposition = disposition
    comment.disposition_reason = (reason or "").strip()
    comment.disposed_by = actor
    comment.disposed_at = timezone.now()
    comment.save()
    audit.record(actor=actor, event=event, obj=comment,
                 changes=audit.diff(before, {"disposition": disposition, "reason": comment.disposition_reason}))
    return comment


@transaction.atomic
def hide(*, actor, comment, reason, policy, event):
    """Hide abusive content from the public account; the comment stays in the archive with who and why."""
    comment = _locked(comment)
    policy.check(actor, "hide", comment)
    if not (reason or "").strip():
        raise DomainError("请填写屏蔽理由。", field="reason")
    comment.hidden = True
    comment.hidden_reason = reason.strip()
    comment.hidden_by = actor
    comment.hidden_at = timezone.now()
    comment.save()
    audit.record(actor=actor, event=event, obj=comment,
                 changes={"hidden": [False, True], "reason": [None, comment.hidden_reason]})
    return comment


# The 采纳情况说明 ------------------------------------------------------------------------------------

CN_NUM = "一二三四五六七八九十"
GROUPS = [(Disposition.ADOPTED, "采纳的意见"), (Disposition.PARTLY, "部分采纳的意见"),
          (Disposition.REJECTED, "未采纳的意见")]


def cn_date(day):
    return f"{day.year}年{day.month}月{day.day}日"


def received_sentence(comments, *, opening, subject, archive):
    """``opening``，共收到意见N条（其中M条因含有与``subject``无关或不当内容未予公开，已存入``archive``）。"""
    hidden = sum(1 for c in comments if c.hidden)
    return (f"{opening}，共收到意见{len(comments)}条"
            + (f"（其中{hidden}条因含有与{subject}无关或不当内容未予公开，已存入{archive}）" if hidden else "") + "。")


def adoption_lines(comments):
    """The counts and, per disposition, each shown comment with its handling (names, numbers masked)."""
    shown = [c for c in comments if not c.hidden]
    counts = {d: sum(1 for c in shown if c.disposition == d) for d, _ in GROUPS}
    lines = [f"经逐条研究，采纳{counts[Disposition.ADOPTED]}条，部分采纳{counts[Disposition.PARTLY]}条，"
             f"未采纳{counts[Disposition.REJECTED]}条。具体情况如下："]
    index = 0
    for disposition, title in GROUPS:
        rows = [c for c in shown if c.disposition == disposition]
        if not rows:
            continue
        lines += ["", f"{CN_NUM[index]}、{title}"]
        index += 1
        for n, c in enumerate(rows, start=1):
            body = mask_text(c.body, names=[c.name])
            excerpt = body if len(body) <= 120 else body[:120] + "……"
            reason = mask_text(c.disposition_reason, names=[c.name])
            lines.append(f"{n}. 意见：{excerpt}" + (f" 处理：{reason}" if reason else ""))
    return lines
