"""Pages of the decisions module. Thin: a form checks shape, one service or selector is called, a page is rendered."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.web import (
    download_response,
    filters_from,
    form_error,
    import_page,
    paginate,
    require_perm,
    xlsx_response,
)
from fazhi.orgs import scope
from fazhi.orgs.security import client_ip

from . import forms, selectors, services
from . import spreadsheets as decision_sheets
from .choices import DecisionStatus, ReviewState, StepCode
from .models import Evaluation
from .permissions import DecisionPerm as P
from .workflows import CATALOGUE_FLOW, DECISION_FLOW, RECORD_ACTIONS, record_actions


def _changeable(request, obj, perm=P.MANAGE):
    if not scope.can_change(request.user, obj, perm=perm):
        raise PermissionDenied("该记录不在您可以办理的范围内。")
    return obj


def _decision(request, pk, perm=P.MANAGE):
    return _changeable(request, selectors.decision_get(user=request.user, pk=pk), perm)


def _form_page(request, form, title, cancel, *, call, success, submit="保存", warning="", danger=False, confirm=""):
    """Render ``form``; on a valid POST run ``call(cleaned_data)`` and redirect, or show the rule's refusal."""
    if request.method == "POST" and form.is_valid():
        try:
            message = call(form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, message or "已保存。")
            return redirect(success)
    return render(request, "decisions/form.html", {"form": form, "title": title, "submit": submit, "cancel": cancel,
                                                   "warning": warning, "danger": danger, "confirm": confirm})


def _post(request):
    return request.POST if request.method == "POST" else None


# Decisions ------------------------------------------------------------------------------------------

@require_perm(P.VIEW)
def decision_list(request):
    filter_form = forms.DecisionFilterForm(request.GET or None)
    filters = filters_from(request, ["q", "year", "status", "category", "sort", "unit", "catalogue", "reviewing"])
    if filters.get("year") and not filters["year"].isdigit():
        filters.pop("year")
    decisions = selectors.decision_list(user=request.user, filters=filters)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(decision_sheets.export_decisions(decisions), f"重大行政决策_{timezone.localdate():%Y%m%d}.xlsx")
    page = paginate(request, decisions)
    today = timezone.localdate()
    for d in page:
        d.review = d.step(StepCode.LEGALITY_REVIEW)
        d.overdue = d.review is not None and selectors.review_overdue(d.review, today)
        d.done_steps = sum(1 for s in d.steps.all() if s.resolved)
    return render(request, "decisions/decision_list.html", {
        "filter_form": filter_form, "page": page, "can_create": request.user.has_perm(P.MANAGE)})


@require_perm(P.MANAGE)
def decision_create(request):
    initial = {"year": timezone.localdate().year}
    form = forms.DecisionForm(_post(request), user=request.user, initial=initial)
    holder = {}

    def call(data):
        holder["d"] = services.decision_create(actor=request.user, **data)
        return f"已登记决策事项“{holder['d'].title}”。"

    if request.method == "POST" and form.is_valid():
        try:
            call(form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, f"已登记决策事项“{holder['d'].title}”。")
            return redirect("decisions:decision_detail", pk=holder["d"].pk)
    return render(request, "core/form.html", {"form": form, "title": "登记重大行政决策事项", "submit": "保存",
                                              "cancel": reverse("decisions:decision_list")})


