"""What waits for a user in the disputes module: petitions to route, accept and answer by their statutory
deadlines, referred mediation cases to take over."""
from django.urls import reverse

from fazhi.core.registry import Todo, register_todo, todo_rows
from fazhi.orgs import scope

from . import selectors
from .choices import PetitionStatus
from .models import Petition
from .permissions import DisputesPerm as P

STEPS = [(PetitionStatus.REGISTERED, "route_due", "待转送", P.PETITION_REGISTER, "转送"),
         (PetitionStatus.ROUTED, "accept_due", "待受理告知", P.PETITION_HANDLE, "受理"),
         (PetitionStatus.ACCEPTED, "handle_due", "待出具处理意见", P.PETITION_HANDLE, "办理")]


def collect(user, today):
    todos = []
    if user is None or not user.is_authenticated:
        return todos
    for status, due, text, perm, action in STEPS:
        if not user.has_perm(perm):
            continue
        qs = scope.changeable(user, Petition.objects.filter(status=status), perm=perm).exclude(
            subject_user_id=user.pk).order_by(due, "pk")
        todos += todo_rows(qs, lambda p, text=text, due=due, action=action: Todo(
            title=f"{text}：信访事项{p.number}", link=reverse("disputes:petition_detail", args=[p.pk]),
            due=getattr(p, due), unit=p.unit, action=action),
            more=lambda n, text=text: Todo(title=f"另有{n}件信访事项{text}", count=n,
                                           link=reverse("disputes:petition_list"), action="查看"))
    if user.has_perm(P.MEDIATE):
        todos += todo_rows(selectors.incoming_referrals(user=user).order_by("pk"), lambda c: Todo(
            title=f"接收移交的调解案件：{c.number}", link=reverse("disputes:case_take_over", args=[c.pk]),
            unit=c.org.unit, action="接收"))
    return todos


register_todo("disputes.todos", label="矛盾纠纷化解", collect=collect)
