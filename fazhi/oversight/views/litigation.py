"""Pages of the litigation part (thin: a form, the policy, one service or selector, a page)."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from fazhi.core import clock
from fazhi.core import spreadsheets as sheets
from fazhi.core.registers import register_page
from fazhi.core.web import form_page, import_page, require_perm, xlsx_response
from fazhi.orgs import scope

from .. import forms, policies, selectors, services
from ..filters.litigation import LitigationFilter, ReconFilter
from ..models.litigation import LitigationHearing
from ..permissions import OversightPerm as P
from ..spreadsheets.litigation import export_litigation, export_recon, litigation_import_sheet, recon_import_sheet
from ..workflows.litigation import LITIGATION_FLOW, RECON_FLOW, recon_articles


def _post(request):
    return request.POST if request.method == "POST" else None


def _deny(policy, user, action, obj=None):
    if not policy.can(user, action):
        raise PermissionDenied("您没有此项操作的权限。")
    if obj is not None and not scope.can_change(user, obj, perm=policy.permission_of(action)):
        raise PermissionDenied("该记录不在您可以办理的范围内。")


def _year(request):
    value = request.GET.get("year", "")
    return int(value) if value.isdecimal() and 2000 <= int(value) <= 2100 else clock.today().year


# Litigation ----------------------------------------------------------------------------------------

@require_perm(P.VIEW)
def litigation_list(request):
    return register_page(request, filterset_class=LitigationFilter, queryset=selectors.litigation_list(user=request.user),
                         template="oversight/litigation/case_list.html", export=export_litigation,
                         export_name="行政应诉案件",
                         context={"may": policies.litigation_cases.can_all(request.user, ["register"])})


@require_perm(P.HANDLE)
def litigation_create(request):
    _deny(policies.litigation_cases, request.user, "register")
    previous = None
    if request.GET.get("previous"):
        previous = policies.litigation_cases.get(request.user, request.GET["previous"])
    initial = {"received_on": clock.today()}
    if previous is not None:
        initial.update(unit=previous.unit, instance="appeal", court="", plaintiff_name=previous.plaintiff_name,
                       plaintiff_kind=previous.plaintiff_kind, act_case=previous.act_case, act_text=previous.act_text)
    form = forms.LitigationCaseForm(_post(request), user=request.user, initial=initial)

    def save(d):
        return services.litigation_register(
            actor=request.user, unit=d["unit"], instance=d["instance"], court=d["court"],
            case_number=d["case_number"], plaintiff_name=d["plaintiff_name"], plaintiff_kind=d["plaintiff_kind"],
            received_on=d["received_on"], act_case=d["act_case"], act_text=d["act_text"],
            must_appear=d["must_appear"], previous=previous)

    return form_page(request, form, save=save, title="登记行政应诉案件" if previous is None else f"登记下一审级：{previous}",
                     cancel=reverse("oversight:litigation_list"), submit="登记",
                     success=lambda c: f"已登记：{c}，答辩期限{c.defence_due:%Y年%m月%d日}。")


def _import(request, *, policy, sheet, title, what, list_name, template_name):
    _deny(policy, request.user, "register")

    def done(result):
        messages.success(request, f"导入完成：{len(result.saved or [])}件{what}，均已标注为“由Excel导入”。")
        return redirect(list_name)

    return import_page(request, spec=lambda data: sheet(actor=request.user), title=title,
                       template_url=reverse(template_name), cancel=reverse(list_name), done=done)


@require_perm(P.HANDLE)
def litigation_import(request):
    """Court cases a county already keeps in Excel: all rows registered or none, every error by row and column."""
    return _import(request, policy=policies.litigation_cases, sheet=litigation_import_sheet, title="导入行政应诉案件",
                   what="行政应诉案件", list_name="oversight:litigation_list",
                   template_name="oversight:litigation_import_template")


@require_perm(P.HANDLE)
def litigation_import_template(request):
    return xlsx_response(sheets.template_workbook(litigation_import_sheet()), "行政应诉案件导入模板.xlsx")


@require_perm(P.MANAGE)
def recon_import(request):
    return _import(request, policy=policies.recon_cases, sheet=recon_import_sheet, title="导入行政复议案件",
                   what="行政复议案件", list_name="oversight:recon_list", template_name="oversight:recon_import_template")


@require_perm(P.MANAGE)
def recon_import_template(request):
    return xlsx_response(sheets.template_workbook(recon_import_sheet()), "行政复议案件导入模板.xlsx")


@require_perm(P.VIEW)
def litigation_detail(request, pk):
    case = policies.litigation_cases.get(request.user, pk)
    return render(request, "oversight/litigation/case_detail.html", {
        "case": case, "may": policies.litigation_cases.may(request.user, case),
        "actions": policies.litigation_cases.buttons(request.user, case), "today": clock.today(),
        "hearings": selectors.litigation_hearings(case), "next_instances": case.next_instances.all(),
        "history": selectors.litigation_history(user=request.user, obj=case),
    })


STEP_FORMS = {"defend": forms.LitigationDateForm, "judge": forms.LitigationJudgeForm,
              "appeal": forms.LitigationDateForm, "close": forms.LitigationDateForm}


def _litigation_step_save(action, user, case, d):
    if action == "judge":
        return services.litigation_judge(actor=user, case=case, judgment_kind=d["judgment_kind"], outcome=d["outcome"],
                                         on=d["on"], backdate_reason=d["backdate_reason"])
    return {"defend": services.litigation_defend, "appeal": services.litigation_appeal,
            "close": services.litigation_close}[action](actor=user, case=case, on=d["on"],
                                                        backdate_reason=d["backdate_reason"])


@require_perm(P.HANDLE)
def litigation_step(request, pk, action):
    if action not in STEP_FORMS:
        raise Http404("未知操作")
    transition = LITIGATION_FLOW.transition(action)
    case = policies.litigation_cases.get(request.user, pk)
    _deny(policies.litigation_cases, request.user, action, case)
    url = case.get_absolute_url()
    return form_page(request, STEP_FORMS[action](_post(request), initial={"on": clock.today()}),
                     save=lambda d: _litigation_step_save(action, request.user, case, d),
                     title=f"{transition.label}：{case}", cancel=url, done=lambda _c: url, submit=transition.label,
                     success=f"已{transition.label}。", warning=policies.litigation_cases.refusal(request.user, action, case),
                     confirm=transition.confirm)


@require_perm(P.HANDLE)
def litigation_analyse(request, pk):
    case = policies.litigation_cases.get(request.user, pk)
    _deny(policies.litigation_cases, request.user, "analyse", case)
    form = forms.LitigationAnalysisForm(_post(request), initial={"text": case.loss_analysis})
    return form_page(request, form, save=lambda d: services.litigation_analyse(actor=request.user, case=case,
                                                                              text=d["text"]),
                     title=f"败诉原因分析：{case}", cancel=case.get_absolute_url())


@require_perm(P.HANDLE)
def hearing_create(request, pk):
    case = policies.litigation_cases.get(request.user, pk)
    _deny(policies.litigation_cases, request.user, "add_hearing", case)
    return form_page(request, forms.HearingForm(_post(request)),
                     save=lambda d: services.hearing_add(actor=request.user, case=case, hearing_on=d["hearing_on"],
                                                         notice_on=d["notice_on"], postponed=d["postponed"]),
                     title=f"登记开庭：{case}", cancel=case.get_absolute_url(), done=lambda _h: case.get_absolute_url())


def _hearing(user, pk):
    qs = LitigationHearing.objects.select_related("case", "case__unit")
    return policies.litigation_hearings.get(user, pk, qs)


@require_perm(P.VIEW)
def hearing_detail(request, pk):
    hearing = _hearing(request.user, pk)
    return render(request, "oversight/litigation/hearing_detail.html", {
        "hearing": hearing, "case": hearing.case, "head_required": services.head_required(hearing),
        "may": policies.litigation_hearings.may(request.user, hearing)})


@require_perm(P.HANDLE)
def hearing_record(request, pk):
    hearing = _hearing(request.user, pk)
    _deny(policies.litigation_hearings, request.user, "record", hearing)
    fields = ("role", "appeared_name", "appeared_post", "identity_proof", "lawyer_present", "excuse", "excuse_proof",
              "statement", "left_early", "silent")
    initial = {f: getattr(hearing, f) for f in fields} | {"on": clock.today()}
    warning = policies.litigation_hearings.refusal(request.user, "record", hearing)
    if not warning and services.head_required(hearing):
        warning = "本次开庭属于负责人应当出庭的情形：负责人不能出庭的，应当选择事由并提交加盖公章或者主要负责人签字的书面说明。"
    return form_page(request, forms.AppearanceForm(_post(request), initial=initial),
                     save=lambda d: services.hearing_record(actor=request.user, hearing=hearing, **d),
                     title=f"登记出庭应诉情况：{hearing}", cancel=hearing.get_absolute_url(),
                     success="已登记出庭应诉情况。", warning=warning)


@require_perm(P.VIEW)
def appearance_statistics(request):
    year = _year(request)
    unit_ids = scope.visible_unit_ids(request.user, perm=P.VIEW)
    stats = selectors.appearance_rate(year, unit_ids)
    triggered = selectors.triggered_hearings(year, unit_ids).select_related("case", "case__unit")
    return render(request, "oversight/litigation/appearance.html", {"year": year, "stats": stats,
                                                                    "triggered": triggered})


# Reconsideration -----------------------------------------------------------------------------------

@require_perm(P.VIEW)
def recon_list(request):
    return register_page(request, filterset_class=ReconFilter, queryset=selectors.recon_list(user=request.user),
                         template="oversight/litigation/recon_list.html", export=export_recon,
                         export_name="行政复议案件",
                         context={"may": policies.recon_cases.can_all(request.user, ["register"])})


@require_perm(P.MANAGE)
def recon_create(request):
    _deny(policies.recon_cases, request.user, "register")
    form = forms.ReconForm(_post(request), user=request.user, initial={"received_on": clock.today(),
                                                                       "doc_competent": True})

    def save(d):
        return services.recon_register(actor=request.user, **d)

    return form_page(request, form, save=save, title="登记行政复议申请", cancel=reverse("oversight:recon_list"),
                     submit="登记", success=lambda c: f"已登记：{c.number}，受理审查期限{c.accept_due:%Y年%m月%d日}。")


@require_perm(P.VIEW)
def recon_detail(request, pk):
    case = policies.recon_cases.get(request.user, pk)
    return render(request, "oversight/litigation/recon_detail.html", {
        "case": case, "may": policies.recon_cases.may(request.user, case), "today": clock.today(),
        "actions": policies.recon_cases.buttons(request.user, case), "articles": recon_articles(case),
        "history": selectors.litigation_history(user=request.user, obj=case),
    })


RECON_STEPS = {
    "accept": (forms.LitigationDateForm, "受理"), "not_accept": (forms.ReconReasonForm, "不予受理"),
    "decide": (forms.ReconDecideForm, "作出复议决定"), "serve_copy": (forms.LitigationDateForm, "登记送达申请书副本"),
    "answer": (forms.LitigationDateForm, "登记被申请人书面答复"), "extend": (forms.ReconExtendForm, "延长审理期限"),
    "doc_done": (forms.LitigationDateForm, "登记规范性文件处理（转送）"),
}


def _recon_save(action, user, case, d):
    back = d["backdate_reason"]
    if action == "not_accept":
        return services.recon_not_accept(actor=user, case=case, reason=d["reason"], on=d["on"], backdate_reason=back)
    if action == "decide":
        return services.recon_decide(actor=user, case=case, outcome=d["outcome"], text=d["text"], on=d["on"],
                                     backdate_reason=back)
    if action == "extend":
        return services.recon_extend(actor=user, case=case, days=d["days"], approver=d["approver"],
                                     reason=d["reason"], on=d["on"], backdate_reason=back)
    return {"accept": services.recon_accept, "serve_copy": services.recon_serve_copy,
            "answer": services.recon_answer, "doc_done": services.recon_doc_done}[action](actor=user, case=case,
                                                                                      on=d["on"], backdate_reason=back)


@require_perm(P.VIEW)
def recon_step(request, pk, action):
    if action not in RECON_STEPS:
        raise Http404("未知操作")
    case = policies.recon_cases.get(request.user, pk)
    _deny(policies.recon_cases, request.user, action, case)
    form_class, label = RECON_STEPS[action]
    confirm = RECON_FLOW.transition(action).confirm if action in ("accept", "not_accept", "decide") else ""
    url = case.get_absolute_url()
    return form_page(request, form_class(_post(request), initial={"on": clock.today()}),
                     save=lambda d: _recon_save(action, request.user, case, d), title=f"{label}：{case.number}",
                     cancel=url, done=lambda _c: url, submit=label, success=f"已{label}。",
                     warning=policies.recon_cases.refusal(request.user, action, case), confirm=confirm,
                     danger=action == "not_accept")


@require_perm(P.VIEW)
def recon_statistics(request):
    year = _year(request)
    unit_ids = scope.visible_unit_ids(request.user, perm=P.VIEW)
    return render(request, "oversight/litigation/recon_statistics.html", {
        "year": year, "stats": selectors.recon_statistics(year=year, unit_ids=unit_ids),
        "may": policies.recon_returns.can_all(request.user, ["save"])})


@require_perm(P.MANAGE)
def recon_return(request):
    _deny(policies.recon_returns, request.user, "save")
    form = forms.ReconReturnForm(_post(request), user=request.user,
                                 initial={"year": clock.today().year - 1, "unit": request.user.unit})
    return form_page(request, form, save=lambda d: services.recon_return_save(actor=request.user, **d),
                     title="填报行政复议年度统计上报数", cancel=reverse("oversight:recon_statistics"),
                     done=lambda r: f"{reverse('oversight:recon_statistics')}?year={r.year}")
