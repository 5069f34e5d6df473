"""What waits for a user in the leadership part: a unit's tasks to report on (overdue, returned or not reported
within the reporting interval) and, for the office, progress reports to review."""
import datetime

from django.db.models import Q
from django.urls import reverse

from fazhi.core.registry import Todo, register_todo, todo_rows
from fazhi.core.rules import get_setting

from ..models.leadership import PlanTask, ProgressReport, ProgressStatus, TaskStatus
from ..permissions import AssessmentPerm as P
from ..policies.leadership import plan_tasks, progress_reports


def tasks_waiting(today):
    """Tasks not done whose unit owes a report: returned, past the deadline, or not reported within the interval."""
    since = today - datetime.timedelta(days=get_setting("assessment.progress_interval_days"))
    return PlanTask.objects.filter(status__in=(TaskStatus.OPEN, TaskStatus.RETURNED)).filter(
        Q(status=TaskStatus.RETURNED) | Q(deadline__lt=today) | Q(last_reported_on__isnull=True, plan__year__lte=today.year)
        | Q(last_reported_on__lt=since))


def _task_todo(today):
    def make(t):
        if t.status == TaskStatus.RETURNED:
            why = "进展被退回，请重新报送"
        elif t.deadline < today:
            why = "已超过完成时限，请报送完成情况"
        else:
            why = "请报送本期进展"
        return Todo(title=f"{t.number} {t.title}：{why}", link=reverse("assessment:task_detail", args=[t.pk]),
                    due=t.deadline, unit=t.lead_unit.name, action="报送")

    return make


def leadership_todos(user, today):
    if user is None or not user.has_perm(P.VIEW):
        return []
    todos = []
    if user.has_perm(P.REPORT):
        mine = plan_tasks.visible(user, tasks_waiting(today), action="report")
        todos += todo_rows(mine.select_related("lead_unit").order_by("deadline", "pk"), _task_todo(today),
                           more=lambda n: Todo(title=f"另有{n}项任务待报送进展", count=n,
                                               link=reverse("assessment:task_list"), action="查看"))
    if user.has_perm(P.MANAGE):
        waiting = progress_reports.visible(user, ProgressReport.objects.filter(status=ProgressStatus.SUBMITTED),
                                           action="accept")
        todos += todo_rows(
            waiting.select_related("task", "task__lead_unit").order_by("reported_on", "pk"),
            lambda r: Todo(title=f"{r.task.number} {r.task.title}：审核{r.period}进展",
                           link=reverse("assessment:task_detail", args=[r.task_id]), due=r.task.deadline,
                           unit=r.task.lead_unit.name, action="审核"),
            more=lambda n: Todo(title=f"另有{n}份任务进展待审核", count=n,
                                link=f"{reverse('assessment:task_list')}?status={TaskStatus.REPORTED}", action="查看"))
    return todos


register_todo("assessment.leadership", label="任务分解与进展", collect=leadership_todos)
