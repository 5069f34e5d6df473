"""Checks of the module, limited to what the user may see: coverage gaps and overloaded lawyers, logs waiting
for confirmation, and every legal-aid clock (review, materials, objection, assignment)."""
import datetime

from django.urls import reverse

from fazhi.core.registry import Alert, register_alert
from fazhi.core.rules import get_setting
from fazhi.orgs import scope

from . import aid_rules, policies, selectors
from .choices import AidStatus
from .models import AidApplication
from .permissions import LegalPerm as P


def coverage_gaps(user, today):
    if user is None or not user.has_perm(P.VIEW):
        return []
    rows, overloaded, limit = selectors.coverage(on=today, unit_ids=scope.visible_unit_ids(user, perm=P.VIEW))
    out = []
    gaps = sum(len(r.gaps) for r in rows)
    if gaps:
        out.append(Alert(rule="“一村（社区）一法律顾问”：每个村（社区）都有包联律师", severity="warning", count=gaps,
                         title=f"{gaps}个村（社区）没有包联律师", link=reverse("legal_services:coverage")))
    if overloaded and user.has_perm(P.MANAGE):
        out.append(Alert(rule=f"每名律师包联村（社区）不超过{limit}个", severity="warning", count=len(overloaded),
                         title=f"{len(overloaded)}名律师包联村（社区）超过{limit}个",
                         link=reverse("legal_services:coverage")))
    return out


def logs_unconfirmed(user, today):
    if user is None or not (user.has_perm(P.VIEW) or user.has_perm(P.LOG)):
        return []
    qs = selectors.unconfirmed(user=user, today=today)
    n = qs.count()
    if not n:
        return []
    days = get_setting("legal_services.confirm_days")
    first = qs.order_by("served_on").values_list("served_on", flat=True).first()
    return [Alert(rule="驻村律师服务日志须经村（社区）或乡镇签字确认", severity="warning", count=n,
                  due=first + datetime.timedelta(days=days),
                  title=f"{n}条律师服务日志超过{days}日未确认", link=f"{reverse('legal_services:log_list')}?status=submitted")]


def duty_shortfall(user, today):
    """Last month's villages where a lawyer's confirmed days on site fell short of the county's minimum."""
    if user is None or not user.has_perm(P.MANAGE):
        return []
    last = today.replace(day=1) - datetime.timedelta(days=1)
    rows = [r for r in selectors.duty_check(year=last.year, month=last.month) if r["short"]]
    if not rows:
        return []
    minimum = rows[0]["minimum"]
    return [Alert(rule=f"每名包联律师每月在每个包联村（社区）驻村服务不少于{minimum}天", severity="warning",
                  count=len(rows), title=f"{last.year}年{last.month}月有{len(rows)}个包联村（社区）驻村天数不足{minimum}天",
                  link=f"{reverse('legal_services:duty_check')}?year={last.year}&month={last.month}")]


AID_CLOCKS = [
    (AidStatus.APPLIED, "review_due", "review", "法律援助申请审查"),
    (AidStatus.MATERIALS, "materials_due", "materials", "补充材料期限"),
    (AidStatus.OBJECTED, "objection_due", "objection", "法律援助异议审查"),
    (AidStatus.APPROVED, "assign_due", "assign", "指派承办律师"),
]


def aid_clocks(user, today):
    if user is None or not user.has_perm(P.AID):
        return []
    visible = policies.aid.visible(user, AidApplication.objects.all())
    out = []
    for status, field, which, label in AID_CLOCKS:
        for app in visible.filter(status=status, **{f"{field}__lte": today + datetime.timedelta(days=2)}):
            due = getattr(app, field)
            severity = "overdue" if due < today else "warning"
            out.append(Alert(rule=aid_rules.clock_rule(app, which), severity=severity, due=due, unit=app.unit,
                             title=f"{app.number}：{label}{'已超期' if severity == 'overdue' else '即将到期'}",
                             link=app.get_absolute_url()))
    urgent = [a for a in visible.filter(status__in=(AidStatus.APPLIED, AidStatus.MATERIALS),
                                         limitation_on__isnull=False) if aid_rules.is_urgent(a)]
    for app in urgent:
        out.append(Alert(rule="《中华人民共和国法律援助法》第四十四条：距时效或期限届满不足七日的，可以先行提供法律援助",
                         severity="warning", due=app.limitation_on, unit=app.unit,
                         title=f"{app.number}：时效或期限即将届满，可先行提供法律援助", link=app.get_absolute_url()))
    return out


def payments_overdue(user, today):
    """Payment milestones past their planned date and unpaid, for those who record payments."""
    if user is None or not user.has_perm(P.MANAGE):
        return []
    out = []
    for p in selectors.payments_overdue(user=user, today=today).order_by("due_on"):
        out.append(Alert(rule="购买法律服务合同应按约定的付款节点及时支付", severity="overdue", due=p.due_on,
                         unit=p.contract.unit, title=f"{p.contract.number}：{p.label}（{p.amount}元）逾期未付",
                         link=reverse("legal_services:contract_detail", args=[p.contract_id])))
    return out


register_alert("legal_services.coverage", label="律师包联覆盖", check=coverage_gaps)
register_alert("legal_services.duty_shortfall", label="驻村天数不足", check=duty_shortfall)
register_alert("legal_services.unconfirmed", label="服务日志未确认", check=logs_unconfirmed)
register_alert("legal_services.payments_overdue", label="合同付款逾期", check=payments_overdue)
register_alert("legal_services.aid_clocks", label="法律援助期限", check=aid_clocks)
