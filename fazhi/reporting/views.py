"""Pages of the annual report, the dashboard and the alerts centre. Thin: a form, a selector or service, a page."""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from fazhi.core import clock
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.registers import register_page
from fazhi.core.registry import alert_providers
from fazhi.core.web import download_response, form_error, paginate, require_perm, xlsx_response
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from . import filters, forms, selectors, services
from .permissions import ReportingPerm
from .policies import ReportPolicy
from .spreadsheets import export_alerts, export_figure_rows, export_reports
from .workflows import REPORT_WORKFLOW

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _report_units(user, *, write=False):
    qs = OrgUnit.objects.filter(kind__in=services.REPORTING_KINDS, is_active=True)
    if write:
        return scope.changeable(user, qs, perm=ReportingPerm.MANAGE_REPORT).order_by("path")
    return scope.visible(user, qs, perm=ReportingPerm.VIEW_REPORT).order_by("path")


# Reports -------------------------------------------------------------------------------------

REPORTS = ReportPolicy()


@require_perm(ReportingPerm.VIEW_REPORT)
def report_list(request):
    return register_page(
        request, filterset_class=filters.ReportFilter, queryset=selectors.report_list(user=request.user),
        filterset_kwargs={"units": _report_units(request.user)}, template="reporting/report_list.html",
        export=export_reports, export_name="年度报告", decorate=selectors.mark_deadlines,
        context={"may": REPORTS.can_all(request.user, ["create"])})


@require_perm(ReportingPerm.MANAGE_REPORT)
def report_create(request):
    units = _report_units(request.user, write=True)
    year, unit = request.GET.get("year", ""), request.GET.get("unit", "")
    initial = {"year": int(year) if year.isdecimal() and 2000 <= int(year) <= 2100 else clock.today().year - 1,
               "unit": unit if unit.isdecimal() else None}
    form = forms.ReportCreateForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(actor=request.user, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "已根据平台指标生成报告初稿，请修改数字以外的文字。")
            return redirect(report)
    return render(request, "core/form.html", {"form": form, "title": "起草年度报告", "submit": "生成初稿",
                                              "cancel": "/reports/"})


def _timeline(user, report):
    from fazhi.core.audit_events import label_for
    from fazhi.core.selectors import audit_list

    if not REPORTS.can_on(user, "history", report):
        return None
    entries = audit_list(user=user, filters={}).filter(object_type="reporting.Report", object_id=str(report.pk))[:50]
    return [{"at": e.at, "actor": e.actor_name, "label": label_for(e.event_name), "changes": e.changes}
            for e in entries]


@require_perm(ReportingPerm.VIEW_REPORT)
def report_detail(request, pk):
    report = selectors.report_get(user=request.user, pk=pk)
    cells = selectors.report_cells(report)
    report._cells = cells  # the publish guard reuses the comparison made for the page
    sections = [(s, heading, selectors.render_html(s.body, cells))
                for s, heading in selectors.numbered_headings(selectors.sections_of(report))]
    submit_by, publish_by = services.deadlines(report.year)
    return render(request, "reporting/report_detail.html", {
        "report": report, "sections": sections, "cells": sorted(cells.values(), key=lambda c: c.key),
        "changed": selectors.changed_cells(cells), "actions": REPORTS.buttons(request.user, report),
        "refusals": _refusals(request.user, report), "may": REPORTS.may(request.user, report),
        "submit_by": submit_by, "publish_by": publish_by, "history": _timeline(request.user, report),
        "can_pdf": selectors.soffice_path() is not None,
    })


def _refusals(user, report):
    """Why a next step is not available yet (shown to those who could otherwise take it)."""
    if not user.has_perm(ReportingPerm.MANAGE_REPORT):
        return []
    out = []
    for t in REPORT_WORKFLOW.next_steps(report):
        if t.guard is not None:
            reason = REPORT_WORKFLOW.refusal(user, report, t.action)
            if reason:
                out.append({"label": t.label, "reason": reason})
    return out


