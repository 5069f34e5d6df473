"""Pages of the module (thin: a form, the policy, one service or selector, a page)."""
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from fazhi.core import clock, uploads
from fazhi.core.errors import DomainError
from fazhi.core.registers import filtered, register_page
from fazhi.core.web import form_error, form_page, import_page, require_perm, xlsx_response
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from . import cluster_selectors, cluster_services, filters, forms, policies, selectors, services
from .models import MediationCase, MediationOrg, Mediator
from .permissions import DisputesPerm as P
from .spreadsheets import export_cases, export_clusters, export_petitions, household_sheet
from .workflows import PETITION_FLOW


def _post(request):
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


def _deny(policy, user, action, obj=None):
    if not policy.can(user, action):
        raise PermissionDenied("您没有此项操作的权限。")
    if obj is not None and action not in policy.read_actions:
        if not scope.can_change(user, obj, perm=policy.permission_of(action)):
            raise PermissionDenied("该记录不在您可以办理的范围内。")


# Petitions ----------------------------------------------------------------------------------

@require_perm(P.PETITION_VIEW)
def petition_list(request):
    return register_page(request, filterset_class=filters.PetitionFilter,
                         queryset=selectors.petition_list(user=request.user), template="disputes/petition_list.html",
                         export=export_petitions, export_name="信访事项（已脱敏）",
                         context={"may": policies.petitions.can_all(request.user, ["register"]),
                                  "may_unmasked": request.user.has_perm(P.PETITION_REGISTER)})


@require_perm(P.PETITION_REGISTER)
def petition_create(request):
    _deny(policies.petitions, request.user, "register")
    office = request.user.unit
    data = _post(request)
    candidates = []
    if data is not None:
        candidates = list(selectors.merge_candidates(name=data.get("petitioner_name", ""), phone=data.get("phone", ""),
                                                     id_number=data.get("id_number", "")))
    form = forms.PetitionForm(data, candidates=candidates, initial={"received_on": clock.today()})

    def save(d):
        merge = d.get("merge") or None
        if merge and merge != "new":
            merge = next((p for p in candidates if str(p.pk) == merge), None)
            if merge is None:
                raise DomainError("请重新选择要并入的事项。", field="merge")
        return services.petition_register(
            actor=request.user, office=office, channel=d["channel"], petitioner_name=d["petitioner_name"],
            phone=d["phone"], id_number=d["id_number"], address=d["address"], persons=d["persons"],
            event_on=d["event_on"], received_on=d["received_on"], category=d["category"], level=d["level"],
            request=d["request"], facts=d["facts"], subject_user=d["subject_user"], subject_name=d["subject_name"],
            merge=merge)

    return form_page(request, form, save=save, title="登记信访事项", cancel=reverse("disputes:petition_list"),
                     submit="登记", success=lambda p: f"已登记：{p.number}，查询码 {p.receipt_code}。")


@require_perm(P.PETITION_REGISTER)
def petition_export_unmasked(request):
    """The petition register unmasked: the petition office only, with a reason recorded in the audit trail."""
    form = forms.UnmaskedExportForm(_post(request))
    if request.method == "POST" and form.is_valid():
        rows = filtered(request, filterset_class=filters.PetitionFilter,
                        queryset=selectors.petition_list(user=request.user)).qs
        try:
            book = services.petition_export(actor=request.user, rows=rows, unmasked=True,
                                            reason=form.cleaned_data["reason"])
        except DomainError as e:  # pragma: no cover - the permission is checked before (require_perm)
            form_error(form, e)
        else:
            return xlsx_response(book, f"信访事项（未脱敏）_{clock.today():%Y%m%d}.xlsx")
    return render(request, "core/form.html", {
        "form": form, "title": "导出未脱敏的信访台账", "submit": "导出", "cancel": reverse("disputes:petition_list"),
        "warning": "台账默认脱敏导出。未脱敏的台账含信访人姓名和联系电话，仅限信访工作机构因工作需要导出，"
                   "导出人和理由记入操作审计日志。"})


