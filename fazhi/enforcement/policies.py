"""Who may sign what: 持证上岗 (RULES.md §7) and qualified legal reviewers (RULES.md §5).

Each function returns ``None`` when allowed, or the Chinese reason when not.
"""
import contextlib
import contextvars
import datetime

from django.utils import timezone

from .choices import CaseKind
from .models import Officer

_acting_on = contextvars.ContextVar("enforcement_acting_on", default=None)


def today():
    """The day an act takes place: the date being recorded (``acting_on``), else today."""
    return _acting_on.get() or timezone.localdate()


@contextlib.contextmanager
def acting_on(day):
    """Guards check certificates as of the day of the act being recorded (a step dated yesterday)."""
    token = _acting_on.set(day)
    try:
        yield
    finally:
        _acting_on.reset(token)


def officer_of(user):
    if user is None or not getattr(user, "pk", None):
        return None
    return Officer.objects.select_related("unit").filter(user_id=user.pk).first()


def certificate_refusal(officer, day=None, *, who=None):
    day = day or today()
    name = who or (officer.name if officer else "")
    if officer is None:
        return "您没有行政执法证，不能从事执法活动（持证上岗）"
    if not officer.is_certified(day):
        return f"{name}的执法证（{officer.certificate_no}）{officer.effective_status(day).label}，不能从事执法活动（持证上岗）"
    return None


def certified_officers(case, day=None):
    day = day or today()
    return [o for o in case.officers.all() if o.is_certified(day)]


def team_refusal(case, day=None):
    """A penalty needs at least two officers holding valid certificates (行政处罚法第42条)."""
    day = day or today()
    if case.kind == CaseKind.PENALTY:
        valid = certified_officers(case, day)
        if len(valid) < 2:
            return f"行政处罚应当由两名以上持有效执法证的执法人员实施，本案目前只有{len(valid)}名"
    return None


def signer_refusal(user, case, day=None):
    """The person signing a step holds a valid certificate and is one of the case's officers."""
    officer = officer_of(user)
    refusal = certificate_refusal(officer, day)
    if refusal:
        return refusal
    if not case.officers.filter(pk=officer.pk).exists():
        return "您不是本案的执法人员，不能签署本环节"
    return team_refusal(case, day)


def reviewer_refusal(user, case=None):
    """A major decision's legal reviewer has the legal-professional qualification (RULES.md §5)."""
    officer = officer_of(user)
    if officer is None or not officer.legal_qualification:
        return "法制审核人员须具有法律职业资格"
    if officer.status == "withdrawn":
        return "审核人员的执法证已收回，不能出具审核意见"
    if case is not None and case.officers.filter(pk=officer.pk).exists():
        return "本案的执法人员不能审核本案"
    return None


def add_days(start: datetime.date, n: int):
    return start + datetime.timedelta(days=n)
