"""Figures of the leadership part for the report's part 一 (强化组织领导，夯实工作责任) and part 三 (the principal
leaders' first-responsibility duty): the leading group as it stands at the year's end, the plan's task areas and
tasks, tasks done on time, meetings chaired by the group's head."""
import datetime

from django.urls import reverse

from fazhi.core import clock
from fazhi.core.registry import FigureValue, register_figure, register_sentence

from ..models.leadership import GroupPost, GroupPostKind, Meeting, MeetingKind, PlanKind, PlanTask, TaskArea, WorkPlan
from ..selectors.leadership import county_group

CHAPTER = "一、强化组织领导，夯实工作责任"


def _year_end(year):
    return min(datetime.date(year, 12, 31), clock.today())


def _posts_at(group, year, *posts):
    day = _year_end(year)
    qs = GroupPost.objects.filter(group=group, start_on__lte=day).exclude(end_on__lt=day)
    return qs.filter(post__in=posts) if posts else qs


def _group_link(group, year):
    return f"{reverse('assessment:group_detail', args=[group.pk])}?year={year}"


def _titles(group, year, post):
    titles = []
    for p in _posts_at(group, year, post).order_by("start_on", "pk"):
        if p.title not in titles:
            titles.append(p.title)
    return "、".join(titles)


def _text_fact(post):
    def compute(*, year, unit_ids=None):
        group = county_group()
        if group is None:
            return FigureValue(value="")
        return FigureValue(value=_titles(group, year, post), link=_group_link(group, year),
                           records=list(_posts_at(group, year, post).values_list("pk", flat=True)))

    return compute


def group_members(*, year, unit_ids=None):
    """Members of the county's leading group at the year's end (组长, 副组长, 成员 and 办公室主任)."""
    group = county_group()
    if group is None:
        return FigureValue(value=0)
    qs = _posts_at(group, year)
    labels = dict(GroupPostKind.choices)
    breakdown = {labels[k]: qs.filter(post=k).count() for k in GroupPostKind.values}
    return FigureValue(value=qs.count(), link=_group_link(group, year), breakdown=breakdown,
                       records=sorted(qs.values_list("pk", flat=True)))


def group_office(*, year, unit_ids=None):
    group = county_group()
    if group is None or group.office_unit is None:
        return FigureValue(value="")
    return FigureValue(value=group.office_unit.name, link=_group_link(group, year), records=[group.pk])


def _plan(year):
    plans = WorkPlan.objects.filter(year=year).order_by("pk")
    return plans.filter(kind=PlanKind.DEMONSTRATION).first() or plans.first()


def task_areas(*, year, unit_ids=None):
    """Task areas of the year's demonstration plan (else of the year's first plan)."""
    plan = _plan(year)
    if plan is None:
        return FigureValue(value=0)
    areas = TaskArea.objects.filter(plan=plan)
    return FigureValue(value=areas.count(), link=reverse("assessment:plan_detail", args=[plan.pk]),
                       records=sorted(areas.values_list("pk", flat=True)))


def _tasks(year, unit_ids):
    qs = PlanTask.objects.filter(plan__year=year, parent__isnull=True)
    return qs if unit_ids is None else qs.filter(lead_unit_id__in=unit_ids)


def _task_link(year, **params):
    extra = "".join(f"&{k}={v}" for k, v in params.items())
    return f"{reverse('assessment:task_list')}?year={year}&top=on{extra}"


def tasks(*, year, unit_ids=None):
    """Tasks (not their measures) of the year's plans by task area and, within each area, by lead unit (the
    dashboard's tasks-by-area-and-unit table); every cell links to exactly its tasks."""
    qs = _tasks(year, unit_ids)
    breakdown = {}
    rows = qs.values_list("area_id", "area__name", "lead_unit_id", "lead_unit__name").order_by(
        "area__position", "lead_unit__path")
    for area_id, area, unit_id, unit in rows:
        entry = breakdown.setdefault(area, {"value": 0, "link": _task_link(year, area=area_id), "by": {}})
        entry["value"] += 1
        cell = entry["by"].setdefault(unit, {"value": 0, "link": _task_link(year, area=area_id, unit=unit_id)})
        cell["value"] += 1
    return FigureValue(value=qs.count(), link=_task_link(year), breakdown=breakdown,
                       records=sorted(qs.values_list("pk", flat=True)))


def tasks_done_on_time(*, year, unit_ids=None):
    ids = [t.pk for t in _tasks(year, unit_ids).filter(done_on__isnull=False).only("done_on", "deadline")
           if t.on_time]
    return FigureValue(value=len(ids), link=_task_link(year, done_on_time="on"), records=sorted(ids))


