"""Core's tables in Django's admin, read-only and for system administrators only."""
from django.contrib import admin

from fazhi.core.models import AuditEntry, CalendarDay, CalendarYear, NumberSequence
from fazhi.orgs.admin import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["seq", "at", "actor_name", "unit_name", "event_name", "object_repr", "ip"]
    list_filter = ["event_name"]
    search_fields = ["actor_name", "object_repr"]


@admin.register(CalendarDay)
class CalendarDayAdmin(ReadOnlyAdmin):
    list_display = ["date", "name", "is_working_day"]


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    list_display = ["year", "source"]


@admin.register(NumberSequence)
class NumberSequenceAdmin(ReadOnlyAdmin):
    list_display = ["prefix", "year", "last_number"]
