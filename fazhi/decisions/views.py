"""Pages of the decisions module. Thin: a form checks shape, the policy is asked, one service or selector is called."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import clock, uploads
from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.registers import register_page
from fazhi.core.web import download_response, form_error, form_page, import_page, require_perm, xlsx_response
from fazhi.orgs import scope
from fazhi.orgs.security import client_ip

from . import filters, forms, selectors, services
from . import spreadsheets as decision_sheets
from .choices import StepCode
from .models import PublicComment
from .permissions import DecisionPerm as P
from .policies import ADVISERS, CATALOGUES, COMMENTS, DECISIONS, EVALUATIONS, SERVICES, STEPS
from .qualifications import qualification_problems
from .workflows import DECISION_FLOW


def _post(request):
    return request.POST if request.method == "POST" else None


def _detail(pk):
    return reverse("decisions:decision_detail", args=[pk])


def _step_page(request, policy, action, obj, *, form, save, title, back, success, **extra):
    """Every create/edit/step form of a record, through ``form_page``. The policy is asked first: when it refuses
    now, the page says why above the form (what is typed is kept) and the service refuses the same on submit."""
    refusal = policy.refusal(request.user, action, obj)
    if refusal:
        extra["warning"] = f"{refusal}{'；' + extra['warning'] if extra.get('warning') else ''}"
    return form_page(request, form, save=save, title=title, cancel=back, done=lambda _obj: back, success=success,
                     **extra)


def _decision_page(request, pk, action, form, save, title, success, **extra):
    decision = DECISIONS.get(request.user, pk)
    back = _detail(decision.pk)
    return _step_page(request, DECISIONS, action, decision, form=form(decision), save=lambda d: save(decision, d),
                      title=f"{title}：{decision.title}", back=back, success=success, **extra)


def _one_click(request, pk, action, save, success):
    """A step with nothing to type (结束征求意见, 提请集体讨论, 作出决定): the record page's button posts here; a GET
    shows the confirmation."""
    t = DECISION_FLOW.transition(action)
    return _decision_page(request, pk, action, lambda d: forms.ConfirmForm(_post(request)),
                          lambda decision, d: save(decision), t.label, success, submit=t.label, confirm=t.confirm)


# Decisions ------------------------------------------------------------------------------------------

@require_perm(P.VIEW)
def decision_list(request):
    return register_page(
        request, filterset_class=filters.DecisionFilter, queryset=selectors.decision_list(user=request.user),
        template="decisions/decision_list.html", export=decision_sheets.export_decisions, export_name="重大行政决策",
        context={"may": DECISIONS.can_all(request.user, ["create"])})


@require_perm(P.MANAGE)
def decision_create(request):
    form = forms.DecisionForm(_post(request), user=request.user, initial={"year": clock.today().year})
    return form_page(request, form, save=lambda d: services.decision_create(actor=request.user, **d),
                     title="登记重大行政决策事项", cancel=reverse("decisions:decision_list"),
                     done=lambda d: _detail(d.pk), success=lambda d: f"已登记决策事项“{d.title}”。")


# How each transition is reached from the record page: its URL, and whether the button posts (one click)
# or opens a form.
TRANSITION_PAGES = {
    "comment_open": ("decisions:comment_open", False), "comment_close": ("decisions:comment_close", True),
    "review_submit": ("decisions:review_submit", False), "discussion_submit": ("decisions:decision_act", True),
    "draft_return": ("decisions:decision_act", False), "decide": ("decisions:decide", True),
    "publish": ("decisions:publish", False), "withdraw": ("decisions:decision_act", False),
}
# The record-keeping actions of the record page's toolbar (policy action, URL name, label).
RECORD_LINKS = [
    ("edit", "decisions:decision_edit", "修改"), ("draft_revise", "decisions:draft_revise", "修改草案"),
    ("meeting_record", "decisions:meeting_record", "登记集体讨论"),
    ("party_report", "decisions:party_report", "登记向党委请示报告"),
    ("progress_add", "decisions:progress_add", "报告执行情况"),
    ("evaluation_start", "decisions:evaluation_start", "启动决策后评估"),
    ("attachment_add", "decisions:attachment_add", "上传材料"),
]


def _buttons(user, decision, today):
    """The workflow's next steps this user holds the permission for, each with the policy's refusal (if any):
    the page shows a refused one disabled, with the rule."""
    buttons = []
    for t in DECISION_FLOW.next_steps(decision):
        if not DECISIONS.can(user, t.action):
            continue
        name, post = TRANSITION_PAGES[t.action]
        args = [decision.pk, t.action] if name == "decisions:decision_act" else [decision.pk]
        buttons.append({"t": t, "url": reverse(name, args=args), "post": post,
                        "refusal": DECISIONS.refusal(user, t.action, decision, on=today)})
    return buttons


@require_perm(P.VIEW)
def decision_detail(request, pk):
    user = request.user
    decision = DECISIONS.get(user, pk, selectors.decision_detail_queryset())
    today = clock.today()
    may = DECISIONS.may(user, decision, on=today, actions=[a for a, _, _ in RECORD_LINKS]
                        + ["comment_dispose", "comment_hide", "evaluation_finish"])
    steps = selectors.decision_steps(decision)
    for s in steps:
        s.decision = decision
        s.overdue = selectors.review_overdue(s, today)
        s.may = STEPS.may(user, s, on=today, actions=["record", "mark_not_applicable", "opinion_give"])
    return render(request, "decisions/decision_detail.html", {
        "decision": decision, "steps": steps, "may": may, "buttons": _buttons(user, decision, today),
        "may_review": any(s.may["opinion_give"] for s in steps),
        "links": [{"label": label, "url": reverse(name, args=[decision.pk])}
                  for action, name, label in RECORD_LINKS if may[action]],
        "comments": decision.comments.select_related("disposed_by", "hidden_by").order_by("number"),
        "events": decision.events.all(), "attachments": decision.attachments.all(),
        "progress": decision.progress_reports.all(), "evaluations": decision.evaluations.all(),
    })


@require_perm(P.MANAGE)
def decision_edit(request, pk):
    fields = ["title", "category", "year", "organ", "lead_unit", "proposer", "catalogue", "proposal", "draft_text",
              "explanation", "technical", "stability_risk", "planned_meeting_on"]

    def form(decision):
        initial = {f: getattr(decision, f) for f in fields}
        initial.update(organ=decision.organ_id, lead_unit=decision.lead_unit_id, catalogue=decision.catalogue_id)
        return forms.DecisionForm(_post(request), user=request.user, editing=True, initial=initial)

    return _decision_page(request, pk, "edit", form,
                          lambda decision, d: services.decision_update(actor=request.user, decision=decision, **d),
                          "修改决策事项", "已保存。")


@require_perm(P.MANAGE)
def draft_revise(request, pk):
    return _decision_page(
        request, pk, "draft_revise",
        lambda decision: forms.DraftForm(_post(request), initial={"draft_text": decision.draft_text,
                                                                  "explanation": decision.explanation}),
        lambda decision, d: services.draft_revise(actor=request.user, decision=decision, **d),
        "修改决策草案", "已保存修改后的草案。")


def _step(request, pk, code):
    decision = DECISIONS.get(request.user, pk)
    step = decision.steps.select_related("decision").filter(code=code).first()
    if step is None:
        raise Http404("没有这个程序环节。")
    return decision, step


@require_perm(P.MANAGE)
def step_edit(request, pk, code):
    if code not in forms.STEP_FORMS:
        raise Http404("没有这个程序环节。")
    decision, step = _step(request, pk, code)
    fields = [f for f in forms.STEP_FORMS[code].base_fields if f != "complete"]
    form = forms.STEP_FORMS[code](_post(request), initial={f: getattr(step, f) for f in fields})
    return _step_page(request, STEPS, "record", step, form=form,
                      save=lambda d: services.step_record(actor=request.user, step=step, **d),
                      title=f"{step.get_code_display()}：{decision.title}", back=_detail(pk), success="已保存。")


@require_perm(P.MANAGE)
def step_not_applicable(request, pk, code):
    decision, step = _step(request, pk, code)
    return _step_page(request, STEPS, "mark_not_applicable", step, form=forms.ReasonForm(_post(request)),
                      save=lambda d: services.step_mark_not_applicable(actor=request.user, step=step, **d),
                      title=f"{step.get_code_display()}不适用：{decision.title}", back=_detail(pk),
                      success="已标记为不适用，理由已记录。",
                      warning="只有法律规定为有条件的环节（公众参与、专家论证、风险评估）可以标记不适用，须写明理由。")


@require_perm(P.MANAGE)
def expert_add(request, pk):
    decision, step = _step(request, pk, StepCode.EXPERT_CONSULTATION)
    return _step_page(request, STEPS, "record", step, form=forms.ExpertOpinionForm(_post(request)),
                      save=lambda d: services.expert_opinion_add(actor=request.user, decision=decision, **d),
                      title=f"登记专家论证意见：{decision.title}", back=_detail(pk), success="已登记专家论证意见。")


def _comment_period():
    """Start today, end after the legal minimum (《重大行政决策程序暂行条例》第十五条: 一般不少于30日)."""
    import datetime

    from fazhi.core.rules import get_setting

    start = clock.today()
    return {"comment_start": start,
            "comment_end": start + datetime.timedelta(days=get_setting("decisions.comment_min_days"))}


@require_perm(P.MANAGE)
def comment_open(request, pk):
    return _decision_page(
        request, pk, "comment_open",
        lambda decision: forms.CommentOpenForm(_post(request), initial=_comment_period()),
        lambda decision, d: services.comment_open(actor=request.user, decision=decision, **d),
        "公开征求意见", "决策草案及说明已在公众网站公布，开始征求意见。", submit="公布并征求意见")


@require_perm(P.MANAGE)
def comment_close(request, pk):
    return _one_click(request, pk, "comment_close",
                      lambda decision: services.comment_close(actor=request.user, decision=decision), "已结束征求意见。")


@require_perm(P.MANAGE)
def review_submit(request, pk):
    def form(decision):
        form = forms.ReviewSubmitForm(_post(request), user=request.user, initial={"submitted_on": clock.today()})
        justice = form.fields["review_unit"].queryset.filter(name__contains="司法局").first()
        if justice and not request.POST:
            form.initial["review_unit"] = justice.pk
        return form

    return _decision_page(request, pk, "review_submit", form,
                          lambda decision, d: services.review_submit(actor=request.user, decision=decision, **d),
                          "提交合法性审查", "已提交合法性审查。", submit="提交审查")


@require_perm(P.REVIEW)
def review_opinion(request, pk):
    decision, step = _step(request, pk, StepCode.LEGALITY_REVIEW)
    form = forms.OpinionForm(_post(request), advisers=selectors.adviser_choices(user=request.user,
                                                                                organ=decision.organ),
                             initial={"reviewed_on": clock.today()})
    return _step_page(request, STEPS, "opinion_give", step, form=form,
                      save=lambda d: services.review_opinion_give(actor=request.user, step=step, **d),
                      title=f"出具合法性审查意见：{decision.title}", back=_detail(pk), success="已出具合法性审查意见。",
                      submit="出具意见")


@require_perm(P.MANAGE)
def decision_act(request, pk, action):
    if action not in services.ACT_ACTIONS:
        raise Http404("没有这个操作。")
    t = DECISION_FLOW.transition(action)
    if not t.needs_reason:
        return _one_click(request, pk, action,
                          lambda decision: services.decision_act(actor=request.user, decision=decision, action=action),
                          f"已{t.label}。")
    return _decision_page(
        request, pk, action, lambda decision: forms.ReasonForm(_post(request)),
        lambda decision, d: services.decision_act(actor=request.user, decision=decision, action=action,
                                                  reason=d["reason"]),
        t.label, f"已{t.label}。", submit=t.label, danger=action == "withdraw", confirm=t.confirm)


@require_perm(P.DECIDE)
def meeting_record(request, pk):
    return _decision_page(
        request, pk, "meeting_record",
        lambda decision: forms.MeetingForm(_post(request), initial={"meeting_type": "standing"}),
        lambda decision, d: services.meeting_record(actor=request.user, decision=decision, **d),
        "登记集体讨论", "已登记集体讨论会议。")


@require_perm(P.DECIDE)
def decide(request, pk):
    return _one_click(request, pk, "decide",
                      lambda decision: services.decision_decide(actor=request.user, decision=decision), "已作出决定。")


@require_perm(P.DECIDE)
def party_report(request, pk):
    return _decision_page(
        request, pk, "party_report",
        lambda decision: forms.PartyReportForm(_post(request), initial={"reported_on": clock.today()}),
        lambda decision, d: services.party_report_record(actor=request.user, decision=decision, **d),
        "向党委请示报告", "已登记请示报告情况。")


@require_perm(P.DECIDE)
def publish(request, pk):
    return _decision_page(
        request, pk, "publish",
        lambda decision: forms.PublishForm(_post(request), user=request.user, initial={
            "published_on": clock.today(), "implementing_unit": decision.lead_unit_id}),
        lambda decision, d: services.decision_publish(actor=request.user, decision=decision, **d),
        "公布决策", "决策及公众意见采纳情况说明已公布。", submit="公布",
        confirm="公布后决策及采纳情况说明即在公众网站公开，不能撤回。确定公布吗？")


@require_perm(P.MANAGE)
def progress_add(request, pk):
    return _decision_page(
        request, pk, "progress_add",
        lambda decision: forms.ProgressForm(_post(request), initial={"reported_on": clock.today()}),
        lambda decision, d: services.progress_report_add(actor=request.user, decision=decision, **d),
        "报告执行情况", "已报告执行情况。")


@require_perm(P.DECIDE)
def evaluation_start(request, pk):
    return _decision_page(
        request, pk, "evaluation_start",
        lambda decision: forms.EvaluationStartForm(_post(request), initial={"started_on": clock.today()}),
        lambda decision, d: services.evaluation_start(actor=request.user, decision=decision, **d),
        "启动决策后评估", "已启动决策后评估。")


@require_perm(P.DECIDE)
def evaluation_finish(request, pk):
    evaluation = EVALUATIONS.get(request.user, pk, selectors.evaluation_queryset())
    form = forms.EvaluationFinishForm(_post(request), initial={"finished_on": clock.today()})
    return _step_page(request, EVALUATIONS, "finish", evaluation, form=form,
                      save=lambda d: services.evaluation_finish(actor=request.user, evaluation=evaluation, **d),
                      title=f"完成决策后评估：{evaluation.decision.title}", back=_detail(evaluation.decision_id),
                      success="已完成决策后评估。")


@require_perm(P.MANAGE)
def attachment_add(request, pk):
    return _decision_page(
        request, pk, "attachment_add", lambda decision: forms.AttachmentForm(_post(request), request.FILES or None),
        lambda decision, d: services.attachment_add(actor=request.user, decision=decision, **d),
        "上传决策材料", "已上传。", submit="上传")


@require_perm(P.VIEW)
def attachment_download(request, pk):
    row = selectors.attachment_get(user=request.user, pk=pk)
    return uploads.file_response(request, row.file, filename=row.file.name.rsplit("/", 1)[-1])


def _comment(request, pk):
    comment = COMMENTS.get(request.user, pk, PublicComment.objects.select_related("decision"))
    return comment, _detail(comment.decision_id) + "#comments"


@require_perm(P.MANAGE)
def comment_dispose(request, pk):
    comment, back = _comment(request, pk)
    # No pre-selected result: the office reads the whole comment and chooses (a default would be adopted unread).
    form = forms.DisposeForm(_post(request), initial={"disposition": comment.disposition or "",
                                                      "reason": comment.disposition_reason})
    rows = [("意见全文", comment.body), ("提交时间", f"{clock.local(comment.submitted_at):%Y-%m-%d %H:%M}")]
    return _step_page(request, COMMENTS, "dispose", comment, form=form,
                      save=lambda d: services.comment_dispose(actor=request.user, comment=comment, **d),
                      title=f"处理第{comment.number}条意见", back=back,
                      success=f"已处理第{comment.number}条意见。",
                      preview={"heading": f"第{comment.number}条意见（{comment.decision.title}）", "rows": rows})


@require_perm(P.MANAGE)
def comment_hide(request, pk):
    comment, back = _comment(request, pk)
    return _step_page(request, COMMENTS, "hide", comment, form=forms.ReasonForm(_post(request)),
                      save=lambda d: services.comment_hide(actor=request.user, comment=comment, **d),
                      title=f"屏蔽第{comment.number}条意见", back=back, success="已屏蔽，该意见仍保存在决策档案中。",
                      submit="屏蔽", danger=True, confirm="确定屏蔽这条意见吗？",
                      warning="屏蔽后该意见不计入公开的采纳情况说明，但永久保存在决策档案中，并记录屏蔽人和理由。")


@require_perm(P.VIEW)
def decision_archive(request, pk):
    decision = DECISIONS.get(request.user, pk, selectors.decision_detail_queryset())
    return render(request, "decisions/archive.html", {"decision": decision,
                                                       "sections": selectors.archive_sections(decision)})


@require_perm(P.VIEW)
def decision_bundle(request, pk):
    decision = DECISIONS.get(request.user, pk, selectors.decision_detail_queryset())
    content = selectors.archive_bundle(decision)
    return download_response(content, "application/zip", f"决策档案_{decision.pk}_{decision.title[:30]}.zip")


# Catalogue -------------------------------------------------------------------------------------------

@require_perm(P.VIEW)
def catalogue_list(request):
    return register_page(
        request, filterset_class=filters.CatalogueFilter, queryset=selectors.catalogue_list(user=request.user),
        template="decisions/catalogue_list.html", context={"may": CATALOGUES.can_all(request.user, ["create"])})


@require_perm(P.DECIDE)
def catalogue_create(request):
    form = forms.CatalogueForm(_post(request), user=request.user, initial={"year": clock.today().year})
    return form_page(request, form, save=lambda d: services.catalogue_create(actor=request.user, **d),
                     title="起草年度决策事项目录", cancel=reverse("decisions:catalogue_list"),
                     done=lambda c: reverse("decisions:catalogue_detail", args=[c.pk]), success="已起草目录。")


@require_perm(P.VIEW)
def catalogue_detail(request, pk):
    catalogue = CATALOGUES.get(request.user, pk)
    items = selectors.decision_list(user=request.user).filter(catalogue=catalogue).order_by("id")
    return render(request, "decisions/catalogue_detail.html", {
        "catalogue": catalogue, "items": items, "adjustments": catalogue.adjustments.select_related("decision"),
        "actions": CATALOGUES.buttons(request.user, catalogue), "may": CATALOGUES.may(request.user, catalogue)})


def _catalogue_page(request, pk, action, form, save, title, success, **extra):
    catalogue = CATALOGUES.get(request.user, pk)
    back = reverse("decisions:catalogue_detail", args=[pk])
    return _step_page(request, CATALOGUES, action, catalogue, form=form(catalogue),
                      save=lambda d: save(catalogue, d), title=f"{title}：{catalogue.title}", back=back,
                      success=success, **extra)


@require_perm(P.DECIDE)
def catalogue_approve(request, pk):
    return _catalogue_page(
        request, pk, "approve",
        lambda c: forms.CatalogueApproveForm(_post(request), initial={"approved_on": clock.today()}),
        lambda c, d: services.catalogue_approve(actor=request.user, catalogue=c, **d), "批准目录", "目录已批准。",
        submit="批准")


@require_perm(P.DECIDE)
def catalogue_publish(request, pk):
    return _catalogue_page(
        request, pk, "publish",
        lambda c: forms.CataloguePublishForm(_post(request), initial={"published_on": clock.today()}),
        lambda c, d: services.catalogue_publish(actor=request.user, catalogue=c, **d), "公布目录", "目录已公布。",
        submit="公布", confirm="公布后目录的调整须经党委同意。确定公布吗？")


@require_perm(P.DECIDE)
def catalogue_adjust(request, pk):
    return _catalogue_page(
        request, pk, "adjust",
        lambda c: forms.AdjustForm(_post(request), initial={"adjusted_on": clock.today()},
                                   decisions=selectors.decision_list(user=request.user).filter(year=c.year)),
        lambda c, d: services.catalogue_adjust(actor=request.user, catalogue=c, **d), "调整目录", "已调整目录。")


# Legal advisers --------------------------------------------------------------------------------------

@require_perm(P.VIEW_ADVISERS)
def adviser_list(request):
    return register_page(
        request, filterset_class=filters.AdviserFilter, queryset=selectors.adviser_list(user=request.user),
        template="decisions/adviser_list.html", export=decision_sheets.export_advisers, export_name="法律顾问",
        context={"may": ADVISERS.can_all(request.user, ["create", "import"])})


@require_perm(P.MANAGE_ADVISERS)
def adviser_create(request):
    form = forms.AdviserForm(_post(request), user=request.user, initial={"full_time": True, "kind": "lawyer"})
    return form_page(request, form, save=lambda d: services.adviser_register(actor=request.user, **d),
                     title="聘任法律顾问", cancel=reverse("decisions:adviser_list"),
                     done=lambda a: reverse("decisions:adviser_list"), success="已登记法律顾问。")


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
    adviser = ADVISERS.get(request.user, pk, selectors.adviser_queryset())
    today = clock.today()
    problems = qualification_problems(kind=adviser.kind, practice_since=adviser.practice_since,
                                      sanctioned=adviser.sanctioned, criminal_record=adviser.criminal_record, on=today)
    return render(request, "decisions/adviser_detail.html", {
        "adviser": adviser, "active": adviser.active_on(today), "problems": problems,
        "covered": adviser.covered_units.order_by("path"),
        "services": adviser.services.select_related("unit", "decision")[:100],
        "may": ADVISERS.may(request.user, adviser, on=today)})


def _adviser_page(request, pk, action, form, save, title, success, **extra):
    adviser = ADVISERS.get(request.user, pk, selectors.adviser_queryset())
    back = reverse("decisions:adviser_detail", args=[pk])
    return _step_page(request, ADVISERS, action, adviser, form=form(adviser), save=lambda d: save(adviser, d),
                      title=f"{title}：{adviser.name}", back=back, success=success, **extra)


@require_perm(P.MANAGE_ADVISERS)
def adviser_edit(request, pk):
    def form(adviser):
        initial = {f: getattr(adviser, f) for f in services.ADVISER_FIELDS}
        initial["client_unit"] = adviser.client_unit_id
        initial["covered_units"] = list(adviser.covered_units.values_list("pk", flat=True))
        return forms.AdviserForm(_post(request), user=request.user, initial=initial)

    return _adviser_page(request, pk, "edit", form,
                         lambda a, d: services.adviser_update(actor=request.user, adviser=a, **d),
                         "修改法律顾问", "已保存。")


@require_perm(P.MANAGE_ADVISERS)
def adviser_end(request, pk):
    return _adviser_page(request, pk, "end", lambda a: forms.ReasonForm(_post(request)),
                         lambda a, d: services.adviser_end(actor=request.user, adviser=a, **d), "解聘法律顾问",
                         "已解聘。", submit="解聘", danger=True, confirm="确定解聘该法律顾问吗？")


@require_perm(P.VIEW_ADVISERS)
def service_list(request):
    return register_page(
        request, filterset_class=filters.ServiceFilter, queryset=selectors.service_list(user=request.user),
        template="decisions/service_list.html", export=decision_sheets.export_services, export_name="法律顾问服务记录",
        context={"may": SERVICES.can_all(request.user, ["log"])})


@require_perm(P.LOG_SERVICE)
def service_create(request):
    advisers = selectors.adviser_choices(user=request.user)
    form = forms.ServiceForm(_post(request), user=request.user, advisers=advisers,
                             initial={"served_on": clock.today()})
    return form_page(request, form, save=lambda d: services.service_log(actor=request.user, **d),
                     title="登记法律顾问服务", cancel=reverse("decisions:service_list"),
                     done=lambda s: reverse("decisions:service_list"), success="已登记服务记录。")


@require_perm(P.VIEW_ADVISERS)
def coverage(request):
    rows = selectors.coverage(unit_ids=scope.visible_unit_ids(request.user, perm=P.VIEW_ADVISERS))
    return render(request, "decisions/coverage.html", {"rows": rows.values()})


# Public site -----------------------------------------------------------------------------------------

def public_list(request):
    return register_page(request, filterset_class=filters.PublicDecisionFilter,
                         queryset=selectors.public_decisions(), template="decisions/public_list.html")


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

    return render(request, "decisions/public_detail.html", {
        "decision": decision, "form": form, **selectors.public_state(decision),
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
            data = {k: v for k, v in form.cleaned_data.items() if k != "challenge"}  # answered: nothing to store
            comment = services.comment_submit(decision=decision, address=client_ip(request), **data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, f"感谢您的意见！已收到（编号第{comment.number}条），我们将逐条研究并在公布决策时"
                                      f"说明采纳情况。")
            return redirect(reverse("decisions:public_detail") + f"?id={decision.pk}")
    return _public_page(request, decision, form, status=400)
