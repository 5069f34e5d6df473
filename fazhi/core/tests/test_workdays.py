"""Working-day arithmetic with real 2019 and 2024 calendars (国务院办公厅 holiday notices)."""
import datetime

import pytest

from fazhi.core import services, workdays
from fazhi.core.errors import CalendarMissing

D = datetime.date


@pytest.mark.django_db
class TestKnownYears:
    def test_2019_national_day_week_and_its_makeup_days(self):
        # 10月1日至7日放假调休；9月29日（星期日）、10月12日（星期六）上班
        assert not workdays.is_working_day(D(2019, 10, 1))
        assert not workdays.is_working_day(D(2019, 10, 7))
        assert workdays.is_working_day(D(2019, 9, 29))
        assert workdays.is_working_day(D(2019, 10, 12))
        assert not workdays.is_working_day(D(2019, 9, 28))  # an ordinary Saturday

    def test_add_working_days_skips_the_holiday_and_counts_the_makeup_sunday(self):
        # Friday 27 Sep 2019 + 1 working day is Sunday the 29th (调休上班), not Monday.
        assert workdays.add_working_days(D(2019, 9, 27), 1) == D(2019, 9, 29)
        # From 30 Sep, the next working day is 8 Oct (the whole week is off).
        assert workdays.add_working_days(D(2019, 9, 30), 1) == D(2019, 10, 8)
        # 5 working days from 30 Sep: 8, 9, 10, 11 Oct and Saturday 12 Oct (调休上班).
        assert workdays.add_working_days(D(2019, 9, 30), 5) == D(2019, 10, 12)

    def test_2024_spring_festival_and_national_day(self):
        assert workdays.is_working_day(D(2024, 2, 4))  # Sunday make-up day
        assert not workdays.is_working_day(D(2024, 2, 12))
        assert workdays.is_working_day(D(2024, 2, 18))  # Sunday make-up day
        # 7 working days from Thursday 8 Feb 2024: 9 Feb, then 18, 19, 20, 21, 22, 23 Feb.
        assert workdays.add_working_days(D(2024, 2, 8), 7) == D(2024, 2, 23)
        assert workdays.add_working_days(D(2024, 9, 27), 1) == D(2024, 9, 29)
        assert workdays.add_working_days(D(2024, 9, 30), 1) == D(2024, 10, 8)

    def test_count_between_dates(self):
        # 1–31 Oct 2019: 7 holidays, then 8–31 Oct: 24 days less 5 weekend days (Sat 12th is 调休上班) → 19
        assert workdays.working_days_between(D(2019, 9, 30), D(2019, 10, 31)) == 19
        assert workdays.working_days_between(D(2019, 10, 31), D(2019, 9, 30)) == 0
        assert workdays.working_days_between(D(2019, 6, 3), D(2019, 6, 10)) == 4  # 端午 7 June 2019

    def test_calendar_period_rolls_past_the_holiday(self):
        # 15 days from 16 Sep 2019 end on 1 Oct, a holiday: the period ends on 8 Oct.
        assert workdays.add_calendar_days(D(2019, 9, 16), 15) == D(2019, 10, 8)
        assert workdays.add_calendar_days(D(2019, 9, 16), 15, roll_forward=False) == D(2019, 10, 1)

    def test_zero_days_is_the_start_day(self):
        assert workdays.add_working_days(D(2019, 10, 1), 0) == D(2019, 10, 1)