@require_perm(P.VIEW)
def decision_detail(request, pk):
    decision = selectors.decision_get(user=request.user, pk=pk)
    today = timezone.localdate()
    steps = selectors.decision_steps(decision)
    user = request.user
    can_manage = user.has_perm(P.MANAGE) and scope.can_change(user, decision, perm=P.MANAGE)
    editable = can_manage and decision.status in (DecisionStatus.DRAFT, DecisionStatus.CONSULTATION)
    review = next(s for s in steps if s.code == StepCode.LEGALITY_REVIEW)
    can_review = (review.review_state == ReviewState.REQUESTED and user.has_perm(P.REVIEW)
                  and scope.can_change(user, review, perm=P.REVIEW))
    for s in steps:
        s.overdue = selectors.review_overdue(s, today)
        s.editable = editable and s.code in ("public_participation", "expert_consultation", "risk_assessment")
    buttons = _buttons(user, decision) if can_manage else []
    allowed = record_actions(user, decision)
    links = [{"label": RECORD_ACTIONS[name][0], "url": reverse(f"decisions:{name}", args=[decision.pk])}
             for name in RECORD_ACTIONS if name in allowed and name != "comment_dispose"]
    return render(request, "decisions/decision_detail.html", {
        "decision": decision, "steps": steps, "can_manage": can_manage, "editable": editable,
        "can_review": can_review, "buttons": buttons, "links": links,
        "can_dispose": "comment_dispose" in allowed,
        "can_decide": user.has_perm(P.DECIDE) and can_manage,
        "comments": decision.comments.select_related("disposed_by", "hidden_by").order_by("number"),
        "events": decision.events.all(), "attachments": decision.attachments.all(),
        "progress": decision.progress_reports.all(), "evaluations": decision.evaluations.all(),
    })


# How each transition is reached from the record page: a form (GET link) or a plain POST.
FORM_ACTIONS = {"open_comment": "decisions:comment_open", "submit_review": "decisions:review_submit",
                "publish": "decisions:publish", "return_draft": None, "withdraw": None}
POST_ACTIONS = {"close_comment": "decisions:comment_close", "decide": "decisions:decide", "submit_discussion": None}


def _buttons(user, decision):
    """The workflow's actions for this user now. Actions whose rule depends on what the form asks (dates) are
    links; the others show disabled with the rule's reason when refused."""
    buttons = []
    for t in DECISION_FLOW.transitions:
        if decision.status not in t.sources or (t.permission and not user.has_perm(t.permission)):
            continue
        if t.action in FORM_ACTIONS:
            name = FORM_ACTIONS[t.action]
            url = reverse(name, args=[decision.pk]) if name else reverse("decisions:decision_act",
                                                                          args=[decision.pk, t.action])
            refusal = None if t.action in ("open_comment", "submit_review") else DECISION_FLOW.refusal(
                user, decision, t.action)
            buttons.append({"t": t, "url": url, "post": False, "refusal": refusal})
        else:
            name = POST_ACTIONS.get(t.action)
            url = reverse(name, args=[decision.pk]) if name else reverse("decisions:decision_act",
                                                                          args=[decision.pk, t.action])
            buttons.append({"t": t, "url": url, "post": True,
                            "refusal": DECISION_FLOW.refusal(user, decision, t.action)})
    return buttons


@require_perm(P.MANAGE)
def decision_edit(request, pk):
    decision = _decision(request, pk)
    fields = ["title", "category", "year", "organ", "lead_unit", "proposer", "catalogue", "proposal", "draft_text",
              "explanation", "technical", "stability_risk", "planned_meeting_on"]
    initial = {f: getattr(decision, f) for f in fields}
    initial.update(organ=decision.organ_id, lead_unit=decision.lead_unit_id, catalogue=decision.catalogue_id)
    form = forms.DecisionForm(_post(request), user=request.user, editing=True, initial=initial)
    return _form_page(request, form, f"修改决策事项：{decision.title}",
                      reverse("decisions:decision_detail", args=[pk]),
                      call=lambda d: services.decision_update(actor=request.user, decision=decision, **d) and "已保存。",
                      success=reverse("decisions:decision_detail", args=[pk]))


@require_perm(P.MANAGE)
def draft_revise(request, pk):
    decision = _decision(request, pk)
    form = forms.DraftForm(_post(request), initial={"draft_text": decision.draft_text,
                                                    "explanation": decision.explanation})
    return _form_page(request, form, f"修改决策草案：{decision.title}", reverse("decisions:decision_detail", args=[pk]),
                      call=lambda d: services.draft_revise(actor=request.user, decision=decision, **d) and
                      "已保存修改后的草案。", success=reverse("decisions:decision_detail", args=[pk]))


