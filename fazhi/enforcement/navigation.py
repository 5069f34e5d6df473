from fazhi.core.registry import NavItem, register_nav
from fazhi.portal.registry import PublicSection, register_public

from .permissions import EnforcementPerm as P

SECTION = "行政执法"
register_nav(NavItem(section=SECTION, label="执法案件", url_name="enforcement:case_list", permission=P.VIEW, order=400))
register_nav(NavItem(section=SECTION, label="执法人员与证件", url_name="enforcement:officer_list", permission=P.VIEW,
                     order=401))
register_nav(NavItem(section=SECTION, label="执法主体", url_name="enforcement:body_list", permission=P.VIEW, order=402))
register_nav(NavItem(section=SECTION, label="随机抽查事项", url_name="enforcement:inspection_list", permission=P.VIEW,
                     order=403))
register_nav(NavItem(section=SECTION, label="执法决定公示", url_name="enforcement:publication_list", permission=P.VIEW,
                     order=404))
register_nav(NavItem(section=SECTION, label="案卷评查", url_name="enforcement:evaluation_list", permission=P.VIEW,
                     order=405))

register_public(PublicSection(title="行政执法公示", url_name="enforcement:public_home", order=40,
                              description="执法主体、执法人员、随机抽查事项和执法决定（个人信息已脱敏）"))
register_public(PublicSection(title="执法决定公开", url_name="enforcement:public_decisions", order=41,
                              description="行政处罚、行政许可等执法决定，可按关键词查询"))
