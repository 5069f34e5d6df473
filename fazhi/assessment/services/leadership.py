"""Services of the leadership part: leading groups and posts, meetings, plans and their task tree (also from
Excel), progress reports and their review. Every write in one transaction, re-checked by the policy, audited."""
from django.db import transaction

from fazhi.core import audit, audit_events, clock, search, uploads
from fazhi.core.errors import DomainError
from fazhi.core.text import clean_text
from fazhi.orgs import scope

from ..models.leadership import (
    GroupPost,
    GroupPostKind,
    LeadingGroup,
    Meeting,
    PlanTask,
    ProgressReport,
    TaskArea,
    TaskStatus,
    WorkPlan,
)
from ..permissions import AssessmentPerm as P
from ..policies import leadership as policies
from ..workflows.leadership import PROGRESS_FLOW

E = audit_events.register
E(1701, "assessment.group_created", "成立领导小组")
E(1702, "assessment.post_added", "领导小组职务任职")
E(1703, "assessment.post_ended", "领导小组职务终止")
E(1710, "assessment.meeting_recorded", "登记领导小组会议")
E(1720, "assessment.plan_created", "制定年度工作方案")
E(1721, "assessment.tasks_imported", "导入任务分解")
E(1722, "assessment.task_created", "分解任务")
E(1730, "assessment.progress_reported", "报送任务进展")
E(1731, "assessment.progress_accepted", "任务进展审核通过")
E(1732, "assessment.progress_returned", "任务进展退回")


def meeting_search_fields(meeting):
    """What the staff search finds a meeting by (owned by the group's unit)."""
    return dict(title=f"{meeting.get_kind_display()}：{meeting.title}", unit=meeting.group.unit,
                text=" ".join(filter(None, [meeting.group.name, meeting.chair_name, meeting.topics,
                                            meeting.decisions])),
                url=meeting.get_absolute_url(), public=False)


def task_search_fields(task):
    """What the staff search finds a task of the year's plan by (owned by its lead unit)."""
    return dict(title=f"{task.number} {task.title}", unit=task.lead_unit,
                text=" ".join(filter(None, [task.plan.title, task.lead_unit.name, task.deliverable, task.indicator])),
                url=task.get_absolute_url(), public=False)


def _unit_check(policy, actor, unit):
    """The create permission, and ``unit`` (the record's owner) within the actor's reach for it."""
    policy.check(actor, "create")
    if unit is None or not scope.can_change(actor, unit, perm=P.MANAGE):
        raise DomainError("该单位不在您可以办理的范围内。", field="unit")


@transaction.atomic
def group_create(*, actor, unit, name, office_unit=None, established_on=None):
    _unit_check(policies.leading_groups, actor, unit)
    if established_on:
        clock.check_act_date(established_on, backdate_reason=None, field="established_on")
    if not clean_text(name):
        raise DomainError("请填写领导小组名称。", field="name")
    if LeadingGroup.objects.filter(unit=unit).exists():
        raise DomainError(f"“{unit.name}”已经成立领导小组，请在原领导小组中任命或调整成员。", field="unit")
    group = LeadingGroup.objects.create(unit=unit, name=clean_text(name), office_unit=office_unit,
                                        established_on=established_on)
    audit.record(actor=actor, event="assessment.group_created", obj=group, unit=unit,
                 changes={"name": [None, group.name], "office_unit": [None, str(office_unit or "")]})
    return group


@transaction.atomic
def post_add(*, actor, group, post, title, start_on, user=None, person_name="", person_unit=None):
    policies.leading_groups.check(actor, "add_post", group)
    person_name = clean_text(person_name)
    if user is None and not person_name:
        raise DomainError("请选择人员，或者填写没有账号的人员姓名。", field="person_name")
    start_on = clock.check_act_date(start_on, backdate_reason=None, field="start_on")
    if post in (GroupPostKind.LEADER, GroupPostKind.OFFICE_HEAD) and group.posts.filter(
            post=post, end_on__isnull=True).exists():
        label = GroupPostKind(post).label
        raise DomainError(f"{label}现有任职人员，请先终止其任职再任命新的{label}。", field="post")
    gp = GroupPost.objects.create(group=group, post=post, user=user, person_name=person_name if user is None else "",
                                  title=clean_text(title), person_unit=person_unit or (user.unit if user else None),
                                  start_on=start_on)
    audit.record(actor=actor, event="assessment.post_added", obj=gp, unit=group.unit,
                 changes={"post": [None, gp.post], "person_name": [None, gp.holder], "title": [None, gp.title],
                          "start_on": [None, start_on]})
    return gp


