"""The office's reminder to enter the coming year's holiday schedule."""
import datetime

import pytest

D = datetime.date


@pytest.mark.django_db
class TestCoverageAlert:
    def test_office_is_warned_in_november_when_next_year_is_missing(self, county):
        from fazhi.console.alerts import calendar_coverage

        alerts = calendar_coverage(county.office, D(2026, 11, 25))
        assert [a.severity for a in alerts] == ["warning"] and "2027" in alerts[0].title
        assert calendar_coverage(county.office, D(2026, 6, 1)) == []
        assert calendar_coverage(county.liaison, D(2026, 11, 25)) == []  # not theirs to fix

    def test_a_missing_current_year_is_overdue(self, county):
        from fazhi.console.alerts import calendar_coverage

        assert [a.severity for a in calendar_coverage(county.office, D(2027, 3, 1))] == ["overdue"]
