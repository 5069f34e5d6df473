"""Pages of the suggestions part (thin: a form, the policy, one service or selector, a page)."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from fazhi.core import clock, masking, uploads
from fazhi.core import spreadsheets as sheets
from fazhi.core.forms import Form
from fazhi.core.registers import register_page
from fazhi.core.web import form_page, import_page, require_perm, xlsx_response
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from ..filters.suggestions import AccountabilityFilter, InspectionFilter, JudicialFilter, SuggestionFilter, TaskFilter
from ..forms import suggestions as forms
from ..models.suggestions import Satisfaction
from ..permissions import OversightPerm as P
from ..policies.suggestions import (
    accountability_policy,
    inspection_policy,
    judicial_policy,
    suggestion_policy,
    task_policy,
)
from ..selectors import suggestions as selectors
from ..services import suggestions as services
from ..spreadsheets.suggestions import export_suggestions, suggestion_sheet
from ..workflows.suggestions import SUGGESTION_FLOW, TASK_FLOW


def _post(request):
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


# Suggestions and proposals ---------------------------------------------------------------------------

@require_perm(P.VIEW)
def suggestion_list(request):
    return register_page(request, filterset_class=SuggestionFilter, queryset=selectors.suggestion_list(user=request.user),
                         template="oversight/suggestions/suggestion_list.html", export=export_suggestions,
                         export_name="代表建议和政协提案",
                         context={"may": suggestion_policy.can_all(request.user, ["import", "create"])})


@require_perm(P.MANAGE)
def suggestion_create(request):
    """One suggestion or proposal entered by hand (the Excel import takes a batch)."""
    if not suggestion_policy.can(request.user, "create"):
        raise PermissionDenied("您没有此项操作的权限。")
    form = forms.SuggestionCreateForm(_post(request), initial={"received_on": clock.today()})
    return form_page(request, form, save=lambda d: services.suggestion_create(
        actor=request.user, kind=d["kind"], number=d["number"], title=d["title"], proposer=d["proposer"],
        content=d["content"], received_on=d["received_on"], urgent=d["urgent"]),
        title="登记代表建议、政协提案", cancel=reverse("oversight:suggestion_list"), submit="登记",
        success="已登记，请交办主办单位。")


@require_perm(P.HANDLE)
def suggestion_co_opinion(request, pk):
    """A co-handling unit gives its opinion (协办意见) for the lead unit's reply."""
    suggestion = selectors.suggestion_detail(user=request.user, pk=pk)
    refusal = suggestion_policy.refusal(request.user, "co_opinion", suggestion)
    if refusal and "范围" in refusal:
        raise PermissionDenied(refusal)
    units = suggestion_policy.co_units_for(request.user, suggestion).order_by("path")
    form = forms.SuggestionCoOpinionForm(_post(request), units=units,
                                         initial={"on": clock.today(), "unit": units.first()})
    url = suggestion.get_absolute_url()
    return form_page(request, form, save=lambda d: services.suggestion_co_opinion(
        actor=request.user, suggestion=suggestion, unit=d["unit"], text=d["text"], on=d["on"]),
        title=f"提出协办意见：{suggestion.get_kind_display()}{suggestion.number}", cancel=url, done=lambda _o: url,
        submit="提交", success="已提交协办意见，主办单位答复时可以看到。", warning=refusal)


@require_perm(P.MANAGE)
def suggestion_import(request):
    if not suggestion_policy.can(request.user, "import"):
        raise PermissionDenied("您没有此项操作的权限。")

    def done(result):
        messages.success(request, f"导入完成：{len(result.saved or [])} 件建议提案，请逐件交办。")
        return redirect("oversight:suggestion_list")

    return import_page(request, spec=lambda data: suggestion_sheet(actor=request.user), title="导入代表建议、政协提案",
                       template_url=reverse("oversight:suggestion_template"),
                       cancel=reverse("oversight:suggestion_list"), done=done)


@require_perm(P.MANAGE)
def suggestion_template(request):
    return xlsx_response(sheets.template_workbook(suggestion_sheet()), "建议提案导入模板.xlsx")


