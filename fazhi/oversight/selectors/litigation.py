"""Reads of the litigation part, always through the data scope; the appearance rate and the reconsideration
statistics are computed here once, for the pages, the figures and the dashboard alike."""
from django.db.models import Count

from fazhi.core import numbers
from fazhi.orgs import scope

from ..models.litigation import (
    CORRECTING,
    HEAD_ROLES,
    LitigationCase,
    LitigationHearing,
    ReconMatter,
    ReconOutcome,
    ReconsiderationCase,
    ReconsiderationReturn,
    ReconStatus,
)
from ..permissions import OversightPerm as P


def litigation_list(*, user):
    return scope.visible(user, LitigationCase.objects.select_related("unit"), perm=P.VIEW)


def litigation_hearings(case):
    return case.hearings.all()


def litigation_history(*, user, obj):
    """The audit trail of ``obj`` for users who may read the audit log, else ``None``."""
    from fazhi.core.selectors import audit_list
    from fazhi.orgs.builtin_roles import Perm

    if not user.has_perm(Perm.VIEW_AUDIT):
        return None
    label = f"{obj._meta.app_label}.{obj._meta.object_name}"
    return audit_list(user=user, filters={}).filter(object_type=label, object_id=str(obj.pk))[:50]


def recon_list(*, user):
    return scope.visible(user, ReconsiderationCase.objects.select_related("unit"), perm=P.VIEW)


def _units(qs, unit_ids, path="unit_id"):
    return qs if unit_ids is None else qs.filter(**{f"{path}__in": unit_ids})


def heard_instances(year, unit_ids=None):
    """Ids of the case instances with a recorded hearing in ``year`` (one per instance, however many hearings)."""
    qs = LitigationHearing.objects.filter(recorded_on__isnull=False, hearing_on__year=year)
    return set(_units(qs, unit_ids, "case__unit_id").values_list("case_id", flat=True))


def appeared_instances(year, unit_ids=None):
    """Ids of the instances where a qualifying head (principal or deputy in charge, with identity proof) appeared
    at a hearing in ``year``."""
    qs = LitigationHearing.objects.filter(recorded_on__isnull=False, hearing_on__year=year, role__in=HEAD_ROLES,
                                          identity_proof=True)
    return set(_units(qs, unit_ids, "case__unit_id").values_list("case_id", flat=True))


def appearance_rate(year, unit_ids=None):
    """出庭应诉率 = instances where a qualifying head appeared / instances heard, per instance (a case heard in two
    instances counts in both), rounded by the platform rule; with the figures per unit."""
    heard = heard_instances(year, unit_ids)
    appeared = appeared_instances(year, unit_ids) & heard
    units = {}
    for case in LitigationCase.objects.filter(pk__in=heard).select_related("unit"):
        row = units.setdefault(case.unit_id, {"unit": case.unit, "heard": 0, "appeared": 0})
        row["heard"] += 1
        row["appeared"] += case.pk in appeared
    rows = sorted(units.values(), key=lambda r: r["unit"].path)
    for r in rows:
        r["rate"] = numbers.percent(r["appeared"], r["heard"])
    return {"heard": len(heard), "appeared": len(appeared), "rate": numbers.percent(len(appeared), len(heard)),
            "units": rows}


def triggered_hearings(year, unit_ids=None):
    qs = LitigationHearing.objects.filter(recorded_on__isnull=False, hearing_on__year=year).exclude(triggers="")
    return _units(qs, unit_ids, "case__unit_id")


# Reconsideration statistics -------------------------------------------------------------------------

def recon_statistics(*, year, unit_ids=None):
    """What a county publishes: received, accepted, concluded, by matter type, by respondent, by outcome, and the
    correction rate over the concluded cases; each breakdown checked against its total, and the rows checked
    against the yearly totals reported (a difference is shown, never forced)."""
    received_qs = _units(ReconsiderationCase.objects.filter(received_on__year=year), unit_ids)
    concluded_qs = _units(ReconsiderationCase.objects.filter(status=ReconStatus.DECIDED, decided_on__year=year),
                          unit_ids)
    received = received_qs.count()
    accepted = received_qs.filter(accepted_on__isnull=False).count()
    concluded = concluded_qs.count()
    corrected = concluded_qs.filter(outcome__in=CORRECTING).count()
    matters = dict(ReconMatter.choices)
    by_matter = {matters[r["matter"]]: r["n"] for r in received_qs.values("matter").annotate(n=Count("id"))
                 .order_by("matter")}
    by_respondent = {r["unit__name"]: r["n"] for r in received_qs.values("unit__name").annotate(n=Count("id"))
                     .order_by("unit__name")}
    outcomes = dict(ReconOutcome.choices)
    by_outcome = {outcomes[r["outcome"]]: r["n"] for r in concluded_qs.values("outcome").annotate(n=Count("id"))
                  .order_by("outcome")}
    reported = _units(ReconsiderationReturn.objects.filter(year=year), unit_ids)
    returns = None
    if reported.exists():
        totals = {f: sum(getattr(r, f) for r in reported) for f in ("received", "accepted", "concluded", "corrected")}
        rows = {"received": received, "accepted": accepted, "concluded": concluded, "corrected": corrected}
        labels = {"received": "收到申请", "accepted": "受理", "concluded": "审结", "corrected": "纠错"}
        returns = [{"label": labels[f], "reported": totals[f], "rows": rows[f],
                    "check": numbers.check_parts(totals[f], {"案件登记": rows[f]})} for f in labels]
    return {
        "year": year, "received": received, "accepted": accepted, "concluded": concluded, "corrected": corrected,
        "rate": numbers.percent(corrected, concluded),
        "by_matter": by_matter, "matter_check": numbers.check_parts(received, by_matter),
        "by_respondent": by_respondent, "respondent_check": numbers.check_parts(received, by_respondent),
        "by_outcome": by_outcome, "outcome_check": numbers.check_parts(concluded, by_outcome),
        "returns": returns, "returns_consistent": returns is None or all(r["check"].consistent for r in returns),
    }
