"""Pages of the module (thin: a form, the policy, one service or selector, a page)."""
import datetime
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from fazhi.core import clock, uploads
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.registers import register_page
from fazhi.core.web import form_page, require_perm, xlsx_response
from fazhi.orgs import scope
from fazhi.orgs.choices import UnitKind
from fazhi.orgs.models import OrgUnit

from . import filters, forms, policies, selectors, services
from .models import ContractPayment, Lawyer
from .permissions import LegalPerm as P
from .spreadsheets import export_logs, subsidy_workbook
from .workflows import AID_FLOW, LOG_FLOW


def _post(request):
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


def require_any(*perms):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not any(request.user.has_perm(p) for p in perms):
                raise PermissionDenied("您没有此功能的权限。")
            try:
                return view(request, *args, **kwargs)
            except NotFound as e:
                raise Http404(e.message) from e

        wrapped.required_perm = perms[0]
        return wrapped

    return decorator


def _deny(policy, user, action, obj=None):
    if not policy.can(user, action):
        raise PermissionDenied("您没有此项操作的权限。")
    if obj is not None and policy.refusal(user, action, obj) in ("该记录不在您可以办理的范围内。",
                                                                "该记录不在您可以查看的范围内。"):
        raise PermissionDenied("该记录不在您可以办理的范围内。")


def _month(request):
    form = forms.MonthForm(request.GET or None)
    today = clock.today()
    year, month = today.year, today.month
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"] or year
        month = form.cleaned_data["month"] or month
    return year, month


# Service logs ------------------------------------------------------------------------------------------

@require_any(P.VIEW, P.LOG)
def log_list(request):
    return register_page(
        request, filterset_class=filters.LogFilter, queryset=selectors.log_list(user=request.user),
        template="legal_services/log_list.html", export=export_logs, export_name="律师服务日志",
        context={"may": {"create": policies.logs.can(request.user, "create")
                         and services.lawyer_of(request.user) is not None}})


@require_perm(P.LOG)
def log_create(request):
    lawyer = services.lawyer_of(request.user)
    if lawyer is None:
        raise PermissionDenied("您还没有登记为包联律师，请联系县司法局。")
    today = clock.today()
    units = selectors.lawyer_units(lawyer, today)
    form = forms.LogForm(_post(request), _files(request), units=units,
                         petitions=selectors.petitions_for(request.user),
                         initial={"served_on": today, "unit": units.first(), "hours": 2})

    def save(d):
        data = {k: v for k, v in d.items() if k not in ("unit", "served_on", "attachment", "document")}
        return services.log_create(actor=request.user, unit=d["unit"], served_on=d["served_on"],
                                   attachment=d.get("attachment"), document=d.get("document"), **data)

    return form_page(request, form, save=save, title="填报服务日志", submit="提交",
                     cancel=reverse("legal_services:log_list"), success="已提交，待村（社区）确认。")


@require_any(P.VIEW, P.LOG)
def log_detail(request, pk):
    log = selectors.log_get(user=request.user, pk=pk)
    return render(request, "legal_services/log_detail.html", {
        "log": log, "may": policies.logs.may(request.user, log), "actions": policies.logs.buttons(request.user, log),
        "petition_visible": log.petition_id is not None and selectors.petition_openable(request.user, log.petition_id)})


@require_any(P.CONFIRM, P.LOG)
def log_step(request, pk, action):
    try:
        transition = LOG_FLOW.transition(action)
    except DomainError as e:
        raise Http404(e.message) from e
    log = selectors.log_get(user=request.user, pk=pk)
    denied = policies.logs.actor_refusal(request.user, transition.action, log)
    if denied:
        raise PermissionDenied(denied)
    warning = policies.logs.refusal(request.user, action, log)
    done = reverse("legal_services:log_detail", args=[log.pk])
    if action == "correct":
        form = forms.CorrectForm(_post(request), petitions=selectors.petitions_for(request.user), initial={
            "duty": log.duty, "people": log.people, "hours": log.hours, "summary": log.summary,
            "petition_kind": log.petition_kind, "petition_cases": log.petition_cases,
            "petition_ref": log.petition_ref, "petition": log.petition_id, "document_kind": log.document_kind,
            "document_items": log.document_items, "village_rules": log.village_rules})

        def save(d):
            return services.log_correct(actor=request.user, log=log, **d)
    else:
        form = forms.StepForm(_post(request), needs_reason=transition.needs_reason, initial={"on": clock.today()})

        def save(d):
            if action == "confirm":
                return services.log_confirm(actor=request.user, log=log, on=d["on"])
            return services.log_dispute(actor=request.user, log=log, on=d["on"], reason=d["reason"])

    return form_page(request, form, save=save, title=f"{transition.label}：{log}", submit=transition.label,
                     cancel=done, done=lambda _o: done, success=f"已{transition.label}。", warning=warning,
                     danger=transition.style == "danger")