@require_perm(P.MANAGE)
def step_edit(request, pk, code):
    decision = _decision(request, pk)
    if code not in forms.STEP_FORMS:
        raise Http404("没有这个程序环节。")
    step = decision.steps.get(code=code)
    fields = [f for f in forms.STEP_FORMS[code].base_fields if f != "complete"]
    form = forms.STEP_FORMS[code](_post(request), initial={f: getattr(step, f) for f in fields})
    return _form_page(request, form, f"{step.get_code_display()}：{decision.title}",
                      reverse("decisions:decision_detail", args=[pk]),
                      call=lambda d: services.step_record(actor=request.user, step=step, **d) and "已保存。",
                      success=reverse("decisions:decision_detail", args=[pk]))


@require_perm(P.MANAGE)
def step_not_applicable(request, pk, code):
    decision = _decision(request, pk)
    step = decision.steps.filter(code=code).first()
    if step is None:
        raise Http404("没有这个程序环节。")
    form = forms.ReasonForm(_post(request))
    return _form_page(request, form, f"{step.get_code_display()}不适用：{decision.title}",
                      reverse("decisions:decision_detail", args=[pk]),
                      call=lambda d: services.step_mark_not_applicable(actor=request.user, step=step, **d) and
                      "已标记为不适用，理由已记录。", success=reverse("decisions:decision_detail", args=[pk]),
                      warning="只有法律规定为有条件的环节（公众参与、专家论证、风险评估）可以标记不适用，须写明理由。")


@require_perm(P.MANAGE)
def expert_add(request, pk):
    decision = _decision(request, pk)
    form = forms.ExpertOpinionForm(_post(request))
    return _form_page(request, form, f"登记专家论证意见：{decision.title}",
                      reverse("decisions:decision_detail", args=[pk]),
                      call=lambda d: services.expert_opinion_add(actor=request.user, decision=decision, **d) and
                      "已登记专家论证意见。", success=reverse("decisions:decision_detail", args=[pk]))


@require_perm(P.MANAGE)
def comment_open(request, pk):
    decision = _decision(request, pk)
    today = timezone.localdate()
    form = forms.CommentOpenForm(_post(request), initial={"comment_start": today})
    return _form_page(request, form, f"公开征求意见：{decision.title}", reverse("decisions:decision_detail", args=[pk]),
                      call=lambda d: services.comment_open(actor=request.user, decision=decision, **d) and
                      "决策草案及说明已在公众网站公布，开始征求意见。",
                      success=reverse("decisions:decision_detail", args=[pk]), submit="公布并征求意见")


def _post_step(request, pk, step, success):
    """A one-click step on the decision page: POST only; the service's refusal or success as a message."""
    if request.method == "POST":
        try:
            step()
        except DomainError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, success)
    return redirect("decisions:decision_detail", pk=pk)


@require_perm(P.MANAGE)
def comment_close(request, pk):
    decision = _decision(request, pk)
    return _post_step(request, pk, lambda: services.comment_close(actor=request.user, decision=decision),
                      "已结束征求意见。")


@require_perm(P.MANAGE)
def review_submit(request, pk):
    decision = _decision(request, pk)
    initial = {"submitted_on": timezone.localdate()}
    form = forms.ReviewSubmitForm(_post(request), user=request.user, initial=initial)
    justice = form.fields["review_unit"].queryset.filter(name__contains="司法局").first()
    if justice and not request.POST:
        form.initial["review_unit"] = justice.pk
    return _form_page(request, form, f"提交合法性审查：{decision.title}",
                      reverse("decisions:decision_detail", args=[pk]),
                      call=lambda d: services.review_submit(actor=request.user, decision=decision, **d) and
                      "已提交合法性审查。", success=reverse("decisions:decision_detail", args=[pk]), submit="提交审查")


