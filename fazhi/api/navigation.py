from fazhi.core.registry import NavItem, register_nav
from fazhi.orgs.builtin_roles import Perm

register_nav(NavItem(section="系统管理", label="开放接口令牌", url_name="api:token_list", permission=Perm.SYSADMIN,
                     order=930))
