"""Pages for sign-in, units, users and the login log. Thin: a form, one service or selector, a page."""
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError
from fazhi.core.web import filters_from, form_error, import_page, paginate, require_perm, xlsx_response

from . import forms, scope, security, selectors, services
from .builtin_roles import Perm
from .models import RoleGrant
from .spreadsheets import export_units, unit_sheet

# Sign-in ------------------------------------------------------------------------------------

def login_view(request):
    if request.user.is_authenticated:
        return redirect("core:workbench")
    form = forms.LoginForm(request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST" and form.is_valid():
        try:
            user = security.login_attempt(request=request, username=form.cleaned_data["username"],
                                          password=form.cleaned_data["password"])
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            login(request, user)
            if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
                next_url = ""
            return redirect(next_url or "core:workbench")
    return render(request, "orgs/login.html", {"form": form, "next": next_url})


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        security.logout_record(request=request, user=request.user)
    logout(request)
    messages.info(request, "您已安全退出。")
    return redirect("orgs:login")


@login_required
def password_change(request):
    form = forms.PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_change(actor=request.user, user=request.user,
                                     old_password=form.cleaned_data["old_password"],
                                     new_password=form.cleaned_data["new_password"])
        except DomainError as e:
            form_error(form, e)
        else:
            from django.contrib.auth import update_session_auth_hash

            update_session_auth_hash(request, request.user)
            messages.success(request, "密码已修改。")
            return redirect("core:workbench")
    return render(request, "core/form.html", {"form": form, "title": "修改密码", "submit": "保存"})


# Units --------------------------------------------------------------------------------------

@require_perm(Perm.VIEW_UNITS)
def unit_list(request):
    filter_form = forms.UnitFilterForm(request.GET or None)
    filters = filters_from(request, ["q", "kind", "status", "sort", "under"])
    units = selectors.unit_list(user=request.user, filters=filters)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(export_units(units), f"单位_{timezone.localdate():%Y%m%d}.xlsx")
    return render(request, "orgs/unit_list.html", {
        "filter_form": filter_form, "page": paginate(request, units),
        "can_manage": request.user.has_perm(Perm.MANAGE_UNITS),
    })


@require_perm(Perm.VIEW_UNITS)
def unit_detail(request, pk):
    unit = selectors.unit_get(user=request.user, pk=pk)
    can_manage = request.user.has_perm(Perm.MANAGE_UNITS) and scope.can_change(request.user, unit,
                                                                               perm=Perm.MANAGE_UNITS)
    return render(request, "orgs/unit_detail.html", {
        "unit": unit,
        "ancestors": selectors.unit_ancestors(unit=unit),
        "children": selectors.unit_children(user=request.user, unit=unit),
        "can_manage": can_manage,
        "history": _unit_history(request.user, unit),
    })


def _unit_history(user, unit):
    from fazhi.core.selectors import audit_list

    if not user.has_perm(Perm.VIEW_AUDIT):
        return None
    return audit_list(user=user, filters={}).filter(object_type="orgs.OrgUnit", object_id=str(unit.pk))[:50]


def _changeable_unit(request, pk):
    unit = selectors.unit_get(user=request.user, pk=pk)
    if not scope.can_change(request.user, unit, perm=Perm.MANAGE_UNITS):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("您不能修改该单位。")
    return unit


@require_perm(Perm.MANAGE_UNITS)
def unit_create(request):
    initial = {"parent": request.GET.get("parent")} if request.GET.get("parent") else None
    form = forms.UnitForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(actor=request.user, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, f"已新增单位“{unit.name}”。")
            return redirect("orgs:unit_detail", pk=unit.pk)
    return render(request, "core/form.html", {"form": form, "title": "新增单位", "submit": "保存",
                                              "cancel": reverse("orgs:unit_list")})


@require_perm(Perm.MANAGE_UNITS)
def unit_edit(request, pk):
    unit = _changeable_unit(request, pk)
    initial = {"code": unit.code, "name": unit.name, "short_name": unit.short_name, "kind": unit.kind,
               "sort_order": unit.sort_order}
    form = forms.UnitForm(request.POST or None, user=request.user, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.unit_update(actor=request.user, unit=unit, name=data["name"], short_name=data["short_name"],
                                 sort_order=data["sort_order"] or 0, kind=data["kind"])
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "已保存。")
            return redirect("orgs:unit_detail", pk=unit.pk)
    return render(request, "core/form.html", {"form": form, "title": f"修改单位：{unit.name}", "submit": "保存",
                                              "cancel": reverse("orgs:unit_detail", args=[unit.pk])})


@require_perm(Perm.MANAGE_UNITS)
def unit_move(request, pk):
    unit = _changeable_unit(request, pk)
    form = forms.UnitMoveForm(request.POST or None, user=request.user, initial={"parent": unit.parent_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_move(actor=request.user, unit=unit, new_parent=form.cleaned_data["parent"])
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, f"已调整“{unit.name}”的上级单位。")
            return redirect("orgs:unit_detail", pk=unit.pk)
    return render(request, "core/form.html", {"form": form, "title": f"调整上级单位：{unit.name}", "submit": "保存",
                                              "cancel": reverse("orgs:unit_detail", args=[unit.pk])})


@require_perm(Perm.MANAGE_UNITS)
def unit_retire(request, pk):
    unit = _changeable_unit(request, pk)
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_retire(actor=request.user, unit=unit, reason=form.cleaned_data["reason"])
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, f"已撤销“{unit.name}”，其历史记录仍保留。")
            return redirect("orgs:unit_detail", pk=unit.pk)
    return render(request, "core/form.html", {
        "form": form, "title": f"撤销单位：{unit.name}", "submit": "确认撤销", "danger": True,
        "warning": "撤销后该单位不能再新增记录；已有记录和操作历史全部保留，必要时可以恢复。",
        "cancel": reverse("orgs:unit_detail", args=[unit.pk])})


@require_perm(Perm.MANAGE_UNITS)
@require_POST
def unit_reactivate(request, pk):
    unit = _changeable_unit(request, pk)
    try:
        services.unit_reactivate(actor=request.user, unit=unit)
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, f"已恢复“{unit.name}”。")
    return redirect("orgs:unit_detail", pk=unit.pk)


