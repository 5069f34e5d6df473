"""The one clock: what day and time it is for the county, whatever the server's own time zone.

Deadlines are legal facts counted in Beijing time (Asia/Shanghai). A server running in UTC is
eight hours behind between 00:00 and 08:00 Beijing time, so nothing may ask the operating
system or ``datetime.date.today()`` for the date: every module reads ``today()`` / ``now()``
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
