from fazhi.core.registry import NavItem, register_nav
from fazhi.portal.registry import PublicSection, register_public

from .permissions import LegalPerm as P


def _is_lawyer(user):
    """Only a registered 包联律师 files a service log (the page refuses anyone else)."""
    from .services import lawyer_of

    return lawyer_of(user) is not None


SECTION = "公共法律服务"
register_nav(NavItem(section=SECTION, label="律师服务日志", url_name="legal_services:log_list", permission=P.VIEW,
                     order=600))
register_nav(NavItem(section=SECTION, label="填报服务日志", url_name="legal_services:log_create", permission=P.LOG,
                     order=599, show=_is_lawyer))
register_nav(NavItem(section=SECTION, label="包联覆盖", url_name="legal_services:coverage", permission=P.VIEW,
                     order=601))
register_nav(NavItem(section=SECTION, label="包联律师", url_name="legal_services:lawyer_list", permission=P.VIEW,
                     order=602))
register_nav(NavItem(section=SECTION, label="律师补贴", url_name="legal_services:subsidy", permission=P.MANAGE,
                     order=603))
register_nav(NavItem(section=SECTION, label="法律援助", url_name="legal_services:aid_list", permission=P.AID,
                     order=604))
register_nav(NavItem(section=SECTION, label="购买服务合同", url_name="legal_services:contract_list",
                     permission=P.VIEW, order=605))

register_public(PublicSection(title="身边的律师", url_name="legal_services:public_lawyers", order=60,
                              description="各乡镇、村（社区）的包联律师、驻点时间和公共法律服务热线12348"))