@require_perm(P.REVIEW)
def review_opinion(request, pk):
    decision = selectors.decision_get(user=request.user, pk=pk)
    step = decision.steps.get(code=StepCode.LEGALITY_REVIEW)
    if not scope.can_change(request.user, step, perm=P.REVIEW):
        raise PermissionDenied("该审查不由您的单位办理。")
    form = forms.OpinionForm(_post(request), advisers=selectors.adviser_choices(user=request.user,
                                                                                organ=decision.organ),
                             initial={"reviewed_on": timezone.localdate()})
    return _form_page(request, form, f"出具合法性审查意见：{decision.title}",
                      reverse("decisions:decision_detail", args=[pk]),
                      call=lambda d: services.review_give_opinion(actor=request.user, step=step, **d) and
                      "已出具合法性审查意见。", success=reverse("decisions:decision_detail", args=[pk]),
                      submit="出具意见")


@require_perm(P.MANAGE)
def decision_act(request, pk, action):
    decision = _decision(request, pk)
    if action not in ("submit_discussion", "return_draft", "withdraw"):
        raise Http404("没有这个操作。")
    t = DECISION_FLOW.transition(action)
    if not t.needs_reason:
        return _post_step(request, pk, lambda: services.decision_act(actor=request.user, decision=decision,
                                                                     action=action), f"已{t.label}。")
    form = forms.ReasonForm(_post(request))
    return _form_page(request, form, f"{t.label}：{decision.title}", reverse("decisions:decision_detail", args=[pk]),
                      call=lambda d: services.decision_act(actor=request.user, decision=decision, action=action,
                                                           reason=d["reason"]) and f"已{t.label}。",
                      success=reverse("decisions:decision_detail", args=[pk]), submit=t.label,
                      danger=action == "withdraw", confirm=t.confirm)


@require_perm(P.DECIDE)
def meeting_record(request, pk):
    decision = _decision(request, pk)
    form = forms.MeetingForm(_post(request), initial={"meeting_type": "standing"})
    return _form_page(request, form, f"登记集体讨论：{decision.title}", reverse("decisions:decision_detail", args=[pk]),
                      call=lambda d: services.meeting_record(actor=request.user, decision=decision, **d) and
                      "已登记集体讨论会议。", success=reverse("decisions:decision_detail", args=[pk]))


@require_perm(P.DECIDE)
def decide(request, pk):
    decision = _decision(request, pk)
    return _post_step(request, pk, lambda: services.decision_decide(actor=request.user, decision=decision),
                      "已作出决定。")


@require_perm(P.DECIDE)
def party_report(request, pk):
    decision = _decision(request, pk)
    form = forms.PartyReportForm(_post(request), initial={"reported_on": timezone.localdate()})
    return _form_page(request, form, f"向党委请示报告：{decision.title}",
                      reverse("decisions:decision_detail", args=[pk]),
                      call=lambda d: services.party_report_record(actor=request.user, decision=decision, **d) and
                      "已登记请示报告情况。", success=reverse("decisions:decision_detail", args=[pk]))


@require_perm(P.DECIDE)
def publish(request, pk):
    decision = _decision(request, pk)
    form = forms.PublishForm(_post(request), user=request.user, initial={
        "published_on": timezone.localdate(), "implementing_unit": decision.lead_unit_id})
    return _form_page(request, form, f"公布决策：{decision.title}", reverse("decisions:decision_detail", args=[pk]),
                      call=lambda d: services.decision_publish(actor=request.user, decision=decision, **d) and
                      "决策及公众意见采纳情况说明已公布。", success=reverse("decisions:decision_detail", args=[pk]),
                      submit="公布")


