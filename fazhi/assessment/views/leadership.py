"""Pages of the leadership part: leading groups and posts, meetings, plans and their task tree, tasks and the
progress review. Thin: the policy, a form, one service or selector, a page."""
import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from fazhi.core import clock, uploads
from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError
from fazhi.core.registers import register_page
from fazhi.core.web import form_page, import_page, require_perm, xlsx_response
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit, User

from ..filters import leadership as filters
from ..forms import leadership as forms
from ..permissions import AssessmentPerm as P
from ..policies import leadership as policies
from ..selectors import leadership as selectors
from ..services import leadership as services
from ..spreadsheets.leadership import export_tasks, task_sheet
from ..workflows.leadership import PROGRESS_FLOW


def _post(request):
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


def _deny(policy, user, action, obj=None):
    """403 when ``user`` lacks the function permission for ``action`` (or ``obj`` is out of the reach of that
    permission); the record's state is shown as a warning by the page instead."""
    if not user.has_perm(policy.permission_of(action)) or (obj is None and not policy.can(user, action)):
        raise PermissionDenied("您没有此项操作的权限。")
    if obj is not None:
        reason = policy.refusal(user, action, obj)
        if reason and ("权限" in reason or "范围" in reason):
            raise PermissionDenied(reason)


# Leading groups ---------------------------------------------------------------------------------

@require_perm(P.VIEW)
def group_list(request):
    return register_page(request, filterset_class=filters.LeadingGroupFilter,
                         queryset=selectors.group_list(user=request.user),
                         template="assessment/leadership/group_list.html",
                         context={"may": policies.leading_groups.can_all(request.user, ["create"])})


@require_perm(P.MANAGE)
def group_create(request):
    """A leading group: the county's (unit = the county government) or a unit's own leading body."""
    _deny(policies.leading_groups, request.user, "create")
    units = scope.changeable(request.user, OrgUnit.objects.filter(is_active=True), perm=P.MANAGE).order_by("path")
    form = forms.GroupForm(_post(request), units=units, offices=selectors.units_for_picker(request.user))

    def save(d):
        return services.group_create(actor=request.user, unit=d["unit"], name=d["name"], office_unit=d["office_unit"],
                                     established_on=d["established_on"])

    return form_page(request, form, save=save, title="成立领导小组", cancel=reverse("assessment:group_list"),
                     success="已登记领导小组，请任命组长、副组长和成员。")


@require_perm(P.VIEW)
def group_units(request):
    """Which units have their own leading body and who chairs it (at the chosen year's end, default today)."""
    year = request.GET.get("year", "")
    on = min(datetime.date(int(year), 12, 31), clock.today()) if year.isdecimal() and 2000 <= int(year) <= 2100 else None
    rows = selectors.unit_groups(user=request.user, on=on)
    return render(request, "assessment/leadership/group_units.html", {
        "rows": rows, "on": on, "with_group": sum(1 for r in rows if r[1] is not None)})


@require_perm(P.VIEW)
def group_detail(request, pk):
    group = selectors.group_get(user=request.user, pk=pk)
    year = request.GET.get("year", "")
    on = min(datetime.date(int(year), 12, 31), clock.today()) if year.isdecimal() and 2000 <= int(year) <= 2100 else None
    posts = list(selectors.group_posts(group, on=on))
    for p in posts:
        p.may = policies.group_posts.may(request.user, p)
    return render(request, "assessment/leadership/group_detail.html", {
        "group": group, "posts": posts, "past": selectors.group_posts(group, current=False, on=on), "on": on,
        "meetings": group.meetings.all()[:20], "may": policies.leading_groups.may(request.user, group),
        "history": selectors.group_history(group)})


@require_perm(P.MANAGE)
def post_add(request, pk):
    group = selectors.group_get(user=request.user, pk=pk)
    _deny(policies.leading_groups, request.user, "add_post", group)
    form = forms.GroupPostForm(_post(request), people=User.objects.filter(is_active=True).order_by("full_name"),
                               units=selectors.units_for_picker(request.user), initial={"start_on": clock.today()})

    def save(d):
        return services.post_add(actor=request.user, group=group, post=d["post"], title=d["title"],
                                 start_on=d["start_on"], user=d["user"], person_name=d["person_name"],
                                 person_unit=d["person_unit"])

    return form_page(request, form, save=save, title=f"任命职务：{group.name}", cancel=group.get_absolute_url(),
                     done=lambda _p: group.get_absolute_url(), success="已登记任职。")