def _lawyer_users(user):
    """Lawyers from the legal-services register (its selector, within the user's scope)."""
    from fazhi.legal_services.selectors import lawyer_list
    from fazhi.orgs.models import User

    return User.objects.filter(pk__in=lawyer_list(user=user).values("user_id"), is_active=True).order_by("username")


@require_perm(P.VIEW)
def petition_detail(request, pk):
    """The petition page: for readers of petitions within their scope, and for a lawyer whose service log is
    linked to this petition (the policy's ``visible``); anyone else gets 404."""
    petition = services.petition_open(actor=request.user, pk=pk)
    today = clock.today()
    return render(request, "disputes/petition_detail.html", {
        "petition": petition, "may": policies.petitions.may(request.user, petition),
        "actions": policies.petitions.buttons(request.user, petition), "clocks": petition.clocks(today),
        "contacts": petition.contacts.all(), "notes": petition.notes.all(), "lawyers": petition.lawyers.all(),
        "today": today,
    })


@require_perm(P.PETITION_REGISTER)
def petition_charge(request, pk):
    """包案: the leader in charge and the lawyers taking part (from the legal-services register)."""
    petition = policies.petitions.get(request.user, pk)
    _deny(policies.petitions, request.user, "assign_lawyers", petition)
    url = reverse("disputes:petition_detail", args=[petition.pk])
    form = forms.ChargeForm(_post(request), lawyers=_lawyer_users(request.user),
                            initial={"leader_in_charge": petition.leader_in_charge,
                                     "lawyers": list(petition.lawyers.all())})
    return form_page(request, form, save=lambda d: services.lawyers_assign(
        actor=request.user, petition=petition, lawyers=list(d["lawyers"]), leader_in_charge=d["leader_in_charge"]),
        title=f"包案领导和参与律师：{petition.number}", cancel=url, done=lambda _p: url, success="已保存包案领导和参与律师。",
        warning=policies.petitions.refusal(request.user, "assign_lawyers", petition))


@require_perm(P.PETITION_HANDLE)
def petition_note(request, pk):
    petition = policies.petitions.get(request.user, pk)
    _deny(policies.petitions, request.user, "note", petition)
    url = reverse("disputes:petition_detail", args=[petition.pk])
    return form_page(request, forms.NoteForm(_post(request), initial={"on": clock.today()}),
                     save=lambda d: services.petition_note_add(actor=request.user, petition=petition, kind=d["kind"],
                                                               text=d["text"], on=d["on"]),
                     title=f"登记包案记录：{petition.number}", cancel=url, done=lambda _n: url, success="已登记。",
                     warning=policies.petitions.refusal(request.user, "note", petition))


@require_perm(P.PETITION_HANDLE)
def petition_resolve(request, pk):
    petition = policies.petitions.get(request.user, pk)
    _deny(policies.petitions, request.user, "resolve", petition)
    url = reverse("disputes:petition_detail", args=[petition.pk])
    return form_page(request, forms.ResolveForm(_post(request), initial={"on": clock.today()}),
                     save=lambda d: services.petition_resolve(actor=request.user, petition=petition,
                                                              resolution=d["resolution"], on=d["on"]),
                     title=f"登记化解结果：{petition.number}", cancel=url, done=lambda _p: url, submit="登记化解",
                     success="已登记化解结果。", confirm="登记化解后不能再添加包案记录，确定吗？",
                     warning=policies.petitions.refusal(request.user, "resolve", petition))


@require_perm(P.VIEW)
def overview(request):
    """Leaders' read-only view across units: petitions and mediation by unit, with drill-down."""
    rows, totals = selectors.unit_overview(user=request.user)
    return render(request, "disputes/overview.html", {"rows": rows, "totals": totals,
                                                      "petitions": request.user.has_perm(P.PETITION_VIEW)})


STEP_FORMS = {
    "route": forms.RouteForm, "object": forms.ReasonForm, "accept": forms.AcceptForm, "not_accept": forms.ReasonForm,
    "answer": forms.AnswerForm, "request_review": forms.DateForm, "review": forms.OpinionForm,
    "request_recheck": forms.DateForm, "recheck": forms.OpinionForm,
}


