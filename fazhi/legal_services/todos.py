"""What waits for a user: logs of the user's units to confirm (签字确认), the lawyer's own disputed logs to
correct, and legal-aid applications at their next clock."""
from django.urls import reverse

from fazhi.core.registry import Todo, register_todo
from fazhi.orgs import scope

from . import policies
from .choices import AidStatus, LogStatus
from .models import AidApplication, ServiceLog
from .permissions import LegalPerm as P


def collect(user, today):
    out = []
    if user.has_perm(P.CONFIRM):
        qs = scope.changeable(user, ServiceLog.objects.filter(status__in=(LogStatus.SUBMITTED, LogStatus.CORRECTED)),
                              perm=P.CONFIRM).exclude(lawyer__user=user)
        n = qs.count()
        if n:
            out.append(Todo(title=f"待确认律师服务日志{n}条", count=n, action="确认",
                            link=f"{reverse('legal_services:log_list')}?status={LogStatus.SUBMITTED}"))
    if user.has_perm(P.LOG):
        for log in ServiceLog.objects.filter(lawyer__user=user, status=LogStatus.DISPUTED)[:20]:
            out.append(Todo(title=f"服务日志有异议：{log.served_on:%Y-%m-%d} {log.unit}", action="更正",
                            link=reverse("legal_services:log_step", args=[log.pk, "correct"]), unit=log.unit))
    if user.has_perm(P.AID):
        clocks = {AidStatus.APPLIED: ("review_due", "审查"), AidStatus.APPROVED: ("assign_due", "指派"),
                  AidStatus.OBJECTED: ("objection_due", "审查异议")}
        qs = policies.aid.visible(user, AidApplication.objects.filter(status__in=list(clocks)), action="create")
        for app in qs.order_by("applied_on")[:50]:
            field, verb = clocks[app.status]
            out.append(Todo(title=f"法律援助申请{app.number}", due=getattr(app, field), action=verb,
                            link=app.get_absolute_url(), unit=app.unit))
    return out


register_todo("legal_services.todos", label="公共法律服务", collect=collect)