@transaction.atomic
def post_end(*, actor, post, end_on):
    post = GroupPost.objects.select_for_update().get(pk=post.pk)
    policies.group_posts.check(actor, "end_post", post)
    end_on = clock.check_act_date(end_on, not_before=post.start_on, not_before_label="任职起始日期",
                                  backdate_reason=None, field="end_on")
    post.end_on = end_on
    post.save(update_fields=["end_on"])
    audit.record(actor=actor, event="assessment.post_ended", obj=post, unit=post.group.unit,
                 changes={"end_on": [None, end_on]})
    return post


@transaction.atomic
def meeting_record(*, actor, group, kind, title, held_on, topics, chair=None, chair_name="", attendees="",
                   decisions="", minutes=None):
    policies.leading_groups.check(actor, "add_meeting", group)
    held_on = clock.check_act_date(held_on, backdate_reason=None, field="held_on")
    if chair is not None and (chair.group_id != group.pk or not chair.active_on(held_on)):
        raise DomainError("主持人应为会议召开时在任的领导小组成员。", field="chair")
    if chair is None and not clean_text(chair_name):
        raise DomainError("请选择或填写会议主持人。", field="chair")
    meeting = Meeting(group=group, kind=kind, title=clean_text(title), held_on=held_on, chair=chair,
                      chair_name=chair.holder if chair else clean_text(chair_name), attendees=clean_text(attendees),
                      topics=clean_text(topics), decisions=clean_text(decisions))
    if minutes:
        uploads.check(minutes, kind="document", field="minutes", label="会议纪要")
        meeting.minutes = minutes
    meeting.save()
    search.index(meeting, source="assessment.meeting", **meeting_search_fields(meeting))
    audit.record(actor=actor, event="assessment.meeting_recorded", obj=meeting, unit=group.unit,
                 changes={"title": [None, meeting.title], "held_on": [None, held_on],
                          "chair": [None, meeting.chair_name]})
    return meeting


@transaction.atomic
def plan_create(*, actor, unit, year, kind, title, areas=()):
    _unit_check(policies.work_plans, actor, unit)
    if WorkPlan.objects.filter(year=year, kind=kind).exists():
        raise DomainError(f"{year}年度已有同类方案。", field="kind")
    plan = WorkPlan.objects.create(unit=unit, year=year, kind=kind, title=clean_text(title))
    TaskArea.objects.bulk_create(TaskArea(plan=plan, position=i, name=clean_text(name))
                                 for i, name in enumerate(areas, start=1) if clean_text(name))
    audit.record(actor=actor, event="assessment.plan_created", obj=plan, unit=unit,
                 changes={"title": [None, plan.title], "areas": [None, plan.areas.count()]})
    return plan


def _area_for(plan, name, cache):
    name = clean_text(name)
    if name not in cache:
        area = plan.areas.filter(name=name).first()
        if area is None:
            last = plan.areas.order_by("-position").values_list("position", flat=True).first() or 0
            area = TaskArea.objects.create(plan=plan, position=last + 1, name=name)
        cache[name] = area
    return cache[name]


def _task_fields_check(plan, *, deadline, field="deadline"):
    if deadline.year != plan.year:
        raise DomainError(f"完成时限应在{plan.year}年度内。", field=field)


@transaction.atomic
def task_create(*, actor, plan, area, number, title, lead_unit, deadline, partners=(), parent=None, deliverable="",
                indicator="", meeting=None):
    policies.work_plans.check(actor, "import_tasks", plan)
    _task_fields_check(plan, deadline=deadline)
    number = clean_text(number)
    if plan.tasks.filter(number=number).exists():
        raise DomainError(f"序号“{number}”已被本方案的其他任务使用。", field="number")
    task = PlanTask.objects.create(plan=plan, area=area, parent=parent, number=number, title=clean_text(title),
                                   lead_unit=lead_unit, deadline=deadline, deliverable=clean_text(deliverable),
                                   indicator=clean_text(indicator), meeting=meeting)
    task.partners.set(partners)
    search.index(task, source="assessment.task", **task_search_fields(task))
    audit.record(actor=actor, event="assessment.task_created", obj=task, unit=lead_unit,
                 changes={"title": [None, task.title], "lead_unit": [None, lead_unit.name],
                          "deadline": [None, deadline], "meeting": [None, str(meeting or "")]})
    return task


