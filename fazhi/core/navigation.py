"""The workbench's left menu, built from what each app registers in its ``navigation.py``."""
from django.urls import NoReverseMatch, reverse

from .registry import nav_items


def menu_for(user, current_path=""):
    sections: dict[str, list] = {}
    first_order: dict[str, int] = {}
    for item in nav_items():
        if item.permission and not user.has_perm(item.permission):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        active = current_path == url or (url != "/" and current_path.startswith(url) and item.order > 0)
        sections.setdefault(item.section, []).append({"label": item.label, "url": url, "active": active})
        first_order.setdefault(item.section, item.order)
    # a section sits where its first item's order puts it
    return [
        {"section": name, "items": items}
        for name, items in sorted(sections.items(), key=lambda kv: first_order[kv[0]])
    ]
