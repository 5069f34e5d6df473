"""The workbench's left menu, built from what each app registers in its ``navigation.py``."""
from django.urls import NoReverseMatch, reverse

from .registry import nav_items


def menu_for(user, current_path="", todo_counts=None):
    """The sections and items ``user`` may use; ``todo_counts`` (``{module: n}``) puts the number of the
    user's to-dos beside each section whose items belong to that module."""
    todo_counts = todo_counts or {}
    sections: dict[str, list] = {}
    modules: dict[str, set] = {}
    first_order: dict[str, int] = {}
    for item in nav_items():
        if item.permission and not user.has_perm(item.permission):
            continue
        if item.show is not None and not item.show(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        active = current_path == url or (url != "/" and current_path.startswith(url) and item.order > 0)
        sections.setdefault(item.section, []).append({"label": item.label, "url": url, "active": active})
        modules.setdefault(item.section, set()).add(item.url_name.split(":", 1)[0])
        first_order.setdefault(item.section, item.order)
    # a section sits where its first item's order puts it
    return [
        {"section": name, "items": items, "todos": sum(todo_counts.get(m, 0) for m in modules[name])}
        for name, items in sorted(sections.items(), key=lambda kv: first_order[kv[0]])
    ]