def meetings_chaired(*, year, unit_ids=None):
    """Meetings of the county's leading group in the year chaired by its head (组长, the county head)."""
    group = county_group()
    if group is None:
        return FigureValue(value=0)
    qs = Meeting.objects.filter(group=group, held_on__year=year, chair__post=GroupPostKind.LEADER)
    labels = dict(MeetingKind.choices)
    breakdown = {labels[k]: qs.filter(kind=k).count() for k in MeetingKind.values if qs.filter(kind=k).exists()}
    return FigureValue(value=qs.count(), breakdown=breakdown, records=sorted(qs.values_list("pk", flat=True)),
                       link=f"{reverse('assessment:meeting_list')}?year={year}&unit={group.unit_id}&leader=on")


BASIS = "按年末（当年为今天）在任的县法治政府建设工作领导小组职务统计"
NO_IMPORT = "均为在本平台登记的记录（本项没有Excel导入）"
TEXT_IMPORT = "按年末在任的领导小组成员统计，均为在本平台登记的任职（本项没有Excel导入）"
register_figure("assessment.group_chair", label="领导小组组长", unit="", chapter=CHAPTER, compute=_text_fact(
    GroupPostKind.LEADER), year_basis=BASIS, imported=TEXT_IMPORT,
                description="组长的本职（如县长）")
register_figure("assessment.group_deputies", label="领导小组副组长", unit="", chapter=CHAPTER, compute=_text_fact(
    GroupPostKind.DEPUTY), year_basis=BASIS, imported=TEXT_IMPORT,
                description="副组长的本职")
register_figure("assessment.group_office_head", label="领导小组办公室主任", unit="", chapter=CHAPTER,
                compute=_text_fact(GroupPostKind.OFFICE_HEAD), year_basis=BASIS, imported=TEXT_IMPORT,
                description="办公室主任的本职")
register_figure("assessment.group_office", label="领导小组办公室所在单位", unit="", chapter=CHAPTER,
                compute=group_office, year_basis="按县法治政府建设工作领导小组现在登记的办公室所在单位（不按年度）",
                imported="按领导小组登记的办公室所在单位，均为在本平台登记的记录（本项没有Excel导入）", description="县法治政府建设工作领导小组办公室设在的单位")
register_figure("assessment.group_members", label="领导小组成员", unit="人", chapter=CHAPTER, compute=group_members,
                year_basis=BASIS, imported=NO_IMPORT)
register_figure("assessment.task_areas", label="示范创建任务领域", unit="项", chapter=CHAPTER, compute=task_areas,
                year_basis="当年度示范创建实施方案（没有时为当年度第一个工作方案）的任务领域",
                imported="制定方案时填写的和导入任务分解时新增的任务领域一并统计")
register_figure("assessment.tasks", label="分解落实的任务", unit="项", chapter=CHAPTER, compute=tasks,
                year_basis="当年度工作方案的任务（不含其下的措施），按牵头单位", imported="Excel导入的任务分解和逐项登记的任务一并统计")
register_figure("assessment.tasks_done_on_time", label="按时完成的任务", unit="项", chapter=CHAPTER,
                compute=tasks_done_on_time,
                year_basis="当年度工作方案的任务中，经法治办审核确认完成、完成日期不晚于完成时限的",
                imported="Excel导入的任务分解和逐项登记的任务一并统计")
register_figure("assessment.meetings_chaired", label="组长主持召开的领导小组会议", unit="次", chapter=CHAPTER,
                compute=meetings_chaired, year_basis="按会议召开日期所在年度",
                imported=NO_IMPORT)

register_sentence("assessment.group", theme="theme_org", order=10,
                  template="成立了法治政府建设工作领导小组，由{assessment.group_chair}任组长，{assessment.group_deputies}"
                           "任副组长，领导小组成员{assessment.group_members}人。领导小组办公室设在{assessment.group_office}，"
                           "负责日常工作，办公室主任由{assessment.group_office_head}兼任")
register_sentence("assessment.tasks", theme="theme_org", order=20,
                  template="对标对表将示范创建涉及的{assessment.task_areas}项重点工作分解为{assessment.tasks}项具体任务，"
                           "逐一落实到各相关单位，其中按时完成{assessment.tasks_done_on_time}项")
register_sentence("assessment.leaders", theme="leaders", order=10,
                  template="县政府主要负责人切实履行推进法治建设第一责任人职责，主持召开法治政府建设领导小组会议"
                           "{assessment.meetings_chaired}次，研究部署法治政府建设重点工作")
register_sentence("assessment.leaders_study", theme="leaders", order=20,
                  template="带头尊法学法守法用法，全年组织学法活动{legal_education.study_sessions}次；"
                           "坚持依法决策，作出重大行政决策{decisions.completed}项")