def _step_save(action, user, petition, d):
    on = d.get("on")
    if action == "route":
        return services.petition_route(actor=user, petition=petition, unit=d["unit"], on=on)
    if action == "object":
        return services.petition_object(actor=user, petition=petition, reason=d["reason"], on=on)
    if action == "accept":
        return services.petition_accept(actor=user, petition=petition, on=on, notified_on=d.get("notified_on"))
    if action == "not_accept":
        return services.petition_not_accept(actor=user, petition=petition, reason=d["reason"], on=on)
    if action == "answer":
        return services.petition_answer(actor=user, petition=petition, outcome=d["outcome"], facts=d["facts"],
                                        reasons=d["reasons"], decision=d["decision"], legal_basis=d["legal_basis"],
                                        on=on)
    if action == "request_review":
        return services.petition_request_review(actor=user, petition=petition, on=on)
    if action == "review":
        return services.petition_review(actor=user, petition=petition, opinion=d["opinion"], on=on)
    if action == "request_recheck":
        return services.petition_request_recheck(actor=user, petition=petition, on=on)
    return services.petition_recheck(actor=user, petition=petition, opinion=d["opinion"], on=on)


@require_perm(P.PETITION_VIEW)
def petition_step(request, pk, action):
    if action not in STEP_FORMS:
        raise Http404("未知操作")
    transition = PETITION_FLOW.transition(action)
    petition = policies.petitions.get(request.user, pk)
    if not request.user.has_perm(transition.permission) or not scope.can_change(request.user, petition,
                                                                                perm=transition.permission):
        raise PermissionDenied("您没有此项操作的权限。")
    refusal = policies.petitions.refusal(request.user, action, petition)
    form = STEP_FORMS[action](_post(request), initial={"on": clock.today()})
    url = reverse("disputes:petition_detail", args=[petition.pk])
    return form_page(request, form, save=lambda d: _step_save(action, request.user, petition, d),
                     title=f"{transition.label}：{petition.number}", cancel=url, done=lambda _p: url,
                     submit=transition.label, success=f"已{transition.label}。", warning=refusal,
                     danger=transition.style == "danger", confirm=transition.confirm)


@require_perm(P.PETITION_HANDLE)
def petition_extend(request, pk):
    petition = policies.petitions.get(request.user, pk)
    _deny(policies.petitions, request.user, "extend", petition)
    url = reverse("disputes:petition_detail", args=[petition.pk])
    return form_page(request, forms.ExtendForm(_post(request), initial={"on": clock.today()}),
                     save=lambda d: services.petition_extend(actor=request.user, petition=petition, days=d["days"],
                                                             reason=d["reason"], approver=d["approver"],
                                                             told_on=d["told_on"], on=d["on"]),
                     title=f"延长办理期限：{petition.number}", cancel=url, done=lambda _p: url, submit="延长",
                     success="已延长办理期限。", warning=policies.petitions.refusal(request.user, "extend", petition))


@require_perm(P.PETITION_VIEW)
def petition_letter(request, pk):
    from .documents import opinion_docx

    petition = services.petition_open(actor=request.user, pk=pk, what="下载处理意见书")
    reason = policies.petitions.refusal(request.user, "letter", petition)
    if reason:
        raise Http404(reason)
    response = HttpResponse(opinion_docx(petition), content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'处理意见书_{petition.number}.docx')}"
    return response


def public_query(request):
    """The petitioner's own matter: stage and dates only, by receipt code and phone."""
    form = forms.PublicQueryForm(_post(request))
    result, asked = None, False
    if request.method == "POST" and form.is_valid():
        asked = True
        result = selectors.public_progress(code=form.cleaned_data["code"], phone=form.cleaned_data["phone"])
    return render(request, "disputes/public_query.html", {"form": form, "result": result, "asked": asked})


# Mediation ----------------------------------------------------------------------------------

@require_perm(P.VIEW)
def case_list(request):
    return register_page(request, filterset_class=filters.CaseFilter, queryset=selectors.case_list(user=request.user),
                         template="disputes/case_list.html", export=export_cases, export_name="调解案件",
                         context={"may": policies.cases.can_all(request.user, ["register"]),
                                  "incoming": selectors.incoming_referrals(user=request.user)})