@require_perm(ReportingPerm.MANAGE_REPORT)
def report_edit(request, pk):
    report = selectors.report_get(user=request.user, pk=pk)
    numbered = selectors.numbered_headings(selectors.sections_of(report))
    initial = {"title": report.title, "withheld": report.withheld, "withheld_note": report.withheld_note,
               "signing_organ": report.signer, "signed_on": report.signed_on}
    form = forms.ReportEditForm(request.POST or None, sections=numbered, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update(actor=request.user, report=report, title=form.cleaned_data["title"],
                                   bodies=form.bodies(), withheld=form.cleaned_data["withheld"],
                                   withheld_note=form.cleaned_data["withheld_note"],
                                   signing_organ=form.cleaned_data["signing_organ"],
                                   signed_on=form.cleaned_data["signed_on"])
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "已保存。")
            return redirect(report)
    cells = selectors.snapshots_of(report)
    for c in cells:  # the editor names each figure as the office writes it: {{县直单位}}
        c.name = form.names.get(c.key, c.label)
    return render(request, "reporting/report_edit.html", {"report": report, "form": form, "cells": cells})


@require_perm(ReportingPerm.MANAGE_REPORT)
def report_refresh(request, pk):
    report = selectors.report_get(user=request.user, pk=pk)  # out of scope: 404 before anything else
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.report_refresh(actor=request.user, report=report)
        messages.success(request, "已按当前记录重新取数。")
    except DomainError as e:
        messages.error(request, e.message)
    return redirect(report)


@require_perm(ReportingPerm.MANAGE_REPORT)
def report_action(request, pk, action):
    report = selectors.report_get(user=request.user, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if action not in services.ACTIONS:
        raise Http404()
    try:
        services.ACTIONS[action](actor=request.user, report=report)
        messages.success(request, f"已{REPORT_WORKFLOW.transition(action).label}。")
    except DomainError as e:
        messages.error(request, e.message)
    return redirect(report)


@require_perm(ReportingPerm.MANAGE_REPORT)
def report_withdraw(request, pk):
    report = selectors.report_get(user=request.user, pk=pk)
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_withdraw(actor=request.user, report=report, reason=form.cleaned_data["reason"])
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "已退回修改。")
            return redirect(report)
    return render(request, "core/form.html", {"form": form, "title": f"退回修改：{report.title}", "submit": "退回修改",
                                              "cancel": report.get_absolute_url()})


def _export(report, fmt):
    data = selectors.report_docx(report)
    if fmt == "pdf":
        data = selectors.docx_to_pdf(data)
        if data is None:
            raise Http404("本服务器未安装 LibreOffice，无法导出 PDF。")
        return download_response(data, "application/pdf", f"{report.title}.pdf")
    return download_response(data, DOCX, f"{report.title}.docx")


def _public_export(report, fmt):
    """The public downloads: the masked copies rendered once at publication."""
    data = bytes(report.public_pdf or b"") if fmt == "pdf" else bytes(report.public_docx or b"")
    if not data:
        raise Http404("该报告没有此格式的公开文本。")
    if fmt == "pdf":
        return download_response(data, "application/pdf", f"{report.title}.pdf")
    return download_response(data, DOCX, f"{report.title}.docx")


@require_perm(ReportingPerm.VIEW_REPORT)
def report_export(request, pk, fmt):
    if fmt not in ("docx", "pdf"):
        raise Http404()
    report = selectors.report_get(user=request.user, pk=pk)
    return _export(report, fmt)


# Public site ---------------------------------------------------------------------------------

def public_report_list(request):
    return render(request, "reporting/public_report_list.html", {"reports": selectors.public_reports()})


def public_report_view(request):
    """One published report (``?id=``), from its frozen figures only; ``export=docx`` downloads it."""
    pk = request.GET.get("id", "")
    if not pk:
        report = selectors.public_reports().first()
    else:
        try:
            if not pk.isdecimal() or int(pk) >= 2**63:
                raise ValueError(pk)
            report = selectors.public_report_get(int(pk))
        except (ValueError, NotFound):
            raise Http404("报告不存在或尚未公开。") from None
    if report is not None and request.GET.get("export") in ("docx", "pdf"):
        return _public_export(report, request.GET["export"])
    sections = []
    if report is not None:
        cells = selectors.report_cells(report, check_changes=False)
        sections = [(s, heading, selectors.render_html(s.body, cells, links=False, mask=True))
                    for s, heading in selectors.numbered_headings(selectors.sections_of(report))]
    return render(request, "reporting/public_report.html", {"report": report, "sections": sections})


# Dashboard -----------------------------------------------------------------------------------

