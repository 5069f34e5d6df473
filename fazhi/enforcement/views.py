"""Staff and public pages of the enforcement module. Thin: the policy, a form, one service or selector, a page.

Every list is a register (``register_page`` with its filter set from ``filters.py``); every create/edit/step
form goes through ``form_page``; every record page asks its policy what this user may do now (``may``,
``buttons``) — a missing permission or a record out of reach is refused here, the record's state is shown
as a warning above the form and the service re-checks it all.
"""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from fazhi.core import clock, uploads
from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError
from fazhi.core.registers import filtered, paginate, register_page
from fazhi.core.rules import get_setting
from fazhi.core.web import form_page, import_page, require_perm, xlsx_response

from . import filters, forms, policies, qualifications, records, selectors, services
from .models import Publication
from .permissions import EnforcementPerm as P
from .services import publicity
from .spreadsheets import export_cases, export_officers, officer_sheet
from .workflows import CASE_FLOW


def _post(request):
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


def _deny(policy, user, action, obj=None):
    """403 with the reason when ``user`` lacks the permission for ``action`` or ``obj`` is out of its reach."""
    reason = policy.actor_refusal(user, action, obj)
    if reason:
        raise PermissionDenied(reason)


def _case_url(case):
    return reverse("enforcement:case_detail", args=[case.pk])


# Cases --------------------------------------------------------------------------------------

@require_perm(P.VIEW)
def case_list(request):
    return register_page(
        request, filterset_class=filters.CaseFilter, queryset=selectors.case_list(user=request.user),
        template="enforcement/case_list.html", export=export_cases, export_name="执法案件",
        context={"may": policies.cases.can_all(request.user, ["register"])})


@require_perm(P.HANDLE)
def case_create(request):
    _deny(policies.cases, request.user, "register")
    today = clock.today()
    bodies = selectors.bodies_for(request.user)
    form = forms.CaseForm(_post(request), bodies=bodies, officers=selectors.case_team_candidates(request.user, bodies),
                          initial={"registered_on": today})

    def save(d):
        party = {k[len("party_"):]: v for k, v in d.items() if k.startswith("party_")}
        return services.case_register(
            actor=request.user, body=d["body"], kind=d["kind"], title=d["title"], facts=d["facts"],
            power_code=d["power_code"], power_name=d["power_name"], registered_on=d["registered_on"],
            officers=list(d["officers"]), parties=[party], coercive_measure=d["coercive_measure"] or "",
            major_reasons=d["major_reasons"])

    refusal = qualifications.certificate_refusal(qualifications.officer_of(request.user), today)
    return form_page(request, form, save=save, title="立案", cancel=reverse("enforcement:case_list"), submit="立案",
                     done=_case_url, success=lambda case: f"已立案：{case.number}。",
                     warning=f"{refusal}。" if refusal else None)


@require_perm(P.VIEW)
def case_detail(request, pk):
    user = request.user
    case = selectors.case_get(user=user, pk=pk)
    publication = selectors.publication_of(case)
    may = policies.cases.may(user, case)
    if publication is not None:
        may.update(policies.publications.may(user, publication))
    else:
        may.update(publish=False, withdraw=False)
    return render(request, "enforcement/case_detail.html", {
        "case": case, "records": selectors.case_records(case),
        "verification": records.verify_case(case, check_files="exists"), "actions": policies.cases.buttons(user, case),
        "reviews": case.reviews.all(), "publication": publication, "evaluations": case.evaluations.all(),
        "may": may, "today": clock.today(),
    })


def _case_page(request, pk, action, form, save, title, *, submit, success, policy=policies.cases, obj=None,
               refusal=None, **extra):
    """A create/step form on a case: the policy decides who (else 403) and says why not now (a warning above
    the form); ``form_page`` saves through the service, which re-checks."""
    case = selectors.case_get(user=request.user, pk=pk)
    target = case if obj is None else obj(case)
    _deny(policy, request.user, action, case if target is None else target)
    if refusal is None and target is not None:
        refusal = policy.refusal(request.user, action, target)
    elif target is None and refusal is None:
        refusal = "案件尚未作出决定。"
    return form_page(request, form(case), save=lambda d: save(case, d), title=f"{title}：{case.number}",
                     cancel=_case_url(case), done=lambda _obj: _case_url(case), submit=submit, success=success,
                     warning=refusal, **extra)


