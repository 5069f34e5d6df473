"""Alerts of the litigation part, limited to what the user may see: the defence deadline, hearings whose
appearance is not recorded, appeal periods, and the reconsideration clocks (acceptance, answer, decision,
normative-document review)."""
import datetime

from django.urls import reverse

from fazhi.core.registry import Alert, register_alert
from fazhi.core.rules import get_setting

from .. import policies
from ..models.litigation import LitigationStatus, ReconStatus
from ..permissions import OversightPerm as P

LITIGATION_CLOCKS = [
    # (filter of the open records, due field, label, rule)
    ({"status": LitigationStatus.RECEIVED}, "defence_due", "答辩",
     "《中华人民共和国行政诉讼法》第六十七条：收到起诉状副本之日起十五日内提交答辩状和证据"),
    ({"status": LitigationStatus.JUDGED}, "appeal_due", "上诉",
     "《中华人民共和国行政诉讼法》第八十五条：不服判决的十五日内、不服裁定的十日内提起上诉"),
]
RECON_CLOCKS = [
    ({"status": ReconStatus.RECEIVED}, "accept_due", "受理审查", "《中华人民共和国行政复议法》：收到申请后五个工作日内审查决定是否受理"),
    ({"status": ReconStatus.ACCEPTED, "answered_on__isnull": True, "answer_due__isnull": False}, "answer_due",
     "被申请人答复", "《中华人民共和国行政复议法》：被申请人自收到申请书副本之日起十日内提出书面答复"),
    ({"status": ReconStatus.ACCEPTED}, "decision_due", "复议决定",
     "《中华人民共和国行政复议法》：自受理之日起六十日内作出决定，经批准可延长不超过三十日"),
    ({"doc_done_on__isnull": True, "doc_due__isnull": False}, "doc_due", "规范性文件附带审查",
     "《中华人民共和国行政复议法》：有权处理的三十日内处理，无权处理的七个工作日内转送"),
]


def _clock_alerts(qs, clocks, noun, link, today):
    days = get_setting("oversight.litigation_alert_days")
    alerts = []
    for filters, field, label, rule in clocks:
        rows = list(qs.filter(**filters).exclude(**{f"{field}__isnull": True}))
        due = [r.decision_deadline if field == "decision_due" else getattr(r, field) for r in rows]
        late = [d for d in due if d < today]
        near = [d for d in due if today <= d <= today + datetime.timedelta(days=days)]
        if late:
            alerts.append(Alert(rule=rule, severity="overdue", count=len(late), due=min(late), link=link,
                                title=f"{len(late)}件{noun}超过{label}期限"))
        if near:
            alerts.append(Alert(rule=rule, severity="warning", count=len(near), due=min(near), link=link,
                                title=f"{len(near)}件{noun}将在{days}日内到达{label}期限"))
    return alerts


def litigation_clocks(user, today):
    if user is None or not user.has_perm(P.VIEW):
        return []
    qs = policies.litigation_cases.visible(user)
    alerts = _clock_alerts(qs, LITIGATION_CLOCKS, "行政应诉案件", reverse("oversight:litigation_list"), today)
    pending = policies.litigation_hearings.visible(user).filter(recorded_on__isnull=True, hearing_on__lt=today)
    n = pending.count()
    if n:
        alerts.append(Alert(rule="《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》：负责人出庭应诉情况纳入考评",
                            severity="warning", count=n, due=min(h.hearing_on for h in pending),
                            title=f"{n}次开庭尚未登记出庭应诉情况", link=reverse("oversight:litigation_list")))
    return alerts


def recon_clocks(user, today):
    if user is None or not user.has_perm(P.VIEW):
        return []
    return _clock_alerts(policies.recon_cases.visible(user), RECON_CLOCKS, "行政复议案件",
                         reverse("oversight:recon_list"), today)


register_alert("oversight.litigation_clocks", label="行政应诉期限", check=litigation_clocks)
register_alert("oversight.recon_clocks", label="行政复议期限", check=recon_clocks)
