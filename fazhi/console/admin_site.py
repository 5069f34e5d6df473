"""Django's admin is for system administrators only; it is not the product's UI."""
from django.shortcuts import redirect
from django.urls import reverse

from fazhi.orgs.builtin_roles import Perm


def restrict_admin(site):
    site.site_header = "法治政府建设平台 · 系统后台（仅限系统管理员）"
    site.site_title = "系统后台"
    site.index_title = "系统管理"

    def has_permission(request):
        user = request.user
        return user.is_active and user.is_staff and user.has_perm(Perm.SYSADMIN)

    def login(request, extra_context=None):
        return redirect(f"{reverse('orgs:login')}?next={request.GET.get('next', '/admin/')}")

    site.has_permission = has_permission
    site.login = login
