"""Pages of the power lists. Thin: a filter set or a form, the record type's policy, one service or selector,
a page."""
from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from fazhi.core import clock, uploads
from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.registers import filtered, paginate, register_page
from fazhi.core.web import form_error, form_page, import_page, require_perm, xlsx_response

from . import filters, forms, imports, realimport, selectors, services
from .choices import AdjustmentKind, PowerCategory
from .models import PowerItem
from .permissions import PowersPerm as P
from .policies import (
    AdjustmentPolicy,
    ApprovalPolicy,
    FlagPolicy,
    LawChangePolicy,
    PowerItemPolicy,
    VersionPolicy,
)
from .spreadsheets import adjustment_sheet, approval_sheet, export_items, item_sheet

adjustments = AdjustmentPolicy()
items = PowerItemPolicy()
flags = FlagPolicy()
laws = LawChangePolicy()
list_versions = VersionPolicy()
approvals = ApprovalPolicy()


def _refused(request, refusal, url):
    messages.warning(request, refusal)
    return redirect(url)


# Items ---------------------------------------------------------------------------------------

@require_perm(P.VIEW)
def item_list(request):
    return register_page(
        request, filterset_class=filters.ItemFilter, queryset=selectors.current_versions(user=request.user),
        template="powers/item_list.html", export=export_items, export_name="权责清单",
        context={"may": adjustments.can_all(request.user, ["create", "import"])})


@require_perm(P.VIEW)
def item_detail(request, pk):
    item = items.get(request.user, pk, qs=PowerItem.objects.select_related("unit"))
    versions = list(item.versions.select_related("line__adjustment").order_by("-valid_from"))
    today = clock.today()
    current = next((v for v in versions if v.valid_from <= today and (v.valid_to is None or v.valid_to > today)),
                   None)
    return render(request, "powers/item_detail.html", {
        "item": item, "versions": versions, "current": current, "flags": selectors.item_flags(item),
        "lines": item.adjustment_lines.select_related("adjustment").order_by("-adjustment__created_at"),
        "may": items.may(request.user, item),
    })


@require_perm(P.EDIT)
def item_import(request):
    def done(result):
        saved = result.saved
        messages.success(request, f"已生成调整草稿：新增 {saved['add']} 项，变更 {saved['change']} 项，"
                                  f"内容未变 {saved['same']} 项。请核对后提交审核。")
        adjustments = saved["adjustments"]
        if len(adjustments) == 1:
            return redirect("powers:adjustment_detail", pk=adjustments[0].pk)
        return redirect("powers:adjustment_list")

    return import_page(request, spec=lambda data: item_sheet(actor=request.user, effective_on=data["effective_on"]),
                       title="导入权责清单（本平台模板）", template_url=reverse("powers:item_template"),
                       cancel=reverse("powers:item_list"), done=done, form_class=forms.ImportForm)


@require_perm(P.EDIT)
def item_template(request):
    return xlsx_response(sheets.template_workbook(item_sheet()), "权责清单导入模板.xlsx")


