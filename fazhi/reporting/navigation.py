from fazhi.core.registry import NavItem, register_nav
from fazhi.portal.registry import PublicSection, register_public

from .permissions import ReportingPerm

register_nav(NavItem(section="综合", label="驾驶舱", url_name="reporting:dashboard",
                     permission=ReportingPerm.VIEW_DASHBOARD, order=10))
register_nav(NavItem(section="综合", label="预警中心", url_name="reporting:alert_list",
                     permission=ReportingPerm.VIEW_ALERTS, order=11))
register_nav(NavItem(section="综合", label="法治政府建设年度报告", url_name="reporting:report_list",
                     permission=ReportingPerm.VIEW_REPORT, order=12))
register_nav(NavItem(section="综合", label="指标口径说明", url_name="reporting:figure_definitions",
                     permission=ReportingPerm.VIEW_DASHBOARD, order=13))
register_public(PublicSection("法治政府建设年度报告", "县政府及各部门、乡镇向社会公开的法治政府建设年度报告",
                              "reporting:public_report_list", order=90))