@require_perm(P.VIEW)
def case_step(request, pk, action):
    try:
        transition = CASE_FLOW.transition(action)
    except DomainError as e:
        raise Http404(e.message) from e

    def save(case, d):
        data = {k: v for k, v in d.items() if v not in (None, "")}
        return services.case_transition(actor=request.user, case=case, action=action, text=data.pop("text", ""),
                                        on=data.pop("on", None), upload=data.pop("upload", None), **data)

    return _case_page(
        request, pk, action,
        lambda case: forms.StepForm(_post(request), _files(request), action=action, initial={"on": clock.today()}),
        save, transition.label, submit=transition.label, success=f"已{transition.label}。",
        danger=transition.style == "danger", confirm=transition.confirm)


@require_perm(P.HANDLE)
def case_record_add(request, pk):
    def save(case, d):
        return services.record_add(actor=request.user, case=case, step=d["step"], act=d["act"], text=d["text"],
                                   occurred_on=d["occurred_on"], upload=d.get("upload"))

    return _case_page(request, pk, "add_record",
                      lambda case: forms.RecordForm(_post(request), _files(request),
                                                    initial={"occurred_on": clock.today()}),
                      save, "追加全过程记录", submit="追加记录", success="已追加记录。",
                      confirm="全过程记录只能追加，保存后不能修改或删除，确定保存吗？")


@require_perm(P.HANDLE)
def case_officer_add(request, pk):
    def save(case, d):
        return services.officer_assign(actor=request.user, case=case, officer=d["officer"], on=d["on"])

    return _case_page(request, pk, "assign_officer",
                      lambda case: forms.AssignForm(_post(request), officers=selectors.officers_for_case(case),
                                                    initial={"on": clock.today()}),
                      save, "增派执法人员", submit="增派", success="已增派执法人员。")


@require_perm(P.HANDLE)
def case_party_add(request, pk):
    def save(case, d):
        return services.party_add(actor=request.user, case=case, **d)

    return _case_page(request, pk, "add_party", lambda case: forms.PartyForm(_post(request)), save, "增加当事人",
                      submit="保存", success="已增加当事人。")


@require_perm(P.HANDLE)
def case_person_add(request, pk):
    def save(case, d):
        return services.person_add(actor=request.user, case=case, **d)

    return _case_page(request, pk, "add_party", lambda case: forms.PersonForm(_post(request)), save,
                      "登记案件相关人员", submit="保存", success="已登记相关人员，公开时将一并脱敏。")


@require_perm(P.HANDLE)
def case_major(request, pk):
    def save(case, d):
        return services.major_set(actor=request.user, case=case, reasons=d["reasons"], note=d["note"])

    return _case_page(request, pk, "set_major",
                      lambda case: forms.MajorForm(_post(request), initial={"reasons": case.major_reasons}),
                      save, "认定重大执法决定情形", submit="保存", success="已保存重大执法决定情形认定。")


@require_perm(P.VIEW)
def case_publish(request, pk):
    """The publish page shows the exact public text (the masker's draft, or the officer's edit as typed) and
    what the independent leak check still finds in it; the officer edits, or gives a reason."""
    case = selectors.case_get(user=request.user, pk=pk)
    draft = services.public_draft(case) if case.decided_on else {"title": "", "content": ""}
    form = forms.PublishForm(_post(request), initial={"on": clock.today(), **draft})
    posted = request.POST if request.method == "POST" else {}
    shown = publicity.preview(case, title=posted.get("title") or None, content=posted.get("content") or None) \
        if case.decided_on else None

    def save(case, d):
        return services.decision_publish(actor=request.user, case=case, on=d["on"], late_reason=d["late_reason"],
                                         title=d["title"] or None, content=d["content"] or None,
                                         findings_reason=d["findings_reason"])

    return _case_page(request, pk, "publish", lambda case: form, save, "公示执法决定", submit="公示",
                      success="已公示执法决定。", policy=policies.publications, obj=selectors.publication_of,
                      confirm="公示内容将在政府网站向社会公开，确定公示吗？", template="enforcement/publish.html",
                      preview=shown)


@require_perm(P.VIEW)
def case_revoke(request, pk):
    def save(case, d):
        return services.decision_revoke(actor=request.user, case=case, on=d["on"], reason=d["reason"])

    return _case_page(request, pk, "revoke",
                      lambda case: forms.ReasonDateForm(_post(request), initial={"on": clock.today()}),
                      save, "登记决定变更/撤销", submit="登记", success="已登记决定变更/撤销。", danger=True,
                      confirm="登记后不能撤回；已公示的决定须在3个工作日内撤下。确定登记吗？")


