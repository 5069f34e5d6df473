from fazhi.core.registry import NavItem, register_nav
from fazhi.portal.registry import PublicSection, register_public

from .permissions import DisputesPerm as P

SECTION = "矛盾纠纷化解"
register_nav(NavItem(section=SECTION, label="信访事项", url_name="disputes:petition_list", permission=P.PETITION_VIEW,
                     order=700))
register_nav(NavItem(section=SECTION, label="调解案件", url_name="disputes:case_list", permission=P.VIEW, order=701))
register_nav(NavItem(section=SECTION, label="调解组织", url_name="disputes:org_list", permission=P.VIEW, order=702))
register_nav(NavItem(section=SECTION, label="调解统计", url_name="disputes:statistics", permission=P.VIEW, order=703))
register_nav(NavItem(section=SECTION, label="矛盾纠纷专项", url_name="disputes:cluster_list", permission=P.VIEW,
                     order=706))
register_nav(NavItem(section=SECTION, label="各单位化解情况", url_name="disputes:overview", permission=P.VIEW,
                     order=705))
register_nav(NavItem(section=SECTION, label="信访大厅律师值守", url_name="disputes:hall_list", permission=P.HALL,
                     order=704))

register_public(PublicSection(title="信访事项办理进度查询", url_name="disputes:public_query", order=70,
                              description="凭查询码和联系电话查询本人信访事项的办理环节和日期"))