@require_perm(P.VIEW)
def suggestion_detail(request, pk):
    suggestion = selectors.suggestion_detail(user=request.user, pk=pk)
    return render(request, "oversight/suggestions/suggestion_detail.html", {
        "suggestion": suggestion, "rounds": suggestion.rounds.all(), "co_units": suggestion.co_units.all(),
        "co_opinions": selectors.co_opinions(suggestion), "may": suggestion_policy.may(request.user, suggestion),
        "actions": suggestion_policy.buttons(request.user, suggestion),
        "history": selectors.suggestion_history(user=request.user, suggestion=suggestion), "today": clock.today()})


@require_perm(P.MANAGE)
def suggestion_reassign(request, pk):
    """The office changes the lead or co-handling units of a suggestion in handling."""
    suggestion = suggestion_policy.get(request.user, pk)
    if not suggestion_policy.can(request.user, "reassign"):
        raise PermissionDenied("您没有此项操作的权限。")
    url = suggestion.get_absolute_url()
    form = forms.SuggestionReassignForm(_post(request), initial={"unit": suggestion.unit,
                                                                 "co_units": list(suggestion.co_units.all())})
    return form_page(request, form, save=lambda d: services.suggestion_reassign(
        actor=request.user, suggestion=suggestion, unit=d["unit"], co_units=d["co_units"], reason=d["reason"]),
        title=f"调整主办、会办单位：{suggestion.get_kind_display()}{suggestion.number}", cancel=url,
        done=lambda _s: url, submit="保存", success="已调整主办、会办单位。",
        warning=suggestion_policy.refusal(request.user, "reassign", suggestion))


_FEEDBACK = {"satisfied": [(Satisfaction.SATISFIED, "满意"), (Satisfaction.BASIC, "基本满意")],
             "rehandle": [(Satisfaction.UNSATISFIED, "不满意")]}


def _step_form(action, request):
    data, initial = _post(request), {"on": clock.today()}
    if action == "assign":
        return forms.SuggestionAssignForm(data, initial=initial)
    if action == "reply":
        return forms.SuggestionReplyForm(data, _files(request), initial=initial)
    return forms.SuggestionFeedbackForm(data, initial=initial, choices=_FEEDBACK[action])


def _step_save(action, user, suggestion, d):
    if action == "assign":
        return services.suggestion_assign(actor=user, suggestion=suggestion, unit=d["unit"], co_units=d["co_units"],
                                          urgent=d["urgent"], on=d["on"])
    if action == "reply":
        return services.suggestion_reply(actor=user, suggestion=suggestion, text=d["text"], file=d["file"], on=d["on"])
    return services.suggestion_feedback(actor=user, suggestion=suggestion, satisfaction=d["satisfaction"],
                                        note=d["note"], on=d["on"])


@require_perm(P.VIEW)
def suggestion_step(request, pk, action):
    if action not in ("assign", "reply", "satisfied", "rehandle"):
        raise Http404("未知操作")
    transition = SUGGESTION_FLOW.transition(action)
    suggestion = suggestion_policy.get(request.user, pk)
    if not request.user.has_perm(transition.permission) or not scope.can_change(request.user, suggestion,
                                                                                perm=transition.permission):
        raise PermissionDenied("您没有此项操作的权限。")
    url = suggestion.get_absolute_url()
    extra = {"template": "oversight/suggestions/reply_form.html",
             "co_opinions": selectors.co_opinions(suggestion)} if action == "reply" else {}
    return form_page(request, _step_form(action, request), **extra,
                     save=lambda d: _step_save(action, request.user, suggestion, d),
                     title=f"{transition.label}：{suggestion.get_kind_display()}{suggestion.number}", cancel=url,
                     done=lambda _s: url, submit=transition.label, success=f"已{transition.label}。",
                     warning=suggestion_policy.refusal(request.user, action, suggestion),
                     danger=transition.style == "danger", confirm=transition.confirm)


class _PublishForm(Form):
    pass


