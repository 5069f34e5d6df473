"""Compliance checks of the leadership part: tasks past their deadline and tasks whose unit has not reported
progress within the reporting interval, limited to what the user may see."""
import datetime

from django.db.models import Q
from django.urls import reverse

from fazhi.core.registry import Alert, register_alert
from fazhi.core.rules import get_setting

from ..models.leadership import PlanTask, TaskStatus
from ..permissions import AssessmentPerm as P
from ..policies.leadership import plan_tasks

RULE = "《法治政府建设实施纲要（2015－2020年）》第三部分：任务分解落实，加强督促检查"


def tasks_overdue(user, today):
    if user is None or not user.has_perm(P.VIEW):
        return []
    qs = plan_tasks.visible(user, PlanTask.objects.filter(deadline__lt=today).exclude(status=TaskStatus.DONE))
    alerts = []
    for t in qs.select_related("lead_unit").order_by("deadline", "pk")[:50]:
        alerts.append(Alert(rule=RULE, severity="overdue", title=f"任务“{t.number} {t.title}”已超过完成时限仍未完成",
                            unit=t.lead_unit, due=t.deadline, link=reverse("assessment:task_detail", args=[t.pk])))
    return alerts


def tasks_unreported(user, today):
    if user is None or not user.has_perm(P.VIEW):
        return []
    days = get_setting("assessment.progress_interval_days")
    since = today - datetime.timedelta(days=days)
    qs = plan_tasks.visible(user, PlanTask.objects.filter(status__in=(TaskStatus.OPEN, TaskStatus.RETURNED),
                                                          deadline__gte=today, plan__year=today.year)
                            .filter(Q(last_reported_on__isnull=True) | Q(last_reported_on__lt=since)))
    n = qs.count()
    if not n:
        return []
    return [Alert(rule=f"{RULE}（每{days}日报送一次进展）", severity="warning", count=n,
                  title=f"{n}项任务超过{days}日未报送进展", link=f"{reverse('assessment:task_list')}?year={today.year}")]


register_alert("assessment.tasks_overdue", label="任务逾期未完成", check=tasks_overdue)
register_alert("assessment.tasks_unreported", label="任务未按期报送进展", check=tasks_unreported)
