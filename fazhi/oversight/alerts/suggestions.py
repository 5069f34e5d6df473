"""Alerts of the suggestions part: replies to suggestions and proposals coming due and overdue (limited to what
the user may see)."""
import datetime

from django.urls import reverse

from fazhi.core.registry import Alert, register_alert
from fazhi.core.rules import get_setting

from ..models.suggestions import JudicialStatus, SuggestionStatus, TaskStatus
from ..permissions import OversightPerm
from ..selectors.suggestions import judicial_list, suggestion_list, task_list
from ..workflows.suggestions import RULE_REPLY


def suggestion_replies(user, today):
    if user is None or not user.has_perm(OversightPerm.VIEW):
        return []
    days = get_setting("oversight.suggestion_alert_days")
    due = list(suggestion_list(user=user).filter(status=SuggestionStatus.ASSIGNED).values_list("current_due", flat=True))
    late = [d for d in due if d < today]
    near = [d for d in due if today <= d <= today + datetime.timedelta(days=days)]
    link = reverse("oversight:suggestion_list")
    alerts = []
    if late:
        alerts.append(Alert(rule=RULE_REPLY, severity="overdue", count=len(late), due=min(late),
                            title=f"{len(late)}件建议提案超过答复期限仍未答复", link=f"{link}?overdue=on"))
    if near:
        alerts.append(Alert(rule=RULE_REPLY, severity="warning", count=len(near), due=min(near),
                            title=f"{len(near)}件建议提案将在{days}日内到达答复期限", link=f"{link}?status=assigned"))
    return alerts


register_alert("oversight.suggestion_replies", label="建议提案答复期限", check=suggestion_replies)


RULE_JUDICIAL = ("司法建议、检察建议应当在建议书载明的期限内书面回复（《人民检察院检察建议工作规定》：一般为收到之日起两个月内）")
RULE_TASK = "人大常委会审议意见和司法建议、检察建议提出的问题应当在期限内整改到位"


def judicial_replies(user, today):
    if user is None or not user.has_perm(OversightPerm.VIEW):
        return []
    days = get_setting("oversight.suggestion_alert_days")
    qs = judicial_list(user=user).filter(status=JudicialStatus.RECEIVED)
    late = list(qs.filter(reply_due__lt=today).values_list("reply_due", flat=True))
    near = list(qs.filter(reply_due__gte=today, reply_due__lte=today + datetime.timedelta(days=days))
                .values_list("reply_due", flat=True))
    link = reverse("oversight:judicial_list")
    alerts = []
    if late:
        alerts.append(Alert(rule=RULE_JUDICIAL, severity="overdue", count=len(late), due=min(late),
                            title=f"{len(late)}件司法建议、检察建议超过回复期限仍未回复", link=f"{link}?overdue=on"))
    if near:
        alerts.append(Alert(rule=RULE_JUDICIAL, severity="warning", count=len(near), due=min(near),
                            title=f"{len(near)}件司法建议、检察建议将在{days}日内到达回复期限", link=f"{link}?status=received"))
    return alerts


def rectification_tasks(user, today):
    if user is None or not user.has_perm(OversightPerm.VIEW):
        return []
    late = list(task_list(user=user).filter(status=TaskStatus.OPEN, due_on__lt=today).values_list("due_on", flat=True))
    if not late:
        return []
    return [Alert(rule=RULE_TASK, severity="overdue", count=len(late), due=min(late),
                  title=f"{len(late)}项整改任务超过整改期限仍未完成", link=f"{reverse('oversight:task_list')}?overdue=on")]


register_alert("oversight.judicial_replies", label="司法建议、检察建议回复期限", check=judicial_replies)
register_alert("oversight.rectification_tasks", label="整改任务期限", check=rectification_tasks)
