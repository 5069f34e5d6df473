"""Search entries of the leadership part, for staff only (scoped by unit): the leading groups' meetings (owned
by the group's unit) and the tasks of the year's plans (owned by their lead unit)."""
from fazhi.core.registry import register_search

from ..models.leadership import Meeting, PlanTask
from ..services.leadership import meeting_search_fields, task_search_fields


def meeting_entries():
    for meeting in Meeting.objects.select_related("group", "group__unit").iterator():
        yield meeting, meeting_search_fields(meeting)


def task_entries():
    for task in PlanTask.objects.select_related("plan", "lead_unit").iterator():
        yield task, task_search_fields(task)


register_search("assessment.meeting", label="领导小组会议", entries=meeting_entries)
register_search("assessment.task", label="法治政府建设任务", entries=task_entries)
