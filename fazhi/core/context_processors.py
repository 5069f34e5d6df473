from django.conf import settings

from .navigation import menu_for


def layout(request):
    user = getattr(request, "user", None)
    return {
        "county_name": settings.FAZHI_COUNTY_NAME,
        "site_title": f"{settings.FAZHI_COUNTY_NAME}法治政府建设平台",
        "nav_menu": menu_for(user, request.path) if user is not None and user.is_authenticated else [],
    }
