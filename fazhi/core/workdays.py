"""Working days (工作日) for legal deadlines.

Sources, in order:
1. the office's own table (``CalendarDay``): a holiday or a 调休 working weekend for one date;
2. the ``chinesecalendar`` package, for the years it knows (the State Council's notices);
3. for a year listed in ``CalendarYear`` (the office has entered that year's notice in full),
   the ordinary Mon–Fri week plus the table.

A year known to neither raises ``CalendarMissing`` naming the year — a deadline is never
guessed. The period rule of 民事诉讼法 art. 85 applies: the start day is not counted.
"""
import datetime
from functools import lru_cache

import chinese_calendar

from .errors import CalendarMissing
from .models import CalendarDay, CalendarYear

_PACKAGE_YEARS = range(2004, 2027)


def _package_knows(year):
    if year not in _PACKAGE_YEARS:
        return False
    try:
        chinese_calendar.is_workday(datetime.date(year, 12, 31))
    except NotImplementedError:
        return False
    return True


class Calendar:
    """One snapshot of the office's table; build one per computation (cheap: one query)."""

    def __init__(self):
        self.overrides = {d.date: d.is_working_day for d in CalendarDay.objects.all()}
        self.office_years = set(CalendarYear.objects.values_list("year", flat=True))

    def knows(self, year):
        return year in self.office_years or _package_knows(year)

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        if day.year in self.office_years:
            return day.weekday() < 5
        if _package_knows(day.year):
            return _package_is_workday(day)
        raise CalendarMissing(day.year)

    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        """The date on which a period of ``n`` working days counted from ``start`` ends.

        The start day itself is not counted (民事诉讼法 art. 85): 5 working days from a
        Friday end on the next Friday when no holiday intervenes.
        """
        if n < 0:
            raise ValueError("n must not be negative")
        day = start
        remaining = n
        while remaining > 0:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
        count = 0
        day = start
        while day < end:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def add_calendar_days(self, start: datetime.date, n: int, roll_forward=True) -> datetime.date:
        """``n`` calendar days after ``start``; a period ending on a rest day rolls to the next working day."""
        day = start + datetime.timedelta(days=n)
        if roll_forward:
            while not self.is_working_day(day):
                day += datetime.timedelta(days=1)
        return day


@lru_cache(maxsize=8192)
def _package_is_workday(day):
    return chinese_calendar.is_workday(day)


def is_working_day(day):
    return Calendar().is_working_day(day)


def add_working_days(start, n):
    return Calendar().add_working_days(start, n)


def working_days_between(start, end):
    return Calendar().working_days_between(start, end)


def add_calendar_days(start, n, roll_forward=True):
    return Calendar().add_calendar_days(start, n, roll_forward=roll_forward)


def known_years(through=None):
    """Years the calendar can answer for, as a sorted list (for the alerts and the admin page)."""
    cal = Calendar()
    last = through or datetime.date.today().year + 1
    return [y for y in range(2004, last + 1) if cal.knows(y)]
