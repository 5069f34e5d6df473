"""Pages of the power lists. Thin: a form checks shape, one service or selector, a page."""
import os
import secrets
import tempfile
import time

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from fazhi.core import spreadsheets as sheets
from fazhi.core import workdays
from fazhi.core.errors import CalendarMissing, DomainError, NotFound
from fazhi.core.rules import get_setting
from fazhi.core.web import filters_from, form_error, import_page, paginate, require_perm, xlsx_response
from fazhi.orgs import scope

from . import forms, realimport, selectors, services
from .choices import AdjustmentKind, AdjustmentStatus, PowerCategory
from .models import PowerItem
from .permissions import PowersPerm as P
from .spreadsheets import export_items, item_sheet
from .workflows import adjustment_workflow

XLSX = sheets.XLSX_CONTENT_TYPE


def _can_edit(user):
    return user.has_perm(P.EDIT) and selectors.editable_units(user=user).exists()


# Items ---------------------------------------------------------------------------------------

@require_perm(P.VIEW)
def item_list(request):
    units = selectors.item_units(user=request.user)
    filter_form = forms.ItemFilterForm(request.GET or None, units=units)
    versions = selectors.current_versions(user=request.user, filters=filters_from(
        request, ["q", "unit", "category", "flagged", "sort"]))
    if request.GET.get("export") == "xlsx":
        return xlsx_response(export_items(versions), f"权责清单_{timezone.localdate():%Y%m%d}.xlsx")
    return render(request, "powers/item_list.html", {
        "filter_form": filter_form, "page": paginate(request, versions), "can_edit": _can_edit(request.user)})


