from fazhi.core.registry import NavItem, register_nav
from fazhi.portal.registry import PublicSection, register_public

from .permissions import PowersPerm

SECTION = "权责清单"
register_nav(NavItem(section=SECTION, label="权责事项", url_name="powers:item_list", permission=PowersPerm.VIEW,
                     order=200))
register_nav(NavItem(section=SECTION, label="动态调整", url_name="powers:adjustment_list",
                     permission=PowersPerm.VIEW, order=201))
register_nav(NavItem(section=SECTION, label="清单版本", url_name="powers:version_list", permission=PowersPerm.VIEW,
                     order=202))
register_nav(NavItem(section=SECTION, label="依据变化", url_name="powers:law_list", permission=PowersPerm.VIEW,
                     order=203))
register_nav(NavItem(section=SECTION, label="行政审批事项目录", url_name="powers:approval_list",
                     permission=PowersPerm.VIEW, order=204))

register_public(PublicSection(title="权责清单", description="县政府各部门现行权责清单、调整说明和版本比较",
                              url_name="powers:public_list", order=20))