@require_perm(P.VIEW)
def case_withdraw(request, pk):
    def save(case, d):
        return services.publication_withdraw(actor=request.user, case=case, on=d["on"], reason=d["reason"])

    return _case_page(request, pk, "withdraw",
                      lambda case: forms.ReasonDateForm(_post(request), initial={"on": clock.today()}),
                      save, "撤下公示", submit="撤下", success="已撤下公示。", policy=policies.publications,
                      obj=selectors.publication_of, danger=True, confirm="撤下后公众将不能再查询该决定，确定撤下吗？")


@require_perm(P.EVALUATE)
def case_evaluate(request, pk):
    def save(case, d):
        return services.evaluation_add(actor=request.user, case=case, **d)

    return _case_page(request, pk, "evaluate",
                      lambda case: forms.EvaluationForm(_post(request), initial={"evaluated_on": clock.today()}),
                      save, "案卷评查", submit="保存", success="已保存评查结果。")


@require_perm(P.VIEW)
def record_file(request, pk):
    record = selectors.record_get(user=request.user, pk=pk)
    return uploads.file_response(request, record.file, filename=record.file_name)


# Officers -----------------------------------------------------------------------------------

@require_perm(P.VIEW)
def officer_list(request):
    return register_page(
        request, filterset_class=filters.OfficerFilter, queryset=selectors.officer_list(user=request.user),
        template="enforcement/officer_list.html", export=export_officers, export_name="执法人员",
        context={"may": policies.officers.can_all(request.user, ["create", "import"])})


def _officer_url(officer):
    return reverse("enforcement:officer_detail", args=[officer.pk])


@require_perm(P.MANAGE)
def officer_create(request):
    _deny(policies.officers, request.user, "create")
    form = forms.OfficerForm(_post(request), units=selectors.officer_units(request.user),
                             users=selectors.officer_accounts(request.user))
    return form_page(request, form, save=lambda d: services.officer_create(actor=request.user, **d),
                     title="新增执法人员", cancel=reverse("enforcement:officer_list"), done=_officer_url,
                     success=lambda officer: f"已登记执法人员“{officer.name}”。")


@require_perm(P.VIEW)
def officer_detail(request, pk):
    today = clock.today()
    officer = selectors.officer_get(user=request.user, pk=pk, today=today)
    hours = selectors.training_hours([officer.pk], today.year).get(officer.pk, 0)
    required = get_setting("enforcement.training_hours")
    return render(request, "enforcement/officer_detail.html", {
        "officer": officer, "trainings": officer.trainings.all(), "hours": hours, "required": required,
        "short_of_hours": hours < required, "may": policies.officers.may(request.user, officer),
    })


def _officer_page(request, pk, action, form, save, title, success):
    officer = selectors.officer_get(user=request.user, pk=pk)
    _deny(policies.officers, request.user, action, officer)
    return form_page(request, form(officer), save=lambda d: save(officer, d), title=f"{title}：{officer.name}",
                     cancel=_officer_url(officer), done=lambda _obj: _officer_url(officer), success=success,
                     warning=policies.officers.refusal(request.user, action, officer))


@require_perm(P.CERTIFY)
def officer_status(request, pk):
    return _officer_page(
        request, pk, "set_status",
        lambda officer: forms.OfficerStatusForm(_post(request), initial={"status": officer.status}),
        lambda officer, d: services.officer_set_status(actor=request.user, officer=officer, **d),
        "变更执法证状态", "已变更证件状态。")


@require_perm(P.MANAGE)
def officer_training(request, pk):
    return _officer_page(
        request, pk, "train",
        lambda officer: forms.TrainingForm(_post(request), initial={"held_on": clock.today()}),
        lambda officer, d: services.training_add(actor=request.user, officer=officer, **d),
        "登记培训", "已登记培训。")


@require_perm(P.CERTIFY)
def officer_import(request):
    _deny(policies.officers, request.user, "import")

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
    user = request.user
    editable = set(policies.bodies.visible(user, action="edit").values_list("pk", flat=True))
    return register_page(
        request, filterset_class=filters.BodyFilter, queryset=selectors.body_list(user=user),
        template="enforcement/body_list.html",
        context={"may": policies.bodies.can_all(user, ["create"]), "editable_ids": editable})