@require_perm(P.EDIT)
def real_import(request):
    """Upload a department's published list as it is, see the preview, then confirm (or cancel).

    The orchestration — holding the upload, re-reading it on confirmation, cleaning up — is
    ``fazhi.powers.imports``."""
    units = selectors.editable_units(user=request.user)
    if request.method == "POST" and request.POST.get("cancel"):
        imports.cancel(session=request.session)
        messages.info(request, "已取消本次导入，上传的文件已删除。")
        return redirect("powers:real_import" if request.POST["cancel"] == "again" else "powers:item_list")
    if request.method == "POST" and request.POST.get("confirm"):
        try:
            saved = imports.confirm(actor=request.user, session=request.session,
                                    token=request.POST.get("token", ""), units=units,
                                    level=request.POST.get("level", ""))
        except DomainError as e:
            messages.error(request, e.message)
            if e.code == "level_required":  # the file is still held: show its preview again with the choice
                stash = imports.pending(request.session)
                held = uploads.held(imports.HOLD_AREA, stash.token) if stash else None
                if held is not None:
                    unit = units.filter(pk=stash.unit).first()
                    preview = realimport.read_workbook(held, filename=stash.filename,
                                                       code_prefix=unit.code if unit else "ITEM")
                    form = forms.RealImportForm(units=units, initial={"unit": stash.unit})
                    return render(request, "powers/real_import.html", {
                        "form": form, "preview": preview, "token": stash.token,
                        "xls_supported": realimport.xls_supported()})
            return redirect("powers:real_import")
        messages.success(request, f"已生成调整草稿：新增 {saved['add']} 项，变更 {saved['change']} 项。请核对后提交审核。")
        if saved["adjustments"]:
            return redirect("powers:adjustment_detail", pk=saved["adjustments"][0].pk)
        return redirect("powers:item_list")
    initial = {"unit": request.user.unit_id} if units.filter(pk=request.user.unit_id).exists() else {}
    form = forms.RealImportForm(request.POST or None, request.FILES or None, units=units, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        try:
            preview = imports.preview(session=request.session, upload=form.cleaned_data["file"],
                                      unit=form.cleaned_data["unit"], effective_on=form.cleaned_data["effective_on"],
                                      units=units)
        except DomainError as e:
            form_error(form, e)
    stash = imports.pending(request.session) if preview else None
    return render(request, "powers/real_import.html", {
        "form": form, "preview": preview, "token": stash.token if stash else "",
        "xls_supported": realimport.xls_supported()})


# Adjustments ---------------------------------------------------------------------------------

def _export_adjustments(rows):
    return sheets.export_workbook(adjustment_sheet(), rows)


@require_perm(P.VIEW)
def adjustment_list(request):
    return register_page(
        request, filterset_class=filters.AdjustmentFilter, queryset=selectors.adjustment_list(user=request.user),
        template="powers/adjustment_list.html", export=_export_adjustments, export_name="动态调整",
        context={"may": adjustments.can_all(request.user, ["create", "import"])})


@require_perm(P.EDIT)
def adjustment_create(request):
    units = selectors.editable_units(user=request.user)
    initial = {"unit": request.user.unit_id} if units.filter(pk=request.user.unit_id).exists() else {}
    form = forms.AdjustmentForm(request.POST or None, units=units, initial=initial)
    return form_page(request, form, save=lambda d: services.adjustment_create(actor=request.user, **d),
                     title="新建动态调整", cancel=reverse("powers:adjustment_list"),
                     done=lambda adj: reverse("powers:adjustment_detail", args=[adj.pk]),
                     success="已新建动态调整，请添加调整事项。")


@require_perm(P.VIEW)
def adjustment_detail(request, pk):
    adj = adjustments.get(request.user, pk, qs=selectors.adjustment_records())
    return render(request, "powers/adjustment_detail.html", {
        "adj": adj, "lines": paginate(request, adj.lines.select_related("item"), per_page=50),
        "may": adjustments.may(request.user, adj, actions=["edit"]),
        "actions": adjustments.buttons(request.user, adj), "kinds": AdjustmentKind.choices,
        "history": selectors.adjustment_history(user=request.user, adj=adj),
        "problems": selectors.adjustment_problems(adj),
        "reason_form": forms.ReasonForm(),
    })


def _editable_adjustment(request, pk):
    """The adjustment, if the user may change it now; else a 404 (out of scope) or a message and the record page."""
    adj = adjustments.get(request.user, pk, qs=selectors.adjustment_records(), action="edit")
    refusal = adjustments.refusal(request.user, "edit", adj)
    return adj, refusal


@require_perm(P.EDIT)
def adjustment_edit(request, pk):
    adj, refusal = _editable_adjustment(request, pk)
    url = reverse("powers:adjustment_detail", args=[adj.pk])
    if refusal:
        return _refused(request, refusal, url)
    initial = {"title": adj.title, "reason": adj.reason, "trigger_document": adj.trigger_document,
               "effective_on": adj.effective_on}
    form = forms.AdjustmentForm(request.POST or None, editing=True, initial=initial)
    return form_page(request, form, save=lambda d: services.adjustment_update(actor=request.user, adjustment=adj, **d),
                     title=f"修改动态调整：{adj.title}", cancel=url, done=lambda _: url)


@require_perm(P.EDIT)
def line_add(request, pk):
    adj, refusal = _editable_adjustment(request, pk)
    url = reverse("powers:adjustment_detail", args=[adj.pk])
    if refusal:
        return _refused(request, refusal, url)
    kind = request.GET.get("kind") or request.POST.get("kind") or AdjustmentKind.ADD
    if kind not in AdjustmentKind.values:
        kind = AdjustmentKind.ADD
    choices = []
    initial = {}
    if kind not in selectors.ADDING:
        current = selectors.current_versions(user=request.user, unit=adj.unit_id)
        choices = [(str(v.item_id), f"{v.item.code} {v.name}") for v in current]
        chosen = request.GET.get("item", "")
        if chosen.isdecimal() and len(chosen) < 19:
            v = current.filter(item_id=chosen).first()
            if v is not None:
                initial = {**v.content(), "bases": "\n".join(v.bases_text), "item": chosen}
    form = forms.ContentForm(request.POST or None, kind=kind, items=choices, initial=initial)

    def save(data):
        data = dict(data)
        item = None
        if data.get("item"):
            item = PowerItem.objects.filter(pk=data["item"], unit_id=adj.unit_id).first()
        note = data.pop("note", "")
        return services.line_add(actor=request.user, adjustment=adj, kind=kind, item=item, code=data.get("code"),
                                 content=data, note=note)

    return form_page(request, form, save=save, title=f"{adj.title}：{AdjustmentKind(kind).label}事项", cancel=url,
                     done=lambda _: url, success="已添加调整事项。", submit="添加", template="powers/line_form.html",
                     adj=adj, kind=kind, kind_label=AdjustmentKind(kind).label, kinds=AdjustmentKind.choices,
                     chosen=initial.get("item", ""))


@require_perm(P.EDIT)
def line_remove(request, pk):
    adj, refusal = _editable_adjustment(request, pk)  # out of scope: 404 first, whatever the method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    url = reverse("powers:adjustment_detail", args=[adj.pk])
    if refusal:
        return _refused(request, refusal, url)
    raw = request.POST.get("line", "")
    line = adj.lines.filter(pk=raw).first() if raw.isdecimal() and len(raw) < 19 else None
    if line is None:
        raise Http404
    try:
        services.line_remove(actor=request.user, line=line)
    except (DomainError, NotFound) as e:
        messages.error(request, e.message)
    else:
        messages.success(request, "已删除该调整事项。")
    return redirect(url)


STEPS = {
    "submit": (forms.StepForm, lambda user, adj, d: services.adjustment_submit(actor=user, adjustment=adj),
               lambda adj: "已提交法治办审核。"),
    "approve": (forms.OpinionForm,
                lambda user, adj, d: services.adjustment_approve(actor=user, adjustment=adj, opinion=d["opinion"]),
                lambda adj: f"已批准，调整自{adj.effective_on:%Y年%m月%d日}起生效。"),
    "return": (forms.ReasonForm,
               lambda user, adj, d: services.adjustment_return(actor=user, adjustment=adj, reason=d["reason"]),
               lambda adj: "已退回单位修改。"),
}


def _step(request, pk, action):
    adj = adjustments.get(request.user, pk, qs=selectors.adjustment_records())
    url = reverse("powers:adjustment_detail", args=[adj.pk])
    transition = adjustments.workflow.transition(action)
    form_class, run, success = STEPS[action]
    form = form_class(request.POST if request.method == "POST" else None)
    return form_page(request, form, save=lambda d: run(request.user, adj, d), title=f"{transition.label}：{adj.title}",
                     cancel=url, done=lambda _: url, success=success, submit=transition.label,
                     confirm=transition.confirm, danger=transition.style.endswith("danger"),
                     warning=adjustments.refusal(request.user, action, adj))


@require_perm(P.EDIT)
def adjustment_submit(request, pk):
    return _step(request, pk, "submit")


@require_perm(P.REVIEW)
def adjustment_approve(request, pk):
    return _step(request, pk, "approve")


@require_perm(P.REVIEW)
def adjustment_return(request, pk):
    return _step(request, pk, "return")


# Versions ------------------------------------------------------------------------------------

@require_perm(P.VIEW)
def version_list(request):
    return register_page(request, filterset_class=filters.VersionFilter, queryset=selectors.version_list(),
                         template="powers/version_list.html",
                         context={"may": list_versions.can_all(request.user, ["publish"])})


@require_perm(P.PUBLISH)
def version_publish(request):
    form = forms.PublishForm(request.POST or None, initial={"published_on": clock.today()})
    return form_page(
        request, form, save=lambda d: services.version_publish(actor=request.user, **d), title="公布清单版本",
        cancel=reverse("powers:version_list"), submit="公布", danger=True,
        done=lambda version: reverse("powers:version_detail") + f"?v={version.pk}",
        success=lambda version: f"已公布“{version.title}”，共 {version.item_count} 项。",
        warning="公布后该版本的内容不能再修改或删除，公众可在门户网站查看。",
        confirm="公布后该版本的内容不能再修改或删除。确定公布吗？")


def _changelog(version):
    previous = selectors.previous_version(version)
    comparison = selectors.versions_compare(previous, version) if previous else None
    return previous, comparison, selectors.adjustments_between(previous, version)


@require_perm(P.VIEW)
def version_detail(request):
    try:
        version = selectors.version_get(request.GET.get("v", ""))
    except NotFound as e:
        raise Http404(e.message) from e
    previous, comparison, adjustments_ = _changelog(version)
    return render(request, "powers/version_detail.html", {
        "version": version, "previous": previous, "cmp": comparison, "adjustments": adjustments_,
        "units": selectors.version_units(version), "categories": _category_rows(selectors.version_categories(version))})


def _category_rows(counts):
    return [(label, counts.get(value, 0)) for value, label in PowerCategory.choices if counts.get(value)]


def _compare(request, template, base):
    all_versions = list(selectors.versions())
    a, b = request.GET.get("a", "")[:20], request.GET.get("b", "")[:20]
    cmp = None
    error = ""
    if a and b:
        try:
            va, vb = selectors.version_get(a), selectors.version_get(b)
        except NotFound as e:
            error = e.message
        else:
            if va.published_on > vb.published_on:
                va, vb = vb, va
            cmp = selectors.versions_compare(va, vb)
    elif len(all_versions) >= 2:
        a, b = str(all_versions[1].pk), str(all_versions[0].pk)
    return render(request, template, {"versions": all_versions, "cmp": cmp, "a": a, "b": b, "error": error,
                                      "base": base})


@require_perm(P.VIEW)
def version_compare(request):
    return _compare(request, "powers/version_compare.html", "layouts/app.html")


# Legal-basis impact ----------------------------------------------------------------------------

@require_perm(P.VIEW)
def law_list(request):
    if request.method == "POST":  # the marking form used to sit on this page
        return law_mark(request)
    return register_page(request, filterset_class=filters.LawChangeFilter, queryset=selectors.law_changes(),
                         template="powers/law_list.html",
                         context={"may": laws.can_all(request.user, ["mark"]),
                                  "flags": selectors.flags_open(user=request.user)[:200]})


@require_perm(P.MARK_LAW)
def law_mark(request):
    form = forms.LawChangeForm(request.POST or None)
    return form_page(request, form, save=lambda d: services.law_change_mark(actor=request.user, **d),
                     title="标记法律法规修改、废止", cancel=reverse("powers:law_list"),
                     done=lambda _: reverse("powers:law_list"), submit="标记并查找引用事项",
                     success=lambda change: f"已标记{change}，{change.flag_count} 个事项被列为待调整。",
                     confirm="标记后，引用该法律法规的事项将被列为待调整。确定标记吗？")


@require_perm(P.EDIT)
def flag_resolve(request, pk):
    flag = flags.get(request.user, pk, qs=selectors.flag_records(), action="resolve")
    url = reverse("powers:item_detail", args=[flag.item_id])
    refusal = flags.refusal(request.user, "resolve", flag)
    if refusal:
        return _refused(request, refusal, url)
    form = forms.ResolveForm(request.POST or None)
    return form_page(request, form,
                     save=lambda d: services.flag_resolve(actor=request.user, flag=flag, resolution=d["resolution"]),
                     title=f"确认无需调整：{flag.item.code}（{flag.law_change}）", submit="确认", cancel=url,
                     done=lambda _: url, success="已处理。")


# Approval catalogue ----------------------------------------------------------------------------

def _export_approvals(rows):
    return sheets.export_workbook(approval_sheet(), rows)


@require_perm(P.VIEW)
def approval_list(request):
    return register_page(
        request, filterset_class=filters.ApprovalFilter, queryset=selectors.approval_list(user=request.user),
        template="powers/approval_list.html", export=_export_approvals, export_name="行政审批事项目录",
        context={"may": approvals.can_all(request.user, ["create", "adjust"])})


@require_perm(P.MANAGE_APPROVALS)
def approval_create(request):
    units = selectors.editable_units(user=request.user)
    form = forms.ApprovalForm(request.POST or None, units=units)

    def save(data):
        data = dict(data)
        code = data.pop("power_item")
        power_item = None
        if code:
            power_item = PowerItem.objects.filter(code=code.strip()).first()
            if power_item is None:
                raise DomainError("没有这个职权编码。", field="power_item")
        return services.approval_item_add(actor=request.user, power_item=power_item, **data)

    return form_page(request, form, save=save, title="新增行政审批事项", cancel=reverse("powers:approval_list"),
                     done=lambda _: reverse("powers:approval_list"), success="已列入审批事项目录。")


@require_perm(P.MANAGE_APPROVALS)
def approval_adjust(request, pk):
    item = approvals.get(request.user, pk, qs=selectors.approval_list(user=request.user), action="adjust")
    url = reverse("powers:approval_list")
    refusal = approvals.refusal(request.user, "adjust", item)
    if refusal:
        return _refused(request, refusal, url)
    form = forms.ApprovalAdjustForm(request.POST or None)
    return form_page(request, form, save=lambda d: services.approval_item_adjust(actor=request.user, item=item, **d),
                     title=f"调整审批事项：{item.name}", cancel=url, done=lambda _: url, success="已调整。",
                     history=item.changes.all(), confirm="取消或下放后该事项不再由本县实施，确定吗？")


# Public pages (no login) -------------------------------------------------------------------------

def public_list(request):
    version = selectors.current_version()
    if version is None:
        return render(request, "powers/public_list.html", {"version": None})
    fs = filtered(request, filterset_class=filters.PublicEntryFilter, queryset=selectors.version_entries(version),
                  version=version)
    rows = fs.qs
    unit = fs.form.cleaned_data.get("unit") if fs.is_bound else None
    return render(request, "powers/public_list.html", {"upcoming": selectors.upcoming_version(),
        "version": version, "filter": fs, "filter_form": fs.form, "page": paginate(request, rows),
        "units": selectors.version_units(version),
        "category_counts": _category_rows(selectors.version_categories(version, unit.pk if unit else None))})


def public_item(request):
    try:
        if request.GET.get("code") and not request.GET.get("id"):
            entry = selectors.current_entry_by_code(request.GET["code"][:60])
        else:
            entry = selectors.entry_get(request.GET.get("id", ""))
    except NotFound:
        return render(request, "powers/public_item.html", {"entry": None},
                      status=404 if request.GET.get("id") or request.GET.get("code") else 200)
    return render(request, "powers/public_item.html", {"entry": entry,
                                                       "is_current": entry.version == selectors.current_version()})


def public_changes(request):
    version = None
    if request.GET.get("v"):
        try:
            version = selectors.version_get(request.GET["v"])
        except NotFound as e:
            raise Http404(e.message) from e
    version = version or selectors.current_version()
    previous, comparison, adjustments_ = _changelog(version) if version else (None, None, [])
    return render(request, "powers/public_changes.html", {
        "version": version, "previous": previous, "cmp": comparison, "adjustments": adjustments_,
        "versions": selectors.versions()})


def public_compare(request):
    return _compare(request, "powers/public_compare.html", "layouts/public.html")
