"""The public site's top navigation: every registered public section, on every public page."""
from django import template

from ..registry import public_sections

register = template.Library()


@register.inclusion_tag("portal/_nav.html", takes_context=True)
def public_nav(context):
    request = context.get("request")
    path = request.path if request is not None else ""
    sections = public_sections()
    for s in sections:
        s["active"] = path.startswith(s["url"].split("?")[0]) and s["url"] != "/"
    return {"sections": sections, "q": request.GET.get("q", "") if request is not None and path == _search_path()
            else "", "site_title": context.get("site_title", ""), "path": path}


def _search_path():
    from django.urls import reverse

    return reverse("portal:search")
