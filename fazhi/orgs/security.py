"""Sign-in security (等保三级): lockout after repeated failures, and the login log.

The count is kept per login name, so a name that does not exist behaves like one that does
(no account enumeration). Failures count from the last success, unlock or expired lock.
"""
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.errors import DomainError

from .choices import LoginEvent
from .models import LoginLog, User


@dataclass
class LockState:
    failures: int
    locked_until: datetime.datetime | None

    @property
    def remaining_tries(self):
        return max(settings.FAZHI_LOGIN_MAX_FAILURES - self.failures, 0)


def lock_state(username, now=None) -> LockState:
    now = now or timezone.now()
    max_failures = settings.FAZHI_LOGIN_MAX_FAILURES
    lock = datetime.timedelta(minutes=settings.FAZHI_LOGIN_LOCK_MINUTES)
    reset = (LoginLog.objects.filter(username=username, event__in=[LoginEvent.SUCCESS, LoginEvent.UNLOCK])
             .order_by("-at").values_list("at", flat=True).first())
    failures = LoginLog.objects.filter(username=username, event=LoginEvent.FAILURE)
    if reset is not None:
        failures = failures.filter(at__gt=reset)
    count = 0
    locked_until = None
    for at in failures.order_by("at").values_list("at", flat=True):
        if locked_until is not None and at >= locked_until:
            count, locked_until = 0, None  # the lock ran out; counting starts again
        count += 1
        if count >= max_failures and locked_until is None:
            locked_until = at + lock
    if locked_until is not None and locked_until <= now:
        count, locked_until = 0, None
    return LockState(count, locked_until)


def _lock_message(until):
    local = timezone.localtime(until)
    minutes = settings.FAZHI_LOGIN_LOCK_MINUTES
    return (f"账户已锁定：连续{settings.FAZHI_LOGIN_MAX_FAILURES}次密码错误，锁定{minutes}分钟，"
            f"请于 {local:%H:%M} 后再试，或联系系统管理员解锁。")


def client_ip(request):
    """The client's address. Behind ``FAZHI_TRUSTED_PROXIES`` reverse proxies, the address the
    outermost trusted proxy saw (taken from the right of X-Forwarded-For, which a client cannot forge)."""
    proxies = settings.FAZHI_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if len(hops) >= proxies:
            return hops[-proxies] or None
    return request.META.get("REMOTE_ADDR") or None


def login_attempt(*, request, username, password):
    """Check a sign-in. Returns the user on success; raises ``DomainError`` with the reason otherwise."""
    username = (username or "").strip()
    ip = client_ip(request)
    agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    # The password hash is slow by design (about 0.3 s): check it before the transaction, which holds the
    # write lock on SQLite, so that simultaneous sign-ins do not queue behind each other's hashing.
    # A locked account's result is never used.
    user = authenticate(request, username=username, password=password)
    with transaction.atomic():
        state = lock_state(username)
        known = User.objects.filter(username=username).select_related("unit").first()
        if state.locked_until is not None:
            LoginLog.objects.create(username=username, user=known, unit=getattr(known, "unit", None),
                                    event=LoginEvent.LOCKED, ip=ip, user_agent=agent)
            raise DomainError(_lock_message(state.locked_until), code="locked")
        if user is None:
            LoginLog.objects.create(username=username, user=known, unit=getattr(known, "unit", None),
                                    event=LoginEvent.FAILURE, ip=ip, user_agent=agent)
            audit.record(actor=None, event="orgs.login_failed", obj=known, unit=getattr(known, "unit", None),
                         ip=ip, object_repr=username)
            state = lock_state(username)
            if state.locked_until is not None:
                audit.record(actor=None, event="orgs.account_locked", obj=known,
                             unit=getattr(known, "unit", None), ip=ip, object_repr=username)
                error = DomainError(_lock_message(state.locked_until), code="locked")
            else:
                error = DomainError(
                    f"用户名或密码错误，还可尝试{state.remaining_tries}次；"
                    f"连续{settings.FAZHI_LOGIN_MAX_FAILURES}次错误将锁定账户"
                    f"{settings.FAZHI_LOGIN_LOCK_MINUTES}分钟。", code="bad_credentials")
        else:
            LoginLog.objects.create(username=username, user=user, unit=user.unit, event=LoginEvent.SUCCESS,
                                    ip=ip, user_agent=agent)
            audit.record(actor=user, event="orgs.login", obj=user, ip=ip)
            return user
    # raised after commit so the failure stays logged
    raise error


@transaction.atomic
def logout_record(*, request, user):
    ip = client_ip(request)
    LoginLog.objects.create(username=user.username, user=user, unit=user.unit, event=LoginEvent.LOGOUT, ip=ip,
                            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300])
    audit.record(actor=user, event="orgs.logout", obj=user, ip=ip)
