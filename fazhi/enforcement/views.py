"""Staff and public pages of the enforcement module. Thin: a form, one service or selector, a page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError
from fazhi.core.web import filters_from, form_error, import_page, paginate, require_perm, xlsx_response
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit, User

from . import forms, policies, records, selectors, services
from .choices import STATUS_TAG, PublicationStatus
from .models import EnforcementBody
from .permissions import EnforcementPerm as P
from .spreadsheets import export_cases, export_officers, officer_sheet
from .workflows import CASE_FLOW


def _form_page(request, form, title, cancel, submit="保存", **extra):
    return render(request, "core/form.html", {"form": form, "title": title, "submit": submit, "cancel": cancel,
                                              **extra})


def _today():
    return policies.today()


# Cases --------------------------------------------------------------------------------------

@require_perm(P.VIEW)
def case_list(request):
    filter_form = forms.CaseFilterForm(request.GET or None)
    filters = filters_from(request, ["q", "status", "kind", "year", "month", "overdue", "unit", "body", "sort"])
    cases = selectors.case_list(user=request.user, filters=filters)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(export_cases(cases), f"执法案件_{timezone.localdate():%Y%m%d}.xlsx")
    return render(request, "enforcement/case_list.html", {
        "filter_form": filter_form, "page": paginate(request, cases), "today": _today(),
        "can_register": request.user.has_perm(P.HANDLE), "tags": STATUS_TAG,
    })


@require_perm(P.HANDLE)
def case_create(request):
    bodies = selectors.bodies_for(request.user)
    officer = policies.officer_of(request.user)
    others = selectors.Officer.objects.none()
    if officer is not None:
        others = (selectors.Officer.objects.certified_on(_today()).exclude(pk=officer.pk)
                  .filter(unit__path__startswith=bodies.first().unit.path if bodies.exists() else "-")
                  .select_related("unit").order_by("name"))
    form = forms.CaseForm(request.POST or None, bodies=bodies, officers=others,
                          initial={"registered_on": _today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        party = {"kind": d["party_kind"], "name": d["party_name"], "id_number": d["party_id_number"],
                 "phone": d["party_phone"], "address": d["party_address"], "is_minor": d["party_is_minor"]}
        try:
            case = services.case_register(
                actor=request.user, body=d["body"], kind=d["kind"], title=d["title"], facts=d["facts"],
                power_code=d["power_code"], power_name=d["power_name"], registered_on=d["registered_on"],
                officers=list(d["officers"]), parties=[party], coercive_measure=d["coercive_measure"] or "",
                major_reasons=d["major_reasons"])
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, f"已立案：{case.number}。")
            return redirect("enforcement:case_detail", pk=case.pk)
    warning = None
    refusal = policies.certificate_refusal(officer)
    if refusal:
        warning = f"{refusal}。"
    return _form_page(request, form, "立案", reverse("enforcement:case_list"), submit="立案", warning=warning)


@require_perm(P.VIEW)
def case_detail(request, pk):
    case = selectors.case_get(user=request.user, pk=pk)
    user = request.user
    can_change = scope.can_change(user, case, perm=P.VIEW)
    publication = selectors.publication_of(case)
    can_handle = user.has_perm(P.HANDLE) and can_change and policies.signer_refusal(user, case) is None
    can_manage = (user.has_perm(P.MANAGE) or user.has_perm(P.HANDLE)) and can_change
    return render(request, "enforcement/case_detail.html", {
        "case": case, "tag": STATUS_TAG.get(case.status), "records": selectors.case_records(case),
        "verification": records.verify_case(case), "actions": CASE_FLOW.available(user, case),
        "reviews": case.reviews.all(), "publication": publication, "evaluations": case.evaluations.all(),
        "can_handle": can_handle and case.status != "closed",
        "can_publish": can_manage and publication is not None and publication.status == PublicationStatus.PENDING,
        "can_revoke": can_manage and case.decided_on and not case.revoked_on,
        "can_withdraw": can_manage and publication is not None and publication.status == PublicationStatus.PUBLISHED,
        "can_evaluate": user.has_perm(P.EVALUATE) and case.decided_on,
        "today": _today(),
    })


def _case_for_change(request, pk):
    case = selectors.case_get(user=request.user, pk=pk)
    if not scope.can_change(request.user, case, perm=P.VIEW):
        raise PermissionDenied("您不能办理该案件。")
    return case


@require_perm(P.VIEW)
def case_step(request, pk, action):
    case = _case_for_change(request, pk)
    try:
        transition = CASE_FLOW.transition(action)
    except DomainError as e:
        raise Http404(e.message) from e
    if transition.permission and not request.user.has_perm(transition.permission):
        raise PermissionDenied("您没有此功能的权限。")
    form = forms.StepForm(request.POST or None, request.FILES or None, action=action, initial={"on": _today()})
    refusal = CASE_FLOW.refusal(request.user, case, action)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        try:
            services.case_transition(actor=request.user, case=case, action=action, text=data.pop("text", ""),
                                     on=data.pop("on", None), upload=data.pop("upload", None), **data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, f"已{transition.label}。")
            return redirect("enforcement:case_detail", pk=case.pk)
    return _form_page(request, form, f"{transition.label}：{case.number}",
                      reverse("enforcement:case_detail", args=[case.pk]), submit=transition.label,
                      warning=refusal, danger=transition.style == "danger")


def _case_action(request, pk, form_class, title, submit, call, *, initial=None, **form_kwargs):
    case = _case_for_change(request, pk)
    form = form_class(request.POST or None, request.FILES or None, initial=initial or {"on": _today()},
                      **{k: (v(case) if callable(v) else v) for k, v in form_kwargs.items()})
    if request.method == "POST" and form.is_valid():
        try:
            call(case, form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, f"已{submit}。")
            return redirect("enforcement:case_detail", pk=case.pk)
    return _form_page(request, form, f"{title}：{case.number}", reverse("enforcement:case_detail", args=[case.pk]),
                      submit=submit)


@require_perm(P.HANDLE)
def case_record_add(request, pk):
    def call(case, d):
        services.record_add(actor=request.user, case=case, step=d["step"], act=d["act"], text=d["text"],
                            occurred_on=d["occurred_on"], upload=d.get("upload"))

    return _case_action(request, pk, forms.RecordForm, "追加全过程记录", "追加记录", call,
                        initial={"occurred_on": _today()})


@require_perm(P.HANDLE)
def case_officer_add(request, pk):
    def call(case, d):
        services.officer_assign(actor=request.user, case=case, officer=d["officer"], on=d["on"])

    return _case_action(request, pk, forms.AssignForm, "增派执法人员", "增派", call,
                        officers=lambda case: selectors.officers_for_case(case))


@require_perm(P.HANDLE)
def case_party_add(request, pk):
    def call(case, d):
        services.party_add(actor=request.user, case=case, **d)

    return _case_action(request, pk, forms.PartyForm, "增加当事人", "保存", call, initial={})


@require_perm(P.HANDLE)
def case_major(request, pk):
    def call(case, d):
        services.major_set(actor=request.user, case=case, reasons=d["reasons"], note=d["note"])

    case = selectors.case_get(user=request.user, pk=pk)
    return _case_action(request, pk, forms.MajorForm, "认定重大执法决定情形", "保存", call,
                        initial={"reasons": case.major_reasons})


@require_perm(P.VIEW)
def case_publish(request, pk):
    def call(case, d):
        services.decision_publish(actor=request.user, case=case, on=d["on"], late_reason=d["late_reason"])

    return _case_action(request, pk, forms.PublishForm, "公示执法决定", "公示", call)


@require_perm(P.VIEW)
def case_revoke(request, pk):
    def call(case, d):
        services.decision_revoke(actor=request.user, case=case, on=d["on"], reason=d["reason"])

    return _case_action(request, pk, forms.ReasonDateForm, "登记决定变更/撤销", "登记", call)


@require_perm(P.VIEW)
def case_withdraw(request, pk):
    def call(case, d):
        services.publication_withdraw(actor=request.user, case=case, on=d["on"], reason=d["reason"])

    return _case_action(request, pk, forms.ReasonDateForm, "撤下公示", "撤下", call)


@require_perm(P.EVALUATE)
def case_evaluate(request, pk):
    case = selectors.case_get(user=request.user, pk=pk)
    form = forms.EvaluationForm(request.POST or None, initial={"evaluated_on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_add(actor=request.user, case=case, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "已保存评查结果。")
            return redirect("enforcement:case_detail", pk=case.pk)
    return _form_page(request, form, f"案卷评查：{case.number}", reverse("enforcement:case_detail", args=[case.pk]))


@require_perm(P.VIEW)
def record_file(request, pk):
    record = selectors.record_get(user=request.user, pk=pk)
    return FileResponse(record.file.open("rb"), as_attachment=True, filename=record.file_name)


# Officers -----------------------------------------------------------------------------------

@require_perm(P.VIEW)
def officer_list(request):
    filter_form = forms.OfficerFilterForm(request.GET or None)
    filters = filters_from(request, ["q", "status", "expiring", "legal", "unit", "sort"])
    officers = selectors.officer_list(user=request.user, filters=filters)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(export_officers(officers), f"执法人员_{timezone.localdate():%Y%m%d}.xlsx")
    return render(request, "enforcement/officer_list.html", {
        "filter_form": filter_form, "page": paginate(request, officers), "today": _today(),
        "can_manage": request.user.has_perm(P.MANAGE), "can_certify": request.user.has_perm(P.CERTIFY),
    })


def _units(user, perm):
    return scope.changeable(user, OrgUnit.objects.filter(is_active=True), perm=perm).order_by("path")


@require_perm(P.MANAGE)
def officer_create(request):
    units = _units(request.user, P.MANAGE)
    users = scope.visible(request.user, User.objects.filter(officer_profile__isnull=True, is_active=True),
                          perm=P.MANAGE).order_by("username")
    form = forms.OfficerForm(request.POST or None, units=units, users=users)
    if request.method == "POST" and form.is_valid():
        try:
            officer = services.officer_create(actor=request.user, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, f"已登记执法人员“{officer.name}”。")
            return redirect("enforcement:officer_detail", pk=officer.pk)
    return _form_page(request, form, "新增执法人员", reverse("enforcement:officer_list"))


@require_perm(P.VIEW)
def officer_detail(request, pk):
    officer = selectors.officer_get(user=request.user, pk=pk)
    today = _today()
    hours = services.training_hours([officer.pk], today.year).get(officer.pk, 0)
    can_change = scope.can_change(request.user, officer, perm=P.VIEW)
    return render(request, "enforcement/officer_detail.html", {
        "officer": officer, "status": officer.effective_status(today), "certified": officer.is_certified(today),
        "trainings": officer.trainings.all(), "hours": hours,
        "required": services.get_setting("enforcement.training_hours"),
        "can_manage": request.user.has_perm(P.MANAGE) and can_change,
        "can_certify": request.user.has_perm(P.CERTIFY) and can_change,
    })


@require_perm(P.CERTIFY)
def officer_status(request, pk):
    officer = selectors.officer_get(user=request.user, pk=pk)
    form = forms.OfficerStatusForm(request.POST or None, initial={"status": officer.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.officer_set_status(actor=request.user, officer=officer, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "已变更证件状态。")
            return redirect("enforcement:officer_detail", pk=officer.pk)
    return _form_page(request, form, f"变更执法证状态：{officer.name}",
                      reverse("enforcement:officer_detail", args=[officer.pk]))


@require_perm(P.MANAGE)
def officer_training(request, pk):
    officer = selectors.officer_get(user=request.user, pk=pk)
    form = forms.TrainingForm(request.POST or None, initial={"held_on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.training_add(actor=request.user, officer=officer, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "已登记培训。")
            return redirect("enforcement:officer_detail", pk=officer.pk)
    return _form_page(request, form, f"登记培训：{officer.name}",
                      reverse("enforcement:officer_detail", args=[officer.pk]))


@require_perm(P.CERTIFY)
def officer_import(request):
    def done(result):
        saved = result.saved or {}
        messages.success(request, f"导入完成：新发证 {saved.get('created', 0)} 人，换发 {saved.get('renewed', 0)} 人，"
                                  f"登记培训 {saved.get('trained', 0)} 人。")
        return redirect("enforcement:officer_list")

    return import_page(request, spec=lambda data: officer_sheet(actor=request.user), title="批量换发/申领执法证（导入）",
                       template_url=reverse("enforcement:officer_template"),
                       cancel=reverse("enforcement:officer_list"), done=done)


@require_perm(P.CERTIFY)
def officer_template(request):
    return xlsx_response(sheets.template_workbook(officer_sheet()), "执法人员导入模板.xlsx")


# Bodies, inspection lists, publicity, evaluation ---------------------------------------------

@require_perm(P.VIEW)
def body_list(request):
    filter_form = forms.YearFilterForm(request.GET or None)
    bodies = selectors.body_list(user=request.user, filters=filters_from(request, ["q"]))
    return render(request, "enforcement/body_list.html", {
        "filter_form": filter_form, "page": paginate(request, bodies), "can_manage": request.user.has_perm(P.MANAGE)})


def _body_form(request, body=None):
    units = _units(request.user, P.MANAGE)
    initial = None
    if body is not None:
        initial = {f: getattr(body, f) for f in ["name", "body_type", "legal_basis", "powers", "procedures", "remedies",
                                                 "major_catalogue", "major_fine_threshold"]}
        initial["unit"] = body.unit_id
    form = forms.BodyForm(request.POST or None, units=units, initial=initial)
    if body is not None:
        form.fields["unit"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        try:
            body = services.body_save(actor=request.user, body=body, unit=None if body else unit, **data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, f"已保存执法主体“{body.name}”。")
            return redirect("enforcement:body_list")
    return _form_page(request, form, "执法主体", reverse("enforcement:body_list"))


@require_perm(P.MANAGE)
def body_create(request):
    return _body_form(request)


@require_perm(P.MANAGE)
def body_edit(request, pk):
    body = selectors.body_get(user=request.user, pk=pk)
    if not scope.can_change(request.user, body, perm=P.MANAGE):
        raise PermissionDenied("您不能修改该执法主体。")
    return _body_form(request, body)


@require_perm(P.VIEW)
def inspection_list(request):
    filter_form = forms.YearFilterForm(request.GET or None)
    items = selectors.inspection_list(user=request.user, filters=filters_from(request, ["q", "year"]))
    return render(request, "enforcement/inspection_list.html", {
        "filter_form": filter_form, "page": paginate(request, items), "can_manage": request.user.has_perm(P.MANAGE)})


@require_perm(P.MANAGE)
def inspection_create(request):
    bodies = scope.changeable(request.user, EnforcementBody.objects.filter(is_active=True), perm=P.MANAGE)
    form = forms.InspectionForm(request.POST or None, bodies=bodies, initial={"year": _today().year})
    if request.method == "POST" and form.is_valid():
        try:
            services.inspection_save(actor=request.user, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "已保存随机抽查事项。")
            return redirect("enforcement:inspection_list")
    return _form_page(request, form, "新增随机抽查事项", reverse("enforcement:inspection_list"))


@require_perm(P.VIEW)
def publication_list(request):
    filter_form = forms.PublicationFilterForm(request.GET or None)
    items = selectors.publication_list(user=request.user, filters=filters_from(request, ["q", "status", "overdue"]))
    return render(request, "enforcement/publication_list.html", {
        "filter_form": filter_form, "page": paginate(request, items), "today": _today()})


@require_perm(P.VIEW)
def evaluation_list(request):
    filter_form = forms.YearFilterForm(request.GET or None)
    evaluations = selectors.evaluation_list(user=request.user, filters=filters_from(request, ["year"]))
    return render(request, "enforcement/evaluation_list.html", {
        "filter_form": filter_form, "page": paginate(request, evaluations),
        "by_body": selectors.evaluation_by_body(evaluations)})


# Public pages (no login; masked) --------------------------------------------------------------

def public_home(request):
    return render(request, "enforcement/public_bodies.html", {"bodies": selectors.public_bodies(), "section": "bodies"})


def public_officers(request):
    q = request.GET.get("q", "").strip()
    return render(request, "enforcement/public_officers.html", {
        "page": paginate(request, selectors.public_officers(q=q)), "q": q})


def public_inspections(request):
    return render(request, "enforcement/public_inspections.html", {
        "page": paginate(request, selectors.public_inspections())})


def public_decisions(request):
    form = forms.PublicDecisionSearch(request.GET or None)
    q = kind = ""
    if form.is_valid():
        q, kind = form.cleaned_data["q"].strip(), form.cleaned_data["kind"]
    return render(request, "enforcement/public_decisions.html", {
        "form": form, "page": paginate(request, selectors.public_decisions(q=q, kind=kind))})
