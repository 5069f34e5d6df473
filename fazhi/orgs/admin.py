from django.contrib import admin

from .builtin_roles import Perm
from .models import LoginLog, OrgUnit, Role, RoleGrant, User


class ReadOnlyAdmin(admin.ModelAdmin):
    """Every write goes through a service (rules + audit entry); the admin only shows the tables."""

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(Perm.SYSADMIN)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OrgUnit)
class OrgUnitAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name"]


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["username", "full_name", "unit", "is_active", "last_login"]
    search_fields = ["username", "full_name"]
    exclude = ["password"]


@admin.register(Role)
class RoleAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "read_only"]


@admin.register(RoleGrant)
class RoleGrantAdmin(ReadOnlyAdmin):
    list_display = ["user", "role", "unit", "scope"]


@admin.register(LoginLog)
class LoginLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "username", "event", "ip"]
    list_filter = ["event"]
