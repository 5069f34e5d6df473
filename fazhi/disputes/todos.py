"""What waits for a user in the disputes module: petitions to route, accept and answer by their statutory
deadlines, referred mediation cases to take over."""
from django.urls import reverse

from fazhi.core.registry import Todo, register_todo, todo_rows
from fazhi.orgs import scope

from . import policies, selectors
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
    if user.has_perm(P.MANAGE):
        todos += _stale_households(user, today)
    return todos


def _stale_households(user, today):
    """Households of a cluster the user's unit leads, not contacted for the rule setting's number of days."""
    import datetime

    from fazhi.core.rules import get_setting

    from .cluster_selectors import stale_households

    clusters = policies.clusters.visible(user, action="update_household")
    days = get_setting("disputes.cluster_contact_days")
    qs = stale_households(today).filter(cluster__in=clusters).select_related("cluster__unit").order_by(
        "last_contact_on", "pk")
    return todo_rows(qs, lambda h: Todo(
        title=f"涉及户超过{days}日未联系：{h.cluster.name}",
        link=reverse("disputes:cluster_detail", args=[h.cluster_id]),
        due=h.last_contact_on + datetime.timedelta(days=days) if h.last_contact_on else None,
        unit=h.cluster.unit, action="联系"),
        more=lambda n: Todo(title=f"另有{n}户专项涉及户超期未联系", count=n, action="查看",
                            link=reverse("disputes:cluster_list") + "?stale=on"))


register_todo("disputes.todos", label="矛盾纠纷化解", collect=collect)