@require_any(P.VIEW, P.LOG)
def log_file(request, pk, which):
    log = selectors.log_get(user=request.user, pk=pk)
    if which not in ("document", "attachment"):
        raise Http404("没有该文件。")
    f = getattr(log, which)
    if not f:
        raise Http404("没有该文件。")
    return uploads.file_response(request, f)


# Lawyers, coverage, duty check, subsidy ------------------------------------------------------------------

@require_perm(P.VIEW)
def lawyer_list(request):
    return register_page(request, filterset_class=filters.LawyerFilter,
                         queryset=selectors.lawyer_list(user=request.user),
                         template="legal_services/lawyer_list.html",
                         context={"may": {"create": policies.lawyers.can(request.user, "create")}})


@require_perm(P.MANAGE)
def lawyer_create(request):
    _deny(policies.lawyers, request.user, "create")
    form = forms.LawyerForm(_post(request), _files(request))

    def save(d):
        return services.lawyer_create(actor=request.user, user=d["user"], firm=d["firm"], licence_no=d["licence_no"],
                                      phone=d["phone"], office_hours=d["office_hours"], photo=d.get("photo"))

    return form_page(request, form, save=save, title="登记包联律师", cancel=reverse("legal_services:lawyer_list"),
                     done=lambda lw: reverse("legal_services:lawyer_detail", args=[lw.pk]), success="已登记。")


@require_perm(P.VIEW)
def lawyer_detail(request, pk):
    lawyer = policies.lawyers.get(request.user, pk, Lawyer.objects.select_related("firm"))
    return render(request, "legal_services/lawyer_detail.html", {
        "lawyer": lawyer, "assignments": lawyer.assignments.select_related("unit").order_by("-start"),
        "may": policies.lawyers.may(request.user, lawyer)})


@require_perm(P.VIEW)
def lawyer_photo(request, pk):
    lawyer = policies.lawyers.get(request.user, pk)
    if not lawyer.photo:
        raise Http404("没有照片。")
    return uploads.file_response(request, lawyer.photo)


@require_perm(P.MANAGE)
def assignment_create(request, pk):
    lawyer = policies.lawyers.get(request.user, pk)
    _deny(policies.lawyers, request.user, "assign", lawyer)
    today = clock.today()
    form = forms.AssignmentForm(_post(request), initial={"start": today,
                                                         "end": datetime.date(today.year, 12, 31)})

    def save(d):
        return services.assignment_create(actor=request.user, lawyer=lawyer, **d)

    url = reverse("legal_services:lawyer_detail", args=[lawyer.pk])
    return form_page(request, form, save=save, title=f"登记包联：{lawyer}", cancel=url, done=lambda _a: url,
                     success="已登记包联。")


@require_perm(P.VIEW)
def agreement_list(request):
    """聘请: villages' agreements (this module) and organs' advisers (the decisions module's contracts)."""
    from fazhi.decisions.permissions import DecisionPerm

    today = clock.today()
    organs = (selectors.organ_advisers(user=request.user)
              .filter(contract_start__lte=today, contract_end__gte=today, ended_reason="")
              .exclude(client_unit__kind=UnitKind.VILLAGE))
    return register_page(request, filterset_class=filters.AgreementFilter,
                         queryset=selectors.agreement_list(user=request.user),
                         template="legal_services/agreement_list.html",
                         context={"organs": organs, "today": today,
                                  "may": {"create": policies.agreements.can(request.user, "create"),
                                          "organ": request.user.has_perm(DecisionPerm.MANAGE_ADVISERS)}})


