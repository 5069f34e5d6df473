"""Working days (工作日) for legal deadlines.

Sources, in order:
1. the office's own table (``CalendarDay``): a holiday or a 调休 working weekend for one date;
2. for a year listed in ``CalendarYear`` (the office has entered that year's notice in full),
   the ordinary Mon–Fri week plus the table;
3. the ``chinesecalendar`` package, for the years it knows (the State Council's notices);
4. otherwise the year is **provisional (暂定)**: weekends plus the statutory holidays of the
   《全国年节及纪念日放假办法》 version in force for that year (``statutory_holidays``), the lunar
   ones taken from ``lunar_python``.

A provisional year never refuses a deadline: the step is recorded and its deadline is shown as
暂定 until the office enters the State Council's notice, when every stored deadline in that year
is recomputed (``fazhi.core.deadlines``). Two things cannot be known in advance and are left out
of a provisional year on purpose:

- 调休 make-up working days (weekends turned into working days) — only the annual notice fixes them;
- the day off given for a holiday that falls on a Saturday or Sunday (放假办法第六条 补假): the law
  says a working day is given off, but which one is the notice's choice, so we do not invent it.
  A provisional deadline may therefore end a day early or late; it is recomputed on confirmation.

``CalendarMissing`` remains only for a year the lunar library cannot compute (outside 1901–2099).
The period rule of 民事诉讼法 art. 85 applies: the start day is not counted.
"""
import datetime
from functools import lru_cache

import chinese_calendar
from lunar_python import Lunar

from .errors import CalendarMissing
from .models import CalendarDay, CalendarYear

_PACKAGE_YEARS = range(2004, 2027)
_LUNAR_YEARS = range(1901, 2100)

# 全国年节及纪念日放假办法: the 2013 text (in force 2014-01-01 → 2024-12-31) and the 2024 revision
# (in force from 2025-01-01). Earlier years are all covered by the package.
_HOLIDAY_LAW_2025 = 2025


@lru_cache(maxsize=64)
def _package_knows(year):
    if year not in _PACKAGE_YEARS:
        return False
    try:
        chinese_calendar.is_workday(datetime.date(year, 12, 31))
    except NotImplementedError:
        return False
    return True


def _lunar_to_solar(year, month, day):
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return datetime.date(solar.getYear(), solar.getMonth(), solar.getDay())


@lru_cache(maxsize=64)
def statutory_holidays(year) -> dict:
    """The nationwide statutory rest days of ``year`` as {date: name}, without 调休 or 补假.

    Version in force for the year: 2013 text through 2024 (元旦1, 春节3 = 初一至初三, 清明1, 劳动节1,
    端午1, 中秋1, 国庆3); from 2025 春节 4 days (除夕 + 初一至初三) and 劳动节 2 days (5月1日、2日).
    清明 is the day of the 清明 solar term; 除夕 is the last day of the twelfth lunar month.
    """
    if year not in _LUNAR_YEARS:
        raise CalendarMissing(year)
    days = {datetime.date(year, 1, 1): "元旦"}
    new_year = _lunar_to_solar(year, 1, 1)
    spring = [new_year + datetime.timedelta(days=i) for i in range(3)]
    if year >= _HOLIDAY_LAW_2025:
        spring.insert(0, new_year - datetime.timedelta(days=1))  # 除夕
    for d in spring:
        days[d] = "春节"
    qingming = Lunar.fromYmd(year, 3, 1).getJieQiTable()["清明"]
    days[datetime.date(qingming.getYear(), qingming.getMonth(), qingming.getDay())] = "清明节"
    days[datetime.date(year, 5, 1)] = "劳动节"
    if year >= _HOLIDAY_LAW_2025:
        days[datetime.date(year, 5, 2)] = "劳动节"
    days[_lunar_to_solar(year, 5, 5)] = "端午节"
    days[_lunar_to_solar(year, 8, 15)] = "中秋节"
    for i in range(1, 4):
        days[datetime.date(year, 10, i)] = "国庆节"
    return dict(sorted(days.items()))


def holiday_law_for(year) -> str:
    """The name of the holiday law version applied to a provisional year (for the calendar page)."""
    if year >= _HOLIDAY_LAW_2025:
        return "《全国年节及纪念日放假办法》（2024年修订，2025年1月1日起施行）"
    return "《全国年节及纪念日放假办法》（2013年修订）"


PROVISIONAL_NOTE = (
    "{year}年的国务院办公厅节假日安排尚未录入，本期限按周末和《全国年节及纪念日放假办法》规定的法定节假日暂定计算，"
    "未计入调休上班日和节日逢周末的补假；录入并确认该年度安排后系统将重新计算，期限变动的会通知承办单位。"
)


def year_confirmed(year) -> bool:
    """True when the package or the office's confirmed table covers ``year`` (no query for package years)."""
    return _package_knows(year) or CalendarYear.objects.filter(year=year).exists()


def is_provisional(day) -> bool:
    """A deadline on ``day`` is provisional (暂定) when its year is not confirmed."""
    if not isinstance(day, datetime.date):
        return False
    return not year_confirmed(day.year)


class Calendar:
    """One snapshot of the office's table; build one per computation (cheap: two queries)."""

    def __init__(self):
        self.overrides = {d.date: d.is_working_day for d in CalendarDay.objects.all()}
        self.office_years = set(CalendarYear.objects.values_list("year", flat=True))
        self.used_provisional = set()  # provisional years this calendar was asked about

    def knows(self, year):
        """The year is confirmed: the office entered its notice, or the package has it."""
        return year in self.office_years or _package_knows(year)

    def is_provisional_year(self, year):
        return not self.knows(year)

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.overrides:
            if not self.knows(day.year):
                self.used_provisional.add(day.year)
            return self.overrides[day]
        if day.year in self.office_years:
            return day.weekday() < 5
        if _package_knows(day.year):
            return _package_is_workday(day)
        self.used_provisional.add(day.year)
        return day.weekday() < 5 and day not in statutory_holidays(day.year)

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

    def rest_days(self, year):
        """Every non-working day of ``year`` that is not an ordinary weekend, with its name (calendar page)."""
        if self.knows(year) or year not in _LUNAR_YEARS:
            return {}
        names = statutory_holidays(year)
        return {d: n for d, n in names.items() if not self.is_working_day(d)}


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
    """Confirmed years, as a sorted list (for the alerts and the admin page)."""
    from .clock import today

    cal = Calendar()
    last = through or today().year + 1
    return [y for y in range(2004, last + 1) if cal.knows(y)]