@require_perm(P.VIEW)
def item_detail(request, pk):
    item = selectors.item_get(user=request.user, pk=pk)
    versions = list(item.versions.select_related("line__adjustment").order_by("-valid_from"))
    today = timezone.localdate()
    current = next((v for v in versions if v.valid_from <= today and (v.valid_to is None or v.valid_to > today)),
                   None)
    return render(request, "powers/item_detail.html", {
        "item": item, "versions": versions, "current": current,
        "flags": item.flags.select_related("law_change").order_by("-id"),
        "lines": item.adjustment_lines.select_related("adjustment").order_by("-adjustment__created_at"),
        "can_edit": scope.can_change(request.user, item, perm=P.EDIT) and request.user.has_perm(P.EDIT),
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


def _import_dir():
    """Where an uploaded list waits between its preview and the confirmation (cleared after a day)."""
    path = os.path.join(getattr(settings, "VAR_DIR", tempfile.gettempdir()), "powers-import")
    os.makedirs(path, exist_ok=True)
    cutoff = time.time() - 86400
    for name in os.listdir(path):
        full = os.path.join(path, name)
        if os.path.getmtime(full) < cutoff:
            os.remove(full)
    return path


@require_perm(P.EDIT)
def real_import(request):
    """Upload a department's published list as it is, see the preview, then confirm."""
    units = selectors.editable_units(user=request.user)
    initial = {"unit": request.user.unit_id} if units.filter(pk=request.user.unit_id).exists() else {}
    form = forms.RealImportForm(request.POST or None, request.FILES or None, units=units, initial=initial)
    preview = None
    token = request.POST.get("token", "")
    if request.method == "POST" and request.POST.get("confirm") and token:
        stash = request.session.get("powers_import", {})
        if stash.get("token") != token:
            messages.error(request, "预览已过期，请重新上传文件。")
            return redirect("powers:real_import")
        unit = units.filter(pk=stash["unit"]).first()
        if unit is None:
            raise Http404
        with open(os.path.join(_import_dir(), token), "rb") as fh:
            data = fh.read()
        try:
            preview = realimport.read_workbook(data, filename=stash["filename"], code_prefix=unit.code)
            if preview.blocking:
                raise DomainError("文件中有必须先修正的行：" + "；".join(str(d) for d in preview.blocking[:5]))
            rows = realimport.rows_for_import(preview, unit)
            effective_on = timezone.datetime.fromisoformat(stash["effective_on"]).date()
            saved = services.items_import(actor=request.user, rows=rows, effective_on=effective_on,
                                          title=f"{unit.name}权责清单导入（{stash['filename'][:60]}）",
                                          trigger_document=stash["filename"][:300])
        except DomainError as e:
            messages.error(request, e.message)
            return redirect("powers:real_import")
        os.remove(os.path.join(_import_dir(), token))
        request.session.pop("powers_import", None)
        messages.success(request, f"已生成调整草稿：新增 {saved['add']} 项，变更 {saved['change']} 项。请核对后提交审核。")
        if saved["adjustments"]:
            return redirect("powers:adjustment_detail", pk=saved["adjustments"][0].pk)
        return redirect("powers:item_list")
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.FAZHI_IMPORT_MAX_BYTES:
            form.add_error("file", "文件过大。")
        else:
            data = upload.read()
            unit = form.cleaned_data["unit"]
            try:
                preview = realimport.read_workbook(data, filename=upload.name, code_prefix=unit.code)
            except DomainError as e:
                form_error(form, e)
            else:
                token = secrets.token_hex(16)
                with open(os.path.join(_import_dir(), token), "wb") as fh:
                    fh.write(data)
                effective_on = form.cleaned_data["effective_on"] or timezone.localdate()
                request.session["powers_import"] = {"token": token, "unit": unit.pk, "filename": upload.name,
                                                    "effective_on": effective_on.isoformat()}
    return render(request, "powers/real_import.html", {
        "form": form, "preview": preview, "token": token if preview else "",
        "xls_supported": realimport.xls_supported()})


# Adjustments ---------------------------------------------------------------------------------

def _overdue_ids(adjustments):
    days = get_setting("powers.review_days")
    today = timezone.localdate()
    ids = set()
    for adj in adjustments:
        if adj.status == AdjustmentStatus.SUBMITTED and adj.submitted_at:
            try:
                due = workdays.add_working_days(timezone.localdate(adj.submitted_at), days)
            except CalendarMissing:
                continue
            if due < today:
                ids.add(adj.pk)
    return ids


@require_perm(P.VIEW)
def adjustment_list(request):
    filter_form = forms.AdjustmentFilterForm(request.GET or None)
    qs = selectors.adjustment_list(user=request.user, filters=filters_from(request, ["q", "status", "year", "sort"]))
    if request.GET.get("export") == "xlsx":
        from .spreadsheets import adjustment_sheet

        return xlsx_response(sheets.export_workbook(adjustment_sheet(), qs), f"动态调整_{timezone.localdate():%Y%m%d}.xlsx")
    page = paginate(request, qs)
    return render(request, "powers/adjustment_list.html", {
        "filter_form": filter_form, "page": page, "overdue": _overdue_ids(page), "can_edit": _can_edit(request.user),
        "today": timezone.localdate()})


@require_perm(P.EDIT)
def adjustment_create(request):
    units = selectors.editable_units(user=request.user)
    initial = {"unit": request.user.unit_id} if units.filter(pk=request.user.unit_id).exists() else {}
    form = forms.AdjustmentForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            adj = services.adjustment_create(actor=request.user, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "已新建动态调整，请添加调整事项。")
            return redirect("powers:adjustment_detail", pk=adj.pk)
    return render(request, "core/form.html", {"form": form, "title": "新建动态调整", "submit": "保存",
                                              "cancel": reverse("powers:adjustment_list")})


@require_perm(P.VIEW)
def adjustment_detail(request, pk):
    adj = selectors.adjustment_get(user=request.user, pk=pk)
    editable = (adj.status in services.EDITABLE and request.user.has_perm(P.EDIT)
                and scope.can_change(request.user, adj, perm=P.EDIT))
    from fazhi.core.models import AuditEntry  # the adjustment's timeline is its audit trail

    history = _timeline(AuditEntry.objects.filter(object_type=adj._meta.label, object_id=str(adj.pk)).order_by("seq"))
    lines = adj.lines.select_related("item")
    return render(request, "powers/adjustment_detail.html", {
        "adj": adj, "lines": paginate(request, lines, per_page=50), "editable": editable,
        "actions": adjustment_workflow.available(request.user, adj), "kinds": AdjustmentKind.choices,
        "history": history, "problems": services.line_problems(adj) if adj.status != "approved" else [],
        "reason_form": forms.ReasonForm(), "opinion_form": forms.OpinionForm(), "today": timezone.localdate(),
    })


HISTORY_KEYS = {"status": "状态", "effective_on": "生效日期", "unit": "调整单位", "line": "调整事项", "reason": "理由",
                "applied": "写入清单", "title": "调整名称", "trigger_document": "调整依据文件", "lines": "事项数"}


def _plain(key, value):
    if key == "status":
        return AdjustmentStatus(value).label if value in AdjustmentStatus.values else value
    if key == "applied" and isinstance(value, dict):
        return "，".join(f"{AdjustmentKind(k).label}{n}项" for k, n in value.items() if k in AdjustmentKind.values)
    return "" if value is None else value


def _timeline(entries):
    """Audit entries as the record page's timeline: Chinese event names and field names."""
    from fazhi.core import audit_events

    return [{"at": e.at, "actor_name": e.actor_name, "label": audit_events.label_for(e.event_name),
             "changes": [(HISTORY_KEYS.get(k, k), _plain(k, v[0]), _plain(k, v[1]))
                         for k, v in e.changes.items() if isinstance(v, list) and len(v) == 2]}
            for e in entries]


@require_perm(P.EDIT)
def adjustment_edit(request, pk):
    adj = selectors.adjustment_get(user=request.user, pk=pk)
    if not scope.can_change(request.user, adj, perm=P.EDIT):
        raise Http404
    initial = {"title": adj.title, "reason": adj.reason, "trigger_document": adj.trigger_document,
               "effective_on": adj.effective_on}
    form = forms.AdjustmentForm(request.POST or None, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.adjustment_update(actor=request.user, adjustment=adj, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "已保存。")
            return redirect("powers:adjustment_detail", pk=adj.pk)
    return render(request, "core/form.html", {"form": form, "title": f"修改动态调整：{adj.title}", "submit": "保存",
                                              "cancel": reverse("powers:adjustment_detail", args=[adj.pk])})


@require_perm(P.EDIT)
def line_add(request, pk):
    adj = selectors.adjustment_get(user=request.user, pk=pk)
    if not scope.can_change(request.user, adj, perm=P.EDIT):
        raise Http404
    kind = request.GET.get("kind") or request.POST.get("kind") or AdjustmentKind.ADD
    if kind not in AdjustmentKind.values:
        kind = AdjustmentKind.ADD
    items = []
    initial = {}
    if kind not in services.ADDING:
        current = selectors.current_versions(user=request.user, filters={"unit": adj.unit_id})
        items = [(str(v.item_id), f"{v.item.code} {v.name}") for v in current]
        chosen = request.GET.get("item")
        if chosen and chosen.isdigit():
            v = current.filter(item_id=chosen).first()
            if v is not None:
                initial = {**v.content(), "bases": "\n".join(v.bases_text), "item": chosen}
    form = forms.ContentForm(request.POST or None, kind=kind, items=items, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        item = None
        if data.get("item"):
            item = PowerItem.objects.filter(pk=data["item"], unit_id=adj.unit_id).first()
        note = data.pop("note", "")
        try:
            services.line_add(actor=request.user, adjustment=adj, kind=kind, item=item, code=data.get("code"),
                              content=data, note=note)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "已添加调整事项。")
            return redirect("powers:adjustment_detail", pk=adj.pk)
    return render(request, "powers/line_form.html", {
        "form": form, "adj": adj, "kind": kind, "kind_label": AdjustmentKind(kind).label,
        "kinds": AdjustmentKind.choices})


@require_perm(P.EDIT)
def line_remove(request, pk):
    adj = selectors.adjustment_get(user=request.user, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    line = adj.lines.filter(pk=request.POST.get("line") or 0).first()
    if line is None:
        raise Http404
    try:
        services.line_remove(actor=request.user, line=line)
    except (DomainError, NotFound) as e:
        messages.error(request, e.message)
    else:
        messages.success(request, "已删除该调整事项。")
    return redirect("powers:adjustment_detail", pk=adj.pk)


def _act(request, pk, action):
    adj = selectors.adjustment_get(user=request.user, pk=pk)
    if request.method != "POST":
        return redirect("powers:adjustment_detail", pk=adj.pk)
    try:
        if action == "submit":
            services.adjustment_submit(actor=request.user, adjustment=adj)
            messages.success(request, "已提交法治办审核。")
        elif action == "approve":
            services.adjustment_approve(actor=request.user, adjustment=adj, opinion=request.POST.get("opinion", ""))
            messages.success(request, f"已批准，调整自{adj.effective_on:%Y年%m月%d日}起生效。")
        else:
            services.adjustment_return(actor=request.user, adjustment=adj, reason=request.POST.get("reason", ""))
            messages.success(request, "已退回单位修改。")
    except DomainError as e:
        messages.error(request, e.message)
    return redirect("powers:adjustment_detail", pk=adj.pk)


@require_perm(P.EDIT)
def adjustment_submit(request, pk):
    return _act(request, pk, "submit")


@require_perm(P.REVIEW)
def adjustment_approve(request, pk):
    return _act(request, pk, "approve")


@require_perm(P.REVIEW)
def adjustment_return(request, pk):
    return _act(request, pk, "return")


# Versions ------------------------------------------------------------------------------------

@require_perm(P.VIEW)
def version_list(request):
    return render(request, "powers/version_list.html", {
        "page": paginate(request, selectors.versions()), "can_publish": request.user.has_perm(P.PUBLISH)})


@require_perm(P.PUBLISH)
def version_publish(request):
    form = forms.PublishForm(request.POST or None, initial={"published_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            version = services.version_publish(actor=request.user, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, f"已公布“{version.title}”，共 {version.item_count} 项。")
            return redirect(reverse("powers:version_detail") + f"?v={version.pk}")
    return render(request, "core/form.html", {
        "form": form, "title": "公布清单版本", "submit": "公布", "danger": True,
        "warning": "公布后该版本的内容不能再修改或删除，公众可在门户网站查看。",
        "cancel": reverse("powers:version_list")})


def _changelog(version):
    previous = selectors.previous_version(version)
    comparison = services.versions_compare(previous, version) if previous else None
    return previous, comparison, selectors.adjustments_between(previous, version)


@require_perm(P.VIEW)
def version_detail(request):
    try:
        version = selectors.version_get(request.GET.get("v", ""))
    except NotFound as e:
        raise Http404(e.message) from e
    previous, comparison, adjustments = _changelog(version)
    return render(request, "powers/version_detail.html", {
        "version": version, "previous": previous, "cmp": comparison, "adjustments": adjustments,
        "units": selectors.version_units(version), "categories": _category_rows(selectors.version_categories(version))})


def _category_rows(counts):
    return [(label, counts.get(value, 0)) for value, label in PowerCategory.choices if counts.get(value)]


def _compare(request, template, base):
    all_versions = list(selectors.versions())
    a, b = request.GET.get("a", ""), request.GET.get("b", "")
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
            cmp = services.versions_compare(va, vb)
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
    form = forms.LawChangeForm(request.POST or None)
    can_mark = request.user.has_perm(P.MARK_LAW)
    if request.method == "POST":
        if not can_mark:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied("您没有此功能的权限。")
        if form.is_valid():
            try:
                change = services.law_change_mark(actor=request.user, **form.cleaned_data)
            except DomainError as e:
                form_error(form, e)
            else:
                messages.success(request, f"已标记{change}，{change.flag_count} 个事项被列为待调整。")
                return redirect("powers:law_list")
    return render(request, "powers/law_list.html", {
        "form": form, "can_mark": can_mark, "changes": paginate(request, selectors.law_changes()),
        "flags": selectors.flags_open(user=request.user)[:200]})


@require_perm(P.EDIT)
def flag_resolve(request, pk):
    flag = selectors.flag_get(user=request.user, pk=pk)
    if not scope.can_change(request.user, flag, perm=P.EDIT):
        raise Http404
    form = forms.ResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_resolve(actor=request.user, flag=flag, resolution=form.cleaned_data["resolution"])
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "已处理。")
            return redirect("powers:item_detail", pk=flag.item_id)
    return render(request, "core/form.html", {
        "form": form, "title": f"确认无需调整：{flag.item.code}（{flag.law_change}）", "submit": "确认",
        "cancel": reverse("powers:item_detail", args=[flag.item_id])})


# Approval catalogue ----------------------------------------------------------------------------

@require_perm(P.VIEW)
def approval_list(request):
    items = selectors.approval_list(user=request.user, filters=filters_from(request, ["q", "status", "unit"]))
    if request.GET.get("export") == "xlsx":
        from .spreadsheets import approval_sheet

        return xlsx_response(sheets.export_workbook(approval_sheet(), items), f"行政审批事项目录_{timezone.localdate():%Y%m%d}.xlsx")
    return render(request, "powers/approval_list.html", {
        "filter_form": forms.ApprovalFilterForm(request.GET or None), "page": paginate(request, items),
        "can_manage": request.user.has_perm(P.MANAGE_APPROVALS)})


@require_perm(P.MANAGE_APPROVALS)
def approval_create(request):
    units = selectors.editable_units(user=request.user)
    form = forms.ApprovalForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        code = data.pop("power_item")
        power_item = None
        if code:
            power_item = PowerItem.objects.filter(code=code.strip()).first()
            if power_item is None:
                form.add_error("power_item", "没有这个职权编码。")
        if not form.errors:
            try:
                services.approval_item_add(actor=request.user, power_item=power_item, **data)
            except DomainError as e:
                form_error(form, e)
            else:
                messages.success(request, "已列入审批事项目录。")
                return redirect("powers:approval_list")
    return render(request, "core/form.html", {"form": form, "title": "新增行政审批事项", "submit": "保存",
                                              "cancel": reverse("powers:approval_list")})


@require_perm(P.MANAGE_APPROVALS)
def approval_adjust(request, pk):
    item = selectors.approval_get(user=request.user, pk=pk)
    if not scope.can_change(request.user, item, perm=P.MANAGE_APPROVALS):
        raise Http404
    form = forms.ApprovalAdjustForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.approval_item_adjust(actor=request.user, item=item, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "已调整。")
            return redirect("powers:approval_list")
    return render(request, "core/form.html", {
        "form": form, "title": f"调整审批事项：{item.name}", "submit": "保存",
        "history": item.changes.all(), "cancel": reverse("powers:approval_list")})


# Public pages (no login) -------------------------------------------------------------------------

def public_list(request):
    version = selectors.current_version()
    filters = filters_from(request, ["q", "unit", "category"])
    if filters.get("unit") and not filters["unit"].isdigit():
        filters.pop("unit")
    entries = selectors.version_entries(version, filters=filters) if version else []
    return render(request, "powers/public_list.html", {
        "version": version, "page": paginate(request, entries) if version else None,
        "units": selectors.version_units(version) if version else [],
        "categories": PowerCategory.choices, "filters": filters,
        "category_counts": _category_rows(selectors.version_categories(version, filters.get("unit")))
        if version else []})


def public_item(request):
    try:
        if request.GET.get("code") and not request.GET.get("id"):
            entry = selectors.current_entry_by_code(request.GET["code"])
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
    previous, comparison, adjustments = _changelog(version) if version else (None, None, [])
    return render(request, "powers/public_changes.html", {
        "version": version, "previous": previous, "cmp": comparison, "adjustments": adjustments,
        "versions": selectors.versions()})


def public_compare(request):
    return _compare(request, "powers/public_compare.html", "layouts/public.html")