@require_perm(P.MANAGE)
def suggestion_publish(request, pk):
    suggestion = suggestion_policy.get(request.user, pk)
    if not suggestion_policy.can(request.user, "publish"):
        raise PermissionDenied("您没有此项操作的权限。")
    url = suggestion.get_absolute_url()
    return form_page(request, _PublishForm(_post(request)),
                     save=lambda d: services.suggestion_publish(actor=request.user, suggestion=suggestion),
                     title=f"公开答复：{suggestion.get_kind_display()}{suggestion.number}", cancel=url,
                     done=lambda _s: url, submit="公开", success="答复已在门户网站公开（代表、委员姓名和个人信息已脱敏）。",
                     warning=suggestion_policy.refusal(request.user, "publish", suggestion),
                     confirm="答复将在门户网站公开，确定吗？")


@require_perm(P.VIEW)
def suggestion_reply_file(request, pk, number):
    suggestion = selectors.suggestion_detail(user=request.user, pk=pk)
    r = suggestion.rounds.filter(number=number).first()
    if r is None or not r.reply_file:
        raise Http404("该轮次没有答复函")
    return uploads.file_response(request, r.reply_file)


def public_suggestions(request):
    """Replies the county published: the proposer's name and any personal data masked."""
    rows = list(selectors.published_suggestions())
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    for s in page.object_list:
        s.public_proposer = masking.mask_name(s.proposer)
    return render(request, "oversight/suggestions/public_suggestions.html", {"page": page})


def public_suggestion_detail(request, pk):
    suggestion = selectors.published_suggestions().filter(pk=pk).first() if str(pk).isdecimal() else None
    if suggestion is None:
        raise Http404("没有找到该答复")
    r = suggestion.current_round
    return render(request, "oversight/suggestions/public_suggestion_detail.html", {
        "suggestion": suggestion, "proposer": masking.mask_name(suggestion.proposer),
        "content": masking.mask_text(suggestion.content, names=[suggestion.proposer]),
        "reply": masking.mask_text(r.reply_text, names=[suggestion.proposer]), "round": r})


# Accountability --------------------------------------------------------------------------------------

@require_perm(P.VIEW_ACCOUNTABILITY)
def accountability_list(request):
    return register_page(request, filterset_class=AccountabilityFilter,
                         queryset=selectors.accountability_list(user=request.user),
                         template="oversight/suggestions/accountability_list.html",
                         context={"may": accountability_policy.can_all(request.user, ["create"])})


@require_perm(P.ACCOUNTABILITY)
def accountability_create(request):
    if not accountability_policy.can(request.user, "create"):
        raise PermissionDenied("您没有此项操作的权限。")
    units = scope.changeable(request.user, OrgUnit.objects.filter(is_active=True),
                             perm=P.ACCOUNTABILITY).order_by("path")
    form = forms.AccountabilityRecordForm(_post(request), units=units, trigger_types=services.trigger_types(),
                                          initial={"decided_on": clock.today()})
    return form_page(request, form, save=lambda d: services.accountability_record(
        actor=request.user, person=d["person"], person_name=d["person_name"], post=d["post"], unit=d["unit"],
        ground=d["ground"], facts=d["facts"], trigger_type=d["trigger_type"], trigger_id=d["trigger_id"],
        form=d["form"], decided_on=d["decided_on"], correction=d["correction"]),
        title="登记问责", cancel=reverse("oversight:accountability_list"), submit="登记",
        success="已登记问责。")


@require_perm(P.VIEW_ACCOUNTABILITY)
def accountability_detail(request, pk):
    record = accountability_policy.get(request.user, pk)
    return render(request, "oversight/suggestions/accountability_detail.html", {
        "record": record, "trigger": selectors.trigger_link(record), "may": accountability_policy.may(request.user, record),
        "history": selectors.accountability_history(record)})


