from fazhi.core.registry import NavItem, register_nav
from fazhi.portal.registry import PublicSection, register_open_drafts, register_public

from .permissions import DocPerm

SECTION = "行政规范性文件"
register_nav(NavItem(section=SECTION, label="文件台账", url_name="normative_docs:doc_list", permission=DocPerm.VIEW,
                     order=400))
register_nav(NavItem(section=SECTION, label="合法性审核", url_name="normative_docs:review_queue",
                     permission=DocPerm.REVIEW, order=401))
register_nav(NavItem(section=SECTION, label="报备与备案审查", url_name="normative_docs:filing_list",
                     permission=DocPerm.VIEW, order=402))
register_nav(NavItem(section=SECTION, label="文件清理", url_name="normative_docs:campaign_list",
                     permission=DocPerm.VIEW, order=403))
register_nav(NavItem(section=SECTION, label="文号前缀", url_name="normative_docs:prefix_list",
                     permission=DocPerm.MANAGE, order=404))
register_public(PublicSection(title="行政规范性文件库", description="县政府及部门、乡镇的行政规范性文件：全文、历史版本、清理结果和全文检索。",
                              url_name="normative_docs:public_list", order=20))


def _open_drafts(today):
    """Drafts taking public comment today (the portal home lists them with a link to the comment form)."""
    from fazhi.portal.registry import OpenDraft

    from .selectors import drafts_open_for_comment

    return [OpenDraft(title=d.title, kind="行政规范性文件", unit=d.unit.name, ends_on=d.comment_min_end,
                      url=d.get_public_draft_url()) for d in drafts_open_for_comment(today)]


register_open_drafts("normative_docs", _open_drafts)