def _mediating_orgs(user):
    return scope.changeable(user, MediationOrg.objects.filter(is_active=True), perm=P.MEDIATE).order_by("name")


@require_perm(P.MEDIATE)
def case_create(request):
    _deny(policies.cases, request.user, "register")
    form = forms.CaseForm(_post(request), orgs=_mediating_orgs(request.user), initial={"registered_on": clock.today()})
    return form_page(request, form, save=lambda d: services.case_register(
        actor=request.user, org=d["org"], title=d["title"], dispute_type=d["dispute_type"], source=d["source"],
        parties=d["parties"], facts=d["facts"], registered_on=d["registered_on"]),
        title="受理调解案件", cancel=reverse("disputes:case_list"), submit="受理",
        success=lambda c: f"已受理：{c.number}。")


@require_perm(P.VIEW)
def case_detail(request, pk):
    qs = MediationCase.objects.filter(pk=pk)
    incoming = selectors.incoming_referrals(user=request.user).filter(pk=pk).first() if str(pk).isdecimal() else None
    case = incoming or policies.cases.get(request.user, pk, qs)
    may = policies.cases.may(request.user, case)
    may["take_over"] = policies.cases.takeover_refusal(request.user, case) is None
    return render(request, "disputes/case_detail.html", {
        "case": case, "may": may, "steps": case.steps.select_related("org"), "today": clock.today()})


CASE_ACTIONS = {
    "session": ("登记调解", forms.SessionForm, lambda u, c, d: services.session_add(actor=u, case=c, text=d["text"],
                                                                                  on=d["on"])),
    "refuse": ("登记拒绝调解", forms.RefuseForm, lambda u, c, d: services.case_refuse(
        actor=u, case=c, party=d["party"], text=d["text"], on=d["on"])),
    "agree": ("登记调解协议", forms.AgreementForm, lambda u, c, d: services.agreement_record(
        actor=u, case=c, issues=d["issues"], responsibilities=d["responsibilities"], terms=d["terms"],
        performance=d["performance"], on=d["on"])),
    "effective": ("协议签章生效", forms.EffectiveForm, lambda u, c, d: services.agreement_effective(
        actor=u, case=c, scan=d["scan"], parties_signed=d["parties_signed"], mediator_signed=d["mediator_signed"],
        sealed=d["sealed"], on=d["on"])),
    "confirm": ("申请司法确认", forms.DateForm, lambda u, c, d: services.confirmation_apply(actor=u, case=c, on=d["on"])),
    "fail": ("终止调解", forms.FailForm, lambda u, c, d: services.case_fail(actor=u, case=c,
                                                                       routes_told=d["routes_told"], on=d["on"])),
    "refer": ("移交调解", forms.ReferForm, lambda u, c, d: services.case_refer(
        actor=u, case=c, to_org=d["to_org"], reason=d["reason"], on=d["on"])),
    "follow": ("履行回访", forms.FollowForm, lambda u, c, d: services.performance_follow(
        actor=u, case=c, text=d["text"], performed=d["performed"], on=d["on"])),
    "escalate": ("报告激化风险", forms.EscalateForm, lambda u, c, d: services.case_escalate(
        actor=u, case=c, unit=d["unit"], text=d["text"], on=d["on"])),
}


@require_perm(P.MEDIATE)
def case_action(request, pk, action):
    if action not in CASE_ACTIONS:
        raise Http404("未知操作")
    label, form_class, save = CASE_ACTIONS[action]
    case = policies.cases.get(request.user, pk)
    _deny(policies.cases, request.user, action, case)
    kwargs = {}
    if action == "refer":
        kwargs["orgs"] = MediationOrg.objects.filter(is_active=True).exclude(pk=case.org_id).order_by("kind", "name")
    form = form_class(_post(request), _files(request), initial={"on": clock.today()}, **kwargs)
    url = reverse("disputes:case_detail", args=[case.pk])
    return form_page(request, form, save=lambda d: save(request.user, case, d), title=f"{label}：{case.number}",
                     cancel=url, done=lambda _c: url, submit=label, success=f"已{label}。",
                     warning=policies.cases.refusal(request.user, action, case))


