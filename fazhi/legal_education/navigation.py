from fazhi.core.registry import NavItem, register_nav
from fazhi.portal.registry import PublicSection, register_public

from .permissions import LegalEducationPerm as P

SECTION = "普法与学法"
register_nav(NavItem(section=SECTION, label="我的考试", url_name="legal_education:my_exams", permission=None, order=600))
register_nav(NavItem(section=SECTION, label="我的学法档案", url_name="legal_education:my_record", permission=None,
                     order=601))
register_nav(NavItem(section=SECTION, label="考试与成绩", url_name="legal_education:exam_list", permission=P.VIEW,
                     order=602))
register_nav(NavItem(section=SECTION, label="普法责任清单", url_name="legal_education:duty_list", permission=P.VIEW,
                     order=603))
register_nav(NavItem(section=SECTION, label="普法活动", url_name="legal_education:activity_list", permission=P.VIEW,
                     order=604))
register_nav(NavItem(section=SECTION, label="法治文化阵地", url_name="legal_education:site_list", permission=P.VIEW,
                     order=605))
register_nav(NavItem(section=SECTION, label="学法活动", url_name="legal_education:study_list", permission=P.VIEW,
                     order=606))
register_nav(NavItem(section=SECTION, label="以案释法", url_name="legal_education:case_list", permission=P.VIEW,
                     order=606))
register_nav(NavItem(section=SECTION, label="学法档案", url_name="legal_education:record_list", permission=P.VIEW,
                     order=606))
register_nav(NavItem(section=SECTION, label="题库", url_name="legal_education:bank_list", permission=P.MANAGE,
                     order=607))

register_public(PublicSection(title="普法责任清单", url_name="legal_education:public_duty_lists", order=60,
                              description="各单位“谁执法谁普法”普法责任清单"))
register_public(PublicSection(title="法治文化阵地与普法活动", url_name="legal_education:public_sites", order=61,
                              description="法治文化阵地、“法律六进”普法活动"))
register_public(PublicSection(title="以案释法", url_name="legal_education:public_cases", order=62,
                              description="各单位结合典型案例解读法律法规"))
