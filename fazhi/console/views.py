"""The workbench, the audit trail, the holiday table and the rule parameters."""
import datetime

from django.apps import apps as django_apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import clock, rules, selectors, services, workdays
from fazhi.core.errors import DomainError
from fazhi.core.models import CalendarDay
from fazhi.core.registers import register_page
from fazhi.core.registry import collect_alerts, todos_for_request
from fazhi.core.web import form_error, require_perm
from fazhi.orgs import selectors as org_selectors
from fazhi.orgs.builtin_roles import Perm

from .filters import AuditFilter
from .forms import YEAR_MAX, YEAR_MIN, CalendarDayForm, CalendarYearForm

#: the workbench's filters (``?period=``): due this week or this month (overdue included), or overdue only
PERIODS = {"week": "本周到期", "month": "本月到期", "overdue": "已逾期"}


def _period_end(period, today):
    if period == "week":
        return today + datetime.timedelta(days=6 - today.weekday())
    if period == "month":
        return (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
    return None


def _todo_rows(todos, today, period):
    """The to-dos of ``period`` (this week or month, overdue included; or overdue only), soonest first, each
    marked overdue and provisional (one calendar for all)."""
    cal = workdays.Calendar()
    end = _period_end(period, today)
    rows = []
    for todo in todos:
        overdue = todo.due is not None and todo.due < today
        if period == "overdue" and not overdue:
            continue
        if end is not None and (todo.due is None or todo.due > end):
            continue
        rows.append({"todo": todo, "overdue": overdue,
                     "provisional": todo.due is not None and not cal.knows(todo.due.year)})
    return rows


@login_required
def workbench(request):
    user = request.user
    today = clock.today()
    period = request.GET.get("period", "")
    if period and period not in PERIODS:
        messages.warning(request, "筛选条件无效，已显示全部待办。")
        period = ""
    todos, failed_todos = todos_for_request(request, today)
    alerts, failed = collect_alerts(user, today)
    grants = user.grants.select_related("role", "unit")
    return render(request, "console/workbench.html", {
        "today": today, "todos": _todo_rows(todos, today, period), "todo_total": len(todos),
        "overdue_total": sum(1 for t in todos if t.due is not None and t.due < today),
        "periods": PERIODS, "period": period, "period_label": PERIODS.get(period, ""), "alerts": alerts, "failed_checks": [*failed_todos, *failed],
        "grants": grants,
    })


@require_perm(Perm.VIEW_AUDIT)
def audit_list(request):
    return register_page(request, filterset_class=AuditFilter, queryset=selectors.audit_list(user=request.user),
                         filterset_kwargs={"units": org_selectors.unit_choices(user=request.user, active=False)},
                         template="console/audit_list.html")


@require_perm(Perm.MANAGE_CALENDAR)
def calendar(request):
    today = clock.today()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    if not YEAR_MIN <= year <= YEAR_MAX:  # an old bookmark or a crawler: show this year, never an error
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
                    entry = services.calendar_year_confirm(actor=request.user, **form.cleaned_data)
                    moved = entry.moved
                    messages.success(request, f"已确认{entry.year}年的节假日安排。" + (
                        f"已按该安排重新计算期限：{len(moved)}项期限变动，已通知"
                        f"{len({m.unit.pk for m in moved if m.unit is not None})}个相关单位。"
                        if moved else "已按该安排重新计算期限，没有期限变动。"))
                return redirect(f"{request.path}?year={year}")
            except DomainError as e:
                form_error(form, e)
    cal = workdays.Calendar()
    known = [y for y in range(today.year - 1, today.year + 3)]
    provisional = not cal.knows(year)
    return render(request, "console/calendar.html", {
        "year": year, "days": selectors.calendar_days(year=year), "day_form": day_form, "year_form": year_form,
        "years": [{"year": y, "known": cal.knows(y)} for y in known],
        "office_years": selectors.calendar_years(),
        "provisional": provisional,
        "provisional_days": sorted(cal.rest_days(year).items()) if provisional else [],
        "holiday_law": workdays.holiday_law_for(year),
        "recent_changes": selectors.deadline_changes(user=request.user, year=year)[:200],
    })


@require_perm(Perm.MANAGE_CALENDAR)
@require_POST
def calendar_day_remove(request, pk):
    day = get_object_or_404(CalendarDay, pk=pk)
    services.calendar_day_remove(actor=request.user, day=day)
    messages.success(request, f"已删除 {day.date:%Y-%m-%d} 的设置。")
    return redirect(f"{redirect('console:calendar').url}?year={day.date.year}")


def _module_name(module):
    """A module's Chinese name (its app's ``verbose_name``) for the 规则参数 page's headings."""
    try:
        return str(django_apps.get_app_config(module).verbose_name)
    except LookupError:
        return "其他"


def _shown(value):
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


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
            return redirect("console:rule_settings")
        except KeyError:
            messages.error(request, "未知的规则参数。")
        except DomainError as e:
            error_key, error = key, e.message
    groups = {}
    for s in rules.specs().values():
        value = rules.get_setting(s.key)
        groups.setdefault(_module_name(s.module), []).append({
            "spec": s, "value": _shown(value), "default": _shown(s.default),
            "error": error if s.key == error_key else None,
            "typed": request.POST.get("value") if s.key == error_key else None,
        })
    return render(request, "console/rule_settings.html", {"groups": groups})


def ping(request):
    """The trivial endpoint: no database query, no template. The exam benchmark compares the save-answer
    throughput at saturation with this one on the same server (what the server can do at all)."""
    from django.http import HttpResponse

    return HttpResponse(b"ok", content_type="text/plain")


def healthz(request):
    """For the reverse proxy and monitoring: 200 when the installation can serve, 503 with what failed."""
    from django.http import JsonResponse

    from fazhi.core import health

    result = health.report()
    return JsonResponse(result, status=200 if result["ok"] else 503, json_dumps_params={"ensure_ascii": False})
