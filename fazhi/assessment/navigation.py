"""The module's menu entries and public sections. Each part edits only its own block."""
from fazhi.core.registry import NavItem, register_nav  # noqa: F401
from fazhi.portal.registry import PublicSection, register_public  # noqa: F401

from .permissions import P  # noqa: F401

# --- leadership ---
register_nav(NavItem(section="组织领导与考核", label="领导小组", url_name="assessment:group_list", permission=P.VIEW,
                     order=10))
register_nav(NavItem(section="组织领导与考核", label="领导小组会议", url_name="assessment:meeting_list",
                     permission=P.VIEW, order=11))
register_nav(NavItem(section="组织领导与考核", label="年度工作方案", url_name="assessment:plan_list",
                     permission=P.VIEW, order=12))
register_nav(NavItem(section="组织领导与考核", label="任务分解与进展", url_name="assessment:task_list",
                     permission=P.VIEW, order=13))

# --- evaluation ---
register_nav(NavItem(section="组织领导与考核", label="示范创建", url_name="assessment:pilot_list", permission=P.VIEW,
                     order=860))
register_nav(NavItem(section="组织领导与考核", label="示范创建指标体系", url_name="assessment:indicator_tree",
                     permission=P.VIEW, order=861))
register_nav(NavItem(section="组织领导与考核", label="依法行政考评", url_name="assessment:annual", permission=P.VIEW,
                     order=862))
register_nav(NavItem(section="组织领导与考核", label="考评计分卡与排名", url_name="assessment:card_list",
                     permission=P.VIEW, order=863))
register_public(PublicSection(title="依法行政考评结果", url_name="assessment:public_results", order=90,
                              description="各乡镇和县直部门依法行政考评的最终得分和排名"))