@require_perm(P.MEDIATE)
def case_take_over(request, pk):
    case = selectors.incoming_referrals(user=request.user).filter(pk=pk).first() if str(pk).isdecimal() else None
    if case is None:
        raise Http404("没有待接收的移交")
    url = reverse("disputes:case_detail", args=[case.pk])
    return form_page(request, forms.DateForm(_post(request), initial={"on": clock.today()}),
                     save=lambda d: services.case_take_over(actor=request.user, case=case, on=d["on"]),
                     title=f"接收移交：{case.number}", cancel=reverse("disputes:case_list"), done=lambda _c: url,
                     submit="接收", success="已接收移交的案件。")


@require_perm(P.VIEW)
def case_scan(request, pk):
    case = policies.cases.get(request.user, pk)
    if not case.agreement_scan:
        raise Http404("没有协议书扫描件")
    return uploads.file_response(request, case.agreement_scan)


@require_perm(P.VIEW)
def org_list(request):
    today = clock.today()

    def decorate(rows):
        for org in rows:
            org.problems = selectors.composition_problems(org, today)

    return register_page(request, filterset_class=filters.OrgFilter, template="disputes/org_list.html",
                         queryset=selectors.org_list(user=request.user).prefetch_related("mediators"),
                         decorate=decorate, context={"may": policies.orgs.can_all(request.user, ["create"])})


@require_perm(P.MANAGE)
def org_create(request):
    _deny(policies.orgs, request.user, "create")
    units = scope.changeable(request.user, OrgUnit.objects.all(), perm=P.MANAGE).order_by("path")
    form = forms.OrgForm(_post(request), units=units)
    return form_page(request, form, save=lambda d: services.org_create(
        actor=request.user, unit=d["unit"], name=d["name"], category=d["category"], industry=d["industry"],
        term_start=d["term_start"]), title="新增调解组织", cancel=reverse("disputes:org_list"),
        done=lambda _o: reverse("disputes:org_list"))


@require_perm(P.MANAGE)
def mediator_add(request, pk):
    org = policies.orgs.get(request.user, pk)
    _deny(policies.orgs, request.user, "add_mediator", org)
    return form_page(request, forms.MediatorForm(_post(request)), save=lambda d: services.mediator_add(
        actor=request.user, org=org, name=d["name"], gender=d["gender"], is_member=d["is_member"], post=d["post"]),
        title=f"登记调解员：{org.name}", cancel=reverse("disputes:org_list"), done=lambda _m: reverse("disputes:org_list"))


@require_perm(P.MANAGE)
def training_add(request, pk):
    org = policies.orgs.get(request.user, pk)
    _deny(policies.orgs, request.user, "train", org)
    form = forms.TrainingForm(_post(request), mediators=Mediator.objects.filter(org=org, is_active=True),
                              initial={"on": clock.today()})
    return form_page(request, form, save=lambda d: services.training_record(
        actor=request.user, mediator=d["mediator"], on=d["on"], hours=d["hours"], topic=d["topic"],
        organiser=d["organiser"]), title=f"登记调解员培训：{org.name}", cancel=reverse("disputes:org_list"),
        done=lambda _t: reverse("disputes:org_list"), success="已登记培训记录。")


@require_perm(P.MANAGE)
def return_edit(request, pk):
    org = policies.orgs.get(request.user, pk)
    _deny(policies.orgs, request.user, "add_return", org)
    form = forms.ReturnForm(_post(request), initial={"year": clock.today().year - 1})
    return form_page(request, form, save=lambda d: services.return_save(
        actor=request.user, org=org, year=d["year"], accepted=d["accepted"], succeeded=d["succeeded"],
        screenings=d["screenings"], found=d["found"], lines=form.lines(d)),
        title=f"填报调解统计报表：{org.name}", cancel=reverse("disputes:org_list"),
        done=lambda _r: reverse("disputes:statistics") + f"?year={_r.year}", success="已保存统计报表。",
        warning="同一组织同一年度再次填报的，以本次填报为准；分类小计与合计不一致的，统计页会标明差异。")