@require_perm(P.MANAGE)
def post_end(request, pk):
    post = selectors.post_get(user=request.user, pk=pk)
    _deny(policies.group_posts, request.user, "end_post", post)
    form = forms.PostEndForm(_post(request), initial={"end_on": clock.today()})
    return form_page(request, form, save=lambda d: services.post_end(actor=request.user, post=post, end_on=d["end_on"]),
                     title=f"终止任职：{post}", cancel=post.group.get_absolute_url(),
                     done=lambda p: p.group.get_absolute_url(), success="已终止任职。",
                     warning=policies.group_posts.refusal(request.user, "end_post", post),
                     confirm="终止后该人员不再是领导小组成员（历史任职保留），确定终止吗？")


# Meetings ---------------------------------------------------------------------------------------

@require_perm(P.VIEW)
def meeting_list(request):
    return register_page(request, filterset_class=filters.MeetingFilter,
                         queryset=selectors.meeting_list(user=request.user),
                         template="assessment/leadership/meeting_list.html",
                         context={"groups": policies.leading_groups.visible(request.user, action="add_meeting")
                                  if request.user.has_perm(P.MANAGE) else []})


@require_perm(P.MANAGE)
def meeting_create(request, pk):
    group = selectors.group_get(user=request.user, pk=pk)
    _deny(policies.leading_groups, request.user, "add_meeting", group)
    form = forms.MeetingForm(_post(request), _files(request), posts=group.posts.select_related("user"),
                             initial={"held_on": clock.today()})

    def save(d):
        return services.meeting_record(actor=request.user, group=group, kind=d["kind"], title=d["title"],
                                       held_on=d["held_on"], topics=d["topics"], chair=d["chair"],
                                       chair_name=d["chair_name"], attendees=d["attendees"],
                                       decisions=d["decisions"], minutes=d.get("minutes"))

    return form_page(request, form, save=save, title=f"登记会议：{group.name}", cancel=group.get_absolute_url(),
                     success="已登记会议。")


@require_perm(P.VIEW)
def meeting_detail(request, pk):
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    return render(request, "assessment/leadership/meeting_detail.html", {
        "meeting": meeting, "tasks": policies.plan_tasks.visible(request.user, meeting.tasks.all()),
        "may": policies.meetings.may(request.user, meeting), "history": selectors.record_history(meeting)})


@require_perm(P.VIEW)
def meeting_minutes(request, pk):
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    if not meeting.minutes:
        raise Http404("该会议没有上传会议纪要。")
    return uploads.file_response(request, meeting.minutes)


@require_perm(P.MANAGE)
def meeting_task(request, pk):
    """A decision of the meeting becomes a task of the year's plan, with a lead unit and a deadline."""
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    _deny(policies.meetings, request.user, "add_task", meeting)
    plan = policies.work_plans.visible(request.user).filter(year=meeting.held_on.year).order_by("pk").first()
    if plan is None:
        messages.warning(request, f"{meeting.held_on.year}年度还没有工作方案，请先制定方案。")
        return redirect("assessment:plan_list")
    form = forms.TaskForm(_post(request), areas=plan.areas.all(), units=selectors.units_for_picker(request.user),
                          initial={"title": meeting.decisions[:500]})

    def save(d):
        return services.task_create(actor=request.user, plan=plan, area=d["area"], number=d["number"],
                                    title=d["title"], lead_unit=d["lead_unit"], deadline=d["deadline"],
                                    partners=d["partners"], deliverable=d["deliverable"],
                                    indicator=d["indicator"], meeting=meeting)

    return form_page(request, form, save=save, title=f"议定事项转为任务：{plan.title}",
                     cancel=meeting.get_absolute_url(), success="已将议定事项分解为任务。")


# Plans ------------------------------------------------------------------------------------------

@require_perm(P.VIEW)
def plan_list(request):
    return register_page(request, filterset_class=filters.WorkPlanFilter,
                         queryset=selectors.plan_list(user=request.user),
                         template="assessment/leadership/plan_list.html",
                         context={"may": policies.work_plans.can_all(request.user, ["create"])})


