from django.contrib import admin

from .models import AuditEntry, CalendarDay, CalendarYear, NumberSequence


class ReadOnlyAdmin(admin.ModelAdmin):
    """Every write goes through a service (rules + audit entry); the admin only shows the tables."""

    def has_view_permission(self, request, obj=None):
        from fazhi.orgs.builtin_roles import Perm

        return request.user.has_perm(Perm.SYSADMIN)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