@require_perm(ReportingPerm.VIEW_DASHBOARD)
def dashboard(request):
    form = forms.DashboardForm(request.GET or None)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    raw_unit = request.GET.get("unit") or ""
    try:
        unit_id = int(raw_unit) if raw_unit.isdecimal() and int(raw_unit) < 2**63 else (None if not raw_unit else -1)
        if unit_id == -1:
            raise ValueError(raw_unit)
        if not year:  # the current year, or the latest year with records
            _unit, unit_ids = selectors.dashboard_scope(user=request.user, unit_id=unit_id)
            year = selectors.default_year(unit_ids=unit_ids)
            form = forms.DashboardForm(initial={"year": year})
        data = selectors.dashboard_data(user=request.user, year=year, unit_id=unit_id)
    except ValueError:
        raise Http404("单位不存在或不在您的查看范围内。") from None
    except NotFound as e:
        raise Http404(e.message) from e
    charts = [*[h.chart for h in data["headlines"]], *data["charts"], *data["trends"], *data["rankings"],
              data["severity_chart"]]
    # the unit picker is a plain loop (hundreds of units): Django's Select widget renders each option
    # through a template, which costs more than the whole dashboard's figures
    return render(request, "reporting/dashboard.html", {
        "form": form, "year": year, "data": data, "charts": charts, "chart_data": {"charts": charts},
        "units": selectors.dashboard_units(user=request.user).values_list("pk", "name", "depth"),
        "unit_id": unit_id,
    })


# Alerts centre -------------------------------------------------------------------------------

@require_perm(ReportingPerm.VIEW_ALERTS)
def alert_list(request):
    today = clock.today()
    collected = selectors.alerts_for(user=request.user, today=today)  # every provider runs once per page
    rows = collected[0]
    modules = sorted({selectors.module_of(k) for k in alert_providers()})
    units = sorted({(str(r.unit_id), r.unit_name) for r in rows if r.unit_id is not None}, key=lambda u: u[1])
    form = forms.AlertFilterForm(request.GET or None, modules=[(m, selectors.module_label(m)) for m in modules],
                                 units=units)
    filters = {}
    if form.is_bound:
        if form.is_valid():
            filters = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        else:
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else "筛选条件"
                messages.warning(request, f"已忽略无效的筛选条件——{label}：{'；'.join(errors)}")
            filters = {k: v for k, v in getattr(form, "cleaned_data", {}).items() if v not in (None, "")}
    sort = request.GET.get("sort", "")
    if sort in selectors.ALERT_SORTS:
        filters["sort"] = sort
    rows, failures = selectors.alert_list(user=request.user, today=today, filters=filters, collected=collected)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(export_alerts(rows), f"预警提醒_{today:%Y%m%d}.xlsx")
    return render(request, "reporting/alert_list.html", {
        "filter_form": form, "page": paginate(request, rows), "failed_checks": failures, "today": today,
        "total": len(rows),
    })


# Figure definitions (指标口径说明) ------------------------------------------------------------

@require_perm(ReportingPerm.VIEW_DASHBOARD)
def figure_definitions(request):
    """Every registered figure's definition: what it counts, by which year, imported records, rounding."""
    from fazhi.core import numbers
    from fazhi.core.registry import figures

    groups = {}
    for figure in figures().values():
        module = selectors.module_of(figure.key)
        groups.setdefault(module, {"label": selectors.module_label(module), "figures": []})
        groups[module]["figures"].append(figure)
    return render(request, "reporting/figure_definitions.html", {
        "groups": list(groups.values()), "rounding_rule": numbers.RULE_TEXT,
        "approx_rule": selectors.prose.RULE_TEXT})


# A figure's counted records (the shared drill-down) ------------------------------------------------

def _int_param(request, name):
    raw = (request.GET.get(name) or "").strip()
    return int(raw) if raw.isdecimal() and len(raw) <= 9 else None


@require_perm(ReportingPerm.VIEW_DASHBOARD)
def figure_records(request):
    """Exactly the records a figure counted for a year (and the reader's scope or a chosen unit's tree):
    ``?key=<figure>&year=<year>[&unit=<id>]``."""
    key = (request.GET.get("key") or "")[:100]
    year = _int_param(request, "year")
    if year is None or not 2000 <= year <= 2100:
        if request.GET.get("year"):
            messages.warning(request, "年度无效，已显示本年度。")
        year = clock.today().year
    unit_id = _int_param(request, "unit")
    try:
        data = selectors.figure_rows(user=request.user, key=key, year=year, unit_id=unit_id)
    except NotFound as e:
        raise Http404(e.message) from e
    if request.GET.get("export") == "xlsx":
        return xlsx_response(export_figure_rows(data), f"{data.figure.label}_{year}.xlsx")
    page = paginate(request, data.rows)
    items = [(obj, data.unit_of(obj), data.amount_of(obj) if data.amount_field else None) for obj in page]
    return render(request, "reporting/figure_records.html", {"data": data, "page": page, "items": items})
