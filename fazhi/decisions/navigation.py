from fazhi.core.registry import NavItem, register_nav
from fazhi.portal.registry import PublicSection, register_open_drafts, register_public

from .permissions import DecisionPerm as P

SECTION = "重大行政决策"
register_nav(NavItem(section=SECTION, label="决策事项", url_name="decisions:decision_list", permission=P.VIEW,
                     order=300))
register_nav(NavItem(section=SECTION, label="年度决策事项目录", url_name="decisions:catalogue_list",
                     permission=P.VIEW, order=301))
register_nav(NavItem(section=SECTION, label="政府法律顾问", url_name="decisions:adviser_list",
                     permission=P.VIEW_ADVISERS, order=305))
register_nav(NavItem(section=SECTION, label="法律顾问服务记录", url_name="decisions:service_list",
                     permission=P.VIEW_ADVISERS, order=306))
register_nav(NavItem(section=SECTION, label="法律顾问覆盖情况", url_name="decisions:coverage",
                     permission=P.VIEW_ADVISERS, order=307))

register_public(PublicSection(title="重大行政决策征求意见", description="决策草案公开征求意见、已公布的重大行政决策及公众意见采纳情况说明",
                              url_name="decisions:public_list", order=30))


def _open_drafts(today):
    """Drafts whose public comment window includes ``today`` (the portal home lists them)."""
    from django.urls import reverse

    from fazhi.portal.registry import OpenDraft

    from .choices import DecisionStatus, StepCode
    from .models import ProcedureStep

    steps = (ProcedureStep.objects.filter(code=StepCode.PUBLIC_PARTICIPATION, decision__status=DecisionStatus.CONSULTATION,
                                          comment_start__lte=today, comment_end__gte=today)
             .select_related("decision__lead_unit"))
    return [OpenDraft(title=s.decision.title, kind="重大行政决策", unit=s.decision.lead_unit.name, ends_on=s.comment_end,
                      url=reverse("decisions:public_detail") + f"?id={s.decision_id}") for s in steps]


register_open_drafts("decisions", _open_drafts)