@pytest.mark.django_db
class TestProvisionalYears:
    """A year neither the package nor the office confirms: weekends plus the statutory holidays (暂定)."""

    def test_2027_statutory_holidays_follow_the_2024_holiday_law_and_the_lunar_calendar(self):
        days = workdays.statutory_holidays(2027)
        assert days[D(2027, 1, 1)] == "元旦"
        # 除夕 is the last day of the twelfth lunar month, 初一–初三 follow (2025 version: 4 days)
        assert [d for d, n in days.items() if n == "春节"] == [D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7),
                                                              D(2027, 2, 8)]
        assert [d for d, n in days.items() if n == "清明节"] == [D(2027, 4, 5)]
        assert [d for d, n in days.items() if n == "劳动节"] == [D(2027, 5, 1), D(2027, 5, 2)]
        assert [d for d, n in days.items() if n == "端午节"] == [D(2027, 6, 9)]
        assert [d for d, n in days.items() if n == "中秋节"] == [D(2027, 9, 15)]
        assert [d for d, n in days.items() if n == "国庆节"] == [D(2027, 10, 1), D(2027, 10, 2), D(2027, 10, 3)]
        assert len(days) == 13

    def test_the_2013_version_applies_before_2025(self):
        # 2024 (checked against the package's real calendar): 春节 初一–初三 only, 劳动节 one day.
        days = workdays.statutory_holidays(2024)
        assert [d for d, n in days.items() if n == "春节"] == [D(2024, 2, 10), D(2024, 2, 11), D(2024, 2, 12)]
        assert [d for d, n in days.items() if n == "劳动节"] == [D(2024, 5, 1)]
        assert [d for d, n in days.items() if n == "清明节"] == [D(2024, 4, 4)]
        assert len(days) == 11
        import chinese_calendar

        assert all(chinese_calendar.is_holiday(d) for d in days)

    def test_lunar_holidays_match_the_package_for_published_years(self):
        import chinese_calendar

        for year in (2019, 2023, 2025, 2026):
            assert all(chinese_calendar.is_holiday(d) for d in workdays.statutory_holidays(year)), year

    def test_unconfirmed_year_is_computed_not_refused(self):
        assert not workdays.is_working_day(D(2027, 1, 1))  # 元旦
        assert not workdays.is_working_day(D(2027, 1, 2))  # Saturday
        assert workdays.is_working_day(D(2027, 1, 4))  # Monday
        assert not workdays.is_working_day(D(2027, 2, 5))  # 除夕 (Friday)
        assert not workdays.is_working_day(D(2027, 2, 8))  # 初三 (Monday)
        assert workdays.is_working_day(D(2027, 2, 9))
        # 30 Dec 2026 + 5 working days: 31 Dec, (1 Jan 元旦, weekend) 4, 5, 6, 7 Jan 2027
        assert workdays.add_working_days(D(2026, 12, 30), 5) == D(2027, 1, 7)

    def test_no_compensation_day_is_invented_for_a_holiday_on_a_weekend(self):
        # 国庆 2027: 1 Oct is a Friday, 2–3 Oct a weekend. Which working day is given off in return
        # (放假办法第六条) is the State Council notice's choice: Monday 4 Oct stays a working day.
        assert workdays.is_working_day(D(2027, 10, 4))

    def test_a_provisional_date_is_marked_and_a_confirmed_one_is_not(self, county):
        assert workdays.is_provisional(D(2027, 1, 5))
        assert not workdays.is_provisional(D(2026, 12, 31))
        assert not workdays.Calendar().knows(2027)

    def test_calendar_day_deadline_rolls_over_a_provisional_holiday(self):
        # 15 days from 21 Jan 2027 end on 5 Feb (除夕); the 春节 days and the weekend follow → 9 Feb.
        assert workdays.add_calendar_days(D(2027, 1, 21), 15) == D(2027, 2, 9)
        assert workdays.add_calendar_days(D(2027, 1, 21), 15, roll_forward=False) == D(2027, 2, 5)
        # across the year end: 3 days from 29 Dec 2026 end on 1 Jan 2027 (元旦) → Monday 4 Jan
        assert workdays.add_calendar_days(D(2026, 12, 29), 3) == D(2027, 1, 4)

    def test_a_year_beyond_the_lunar_library_is_still_an_error_naming_the_year(self):
        with pytest.raises(CalendarMissing) as exc:
            workdays.is_working_day(D(2101, 3, 1))
        assert exc.value.year == 2101 and "2101" in exc.value.message

    def test_office_table_extends_a_year_the_package_does_not_know(self, county):
        office = county.office
        services.calendar_day_set(actor=office, date=D(2027, 1, 2), is_working_day=True, name="元旦调休上班")
        # entered but not confirmed: the day counts already, the year stays provisional
        assert workdays.is_working_day(D(2027, 1, 2))
        assert workdays.is_provisional(D(2027, 1, 4))
        services.calendar_day_set(actor=office, date=D(2027, 1, 1), is_working_day=False, name="元旦")
        services.calendar_year_confirm(actor=office, year=2027, source="国务院办公厅关于2027年部分节假日安排的通知")
        assert not workdays.is_provisional(D(2027, 1, 4))
        assert not workdays.is_working_day(D(2027, 1, 1))
        assert workdays.is_working_day(D(2027, 1, 4))  # Monday
        assert not workdays.is_working_day(D(2027, 1, 3))  # Sunday
        # a confirmed year is the office's table only: a lunar holiday not entered is a working day
        assert workdays.is_working_day(D(2027, 2, 8))
        assert workdays.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 2)

    def test_office_table_overrides_the_package(self, county):
        # A make-up Saturday entered by the office wins over the package.
        services.calendar_day_set(actor=county.office, date=D(2019, 9, 28), is_working_day=True, name="测试调休")
        assert workdays.is_working_day(D(2019, 9, 28))

    def test_confirming_a_year_needs_its_days_and_a_source(self, county):
        from fazhi.core.errors import DomainError

        with pytest.raises(DomainError, match="还没有录入"):
            services.calendar_year_confirm(actor=county.office, year=2028, source="通知")
        with pytest.raises(DomainError, match="依据"):
            services.calendar_year_confirm(actor=county.office, year=2028, source=" ")
