"""Reads of the dispute clusters: the register, the cluster page (progress, households, linked petitions,
history) and the households not contacted for the rule setting's number of days."""
import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, Q, When

from fazhi.core import clock, masking, numbers
from fazhi.core.models import AuditEntry
from fazhi.core.rules import get_setting

from . import policies
from .choices import ClusterStatus, GroupPost, HouseholdStatus
from .models import ClusterHousehold, DisputeCluster, Petition


def cluster_list(*, user):
    """The clusters ``user`` may read, each with its household counts (``total``, ``resolved``)."""
    qs = DisputeCluster.objects.select_related("unit").annotate(
        total=Count("households", distinct=True),
        resolved=Count("households", filter=Q(households__status=HouseholdStatus.RESOLVED), distinct=True))
    return policies.clusters.visible(user, qs)


def stale_households(today=None):
    """Households still open in a cluster being handled and not contacted for ``disputes.cluster_contact_days``
    (never contacted counts too)."""
    today = today or clock.today()
    limit = today - datetime.timedelta(days=get_setting("disputes.cluster_contact_days"))
    return ClusterHousehold.objects.filter(cluster__status=ClusterStatus.HANDLING).exclude(
        status=HouseholdStatus.RESOLVED).filter(Q(last_contact_on__isnull=True) | Q(last_contact_on__lt=limit))


@dataclass
class Progress:
    total: int
    resolved: int
    handling: int
    open: int

    @property
    def percent(self):
        return numbers.percent(self.resolved, self.total)


def progress(cluster):
    """Resolved / total households (the bar on the cluster page)."""
    counts = dict(cluster.households.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return Progress(total=sum(counts.values()), resolved=counts.get(HouseholdStatus.RESOLVED, 0),
                    handling=counts.get(HouseholdStatus.HANDLING, 0), open=counts.get(HouseholdStatus.OPEN, 0))


def next_step_text(cluster, p):
    if cluster.status == ClusterStatus.RESOLVED:
        return ""
    if not p.total:
        return "下一步：待牵头单位登记涉及户（一户一档）"
    if p.resolved < p.total:
        return f"下一步：待牵头单位和包户单位继续化解，尚有{p.total - p.resolved}户未化解"
    return "下一步：涉及户已全部化解，待牵头单位填写化解总结、标记专项已化解"


def cluster_page(*, user, cluster):
    """What the cluster page shows. The households' names are shown in full to those who handle them (the
    office and the lead unit); readers (leaders, member units) see them masked (张某)."""
    may = policies.clusters.may(user, cluster)
    handles = policies.clusters.can_on(user, "edit", cluster) or may["update_household"]
    households = list(cluster.households.select_related("handler", "petition", "case").order_by("pk"))
    for h in households:
        h.shown_name = h.name if handles else masking.mask_name(h.name)
    p = progress(cluster)
    petitions = policies.petitions.visible(user, Petition.objects.filter(
        Q(cluster=cluster) | Q(cluster_households__cluster=cluster)).distinct())
    petition_status = list(petitions.values("status").annotate(n=Count("pk")).order_by("status"))
    labels = dict(Petition._meta.get_field("status").choices)
    return {
        "cluster": cluster, "may": may, "progress": p, "next_step": next_step_text(cluster, p),
        "households": households,
        "stale": set(stale_households().filter(cluster=cluster).values_list("pk", flat=True)),
        "members": cluster.group_members.select_related("person", "unit").order_by(
            Case(When(post=GroupPost.LEADER, then=0), When(post=GroupPost.DEPUTY, then=1), default=2), "from_on", "pk"),
        "meetings": cluster.meetings.all(), "member_units": cluster.member_units.order_by("path"),
        "petition_status": [{"label": labels.get(r["status"], r["status"]), "n": r["n"]} for r in petition_status],
        "petitions": petitions.order_by("-received_on")[:20], "petition_count": petitions.count(),
        "history": AuditEntry.objects.filter(object_type=cluster._meta.label, object_id=str(cluster.pk)).order_by(
            "seq"),
    }
