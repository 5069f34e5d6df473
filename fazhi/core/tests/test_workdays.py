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
class TestUnknownYears:
    def test_unknown_year_is_an_error_naming_the_year(self):
        with pytest.raises(CalendarMissing) as exc:
            workdays.add_working_days(D(2026, 12, 30), 5)
        assert "2027" in exc.value.message
        assert exc.value.year == 2027

    def test_is_working_day_in_unknown_year_refuses_to_guess(self):
        with pytest.raises(CalendarMissing):
            workdays.is_working_day(D(2027, 3, 1))

    def test_office_table_extends_a_year_the_package_does_not_know(self, county):
        office = county.office
        services.calendar_day_set(actor=office, date=D(2027, 1, 1), is_working_day=False, name="元旦")
        with pytest.raises(CalendarMissing):  # not confirmed complete yet
            workdays.is_working_day(D(2027, 1, 4))
        services.calendar_year_confirm(actor=office, year=2027, source="国务院办公厅关于2027年部分节假日安排的通知")
        assert not workdays.is_working_day(D(2027, 1, 1))
        assert workdays.is_working_day(D(2027, 1, 4))  # Monday
        assert not workdays.is_working_day(D(2027, 1, 2))  # Saturday
        assert workdays.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)

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


@pytest.mark.django_db
class TestCoverageAlert:
    def test_office_is_warned_in_november_when_next_year_is_missing(self, county):
        from fazhi.core.alerts import calendar_coverage

        alerts = calendar_coverage(county.office, D(2026, 11, 25))
        assert [a.severity for a in alerts] == ["warning"] and "2027" in alerts[0].title
        assert calendar_coverage(county.office, D(2026, 6, 1)) == []
        assert calendar_coverage(county.liaison, D(2026, 11, 25)) == []  # not theirs to fix

    def test_a_missing_current_year_is_overdue(self, county):
        from fazhi.core.alerts import calendar_coverage

        assert [a.severity for a in calendar_coverage(county.office, D(2027, 3, 1))] == ["overdue"]