@require_perm(P.MANAGE)
def progress_add(request, pk):
    decision = _decision(request, pk)
    form = forms.ProgressForm(_post(request), initial={"reported_on": timezone.localdate()})
    return _form_page(request, form, f"报告执行情况：{decision.title}", reverse("decisions:decision_detail", args=[pk]),
                      call=lambda d: services.progress_report_add(actor=request.user, decision=decision, **d) and
                      "已报告执行情况。", success=reverse("decisions:decision_detail", args=[pk]))


@require_perm(P.DECIDE)
def evaluation_start(request, pk):
    decision = _decision(request, pk)
    form = forms.EvaluationStartForm(_post(request), initial={"started_on": timezone.localdate()})
    return _form_page(request, form, f"启动决策后评估：{decision.title}",
                      reverse("decisions:decision_detail", args=[pk]),
                      call=lambda d: services.evaluation_start(actor=request.user, decision=decision, **d) and
                      "已启动决策后评估。", success=reverse("decisions:decision_detail", args=[pk]))


@require_perm(P.DECIDE)
def evaluation_finish(request, pk):
    evaluation = scope.visible(request.user, Evaluation.objects.select_related("decision"), perm=P.VIEW).filter(
        pk=pk).first()
    if evaluation is None:
        raise Http404("记录不存在或无权访问。")
    _changeable(request, evaluation.decision)
    back = reverse("decisions:decision_detail", args=[evaluation.decision_id])
    form = forms.EvaluationFinishForm(_post(request), initial={"finished_on": timezone.localdate()})
    return _form_page(request, form, f"完成决策后评估：{evaluation.decision.title}", back,
                      call=lambda d: services.evaluation_finish(actor=request.user, evaluation=evaluation, **d) and
                      "已完成决策后评估。", success=back)


@require_perm(P.MANAGE)
def attachment_add(request, pk):
    decision = _decision(request, pk)
    form = forms.AttachmentForm(_post(request), request.FILES or None)
    return _form_page(request, form, f"上传决策材料：{decision.title}", reverse("decisions:decision_detail", args=[pk]),
                      call=lambda d: services.attachment_add(actor=request.user, decision=decision, **d) and
                      "已上传。", success=reverse("decisions:decision_detail", args=[pk]), submit="上传")


@require_perm(P.VIEW)
def attachment_download(request, pk):
    from .models import DecisionAttachment

    row = scope.visible(request.user, DecisionAttachment.objects.all(), perm=P.VIEW).filter(pk=pk).first()
    if row is None:
        raise Http404("记录不存在或无权访问。")
    return FileResponse(row.file.open("rb"), as_attachment=True, filename=row.file.name.rsplit("/", 1)[-1])


def _comment(request, pk):
    comment = selectors.comment_get(user=request.user, pk=pk)
    _changeable(request, comment.decision)
    return comment


@require_perm(P.MANAGE)
def comment_dispose(request, pk):
    comment = _comment(request, pk)
    back = reverse("decisions:decision_detail", args=[comment.decision_id]) + "#comments"
    form = forms.DisposeForm(_post(request), initial={"disposition": comment.disposition or "adopted",
                                                      "reason": comment.disposition_reason})
    return _form_page(request, form, f"处理第{comment.number}条意见：{comment.body[:30]}", back,
                      call=lambda d: services.comment_dispose(actor=request.user, comment=comment, **d) and
                      f"已处理第{comment.number}条意见。", success=back)


@require_perm(P.MANAGE)
def comment_hide(request, pk):
    comment = _comment(request, pk)
    back = reverse("decisions:decision_detail", args=[comment.decision_id]) + "#comments"
    form = forms.ReasonForm(_post(request))
    return _form_page(request, form, f"屏蔽第{comment.number}条意见", back,
                      call=lambda d: services.comment_hide(actor=request.user, comment=comment, **d) and
                      "已屏蔽，该意见仍保存在决策档案中。", success=back, submit="屏蔽", danger=True,
                      confirm="确定屏蔽这条意见吗？",
                      warning="屏蔽后该意见不计入公开的采纳情况说明，但永久保存在决策档案中，并记录屏蔽人和理由。")


