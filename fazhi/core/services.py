"""Writes to the office-maintained holiday table (节假日与调休)."""
import datetime

from django.db import transaction

from . import audit
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
    day, created = CalendarDay.objects.select_for_update().get_or_create(
        date=date, defaults={"is_working_day": is_working_day, "name": name})
    before = {} if created else {"is_working_day": day.is_working_day, "name": day.name}
    day.is_working_day = is_working_day
    day.name = name
    day.save()
    audit.record(actor=actor, event="core.calendar_day_set", obj=day,
                 changes=audit.diff(before, {"is_working_day": is_working_day, "name": name}))
    return day


@transaction.atomic
def calendar_day_remove(*, actor, day):
    repr_ = str(day)
    CalendarDay.objects.filter(pk=day.pk).delete()
    audit.record(actor=actor, event="core.calendar_day_removed", object_repr=repr_,
                 changes={"date": [day.date.isoformat(), None]})


@transaction.atomic
def calendar_year_confirm(*, actor, year, source):
    """The office confirms that every holiday and 调休 day of ``year`` has been entered."""
    source = (source or "").strip()
    if not source:
        raise DomainError("请填写依据，如“国务院办公厅关于2027年部分节假日安排的通知”。", field="source")
    if not CalendarDay.objects.filter(date__year=year).exists():
        raise DomainError(f"{year}年还没有录入任何节假日，不能确认。", field="year")
    entry, _ = CalendarYear.objects.update_or_create(year=year, defaults={"source": source})
    audit.record(actor=actor, event="core.calendar_year_set", obj=entry, changes={"source": [None, source]})
    return entry
