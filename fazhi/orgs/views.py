"""Pages for sign-in, units, users and the login log. Thin: a form, one service or selector, a page."""
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError
from fazhi.core.registers import register_page
from fazhi.core.web import form_error, form_page, import_page, require_perm, xlsx_response

from . import filters, forms, security, selectors, services
from .builtin_roles import Perm
from .models import OrgUnit, RoleGrant, User
from .policies import GrantPolicy, UnitPolicy, UserPolicy
from .spreadsheets import export_units, unit_sheet

# Sign-in ------------------------------------------------------------------------------------

def landing_url(user):
    """Where a user lands after signing in: a leader (only read-only roles) on the leaders' dashboard, everyone
    else on the workbench where their to-dos wait."""
    grants = list(user.grants.select_related("role"))
    if grants and all(g.role.read_only for g in grants) and user.has_perm("reporting.view_dashboard"):
        try:
            return reverse("reporting:dashboard")
        except NoReverseMatch:
            pass
    return reverse("console:workbench")


def login_view(request):
    if request.user.is_authenticated:
        return redirect(landing_url(request.user))
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
            return redirect(next_url or landing_url(user))
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
            return redirect("console:workbench")
    return render(request, "core/form.html", {"form": form, "title": "修改密码", "submit": "保存"})


# Units --------------------------------------------------------------------------------------

UNITS, USERS, GRANTS = UnitPolicy(), UserPolicy(), GrantPolicy()


@require_perm(Perm.VIEW_UNITS)
def unit_list(request):
    return register_page(
        request, filterset_class=filters.UnitFilter, queryset=UNITS.visible(request.user, OrgUnit.objects.select_related("parent")),
        template="orgs/unit_list.html", export=export_units, export_name="单位",
        context={"may": UNITS.can_all(request.user, ["create", "import"])})


@require_perm(Perm.VIEW_UNITS)
def unit_detail(request, pk):
    unit = UNITS.get(request.user, pk)
    may = UNITS.may(request.user, unit)
    return render(request, "orgs/unit_detail.html", {
        "unit": unit, "may": may,
        "ancestors": selectors.unit_ancestors(unit=unit),
        "children": selectors.unit_children(user=request.user, unit=unit),
        "history": _unit_history(request.user, unit) if may["history"] else None,
    })


def _unit_history(user, unit):
    from fazhi.core.selectors import audit_list

    return audit_list(user=user, filters={}).filter(object_type="orgs.OrgUnit", object_id=str(unit.pk))[:50]


def _unit_for(request, pk, action):
    unit = UNITS.get(request.user, pk)
    reason = UNITS.refusal(request.user, action, unit)
    if reason:
        raise PermissionDenied(reason)
    return unit


@require_perm(Perm.MANAGE_UNITS)
def unit_create(request):
    parent = request.GET.get("parent", "")
    initial = {"parent": parent} if parent.isdecimal() else None
    form = forms.UnitForm(request.POST or None, user=request.user, initial=initial)
    return form_page(request, form, title="新增单位", cancel=reverse("orgs:unit_list"),
                     save=lambda d: services.unit_create(actor=request.user, **d),
                     success=lambda unit: f"已新增单位“{unit.name}”。",
                     done=lambda unit: reverse("orgs:unit_detail", args=[unit.pk]))


@require_perm(Perm.MANAGE_UNITS)
def unit_edit(request, pk):
    unit = _unit_for(request, pk, "edit")
    initial = {"code": unit.code, "name": unit.name, "short_name": unit.short_name, "kind": unit.kind,
               "sort_order": unit.sort_order}
    form = forms.UnitForm(request.POST or None, user=request.user, editing=True, initial=initial)
    return form_page(request, form, title=f"修改单位：{unit.name}", cancel=reverse("orgs:unit_detail", args=[unit.pk]),
                     save=lambda d: services.unit_update(actor=request.user, unit=unit, name=d["name"],
                                                         short_name=d["short_name"], sort_order=d["sort_order"] or 0,
                                                         kind=d["kind"]),
                     done=lambda _: reverse("orgs:unit_detail", args=[unit.pk]))


