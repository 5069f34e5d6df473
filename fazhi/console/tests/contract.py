"""What the URL contract test needs to know about the console's URLs."""
import datetime


def _calendar_day(county):
    from fazhi.core.models import CalendarDay

    day = CalendarDay.objects.get_or_create(date=datetime.date(2026, 5, 6),
                                            defaults={"is_working_day": False, "name": "测试"})[0]
    return {"pk": day.pk}


SAMPLES = {"console:calendar_day_remove": _calendar_day}

PUBLIC = {"console:healthz", "console:ping"}
