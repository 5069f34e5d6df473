"""The one clock: what day and time it is for the county, whatever the server's own time zone.

Deadlines are legal facts counted in Beijing time (Asia/Shanghai). A server running in UTC is
eight hours behind between 00:00 and 08:00 Beijing time, so nothing may ask the operating
system (the standard library's own "today") for the date: every module reads ``today()`` / ``now()``
here, and services and workflow guards take the day explicitly (``on=``), so a test can move
the clock by patching this module's ``now``.
"""
import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

COUNTY_TZ = ZoneInfo("Asia/Shanghai")


def now() -> datetime.datetime:
    """The current instant as an aware datetime in Beijing time."""
    return timezone.now().astimezone(COUNTY_TZ)


def today() -> datetime.date:
    """Today's date in Beijing time (the date every deadline is counted from)."""
    return now().date()


def local(moment: datetime.datetime) -> datetime.datetime:
    """An aware instant shown in Beijing time."""
    return moment.astimezone(COUNTY_TZ)


def check_act_date(on, *, not_before=None, not_before_label="上一环节的日期", backdate_reason="", field="on"):
    """The date staff type for an act (often done on paper first), checked the same way everywhere.

    Never in the future; never before ``not_before`` (the previous step's date); further back than
    the office's setting ``core.backdate_days`` only with a reason (which the caller keeps in the audit
    trail). ``backdate_reason=None`` is for records that are not steps of a procedure (no reason asked).
    Returns the date (today when none was typed).
    """
    from .errors import DomainError
    from .rules import get_setting

    day = today()
    on = on or day
    if on > day:
        raise DomainError(f"日期不能晚于今天（{day:%Y-%m-%d}）。", field=field)
    if not_before is not None and on < not_before:
        raise DomainError(f"日期不能早于{not_before_label}（{not_before:%Y-%m-%d}）。", field=field)
    if backdate_reason is None:
        return on
    limit = get_setting("core.backdate_days")
    if (day - on).days > limit and not backdate_reason.strip():
        raise DomainError(f"日期早于今天{limit}天以上，请填写补录理由。", field="backdate_reason")
    return on