@require_perm(Perm.MANAGE_UNITS)
def unit_import(request):
    def done(result):
        saved = result.saved or {}
        messages.success(request, f"导入完成：新增 {saved.get('created', 0)} 个单位，更新 {saved.get('updated', 0)} 个单位。")
        return redirect("orgs:unit_list")

    return import_page(request, spec=lambda data: unit_sheet(actor=request.user), title="导入单位",
                       template_url=reverse("orgs:unit_template"), cancel=reverse("orgs:unit_list"), done=done)


@require_perm(Perm.MANAGE_UNITS)
def unit_template(request):
    return xlsx_response(sheets.template_workbook(unit_sheet()), "单位导入模板.xlsx")


# Users --------------------------------------------------------------------------------------

@require_perm(Perm.VIEW_USERS)
def user_list(request):
    filter_form = forms.UserFilterForm(request.GET or None)
    users = selectors.user_list(user=request.user, filters=filters_from(request, ["q", "role", "status", "sort"]))
    return render(request, "orgs/user_list.html", {
        "filter_form": filter_form, "page": paginate(request, users.prefetch_related("grants__role")),
        "can_manage": request.user.has_perm(Perm.MANAGE_USERS),
    })


@require_perm(Perm.VIEW_USERS)
def user_detail(request, pk):
    person = selectors.user_get(user=request.user, pk=pk)
    can_manage = request.user.has_perm(Perm.MANAGE_USERS) and scope.can_change(request.user, person,
                                                                               perm=Perm.MANAGE_USERS)
    return render(request, "orgs/user_detail.html", {
        "person": person,
        "grants": person.grants.select_related("role", "unit").prefetch_related("custom_units"),
        "lock": security.lock_state(person.username),
        "can_manage": can_manage,
    })


def _changeable_user(request, pk):
    person = selectors.user_get(user=request.user, pk=pk)
    if not scope.can_change(request.user, person, perm=Perm.MANAGE_USERS):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("您不能管理该用户。")
    return person


@require_perm(Perm.MANAGE_USERS)
def user_create(request):
    form = forms.UserCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            person = services.user_create(actor=request.user, role_code=data.pop("role"), **data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, f"已新增用户“{person.full_name}”。")
            return redirect("orgs:user_detail", pk=person.pk)
    return render(request, "core/form.html", {"form": form, "title": "新增用户", "submit": "保存",
                                              "cancel": reverse("orgs:user_list")})


@require_perm(Perm.MANAGE_USERS)
def user_grant(request, pk):
    person = _changeable_user(request, pk)
    form = forms.GrantForm(request.POST or None, user=request.user, initial={"unit": person.unit_id})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.role_grant(actor=request.user, user=person, role_code=data["role"], unit=data["unit"],
                                scope=data["scope"], custom_units=list(data["custom_units"]), post=data["post"])
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "已授予角色。")
            return redirect("orgs:user_detail", pk=person.pk)
    return render(request, "core/form.html", {"form": form, "title": f"授予角色：{person.full_name}",
                                              "submit": "授予", "cancel": reverse("orgs:user_detail", args=[pk])})


@require_perm(Perm.MANAGE_USERS)
@require_POST
def grant_revoke(request, pk):
    grant = scope.changeable(request.user, RoleGrant.objects.select_related("user", "role"),
                             perm=Perm.MANAGE_USERS).filter(pk=pk).first()
    if grant is None:
        from django.http import Http404

        raise Http404("记录不存在或无权访问。")
    user_pk = grant.user_id
    services.role_revoke(actor=request.user, grant=grant)
    messages.success(request, "已撤销该角色。")
    return redirect("orgs:user_detail", pk=user_pk)


@require_perm(Perm.MANAGE_USERS)
@require_POST
def user_unlock(request, pk):
    person = _changeable_user(request, pk)
    services.user_unlock(actor=request.user, user=person, ip=security.client_ip(request))
    messages.success(request, f"已解除“{person.full_name}”的账户锁定。")
    return redirect("orgs:user_detail", pk=person.pk)


@require_perm(Perm.VIEW_AUDIT)
def login_log(request):
    filter_form = forms.LoginLogFilterForm(request.GET or None)
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    entries = selectors.login_log_list(user=request.user, filters=filters)
    return render(request, "orgs/login_log.html", {"filter_form": filter_form, "page": paginate(request, entries)})