@require_perm(P.VIEW)
def statistics(request):
    try:
        year = int(request.GET.get("year") or clock.today().year)
        if not 2000 <= year <= 2100:
            raise ValueError
    except ValueError:
        year = clock.today().year
    unit_ids = scope.visible_unit_ids(request.user, perm=P.VIEW)
    return render(request, "disputes/statistics.html",
                  {"stats": selectors.mediation_statistics(year=year, unit_ids=unit_ids), "year": year})


@require_perm(P.HALL)
def hall_list(request):
    from .models import HallDuty

    return register_page(request, filterset_class=filters.HallFilter, template="disputes/hall_list.html",
                         queryset=policies.hall.visible(request.user, HallDuty.objects.select_related("lawyer")),
                         context={"may": policies.hall.can_all(request.user, ["record"])})



@require_perm(P.HALL)
def hall_create(request):
    _deny(policies.hall, request.user, "record")
    units = scope.changeable(request.user, OrgUnit.objects.all(), perm=P.HALL).order_by("path")
    form = forms.HallDutyForm(_post(request), units=units, lawyers=_lawyer_users(request.user),
                              initial={"day": clock.today(), "unit": request.user.unit_id})
    return form_page(request, form, save=lambda d: services.hall_duty_record(
        actor=request.user, unit=d["unit"], lawyer=d["lawyer"], day=d["day"], visitors=d["visitors"],
        general=d["general"], difficult=d["difficult"], advice=d["advice"]),
        title="登记信访大厅律师值守", cancel=reverse("disputes:hall_list"), done=lambda _d: reverse("disputes:hall_list"),
        success="已登记值守记录。")


# Clusters (矛盾纠纷专项化解) ----------------------------------------------------------------------

def _active_units():
    return OrgUnit.objects.filter(is_active=True).order_by("path")


def _people():
    from fazhi.orgs.models import User

    return User.objects.filter(is_active=True).select_related("unit").order_by("unit__path", "full_name")


def _lead_units(user):
    return scope.changeable(user, _active_units(), perm=P.MANAGE)


@require_perm(P.VIEW)
def cluster_list(request):
    return register_page(request, filterset_class=filters.ClusterFilter,
                         queryset=cluster_selectors.cluster_list(user=request.user),
                         template="disputes/cluster_list.html", export=export_clusters, export_name="矛盾纠纷专项",
                         context={"may": policies.clusters.can_all(request.user, ["create"])})


def _cluster_form(request, cluster=None):
    initial = {"set_up_on": clock.today(), "status": "handling"}
    if cluster is not None:
        initial = {"name": cluster.name, "kind": cluster.kind, "unit": cluster.unit, "leader": cluster.leader,
                   "leading_group": cluster.leading_group, "member_units": list(cluster.member_units.all()),
                   "set_up_on": cluster.set_up_on, "description": cluster.description, "approach": cluster.approach,
                   "status": cluster.status, "closing_summary": cluster.closing_summary}
    return forms.ClusterForm(_post(request), units=_lead_units(request.user), all_units=_active_units(),
                             people=_people(), initial=initial)


def _cluster_fields(d):
    return {k: d[k] for k in ("name", "kind", "unit", "leading_group", "leader", "set_up_on", "description",
                              "approach", "status", "closing_summary")} | {"member_units": list(d["member_units"])}


@require_perm(P.MANAGE)
def cluster_create(request):
    _deny(policies.clusters, request.user, "create")
    return form_page(request, _cluster_form(request),
                     save=lambda d: cluster_services.cluster_save(actor=request.user, **_cluster_fields(d)),
                     title="新建矛盾纠纷专项", cancel=reverse("disputes:cluster_list"), success="已新建专项。")


@require_perm(P.MANAGE)
def cluster_edit(request, pk):
    cluster = policies.clusters.get(request.user, pk)
    _deny(policies.clusters, request.user, "edit", cluster)
    return form_page(request, _cluster_form(request, cluster),
                     save=lambda d: cluster_services.cluster_save(actor=request.user, cluster=cluster,
                                                                  **_cluster_fields(d)),
                     title=f"编辑专项：{cluster.name}", cancel=cluster.get_absolute_url(), success="已保存专项。")