@require_perm(P.VIEW)
def decision_archive(request, pk):
    decision = selectors.decision_get(user=request.user, pk=pk)
    return render(request, "decisions/archive.html", {"decision": decision,
                                                       "sections": selectors.archive_sections(decision)})


@require_perm(P.VIEW)
def decision_bundle(request, pk):
    decision = selectors.decision_get(user=request.user, pk=pk)
    content = selectors.archive_bundle(decision)
    return download_response(content, "application/zip", f"决策档案_{decision.pk}_{decision.title[:30]}.zip")


# Catalogue -------------------------------------------------------------------------------------------

@require_perm(P.VIEW)
def catalogue_list(request):
    catalogues = selectors.catalogue_list(user=request.user, filters=filters_from(request, ["year"]))
    return render(request, "decisions/catalogue_list.html", {"page": paginate(request, catalogues),
                                                              "can_create": request.user.has_perm(P.DECIDE)})


@require_perm(P.DECIDE)
def catalogue_create(request):
    form = forms.CatalogueForm(_post(request), user=request.user, initial={"year": timezone.localdate().year})
    return _form_page(request, form, "起草年度决策事项目录", reverse("decisions:catalogue_list"),
                      call=lambda d: services.catalogue_create(actor=request.user, **d) and "已起草目录。",
                      success=reverse("decisions:catalogue_list"))


@require_perm(P.VIEW)
def catalogue_detail(request, pk):
    catalogue = selectors.catalogue_get(user=request.user, pk=pk)
    items = selectors.decision_list(user=request.user, filters={"catalogue": catalogue.pk, "sort": "id"})
    return render(request, "decisions/catalogue_detail.html", {
        "catalogue": catalogue, "items": items, "adjustments": catalogue.adjustments.select_related("decision"),
        "actions": CATALOGUE_FLOW.available(request.user, catalogue),
        "can_adjust": request.user.has_perm(P.DECIDE) and catalogue.status == "published"
        and scope.can_change(request.user, catalogue, perm=P.DECIDE)})


def _catalogue(request, pk):
    return _changeable(request, selectors.catalogue_get(user=request.user, pk=pk), P.DECIDE)


@require_perm(P.DECIDE)
def catalogue_approve(request, pk):
    catalogue = _catalogue(request, pk)
    back = reverse("decisions:catalogue_detail", args=[pk])
    form = forms.CatalogueApproveForm(_post(request), initial={"approved_on": timezone.localdate()})
    return _form_page(request, form, f"批准目录：{catalogue.title}", back, success=back, submit="批准",
                      call=lambda d: services.catalogue_approve(actor=request.user, catalogue=catalogue, **d) and
                      "目录已批准。")


@require_perm(P.DECIDE)
def catalogue_publish(request, pk):
    catalogue = _catalogue(request, pk)
    back = reverse("decisions:catalogue_detail", args=[pk])
    form = forms.CataloguePublishForm(_post(request), initial={"published_on": timezone.localdate()})
    return _form_page(request, form, f"公布目录：{catalogue.title}", back, success=back, submit="公布",
                      call=lambda d: services.catalogue_publish(actor=request.user, catalogue=catalogue, **d) and
                      "目录已公布。")


@require_perm(P.DECIDE)
def catalogue_adjust(request, pk):
    catalogue = _catalogue(request, pk)
    back = reverse("decisions:catalogue_detail", args=[pk])
    decisions = selectors.decision_list(user=request.user, filters={"year": catalogue.year})
    form = forms.AdjustForm(_post(request), decisions=decisions, initial={"adjusted_on": timezone.localdate()})
    return _form_page(request, form, f"调整目录：{catalogue.title}", back, success=back,
                      call=lambda d: services.catalogue_adjust(actor=request.user, catalogue=catalogue, **d) and
                      "已调整目录。")


# Legal advisers --------------------------------------------------------------------------------------