@require_perm(P.MANAGE)
def plan_create(request):
    _deny(policies.work_plans, request.user, "create")
    form = forms.PlanForm(_post(request), initial={"year": clock.today().year})

    def save(d):
        return services.plan_create(actor=request.user, unit=request.user.unit, year=d["year"], kind=d["kind"],
                                    title=d["title"], areas=(d["areas"] or "").splitlines())

    return form_page(request, form, save=save, title="制定年度工作方案", cancel=reverse("assessment:plan_list"),
                     success="已保存方案，可以导入任务分解。")


@require_perm(P.VIEW)
def plan_detail(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    return render(request, "assessment/leadership/plan_detail.html", {
        "plan": plan, "tree": selectors.plan_tree(plan, user=request.user),
        "may": policies.work_plans.may(request.user, plan)})


@require_perm(P.MANAGE)
def plan_import(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    _deny(policies.work_plans, request.user, "import_tasks", plan)

    def done(result):
        messages.success(request, f"已导入{len(result.saved)}项任务和措施。")
        return redirect(plan.get_absolute_url())

    return import_page(request, spec=lambda _d: task_sheet(actor=request.user, plan=plan),
                       title=f"导入任务分解：{plan.title}", template_url=reverse("assessment:plan_template", args=[pk]),
                       cancel=plan.get_absolute_url(), done=done)


@require_perm(P.VIEW)
def plan_template(request, pk):
    selectors.plan_get(user=request.user, pk=pk)
    return xlsx_response(sheets.template_workbook(task_sheet()), "任务分解导入模板.xlsx")


# Tasks and progress -----------------------------------------------------------------------------

@require_perm(P.VIEW)
def task_list(request):
    return register_page(request, filterset_class=filters.PlanTaskFilter,
                         queryset=selectors.task_list(user=request.user),
                         template="assessment/leadership/task_list.html", export=export_tasks, export_name="任务分解")


@require_perm(P.VIEW)
def task_detail(request, pk):
    task = selectors.task_get(user=request.user, pk=pk)
    reports = list(selectors.task_reports(task))
    for r in reports:
        r.actions = policies.progress_reports.buttons(request.user, r)
    return render(request, "assessment/leadership/task_detail.html", {
        "task": task, "reports": reports, "partners": task.partners.all(), "measures": task.measures.all(),
        "may": policies.plan_tasks.may(request.user, task), "today": clock.today(),
        "history": selectors.record_history(task)})


@require_perm(P.REPORT)
def task_report(request, pk):
    task = selectors.task_get(user=request.user, pk=pk)
    _deny(policies.plan_tasks, request.user, "report", task)
    form = forms.ProgressForm(_post(request), _files(request))

    def save(d):
        return services.progress_report(actor=request.user, task=task, period=d["period"], text=d["text"],
                                        completed=d["completed"], evidence=d.get("evidence"))

    return form_page(request, form, save=save, title=f"报送进展：{task}", cancel=task.get_absolute_url(),
                     success="已报送进展，待法治办审核。", submit="报送",
                     warning=policies.plan_tasks.refusal(request.user, "report", task))


@require_perm(P.MANAGE)
def progress_step(request, pk, action):
    try:
        transition = PROGRESS_FLOW.transition(action)
    except DomainError as e:
        raise Http404(e.message) from e
    report = selectors.report_get(user=request.user, pk=pk)
    form = forms.ProgressReviewForm(_post(request), needs_reason=transition.needs_reason)
    return form_page(request, form, title=f"{transition.label}：{report}",
                     save=lambda d: services.progress_review(actor=request.user, report=report, action=action,
                                                             reason=d.get("reason", "")),
                     cancel=report.get_absolute_url(), submit=transition.label, success=f"已{transition.label}。",
                     warning=policies.progress_reports.refusal(request.user, action, report),
                     danger=transition.style == "danger")


@require_perm(P.VIEW)
def progress_evidence(request, pk):
    report = selectors.report_get(user=request.user, pk=pk)
    if not report.evidence:
        raise Http404("该进展没有上传佐证材料。")
    return uploads.file_response(request, report.evidence)
