"""Writes to the office-maintained holiday table (节假日与调休)."""
import datetime

from django.db import transaction

from . import audit, deadlines, workdays
from .errors import DomainError
from .models import CalendarDay, CalendarYear


@transaction.atomic
def calendar_day_set(*, actor, date, is_working_day, name=""):
    """Record that ``date`` is a holiday (休) or a 调休 working day (班), overriding the package."""
    if not isinstance(date, datetime.date):
        raise DomainError("请填写正确的日期。", field="date")
    name = (name or "").strip()
    if not name:
        raise DomainError("请填写名称，如“春节”或“春节调休上班”。", field="name")
    previous = workdays.Calendar()
    day, created = CalendarDay.objects.select_for_update().get_or_create(
        date=date, defaults={"is_working_day": is_working_day, "name": name})
    before = {} if created else {"is_working_day": day.is_working_day, "name": day.name}
    day.is_working_day = is_working_day
    day.name = name
    day.save()
    audit.record(actor=actor, event="core.calendar_day_set", obj=day,
                 changes=audit.diff(before, {"is_working_day": is_working_day, "name": name}))
    day.moved = _recompute_if_confirmed(actor, date.year, previous)
    return day


def _recompute_if_confirmed(actor, year, previous):
    """A correction to a confirmed year moves stored deadlines at once; days entered for a year not yet
    confirmed take effect in new computations, and stored ones follow when the year is confirmed."""
    if not previous.knows(year):
        return []
    return deadlines.recompute_year(actor=actor, year=year, previous=previous)


@transaction.atomic
def calendar_day_remove(*, actor, day):
    repr_ = str(day)
    previous = workdays.Calendar()
    CalendarDay.objects.filter(pk=day.pk).delete()
    audit.record(actor=actor, event="core.calendar_day_removed", object_repr=repr_,
                 changes={"date": [day.date.isoformat(), None]})
    return _recompute_if_confirmed(actor, day.date.year, previous)


@transaction.atomic
def calendar_year_confirm(*, actor, year, source):
    """The office confirms that every holiday and 调休 day of ``year`` has been entered."""
    source = (source or "").strip()
    if not source:
        raise DomainError("请填写依据，如“国务院办公厅关于2027年部分节假日安排的通知”。", field="source")
    if not CalendarDay.objects.filter(date__year=year).exists():
        raise DomainError(f"{year}年还没有录入任何节假日，不能确认。", field="year")
    previous = workdays.Calendar()
    entry, _ = CalendarYear.objects.update_or_create(year=year, defaults={"source": source})
    audit.record(actor=actor, event="core.calendar_year_set", obj=entry, changes={"source": [None, source]})
    # Deadlines counted provisionally into this year now follow the confirmed schedule; units are told.
    entry.moved = deadlines.recompute_year(actor=actor, year=year, previous=previous)
    return entry