@require_perm(Perm.MANAGE_UNITS)
def unit_move(request, pk):
    unit = _unit_for(request, pk, "move")
    form = forms.UnitMoveForm(request.POST or None, user=request.user, initial={"parent": unit.parent_id})
    return form_page(request, form, title=f"调整上级单位：{unit.name}",
                     cancel=reverse("orgs:unit_detail", args=[unit.pk]),
                     save=lambda d: services.unit_move(actor=request.user, unit=unit, new_parent=d["parent"]),
                     success=f"已调整“{unit.name}”的上级单位。", done=lambda _: reverse("orgs:unit_detail", args=[unit.pk]))


@require_perm(Perm.MANAGE_UNITS)
def unit_retire(request, pk):
    unit = _unit_for(request, pk, "retire")
    form = forms.ReasonForm(request.POST or None)
    return form_page(request, form, title=f"撤销单位：{unit.name}", cancel=reverse("orgs:unit_detail", args=[unit.pk]),
                     save=lambda d: services.unit_retire(actor=request.user, unit=unit, reason=d["reason"]),
                     success=f"已撤销“{unit.name}”，其历史记录仍保留。",
                     done=lambda _: reverse("orgs:unit_detail", args=[unit.pk]), submit="确认撤销", danger=True,
                     warning="撤销后该单位不能再新增记录；已有记录和操作历史全部保留，必要时可以恢复。")


@require_perm(Perm.MANAGE_UNITS)
@require_POST
def unit_reactivate(request, pk):
    unit = _unit_for(request, pk, "reactivate")
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
    users = USERS.visible(request.user, User.objects.select_related("unit").prefetch_related("grants__role"))
    return register_page(request, filterset_class=filters.UserFilter, queryset=users, template="orgs/user_list.html",
                         context={"may": USERS.can_all(request.user, ["create"])})


@require_perm(Perm.VIEW_USERS)
def user_detail(request, pk):
    person = USERS.get(request.user, pk, User.objects.select_related("unit"))
    return render(request, "orgs/user_detail.html", {
        "person": person, "may": USERS.may(request.user, person),
        "grants": person.grants.select_related("role", "unit").prefetch_related("custom_units"),
        "lock": security.lock_state(person.username),
    })


def _user_for(request, pk, action):
    person = USERS.get(request.user, pk)
    reason = USERS.refusal(request.user, action, person)
    if reason:
        raise PermissionDenied(reason)
    return person


@require_perm(Perm.MANAGE_USERS)
def user_create(request):
    form = forms.UserCreateForm(request.POST or None, user=request.user)

    def save(d):
        d = dict(d)
        return services.user_create(actor=request.user, role_code=d.pop("role"), **d)

    return form_page(request, form, title="新增用户", cancel=reverse("orgs:user_list"), save=save,
                     success=lambda person: f"已新增用户“{person.full_name}”。",
                     done=lambda person: reverse("orgs:user_detail", args=[person.pk]))


@require_perm(Perm.MANAGE_USERS)
def user_grant(request, pk):
    person = _user_for(request, pk, "grant")
    form = forms.GrantForm(request.POST or None, user=request.user, initial={"unit": person.unit_id})
    return form_page(request, form, title=f"授予角色：{person.full_name}", submit="授予",
                     cancel=reverse("orgs:user_detail", args=[pk]),
                     save=lambda d: services.role_grant(actor=request.user, user=person, role_code=d["role"],
                                                        unit=d["unit"], scope=d["scope"],
                                                        custom_units=list(d["custom_units"]), post=d["post"]),
                     success="已授予角色。", done=lambda _: reverse("orgs:user_detail", args=[person.pk]))


@require_perm(Perm.MANAGE_USERS)
@require_POST
def grant_revoke(request, pk):
    grant = GRANTS.get(request.user, pk, RoleGrant.objects.select_related("user", "role"), action="revoke")
    user_pk = grant.user_id
    services.role_revoke(actor=request.user, grant=grant)
    messages.success(request, "已撤销该角色。")
    return redirect("orgs:user_detail", pk=user_pk)


@require_perm(Perm.MANAGE_USERS)
@require_POST
def user_unlock(request, pk):
    person = _user_for(request, pk, "unlock")
    services.user_unlock(actor=request.user, user=person, ip=security.client_ip(request))
    messages.success(request, f"已解除“{person.full_name}”的账户锁定。")
    return redirect("orgs:user_detail", pk=person.pk)


@require_perm(Perm.VIEW_AUDIT)
def login_log(request):
    entries = selectors.login_log_list(user=request.user)
    return register_page(request, filterset_class=filters.LoginLogFilter, queryset=entries,
                         template="orgs/login_log.html")
