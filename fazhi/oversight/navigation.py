"""The module's menu entries and public sections. Each part edits only its own block."""
from fazhi.core.registry import NavItem, register_nav  # noqa: F401
from fazhi.portal.registry import PublicSection, register_public  # noqa: F401

from .permissions import P  # noqa: F401

# --- suggestions ---
register_nav(NavItem(section="监督", label="代表建议和政协提案", url_name="oversight:suggestion_list", permission=P.VIEW,
                     order=900))
register_nav(NavItem(section="监督", label="人大执法检查和案件评查", url_name="oversight:inspection_list",
                     permission=P.VIEW, order=901))
register_nav(NavItem(section="监督", label="司法建议和检察建议", url_name="oversight:judicial_list", permission=P.VIEW,
                     order=902))
register_nav(NavItem(section="监督", label="整改任务", url_name="oversight:task_list", permission=P.VIEW, order=903))
register_nav(NavItem(section="监督", label="问责记录", url_name="oversight:accountability_list",
                     permission=P.VIEW_ACCOUNTABILITY, order=909))
register_public(PublicSection(title="建议提案答复公开", url_name="oversight:public_suggestions", order=90,
                              description="人大代表建议和政协提案的办理答复（个人信息已脱敏）"))

# --- litigation ---
register_nav(NavItem(section="监督", label="行政应诉案件", url_name="oversight:litigation_list", permission=P.VIEW,
                     order=910))
register_nav(NavItem(section="监督", label="负责人出庭应诉统计", url_name="oversight:appearance_statistics",
                     permission=P.VIEW, order=911))
register_nav(NavItem(section="监督", label="行政复议案件", url_name="oversight:recon_list", permission=P.VIEW,
                     order=912))
register_nav(NavItem(section="监督", label="行政复议统计", url_name="oversight:recon_statistics", permission=P.VIEW,
                     order=913))
