"""The workbench's left menu, built from what each module registers in its ``navigation.py``."""
from django.urls import NoReverseMatch, reverse

from .registry import NavItem, nav_items, register_nav

register_nav(NavItem(section="工作台", label="我的工作台", url_name="core:workbench", order=0))
register_nav(NavItem(section="系统管理", label="操作审计日志", url_name="core:audit_list",
                     permission="core.view_audit", order=900))
register_nav(NavItem(section="系统管理", label="节假日与调休", url_name="core:calendar",
                     permission="core.manage_calendar", order=910))


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
register_nav(NavItem(section="系统管理", label="规则参数", url_name="core:rule_settings",
                     permission="core.manage_rules", order=915))
