"""The workbench, the audit trail and the holiday table."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.orgs import selectors as org_selectors
from fazhi.orgs.builtin_roles import Perm

from . import rules, selectors, services, workdays
from .errors import DomainError
from .forms import AuditFilterForm, CalendarDayForm, CalendarYearForm
from .models import CalendarDay
from .registry import collect_alerts
from .web import form_error, paginate, require_perm


@login_required
def workbench(request):
    user = request.user
    today = timezone.localdate()
    alerts, failed = collect_alerts(user, today)
    grants = user.grants.select_related("role", "unit")
    return render(request, "core/workbench.html", {
        "today": today, "alerts": alerts, "failed_checks": failed, "grants": grants,
    })


@require_perm(Perm.VIEW_AUDIT)
def audit_list(request):
    form = AuditFilterForm(request.GET or None, units=org_selectors.unit_choices(user=request.user, active=False))
    filters = form.cleaned_data if form.is_valid() else {}
    filters = {k: (v.pk if hasattr(v, "pk") else v) for k, v in filters.items() if v}
    entries = selectors.audit_list(user=request.user, filters=filters)
    return render(request, "core/audit_list.html", {"filter_form": form, "page": paginate(request, entries)})


@require_perm(Perm.MANAGE_CALENDAR)
def calendar(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    day_form = CalendarDayForm(request.POST or None if request.POST.get("form") == "day" else None)
    year_form = CalendarYearForm(request.POST or None if request.POST.get("form") == "year" else None,
                                 initial={"year": year})
    if request.method == "POST":
        form = day_form if request.POST.get("form") == "day" else year_form
        if form.is_valid():
            try:
                if form is day_form:
                    services.calendar_day_set(actor=request.user, **form.cleaned_data)
                    messages.success(request, "已保存。")
                else:
                    services.calendar_year_confirm(actor=request.user, **form.cleaned_data)
                    messages.success(request, f"已确认{form.cleaned_data['year']}年的节假日安排。")
                return redirect(f"{request.path}?year={year}")
            except DomainError as e:
                form_error(form, e)
    cal = workdays.Calendar()
    known = [y for y in range(today.year - 1, today.year + 3)]
    return render(request, "core/calendar.html", {
        "year": year, "days": selectors.calendar_days(year=year), "day_form": day_form, "year_form": year_form,
        "years": [{"year": y, "known": cal.knows(y)} for y in known],
        "office_years": selectors.calendar_years(),
    })


@require_perm(Perm.MANAGE_CALENDAR)
@require_POST
def calendar_day_remove(request, pk):
    day = get_object_or_404(CalendarDay, pk=pk)
    services.calendar_day_remove(actor=request.user, day=day)
    messages.success(request, f"已删除 {day.date:%Y-%m-%d} 的设置。")
    return redirect(f"{redirect('core:calendar').url}?year={day.date.year}")




@require_perm(Perm.MANAGE_RULES)
def rule_settings(request):
    error_key, error = None, None
    if request.method == "POST":
        key = request.POST.get("key", "")
        try:
            if request.POST.get("reset"):
                rules.setting_reset(actor=request.user, key=key)
                messages.success(request, f"已恢复默认值：{rules.spec(key).label}。")
            else:
                rules.setting_set(actor=request.user, key=key, raw=request.POST.get("value"))
                messages.success(request, f"已保存：{rules.spec(key).label}。")
            return redirect("core:rule_settings")
        except KeyError:
            messages.error(request, "未知的规则参数。")
        except DomainError as e:
            error_key, error = key, e.message
    groups = {}
    for s in rules.specs().values():
        groups.setdefault(s.module, []).append({
            "spec": s, "value": rules.get_setting(s.key),
            "error": error if s.key == error_key else None,
            "typed": request.POST.get("value") if s.key == error_key else None,
        })
    return render(request, "core/rule_settings.html", {"groups": groups})
