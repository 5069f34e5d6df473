"""Reads of the leadership part, always within the reader's data scope."""
from django.db.models import BooleanField, Case, Count, ExpressionWrapper, Q, Value, When

from fazhi.core import clock
from fazhi.core.models import AuditEntry
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from ..models.leadership import (
    GroupPost,
    GroupPostKind,
    LeadingGroup,
    Meeting,
    PlanTask,
    ProgressReport,
    ProgressStatus,
    TaskStatus,
    WorkPlan,
)
from ..permissions import AssessmentPerm as P
from ..policies import leadership as policies


def record_history(obj):
    """The audit trail of one record (already checked to be visible)."""
    return AuditEntry.objects.filter(object_type=obj._meta.label, object_id=str(obj.pk)).order_by("seq")


def group_history(group):
    """The audit trail of a leading group and of every post in it (who took or left which post, when)."""
    posts = [str(pk) for pk in group.posts.values_list("pk", flat=True)]
    return AuditEntry.objects.filter(Q(object_type=group._meta.label, object_id=str(group.pk))
                                     | Q(object_type=GroupPost._meta.label, object_id__in=posts)).order_by("seq")


def group_list(*, user):
    return policies.leading_groups.visible(user).select_related("unit", "office_unit").annotate(
        member_count=Count("posts", filter=Q(posts__end_on__isnull=True))).order_by("unit__path", "pk")


def group_get(*, user, pk):
    return policies.leading_groups.get(user, pk, LeadingGroup.objects.select_related("unit", "office_unit"))


def group_posts(group, *, current=True, on=None):
    """The posts held on day ``on`` (default: now held), or (``current=False``) the posts ended before it."""
    qs = group.posts.select_related("user", "person_unit")
    if on is None:
        qs = qs.filter(end_on__isnull=True) if current else qs.filter(end_on__isnull=False)
    elif current:
        qs = qs.filter(start_on__lte=on).exclude(end_on__lt=on)
    else:
        qs = qs.filter(end_on__lt=on)
    order = Case(*[When(post=k, then=Value(i)) for i, k in enumerate(GroupPostKind.values)])
    return qs.order_by(order, "start_on", "pk")


def unit_groups(*, user, on=None):
    """``[(unit, group or None, chairs, member_count)]`` for every active unit the reader sees: which units have
    their own leading body, who chairs it (the 组长 in post on day ``on``, default today) and how many are in post."""
    day = on or clock.today()
    units = list(units_for_picker(user))
    groups = {g.unit_id: g for g in policies.leading_groups.visible(user).filter(unit__in=units)}
    posts = {}
    for p in (GroupPost.objects.filter(group__in=groups.values(), start_on__lte=day).exclude(end_on__lt=day)
              .select_related("user").order_by("start_on", "pk")):
        posts.setdefault(p.group_id, []).append(p)
    rows = []
    for unit in units:
        group = groups.get(unit.pk)
        held = posts.get(group.pk, []) if group else []
        rows.append((unit, group, [p for p in held if p.post == GroupPostKind.LEADER], len(held)))
    return rows


def county_group():
    """The county's leading group: the one of the county government (the top of the unit tree)."""
    return (LeadingGroup.objects.filter(unit__parent__isnull=True, unit__kind="government")
            .select_related("unit", "office_unit").order_by("pk").first())


def post_get(*, user, pk):
    return policies.group_posts.get(user, pk, GroupPost.objects.select_related("group", "user"))


def post_holders(group, post, day):
    return [p for p in group.posts.filter(post=post).select_related("user") if p.active_on(day)]


def meeting_list(*, user):
    return policies.meetings.visible(user).select_related("group", "chair")


def meeting_get(*, user, pk):
    return policies.meetings.get(user, pk, Meeting.objects.select_related("group", "group__unit", "chair"))


def plan_list(*, user):
    return policies.work_plans.visible(user).select_related("unit").annotate(
        area_count=Count("areas", distinct=True), task_count=Count("tasks", distinct=True)).order_by("-year", "pk")


def plan_get(*, user, pk):
    return policies.work_plans.get(user, pk, WorkPlan.objects.select_related("unit"))


def plan_tree(plan, *, user):
    """``[(area, [task with .measure_list])]``: the plan's areas with the visible tasks and their measures."""
    tasks = list(policies.plan_tasks.visible(user, plan.tasks.all()).select_related("lead_unit"))
    measures = {}
    for t in tasks:
        if t.parent_id:
            measures.setdefault(t.parent_id, []).append(t)
    ids = {t.pk for t in tasks}
    tree = []
    for area in plan.areas.all():
        top = [t for t in tasks if t.area_id == area.pk and (t.parent_id is None or t.parent_id not in ids)]
        for t in top:
            t.measure_list = measures.get(t.pk, [])
        tree.append((area, top))
    return tree


def _overdue(today):
    return ExpressionWrapper(Q(deadline__lt=today) & ~Q(status=TaskStatus.DONE), output_field=BooleanField())


def task_list(*, user, today=None):
    today = today or clock.today()
    return (policies.plan_tasks.visible(user).select_related("plan", "area", "lead_unit")
            .annotate(is_overdue=_overdue(today)))


def task_get(*, user, pk):
    return policies.plan_tasks.get(user, pk, PlanTask.objects.select_related("plan", "area", "lead_unit", "parent",
                                                                                "meeting"))


def task_reports(task):
    return task.reports.select_related("reported_by").order_by("-reported_on", "-pk")


def report_get(*, user, pk):
    return policies.progress_reports.get(user, pk, ProgressReport.objects.select_related("task", "task__lead_unit"))


def reports_waiting(*, user):
    return policies.progress_reports.visible(
        user, ProgressReport.objects.filter(status=ProgressStatus.SUBMITTED), action="accept")


def units_for_picker(user):
    return scope.visible(user, OrgUnit.objects.filter(is_active=True), perm=P.VIEW).order_by("path")
