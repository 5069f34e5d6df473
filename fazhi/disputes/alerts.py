"""Compliance checks of the disputes module, limited to what the user may see: every petition clock before it
lapses and after; judicial confirmation windows; the one-month mediation target; committees whose term lapsed
or whose composition breaks the rule; disputes that may turn criminal (to the unit they were reported to)."""
import datetime

from django.urls import reverse

from fazhi.core.registry import Alert, register_alert
from fazhi.core.rules import get_setting

from . import policies, selectors
from .choices import OPEN_CASE_STATUSES, CaseStatus, PetitionStatus
from .models import MediationCase, MediationOrg, Petition
from .permissions import DisputesPerm as P

CLOCKS = [
    # (status the clock runs in, due field, label, rule)
    (PetitionStatus.REGISTERED, "route_due", "转送", "《信访工作条例》第二十二条；《信访条例》第二十一条：15日内转送"),
    (PetitionStatus.ROUTED, "accept_due", "受理告知", "《信访工作条例》第二十三条；《信访条例》第二十一条：15日内书面告知是否受理"),
    (PetitionStatus.ACCEPTED, "handle_due", "办理", "《信访工作条例》第三十四条；《信访条例》第三十三条：60日内办结，延长不超过30日"),
    (PetitionStatus.REVIEW, "review_due", "复查", "《信访工作条例》第三十五条；《信访条例》第三十四条：30日内提出复查意见"),
    (PetitionStatus.RECHECK, "recheck_due", "复核", "《信访工作条例》第三十六条；《信访条例》第三十五条：30日内提出复核意见"),
]


def _petitions(user):
    if user is None or not user.has_perm(P.PETITION_VIEW):
        return Petition.objects.none()
    return policies.petitions.visible(user)


def _cases(user):
    if user is None or not user.has_perm(P.VIEW):
        return MediationCase.objects.none()
    return policies.cases.visible(user)


def petition_clocks(user, today):
    days = get_setting("disputes.alert_days")
    qs = _petitions(user)
    link = reverse("disputes:petition_list")
    alerts = []
    for status, field, label, rule in CLOCKS:
        rows = list(qs.filter(status=status, **{f"{field}__isnull": False}).only(field, "extension_days", "status"))
        due = [(p.handle_deadline if field == "handle_due" else getattr(p, field)) for p in rows]
        late = [d for d in due if d < today]
        near = [d for d in due if today <= d <= today + datetime.timedelta(days=days)]
        if late:
            alerts.append(Alert(rule=rule, severity="overdue", count=len(late), due=min(late),
                                title=f"{len(late)}件信访事项超过{label}期限", link=f"{link}?status={status}"))
        if near:
            alerts.append(Alert(rule=rule, severity="warning", count=len(near), due=min(near),
                                title=f"{len(near)}件信访事项将在{days}日内到达{label}期限", link=f"{link}?status={status}"))
    return alerts


def confirmation_windows(user, today):
    days = get_setting("disputes.alert_days")
    qs = _cases(user).filter(status=CaseStatus.EFFECTIVE, confirmation_applied_on__isnull=True,
                             confirmation_due__gte=today, confirmation_due__lte=today + datetime.timedelta(days=days))
    n = qs.count()
    if not n:
        return []
    return [Alert(rule="《中华人民共和国人民调解法》第三十三条：协议生效之日起三十日内共同申请司法确认", severity="warning",
                  count=n, due=qs.order_by("confirmation_due").values_list("confirmation_due", flat=True).first(),
                  title=f"{n}件调解协议申请司法确认的期限即将届满", link=f"{reverse('disputes:case_list')}?status=effective")]


def mediation_target(user, today):
    qs = _cases(user).filter(status__in=OPEN_CASE_STATUSES, target_due__lt=today)
    n = qs.count()
    if not n:
        return []
    return [Alert(rule="《人民调解工作若干规定》第三十三条：调解纠纷一般在一个月内调结", severity="overdue", count=n,
                  title=f"{n}件调解案件超过一个月仍未调结", link=reverse("disputes:case_list"))]


def committees(user, today):
    if user is None or not user.has_perm(P.VIEW):
        return []
    orgs = policies.orgs.visible(user, MediationOrg.objects.filter(is_active=True)).prefetch_related("mediators")
    broken = [o for o in orgs if selectors.composition_problems(o, today)]
    if not broken:
        return []
    return [Alert(rule="《中华人民共和国人民调解法》第九条：委员三至九人，应当有妇女成员，每届任期三年", severity="warning",
                  count=len(broken), title=f"{len(broken)}个人民调解委员会任期届满或组成不符合规定",
                  link=reverse("disputes:org_list"))]


def criminal_risk(user, today):
    qs = _cases(user).filter(may_turn_criminal=True, status__in=OPEN_CASE_STATUSES)
    n = qs.count()
    if not n:
        return []
    return [Alert(rule="《中华人民共和国人民调解法》第二十五条：纠纷可能激化的，应当采取预防措施并及时报告", severity="overdue",
                  count=n, title=f"{n}件矛盾纠纷有激化为刑事案件的风险", link=reverse("disputes:case_list"))]


register_alert("disputes.petition_clocks", label="信访事项期限", check=petition_clocks)
register_alert("disputes.confirmation_windows", label="司法确认申请期限", check=confirmation_windows)
register_alert("disputes.mediation_target", label="调解案件超过一个月", check=mediation_target)
register_alert("disputes.committees", label="人民调解委员会任期与组成", check=committees)
register_alert("disputes.criminal_risk", label="矛盾纠纷激化风险", check=criminal_risk)