@require_perm(P.VIEW_ADVISERS)
def adviser_list(request):
    filter_form = forms.AdviserFilterForm(request.GET or None)
    today = timezone.localdate()
    advisers = selectors.adviser_list(user=request.user, filters=filters_from(request, ["q", "kind", "status",
                                                                                        "sort", "unit"]))
    if request.GET.get("export") == "xlsx":
        return xlsx_response(decision_sheets.export_advisers(advisers), f"法律顾问_{today:%Y%m%d}.xlsx")
    page = paginate(request, advisers)
    warn = services.get_setting("decisions.adviser_expiry_warning_days")
    for a in page:
        a.active = a.active_on(today)
        a.expiring = a.active and (a.contract_end - today).days <= warn
    return render(request, "decisions/adviser_list.html", {
        "filter_form": filter_form, "page": page, "can_manage": request.user.has_perm(P.MANAGE_ADVISERS)})


@require_perm(P.MANAGE_ADVISERS)
def adviser_create(request):
    form = forms.AdviserForm(_post(request), user=request.user, initial={"full_time": True, "kind": "lawyer"})
    return _form_page(request, form, "聘任法律顾问", reverse("decisions:adviser_list"),
                      call=lambda d: services.adviser_register(actor=request.user, **d) and "已登记法律顾问。",
                      success=reverse("decisions:adviser_list"))


@require_perm(P.MANAGE_ADVISERS)
def adviser_import(request):
    def done(result):
        messages.success(request, f"导入完成：新增 {result.saved} 名法律顾问。")
        return redirect("decisions:adviser_list")

    return import_page(request, spec=lambda data: decision_sheets.adviser_sheet(actor=request.user),
                       title="导入法律顾问", template_url=reverse("decisions:adviser_template"),
                       cancel=reverse("decisions:adviser_list"), done=done)


@require_perm(P.MANAGE_ADVISERS)
def adviser_template(request):
    return xlsx_response(sheets.template_workbook(decision_sheets.adviser_sheet()), "法律顾问导入模板.xlsx")


@require_perm(P.VIEW_ADVISERS)
def adviser_detail(request, pk):
    adviser = selectors.adviser_get(user=request.user, pk=pk)
    today = timezone.localdate()
    problems = services.qualification_problems(kind=adviser.kind, practice_since=adviser.practice_since,
                                               sanctioned=adviser.sanctioned, criminal_record=adviser.criminal_record,
                                               on=today)
    return render(request, "decisions/adviser_detail.html", {
        "adviser": adviser, "active": adviser.active_on(today), "problems": problems,
        "covered": adviser.covered_units.order_by("path"),
        "services": adviser.services.select_related("unit", "decision")[:100],
        "can_manage": request.user.has_perm(P.MANAGE_ADVISERS)
        and scope.can_change(request.user, adviser, perm=P.MANAGE_ADVISERS)})


@require_perm(P.MANAGE_ADVISERS)
def adviser_edit(request, pk):
    adviser = _changeable(request, selectors.adviser_get(user=request.user, pk=pk), P.MANAGE_ADVISERS)
    fields = [f for f in services.ADVISER_FIELDS]
    initial = {f: getattr(adviser, f) for f in fields}
    initial["client_unit"] = adviser.client_unit_id
    initial["covered_units"] = list(adviser.covered_units.values_list("pk", flat=True))
    back = reverse("decisions:adviser_detail", args=[pk])
    form = forms.AdviserForm(_post(request), user=request.user, initial=initial)
    return _form_page(request, form, f"修改法律顾问：{adviser.name}", back, success=back,
                      call=lambda d: services.adviser_update(actor=request.user, adviser=adviser, **d) and "已保存。")


@require_perm(P.MANAGE_ADVISERS)
def adviser_end(request, pk):
    adviser = _changeable(request, selectors.adviser_get(user=request.user, pk=pk), P.MANAGE_ADVISERS)
    back = reverse("decisions:adviser_detail", args=[pk])
    form = forms.ReasonForm(_post(request))
    return _form_page(request, form, f"解聘法律顾问：{adviser.name}", back, success=back, submit="解聘", danger=True,
                      confirm="确定解聘该法律顾问吗？",
                      call=lambda d: services.adviser_end(actor=request.user, adviser=adviser, **d) and "已解聘。")