BODY_INITIAL = ["name", "body_type", "legal_basis", "powers", "procedures", "remedies", "major_catalogue",
                "major_fine_threshold"]


def _body_form(request, body=None):
    initial = None
    if body is not None:
        initial = {f: getattr(body, f) for f in BODY_INITIAL}
        initial["unit"] = body.unit_id
    form = forms.BodyForm(_post(request), units=selectors.body_units(request.user), initial=initial)
    if body is not None:
        form.fields["unit"].disabled = True

    def save(d):
        d = dict(d)
        unit = d.pop("unit")
        return services.body_save(actor=request.user, body=body, unit=None if body else unit, **d)

    return form_page(request, form, save=save, title="执法主体", cancel=reverse("enforcement:body_list"),
                     done=lambda _obj: reverse("enforcement:body_list"),
                     success=lambda b: f"已保存执法主体“{b.name}”。")


@require_perm(P.MANAGE)
def body_create(request):
    _deny(policies.bodies, request.user, "create")
    return _body_form(request)


@require_perm(P.MANAGE)
def body_edit(request, pk):
    body = selectors.body_get(user=request.user, pk=pk)
    _deny(policies.bodies, request.user, "edit", body)
    return _body_form(request, body)


@require_perm(P.VIEW)
def inspection_list(request):
    return register_page(
        request, filterset_class=filters.InspectionFilter, queryset=selectors.inspection_list(user=request.user),
        template="enforcement/inspection_list.html",
        context={"may": policies.inspections.can_all(request.user, ["create"])})


@require_perm(P.MANAGE)
def inspection_create(request):
    _deny(policies.inspections, request.user, "create")
    form = forms.InspectionForm(_post(request), bodies=selectors.bodies_managed(request.user),
                                initial={"year": clock.today().year})
    return form_page(request, form, save=lambda d: services.inspection_save(actor=request.user, **d),
                     title="新增随机抽查事项", cancel=reverse("enforcement:inspection_list"),
                     done=lambda _obj: reverse("enforcement:inspection_list"), success="已保存随机抽查事项。")


@require_perm(P.VIEW)
def publication_list(request):
    return register_page(
        request, filterset_class=filters.PublicationFilter, queryset=selectors.publication_list(user=request.user),
        template="enforcement/publication_list.html")


@require_perm(P.VIEW)
def evaluation_list(request):
    evaluations = selectors.evaluation_list(user=request.user)
    summary = filters.EvaluationFilter(request.GET or None, queryset=evaluations, request=request).qs
    return register_page(
        request, filterset_class=filters.EvaluationFilter, queryset=evaluations,
        template="enforcement/evaluation_list.html", context={"by_body": selectors.evaluation_by_body(summary)})


# Public pages (no login; masked) --------------------------------------------------------------

def public_home(request):
    return render(request, "enforcement/public_bodies.html", {"bodies": selectors.public_bodies(), "section": "bodies"})


def public_officers(request):
    return register_page(request, filterset_class=filters.PublicOfficerFilter, queryset=selectors.public_officers(),
                         template="enforcement/public_officers.html", context={"section": "officers"})


def public_inspections(request):
    return register_page(request, filterset_class=filters.PublicInspectionFilter,
                         queryset=selectors.public_inspections(), template="enforcement/public_inspections.html",
                         context={"section": "inspections"})


def public_decision_detail(request, pk):
    """One published decision: only the masked public text stored when it was published."""
    publication = selectors.public_decision_get(pk)
    return render(request, "enforcement/public_decision_detail.html",
                  {"p": publication, "section": "decisions"})


def public_decisions(request):
    """Published decisions only (the masked text frozen at publication): the filter set validates the search,
    the selector runs it (full text for a keyword alone)."""
    fs = filtered(request, filterset_class=filters.PublicDecisionFilter, queryset=Publication.objects.none())
    data = fs.form.cleaned_data if fs.is_bound and hasattr(fs.form, "cleaned_data") else {}
    rows = selectors.public_decisions(q=data.get("q") or "", kind=data.get("kind") or "", year=data.get("year"))
    return render(request, "enforcement/public_decisions.html", {
        "filter_form": fs.form, "section": "decisions", "page": paginate(request, rows)})