@require_perm(P.VIEW)
def cluster_detail(request, pk):
    cluster = policies.clusters.get(request.user, pk)
    return render(request, "disputes/cluster_detail.html",
                  cluster_selectors.cluster_page(user=request.user, cluster=cluster))


def _cluster_for(request, pk, action):
    cluster = policies.clusters.get(request.user, pk)
    _deny(policies.clusters, request.user, action, cluster)
    return cluster, policies.clusters.refusal(request.user, action, cluster)


@require_perm(P.MANAGE)
def cluster_member_add(request, pk):
    cluster, refusal = _cluster_for(request, pk, "add_member")
    url = cluster.get_absolute_url()
    form = forms.ClusterMemberForm(_post(request), units=_active_units(), people=_people(),
                                   initial={"from_on": clock.today()})
    return form_page(request, form, save=lambda d: cluster_services.member_add(actor=request.user, cluster=cluster,
                                                                               **d),
                     title=f"登记领导小组成员：{cluster.name}", cancel=url, done=lambda _m: url, success="已登记成员。",
                     warning=refusal)


@require_perm(P.MANAGE)
def cluster_meeting_add(request, pk):
    cluster, refusal = _cluster_for(request, pk, "add_meeting")
    url = cluster.get_absolute_url()
    return form_page(request, forms.ClusterMeetingForm(_post(request), initial={"held_on": clock.today()}),
                     save=lambda d: cluster_services.meeting_add(actor=request.user, cluster=cluster, **d),
                     title=f"登记领导小组会议：{cluster.name}", cancel=url, done=lambda _m: url, success="已登记会议。",
                     warning=refusal)


@require_perm(P.MANAGE)
def cluster_household_add(request, pk):
    cluster, refusal = _cluster_for(request, pk, "add_household")
    url = cluster.get_absolute_url()
    petitions = policies.petitions.visible(request.user).order_by("-received_on")
    form = forms.HouseholdForm(_post(request), units=_active_units(), petitions=petitions,
                               cases=policies.cases.visible(request.user).order_by("-registered_on"),
                               initial={"status": "open", "handler": cluster.unit})
    return form_page(request, form, save=lambda d: cluster_services.household_add(actor=request.user,
                                                                                  cluster=cluster, **d),
                     title=f"登记涉及户：{cluster.name}", cancel=url, done=lambda _h: url, success="已登记涉及户。",
                     warning=refusal)


@require_perm(P.MANAGE)
def cluster_household_import(request, pk):
    cluster, _refusal = _cluster_for(request, pk, "add_household")
    url = cluster.get_absolute_url()

    def done(result):
        from django.contrib import messages
        from django.shortcuts import redirect

        messages.success(request, f"已导入{result.saved}户。")
        return redirect(url)

    return import_page(request, spec=lambda _d: household_sheet(actor=request.user, cluster=cluster),
                       title=f"导入涉及户：{cluster.name}", cancel=url, done=done,
                       template_url=reverse("disputes:cluster_household_template"))


@require_perm(P.MANAGE)
def cluster_household_template(request):
    from fazhi.core import spreadsheets as sheets

    return xlsx_response(sheets.template_workbook(household_sheet()), "专项涉及户导入模板.xlsx")


@require_perm(P.MANAGE)
def cluster_household_update(request, pk):
    from .models import ClusterHousehold

    household = ClusterHousehold.objects.filter(
        cluster__in=policies.clusters.visible(request.user), pk=pk).select_related("cluster").first()
    if household is None:
        raise Http404("未找到该记录")
    cluster, refusal = _cluster_for(request, household.cluster_id, "update_household")
    url = cluster.get_absolute_url()
    form = forms.HouseholdUpdateForm(_post(request), initial={"status": household.status,
                                                              "last_contact_on": clock.today()})
    return form_page(request, form, save=lambda d: cluster_services.household_update(
        actor=request.user, household=household, **d),
        title=f"更新化解情况：{household.name}", cancel=url, done=lambda _h: url, success="已更新化解情况。",
        warning=refusal)
