"""Notifications: the in-platform message centre, with copies by e-mail and SMS through pluggable senders.

``send(user, key=…, title=…, body=…, link=…)`` puts a message in the user's message centre (``Message``); ``key`` makes
it idempotent (the same digest or reminder is never sent twice). When the installation turns them on, a copy goes

- by e-mail (``FAZHI_NOTIFY_EMAIL=true``) through Django's mail backend — on an intranet, SMTP to the relay
  (``DJANGO_EMAIL_HOST``…) — to the user's address;
- by SMS (``FAZHI_SMS_SENDER="package.module.Class"``, a class with ``send(phone, text)``) to the user's phone.

Both are off by default. A copy that fails stays pending and ``deliver_pending`` (run by the daily job) tries again.
"""
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string

from . import clock
from .models import Message

logger = logging.getLogger("fazhi.notify")

D = Message.Delivery


def sms_sender():
    """The configured SMS sender (an instance), or ``None`` when SMS is off."""
    path = settings.FAZHI_SMS_SENDER
    return import_string(path)() if path else None


def send(user, *, key, title, body="", link=""):
    """Put a message in ``user``'s message centre (and send the configured copies); returns the message, or ``None``
    when a message with ``key`` was sent before."""
    email = D.PENDING if settings.FAZHI_NOTIFY_EMAIL and user.email else D.NONE
    sms = D.PENDING if settings.FAZHI_SMS_SENDER and getattr(user, "phone", "") else D.NONE
    try:
        with transaction.atomic():
            message = Message.objects.create(user=user, key=key[:200], title=title[:200], body=body, link=link[:500],
                                             created_at=clock.now(), email_state=email, sms_state=sms)
    except IntegrityError:
        return None
    if email or sms:
        deliver(message)
    return message


def send_many(items):
    """``send`` for many users at once (a daily job's messages): ``items`` are dicts of ``send``'s arguments
    (``user``, ``key``, ``title``, ``body``, ``link``). The messages not sent before go in with one insert; returns
    them (those with a ``key`` sent before are left out)."""
    items = [dict(i, key=i["key"][:200]) for i in items]
    before = set(Message.objects.filter(key__in=[i["key"] for i in items]).values_list("key", flat=True))
    now = clock.now()
    fresh = [Message(user=i["user"], key=i["key"], title=i["title"][:200], body=i.get("body", ""),
                     link=i.get("link", "")[:500], created_at=now,
                     email_state=D.PENDING if settings.FAZHI_NOTIFY_EMAIL and i["user"].email else D.NONE,
                     sms_state=D.PENDING if settings.FAZHI_SMS_SENDER and getattr(i["user"], "phone", "") else D.NONE)
             for i in items if i["key"] not in before]
    Message.objects.bulk_create(fresh, ignore_conflicts=True)  # a key another process sent meanwhile is skipped
    sent = {m.key: m for m in Message.objects.filter(key__in=[m.key for m in fresh], created_at=now)}
    made = [sent[m.key] for m in fresh if m.key in sent]
    for message in made:
        if message.email_state or message.sms_state:
            deliver(message)
    return made


def deliver(message):
    """Send the pending copies of ``message``; a failure is logged and left pending."""
    if message.email_state == D.PENDING:
        try:
            text = message.body + (f"\n\n{message.link}" if message.link else "")
            send_mail(message.title, text, None, [message.user.email])
            message.email_state = D.SENT
        except Exception:
            logger.exception("e-mail copy of message %s failed", message.pk)
    if message.sms_state == D.PENDING:
        try:
            sms_sender().send(message.user.phone, f"{message.title}。{message.body}"[:300])
            message.sms_state = D.SENT
        except Exception:
            logger.exception("SMS copy of message %s failed", message.pk)
    message.save(update_fields=["email_state", "sms_state"])
    return message


def pending():
    """Messages with a copy still owed."""
    from django.db.models import Q

    return Message.objects.filter(Q(email_state=D.PENDING) | Q(sms_state=D.PENDING))


def deliver_pending():
    n = 0
    for message in pending().select_related("user")[:1000]:
        deliver(message)
        n += 1
    return n


def unread_count(user):
    """One query: the user's unread messages (the menu's badge)."""
    return Message.objects.filter(user=user, read_at__isnull=True).count()


def inbox(user):
    return Message.objects.filter(user=user)


def mark_read(user, *, ids=None):
    """Mark ``user``'s messages read (all unread ones when ``ids`` is None); returns how many."""
    qs = Message.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=clock.now())