@require_perm(P.MANAGE)
def agreement_create(request):
    _deny(policies.agreements, request.user, "create")
    villages = scope.changeable(request.user, OrgUnit.objects.filter(kind=UnitKind.VILLAGE, is_active=True),
                                perm=P.MANAGE).order_by("path")
    today = clock.today()
    form = forms.AgreementForm(_post(request), _files(request), villages=villages,
                               initial={"signed_on": today, "start": today})

    def save(d):
        return services.agreement_create(actor=request.user, **d)

    url = reverse("legal_services:agreement_list")
    return form_page(request, form, save=save, title="登记村（社区）法律顾问聘用协议", cancel=url,
                     done=lambda _a: url, success="已登记聘用协议。")


@require_perm(P.VIEW)
def coverage(request):
    ids = scope.visible_unit_ids(request.user, perm=P.VIEW)
    rows, overloaded, limit = selectors.coverage(unit_ids=ids)
    return render(request, "legal_services/coverage.html", {
        "rows": rows, "overloaded": overloaded, "limit": limit, "today": clock.today(),
        "gaps": sum(len(r.gaps) for r in rows), "may": {"agree": policies.agreements.can(request.user, "create")}})


def _lawyers_in_scope(user):
    if user.has_perm(P.VIEW):
        return selectors.lawyer_list(user=user) if not user.has_perm(P.MANAGE) else Lawyer.objects.all()
    return Lawyer.objects.filter(user=user)


@require_any(P.VIEW, P.LOG)
def duty_check(request):
    year, month = _month(request)
    lawyers = None if request.user.has_perm(P.MANAGE) else _lawyers_in_scope(request.user)
    rows = selectors.duty_check(year=year, month=month, lawyers=lawyers)
    return render(request, "legal_services/duty_check.html", {"rows": rows, "year": year, "month": month,
                                                                 "short": sum(1 for r in rows if r["short"])})


@require_perm(P.MANAGE)
def subsidy(request):
    year, month = _month(request)
    lines, firms, rates = selectors.subsidy_sheet(year=year, month=month)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(subsidy_workbook(lines, firms, rates, year, month), f"律师补贴_{year}年{month}月.xlsx")
    return render(request, "legal_services/subsidy.html", {"lines": lines, "firms": firms, "rates": rates,
                                                              "year": year, "month": month,
                                                              "total": sum(firms.values())})


# Legal aid ---------------------------------------------------------------------------------------------

@require_perm(P.AID)
def aid_list(request):
    return register_page(request, filterset_class=filters.AidFilter, queryset=selectors.aid_list(user=request.user),
                         template="legal_services/aid_list.html",
                         context={"may": {"create": policies.aid.can(request.user, "create")}})


@require_perm(P.AID)
def aid_create(request):
    _deny(policies.aid, request.user, "create")
    form = forms.AidForm(_post(request), initial={"applied_on": clock.today()})

    def save(d):
        return services.aid_register(actor=request.user, unit=request.user.unit, **d)

    return form_page(request, form, save=save, title="受理法律援助申请", cancel=reverse("legal_services:aid_list"),
                     success=lambda a: f"已受理：{a.number}。")


@require_perm(P.AID)
def aid_detail(request, pk):
    app = policies.aid.get(request.user, pk, selectors.aid_list(user=request.user))
    from . import aid_rules

    return render(request, "legal_services/aid_detail.html", {
        "app": app, "actions": policies.aid.buttons(request.user, app), "today": clock.today(),
        "eligibility": aid_rules.eligibility_refusal(app),
        "rules": {k: aid_rules.clock_rule(app, k) for k in ("review", "assign", "objection", "materials")}})


@require_perm(P.AID)
def aid_step(request, pk, action):
    try:
        transition = AID_FLOW.transition(action)
    except DomainError as e:
        raise Http404(e.message) from e
    app = policies.aid.get(request.user, pk)
    if not scope.can_change(request.user, app, perm=P.AID):
        raise PermissionDenied("该记录不在您可以办理的范围内。")
    form = forms.AidStepForm(_post(request), _files(request), action=action, needs_reason=transition.needs_reason,
                             initial={"on": clock.today()})

    def save(d):
        return services.aid_step(actor=request.user, app=app, action=action, **{k: v for k, v in d.items()
                                                                                  if v not in (None, "")})

    return form_page(request, form, save=save, title=f"{transition.label}：{app}", submit=transition.label,
                     cancel=app.get_absolute_url(), done=lambda _o: app.get_absolute_url(),
                     success=f"已{transition.label}。", warning=policies.aid.refusal(request.user, action, app),
                     danger=transition.style == "danger")