@require_perm(P.ACCOUNTABILITY)
def accountability_edit(request, pk):
    """The office corrects a saved record; what it said before stays in the record's history."""
    record = accountability_policy.get(request.user, pk)
    if not accountability_policy.can(request.user, "edit"):
        raise PermissionDenied("您没有此项操作的权限。")
    units = scope.changeable(request.user, OrgUnit.objects.filter(is_active=True),
                             perm=P.ACCOUNTABILITY).order_by("path")
    initial = {f: getattr(record, f) for f in ("person", "person_name", "post", "unit", "ground", "facts",
                                                "trigger_type", "trigger_id", "form", "decided_on", "correction")}
    form = forms.AccountabilityEditForm(_post(request), units=units, trigger_types=services.trigger_types(),
                                        initial=initial)
    url = record.get_absolute_url()
    return form_page(request, form, save=lambda d: services.accountability_update(
        actor=request.user, record=record, reason=d["reason"], person=d["person"], person_name=d["person_name"],
        post=d["post"], unit=d["unit"], ground=d["ground"], facts=d["facts"], trigger_type=d["trigger_type"],
        trigger_id=d["trigger_id"], form=d["form"], decided_on=d["decided_on"], correction=d["correction"]),
        title=f"更正问责记录：{record.person_name}", cancel=url, done=lambda _r: url, submit="保存更正",
        success="已更正，更正前的内容保留在修改记录中。")


# Congress inspections, judicial and procuratorial suggestions, rectification tasks ------------------------

def _handle_units(user):
    return scope.changeable(user, OrgUnit.objects.filter(is_active=True), perm=P.HANDLE).order_by("path")


@require_perm(P.VIEW)
def inspection_list(request):
    return register_page(request, filterset_class=InspectionFilter, queryset=selectors.inspection_list(user=request.user),
                         template="oversight/suggestions/inspection_list.html",
                         context={"may": inspection_policy.can_all(request.user, ["create"])})


@require_perm(P.MANAGE)
def inspection_create(request):
    if not inspection_policy.can(request.user, "create"):
        raise PermissionDenied("您没有此项操作的权限。")
    form = forms.InspectionRecordForm(_post(request), initial={"held_on": clock.today(), "organiser": "县人大常委会"})
    return form_page(request, form, save=lambda d: services.inspection_record(
        actor=request.user, kind=d["kind"], title=d["title"], organiser=d["organiser"], held_on=d["held_on"],
        findings=d["findings"]), title="登记人大执法检查、案件评查", cancel=reverse("oversight:inspection_list"),
        submit="登记", success="已登记，请逐项下达整改任务。")


@require_perm(P.VIEW)
def inspection_detail(request, pk):
    inspection = inspection_policy.get(request.user, pk)
    return render(request, "oversight/suggestions/inspection_detail.html", {
        "inspection": inspection, "may": inspection_policy.may(request.user, inspection),
        "tasks": selectors.source_tasks(user=request.user, source=inspection)})


@require_perm(P.VIEW)
def judicial_list(request):
    return register_page(request, filterset_class=JudicialFilter, queryset=selectors.judicial_list(user=request.user),
                         template="oversight/suggestions/judicial_list.html",
                         context={"may": judicial_policy.can_all(request.user, ["create"])})


@require_perm(P.HANDLE)
def judicial_create(request):
    if not judicial_policy.can(request.user, "create"):
        raise PermissionDenied("您没有此项操作的权限。")
    form = forms.JudicialRecordForm(_post(request), units=_handle_units(request.user),
                                    initial={"received_on": clock.today(), "unit": request.user.unit_id})
    return form_page(request, form, save=lambda d: services.judicial_record(
        actor=request.user, kind=d["kind"], issuer=d["issuer"], number=d["number"], content=d["content"],
        received_on=d["received_on"], unit=d["unit"]), title="登记司法建议、检察建议",
        cancel=reverse("oversight:judicial_list"), submit="登记", success="已登记。")


@require_perm(P.VIEW)
def judicial_detail(request, pk):
    judicial = judicial_policy.get(request.user, pk)
    return render(request, "oversight/suggestions/judicial_detail.html", {
        "judicial": judicial, "may": judicial_policy.may(request.user, judicial),
        "tasks": selectors.source_tasks(user=request.user, source=judicial)})


