from fazhi.core.registry import NavItem, register_nav

from .builtin_roles import Perm

register_nav(NavItem(section="组织与用户", label="组织机构", url_name="orgs:unit_list", permission=Perm.VIEW_UNITS,
                     order=800))
register_nav(NavItem(section="组织与用户", label="用户与角色", url_name="orgs:user_list", permission=Perm.VIEW_USERS,
                     order=810))
register_nav(NavItem(section="系统管理", label="登录日志", url_name="orgs:login_log", permission=Perm.VIEW_AUDIT,
                     order=905))
