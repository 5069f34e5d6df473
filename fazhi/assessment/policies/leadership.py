"""Policies of the leadership part: leading groups and their posts, meetings, plans, tasks and progress reports.

The office (``assessment.manage``) keeps groups, meetings, plans and tasks and reviews progress; a unit
(``assessment.report``) reports progress on the tasks it leads; leaders read.
"""
from fazhi.orgs.policy import Policy

from ..models.leadership import (
    GroupPost,
    LeadingGroup,
    Meeting,
    PlanTask,
    ProgressReport,
    TaskStatus,
    WorkPlan,
)
from ..permissions import AssessmentPerm as P
from ..workflows.leadership import PROGRESS_FLOW


class LeadingGroupPolicy(Policy):
    model = LeadingGroup
    view_permission = P.VIEW
    permissions = {"create": P.MANAGE, "add_post": P.MANAGE, "add_meeting": P.MANAGE}


class GroupPostPolicy(Policy):
    model = GroupPost
    view_permission = P.VIEW
    permissions = {"end_post": P.MANAGE}

    def state_end_post(self, post, on):
        if post.end_on is not None:
            return "该职务已终止"
        return None


class MeetingPolicy(Policy):
    model = Meeting
    view_permission = P.VIEW
    permissions = {"add_task": P.MANAGE}


class WorkPlanPolicy(Policy):
    model = WorkPlan
    view_permission = P.VIEW
    permissions = {"create": P.MANAGE, "import_tasks": P.MANAGE}


class PlanTaskPolicy(Policy):
    model = PlanTask
    view_permission = P.VIEW
    permissions = {"report": P.REPORT}

    def state_report(self, task, on):
        if task.status == TaskStatus.DONE:
            return "任务已完成，无需再报送进展"
        if task.status == TaskStatus.REPORTED:
            return "上次报送的进展尚待法治办审核"
        return None


class ProgressReportPolicy(Policy):
    model = ProgressReport
    view_permission = P.VIEW
    workflow = PROGRESS_FLOW


leading_groups = LeadingGroupPolicy()
group_posts = GroupPostPolicy()
meetings = MeetingPolicy()
work_plans = WorkPlanPolicy()
plan_tasks = PlanTaskPolicy()
progress_reports = ProgressReportPolicy()