# Purchase of services ------------------------------------------------------------------------------------

@require_perm(P.VIEW)
def contract_list(request):
    contracts = selectors.contract_list(user=request.user)
    return register_page(request, filterset_class=filters.ContractFilter,
                         queryset=contracts.prefetch_related("payments"),
                         template="legal_services/contract_list.html",
                         context={"may": {"create": policies.contracts.can(request.user, "create")},
                                  "totals": selectors.contract_totals(contracts), "today": clock.today()})


@require_perm(P.VIEW)
def contract_detail(request, pk):
    contract = policies.contracts.get(request.user, pk, selectors.contract_list(user=request.user))
    payments = [(p, policies.payments.may(request.user, p)) for p in contract.payments.all()]
    paid = sum((p.amount for p, _may in payments if p.paid_on), 0)
    return render(request, "legal_services/contract_detail.html", {
        "contract": contract, "payments": payments, "paid": paid, "today": clock.today(),
        "history": selectors.contract_history(user=request.user, contract=contract),
        "planned": sum((p.amount for p, _may in payments), 0), "may": policies.contracts.may(request.user, contract)})


@require_perm(P.MANAGE)
def payment_create(request, pk):
    contract = policies.contracts.get(request.user, pk)
    _deny(policies.contracts, request.user, "milestone", contract)
    form = forms.PaymentForm(_post(request), initial={"due_on": clock.today()})
    url = reverse("legal_services:contract_detail", args=[contract.pk])
    return form_page(request, form, save=lambda d: services.payment_add(actor=request.user, contract=contract, **d),
                     title=f"添加付款节点：{contract}", cancel=url, done=lambda _p: url, success="已添加付款节点。")


def _payment(request, pk, action):
    payment = policies.payments.get(request.user, pk, ContractPayment.objects.select_related("contract"))
    _deny(policies.payments, request.user, action, payment)
    return payment, reverse("legal_services:contract_detail", args=[payment.contract_id])


@require_perm(P.MANAGE)
def payment_pay(request, pk):
    payment, url = _payment(request, pk, "pay")
    form = forms.PayForm(_post(request), initial={"paid_on": clock.today()})
    return form_page(request, form, save=lambda d: services.payment_record(actor=request.user, payment=payment, **d),
                     title=f"登记付款：{payment.contract}·{payment.label}（{payment.amount}元）", cancel=url,
                     done=lambda _p: url, success="已登记付款。",
                     warning=policies.payments.refusal(request.user, "pay", payment),
                     confirm="付款登记后不能撤销，请核对金额和日期。")


@require_perm(P.MANAGE)
def payment_accept(request, pk):
    payment, url = _payment(request, pk, "accept")
    form = forms.AcceptForm(_post(request), initial={"accepted_on": clock.today()})
    return form_page(request, form, save=lambda d: services.payment_accept(actor=request.user, payment=payment, **d),
                     title=f"付款节点验收：{payment.contract}·{payment.label}", cancel=url, done=lambda _p: url,
                     success="已验收。", warning=policies.payments.refusal(request.user, "accept", payment))


@require_perm(P.MANAGE)
def contract_create(request):
    _deny(policies.contracts, request.user, "create")
    form = forms.ContractForm(_post(request))

    def save(d):
        return services.contract_create(actor=request.user, unit=request.user.unit, **d)

    url = reverse("legal_services:contract_list")
    return form_page(request, form, save=save, title="登记购买法律服务合同", cancel=url,
                     done=lambda c: reverse("legal_services:contract_detail", args=[c.pk]))


@require_perm(P.MANAGE)
def contract_accept(request, pk):
    contract = policies.contracts.get(request.user, pk)
    _deny(policies.contracts, request.user, "accept", contract)
    form = forms.AcceptForm(_post(request), initial={"accepted_on": clock.today()})
    url = reverse("legal_services:contract_detail", args=[contract.pk])
    return form_page(request, form, save=lambda d: services.contract_accept(actor=request.user, contract=contract, **d),
                     title=f"验收：{contract}", cancel=url, done=lambda _c: url,
                     warning=policies.contracts.refusal(request.user, "accept", contract))


# Public -------------------------------------------------------------------------------------------------

def public_lawyers(request):
    return render(request, "legal_services/public_lawyers.html", {"directory": selectors.public_directory()})
