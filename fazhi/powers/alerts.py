"""Compliance checks of the power lists: changed legal bases, reviews waiting too long, unpublished lists."""
from django.urls import reverse

from fazhi.core import clock, workdays
from fazhi.core.errors import CalendarMissing
from fazhi.core.registry import Alert, register_alert
from fazhi.core.rules import get_setting
from fazhi.orgs import scope

from .choices import AdjustmentStatus
from .models import ItemFlag, ListAdjustment, ListVersionEntry, PowerItemVersion
from .permissions import PowersPerm


def flagged_items(user, today):
    if user is None or not user.has_perm(PowersPerm.VIEW):
        return []
    flags = scope.visible(user, ItemFlag.objects.filter(resolved_at__isnull=True), perm=PowersPerm.VIEW)
    alerts = []
    for unit_id, unit_name, n in _per_unit(flags):
        alerts.append(Alert(rule="《关于推行地方各级政府工作部门权力清单制度的指导意见》（中办发〔2015〕21号）：法律法规立改废后应及时调整权责清单", severity="warning",
                            title=f"{unit_name}有 {n} 个事项所引依据已修改或废止，待调整", unit=unit_name, count=n,
                            link=f"{reverse('powers:item_list')}?flagged=1&unit={unit_id}"))
    return alerts


def _per_unit(qs):
    from django.db.models import Count

    return list(qs.values_list("item__unit_id", "item__unit__name").annotate(n=Count("id")).order_by("item__unit__name"))


def reviews_waiting(user, today):
    if user is None or not user.has_perm(PowersPerm.VIEW):
        return []
    days = get_setting("powers.review_days")
    waiting = scope.visible(user, ListAdjustment.objects.filter(status=AdjustmentStatus.SUBMITTED),
                            perm=PowersPerm.VIEW).select_related("unit")
    alerts = []
    cal = workdays.Calendar()  # one snapshot of the holiday table for every adjustment
    for adj in waiting[:200]:
        try:
            due = cal.add_working_days(clock.local(adj.submitted_at).date(), days)
        except CalendarMissing:
            continue
        if due < today:
            alerts.append(Alert(rule=f"提交的动态调整应在 {days} 个工作日内审核（规则参数）", severity="overdue",
                                title=f"“{adj.title}”（{adj.unit.name}）提交后超过 {days} 个工作日未审核",
                                unit=adj.unit.name, due=due,
                                link=reverse("powers:adjustment_detail", args=[adj.pk])))
    return alerts


def never_published(user, today):
    if user is None or not user.has_perm(PowersPerm.VIEW):
        return []
    current = scope.visible(user, PowerItemVersion.objects.in_force_on(today), perm=PowersPerm.VIEW)
    units = dict(current.values_list("item__unit_id", "item__unit__name").distinct())
    published = set(ListVersionEntry.objects.filter(unit_id__in=list(units)).values_list("unit_id", flat=True)
                    .distinct())
    return [Alert(rule="《关于推行地方各级政府工作部门权力清单制度的指导意见》（中办发〔2015〕21号）：各部门权责清单应向社会公布", severity="info",
                  title=f"{name}的权责清单尚未随任何版本公布", unit=name, link=reverse("powers:version_list"))
            for unit_id, name in sorted(units.items(), key=lambda kv: kv[1]) if unit_id not in published]


register_alert("powers.flagged_items", label="依据已修改或废止的权责事项", check=flagged_items)
register_alert("powers.reviews_waiting", label="动态调整审核逾期", check=reviews_waiting)
register_alert("powers.never_published", label="权责清单从未公布", check=never_published)