@require_perm(P.VIEW_ADVISERS)
def service_list(request):
    filter_form = forms.ServiceFilterForm(request.GET or None)
    filters = filters_from(request, ["q", "kind", "year", "sort", "adviser"])
    if filters.get("year") and not filters["year"].isdigit():
        filters.pop("year")
    rows = selectors.service_list(user=request.user, filters=filters)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(decision_sheets.export_services(rows), f"法律顾问服务记录_{timezone.localdate():%Y%m%d}.xlsx")
    return render(request, "decisions/service_list.html", {
        "filter_form": filter_form, "page": paginate(request, rows), "can_log": request.user.has_perm(P.LOG_SERVICE)})


@require_perm(P.LOG_SERVICE)
def service_create(request):
    advisers = selectors.adviser_choices(user=request.user)
    form = forms.ServiceForm(_post(request), user=request.user, advisers=advisers,
                             initial={"served_on": timezone.localdate()})

    def call(d):
        if not scope.can_change(request.user, d["unit"], perm=P.LOG_SERVICE):
            raise DomainError("只能登记本人职责范围内单位的服务。", field="unit")
        services.service_log(actor=request.user, **d)
        return "已登记服务记录。"

    return _form_page(request, form, "登记法律顾问服务", reverse("decisions:service_list"), call=call,
                      success=reverse("decisions:service_list"))


@require_perm(P.VIEW_ADVISERS)
def coverage(request):
    rows = selectors.coverage(unit_ids=scope.visible_unit_ids(request.user, perm=P.VIEW_ADVISERS))
    return render(request, "decisions/coverage.html", {"rows": rows.values()})


# Public site -----------------------------------------------------------------------------------------

def public_list(request):
    decisions = selectors.public_decisions()
    page = paginate(request, decisions)
    for d in page:
        d.participation = d.step(StepCode.PUBLIC_PARTICIPATION)
    return render(request, "decisions/public_list.html", {"page": page, "today": timezone.localdate()})


def public_detail(request):
    """A published draft (open for comment) or a published decision; the id comes in the query string."""
    if not request.GET.get("id"):
        return public_list(request)
    try:
        decision = selectors.public_decision_get(request.GET.get("id"))
    except NotFound as e:
        raise Http404(e.message) from e
    return _public_page(request, decision, forms.PublicCommentForm())


def _public_page(request, decision, form, status=200):
    from fazhi.core.masking import mask_text

    step = decision.step(StepCode.PUBLIC_PARTICIPATION)
    today = timezone.localdate()
    open_now = (decision.status == DecisionStatus.CONSULTATION and step and step.comment_start
                and step.comment_start <= today <= step.comment_end)
    return render(request, "decisions/public_detail.html", {
        "decision": decision, "step": step, "open_now": open_now, "form": form,
        "draft": mask_text(decision.draft_text), "explanation": mask_text(decision.explanation),
        "decision_text": mask_text(decision.decision_text), "note": mask_text(decision.adoption_note),
        "comment_count": decision.comments.count(),
    }, status=status)


@require_POST
def public_comment(request):
    try:
        decision = selectors.public_decision_get(request.POST.get("decision"))
    except NotFound as e:
        raise Http404(e.message) from e
    form = forms.PublicCommentForm(request.POST)
    if form.is_valid():
        try:
            comment = services.comment_submit(decision=decision, address=client_ip(request), **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, f"感谢您的意见！已收到（编号第{comment.number}条），我们将逐条研究并在公布决策时"
                                      f"说明采纳情况。")
            return redirect(reverse("decisions:public_detail") + f"?id={decision.pk}")
    return _public_page(request, decision, form, status=400)
