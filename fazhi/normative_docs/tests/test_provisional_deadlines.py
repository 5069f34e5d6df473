"""A normative document sent for review at the year end gets a provisional review window, recomputed on confirmation."""
import datetime

import pytest

from fazhi.core import services as core_services
from fazhi.core import workdays
from fazhi.core.models import DeadlineChange
from fazhi.normative_docs import services

from .factories import draft

D = datetime.date


@pytest.mark.django_db
def test_review_window_across_an_unpublished_year_is_provisional_and_follows_the_confirmed_schedule(county):
    doc = services.review_submit(actor=county.liaison, doc=draft(county), on=D(2026, 12, 28))
    review = doc.reviews.get()
    # 15 working days from Mon 28 Dec 2026: 29–31 Dec (3), 4–8 Jan (5), 11–15 Jan (5), 18, 19 Jan → 19 Jan 2027
    assert review.due_on == D(2027, 1, 19)
    assert workdays.is_provisional(review.due_on)

    core_services.calendar_day_set(actor=county.office, date=D(2027, 1, 1), is_working_day=False, name="元旦")
    core_services.calendar_day_set(actor=county.office, date=D(2027, 1, 2), is_working_day=True, name="元旦调休上班")
    core_services.calendar_year_confirm(actor=county.office, year=2027, source="国务院办公厅通知")
    review.refresh_from_db()
    assert review.due_on == D(2027, 1, 18)  # the default end of the window moved with the make-up Saturday
    units = set(DeadlineChange.objects.values_list("unit__name", flat=True))
    assert doc.unit.name in units
