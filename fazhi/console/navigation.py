from fazhi.core.registry import NavItem, register_nav
from fazhi.orgs.builtin_roles import Perm

register_nav(NavItem(section="工作台", label="我的工作台", url_name="console:workbench", order=0))
register_nav(NavItem(section="系统管理", label="操作审计日志", url_name="console:audit_list",
                     permission=Perm.VIEW_AUDIT, order=900))
register_nav(NavItem(section="系统管理", label="节假日与调休", url_name="console:calendar",
                     permission=Perm.MANAGE_CALENDAR, order=910))
register_nav(NavItem(section="系统管理", label="规则参数", url_name="console:rule_settings",
                     permission=Perm.MANAGE_RULES, order=915))
register_nav(NavItem(section="系统管理", label="运行状态", url_name="console:operations",
                     permission=Perm.SYSADMIN, order=920))