@require_perm(P.HANDLE)
def judicial_reply(request, pk):
    judicial = judicial_policy.get(request.user, pk)
    if not scope.can_change(request.user, judicial, perm=P.HANDLE):
        raise PermissionDenied("您没有此项操作的权限。")
    url = judicial.get_absolute_url()
    return form_page(request, forms.JudicialReplyForm(_post(request), _files(request), initial={"on": clock.today()}),
                     save=lambda d: services.judicial_reply(actor=request.user, judicial=judicial, text=d["text"],
                                                            file=d["file"], on=d["on"]),
                     title=f"回复：{judicial}", cancel=url, done=lambda _j: url, submit="回复", success="已回复。",
                     warning=judicial_policy.refusal(request.user, "reply", judicial))


@require_perm(P.VIEW)
def judicial_reply_file(request, pk):
    judicial = judicial_policy.get(request.user, pk)
    if not judicial.reply_file:
        raise Http404("没有回复函")
    return uploads.file_response(request, judicial.reply_file)


@require_perm(P.HANDLE)
def task_add(request, source, pk):
    policy = {"inspection": inspection_policy, "judicial": judicial_policy}.get(source)
    if policy is None:
        raise Http404("未知来源")
    obj = policy.get(request.user, pk)
    if not policy.can_on(request.user, "add_task", obj):
        raise PermissionDenied("您没有此项操作的权限。")
    url = obj.get_absolute_url()
    units = OrgUnit.objects.filter(is_active=True).order_by("path") if source == "inspection" else OrgUnit.objects.filter(
        pk=obj.unit_id)
    return form_page(request, forms.TaskAddForm(_post(request), units=units),
                     save=lambda d: services.task_add(actor=request.user, source=obj, unit=d["unit"],
                                                      content=d["content"], due_on=d["due_on"]),
                     title=f"下达整改任务：{obj}", cancel=url, done=lambda _t: url, submit="下达", success="已下达整改任务。")


@require_perm(P.VIEW)
def task_list(request):
    return register_page(request, filterset_class=TaskFilter, queryset=selectors.task_list(user=request.user),
                         template="oversight/suggestions/task_list.html")


@require_perm(P.VIEW)
def task_detail(request, pk):
    task = task_policy.get(request.user, pk)
    source = task.source
    policy = inspection_policy if task.inspection_id else judicial_policy
    return render(request, "oversight/suggestions/task_detail.html", {
        "task": task, "actions": task_policy.buttons(request.user, task), "source": source,
        "source_visible": policy.visible(request.user).filter(pk=source.pk).exists()})


@require_perm(P.VIEW)
def task_step(request, pk, action):
    if action not in ("report", "accept", "return_task"):
        raise Http404("未知操作")
    transition = TASK_FLOW.transition(action)
    task = task_policy.get(request.user, pk)
    if not request.user.has_perm(transition.permission) or not scope.can_change(request.user, task,
                                                                                perm=transition.permission):
        raise PermissionDenied("您没有此项操作的权限。")
    url = task.get_absolute_url()
    if action == "report":
        form = forms.TaskReportForm(_post(request), _files(request), initial={"on": clock.today()})

        def save(d):
            return services.task_report(actor=request.user, task=task, text=d["text"], evidence=d["evidence"],
                                        on=d["on"])
    else:
        form = forms.TaskStepForm(_post(request), initial={"on": clock.today()})

        def save(d):
            if action == "accept":
                return services.task_accept(actor=request.user, task=task, on=d["on"])
            return services.task_return(actor=request.user, task=task, reason=d["reason"], on=d["on"])
    return form_page(request, form, save=save, title=f"{transition.label}：{task}", cancel=url, done=lambda _t: url,
                     submit=transition.label, success=f"已{transition.label}。",
                     warning=task_policy.refusal(request.user, action, task), danger=transition.style == "danger")


@require_perm(P.VIEW)
def task_evidence(request, pk):
    task = task_policy.get(request.user, pk)
    if not task.evidence:
        raise Http404("没有佐证材料")
    return uploads.file_response(request, task.evidence)
