from django.contrib.auth.backends import ModelBackend

from .builtin_roles import Perm, permissions_of


class RoleBackend(ModelBackend):
    """Password check from Django; permissions from the user's built-in roles (not Django's tables)."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        cache = getattr(user_obj, "_fazhi_perm_cache", None)
        if cache is None:
            cache = set()
            for code in user_obj.grants.values_list("role__code", flat=True):
                cache |= permissions_of(code)
            user_obj._fazhi_perm_cache = cache
        return cache

    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active:
            return False
        if user_obj.is_superuser:
            return True
        return perm in self.get_all_permissions(user_obj)

    def has_module_perms(self, user_obj, app_label):
        # Django's admin asks this; only system administrators use the admin.
        return self.has_perm(user_obj, Perm.SYSADMIN)