def tasks_import(*, actor, plan, rows):
    """The task tree from Excel rows (already checked cell by cell): a row whose 上级序号 is empty is a task, else a
    measure under that task (of the file or already in the plan). Runs inside ``import_file``'s transaction: one
    bad row and nothing is saved."""
    from fazhi.core.spreadsheets import RowError
    from fazhi.orgs.models import OrgUnit

    policies.work_plans.check(actor, "import_tasks", plan)
    units = {u.code: u for u in OrgUnit.objects.filter(is_active=True)}
    areas, by_number = {}, {t.number: t for t in plan.tasks.all()}
    created = []
    for row in rows:
        number = clean_text(row["number"])
        if number in by_number:
            raise RowError(f"序号“{number}”重复", row=row, field="number")
        lead = units.get(row["lead_code"])
        if lead is None:
            raise RowError(f"单位代码“{row['lead_code']}”不存在", row=row, field="lead_code")
        partners = []
        for code in row.get("partner_codes") or []:
            if code not in units:
                raise RowError(f"单位代码“{code}”不存在", row=row, field="partner_codes")
            partners.append(units[code])
        parent = None
        if row.get("parent_number"):
            parent = by_number.get(clean_text(row["parent_number"]))
            if parent is None:
                raise RowError(f"上级序号“{row['parent_number']}”不在本方案或本表之前的行中", row=row,
                               field="parent_number")
        if row["deadline"].year != plan.year:
            raise RowError(f"完成时限应在{plan.year}年度内", row=row, field="deadline")
        task = PlanTask.objects.create(
            plan=plan, area=parent.area if parent else _area_for(plan, row["area"], areas), parent=parent,
            number=number, title=clean_text(row["title"]), lead_unit=lead, deadline=row["deadline"],
            deliverable=clean_text(row.get("deliverable") or ""), indicator=clean_text(row.get("indicator") or ""))
        if partners:
            task.partners.set(partners)
        search.index(task, source="assessment.task", **task_search_fields(task))
        by_number[number] = task
        created.append(task)
    audit.record(actor=actor, event="assessment.tasks_imported", obj=plan, unit=plan.unit,
                 changes={"tasks": [None, len(created)]})
    return created


@transaction.atomic
def progress_report(*, actor, task, period, text, completed=False, evidence=None, on=None):
    task = PlanTask.objects.select_for_update().get(pk=task.pk)
    policies.plan_tasks.check(actor, "report", task)
    on = clock.check_act_date(on, backdate_reason=None, field="on")
    text = clean_text(text)
    if not text:
        raise DomainError("请填写进展情况。", field="text")
    report = ProgressReport(task=task, period=clean_text(period), text=text, completed=completed, reported_by=actor,
                            reported_on=on)
    if evidence:
        uploads.check(evidence, kind="evidence", field="evidence", label="佐证材料")
        report.evidence = evidence
    elif completed:
        raise DomainError("报送任务完成时请上传佐证材料。", field="evidence")
    report.save()
    task.status = TaskStatus.REPORTED
    task.last_reported_on = on
    task.save(update_fields=["status", "last_reported_on"])
    audit.record(actor=actor, event="assessment.progress_reported", obj=task, unit=task.lead_unit,
                 changes={"period": [None, report.period], "completed": [None, completed]})
    return report


def progress_review(*, actor, report, action, reason="", on=None):
    """The office accepts (a completed task is then done on the report's date) or returns the report with a
    reason (the unit reports again)."""

    def effect(locked):
        task = PlanTask.objects.select_for_update().get(pk=locked.task_id)
        locked.reviewed_on = day
        if action == "return":
            locked.review_reason = clean_text(reason)
            task.status = TaskStatus.RETURNED
        elif locked.completed:
            task.status, task.done_on = TaskStatus.DONE, locked.reported_on
        else:
            task.status = TaskStatus.OPEN
        task.save(update_fields=["status", "done_on"])

    day = clock.check_act_date(on, not_before=report.reported_on, not_before_label="报送日期", backdate_reason=None)
    with transaction.atomic():
        return PROGRESS_FLOW.apply(actor=actor, obj=report, action=action, reason=clean_text(reason), effect=effect,
                                   on=day, not_before=report.reported_on)
