"""Every read of the disputes module, through the data scope (``fazhi.orgs.scope``) and the policies."""
import datetime

from django.db.models import Count, DateField, F, Func, Q

from fazhi.core import clock, numbers
from fazhi.core.text import compare_key
from fazhi.orgs import scope

from . import policies
from .choices import (
    OPEN_PETITION_STATUSES,
    PEOPLE_CATEGORIES,
    CaseStatus,
    DisputeType,
    Gender,
    MediationKind,
    PetitionStatus,
)
from .models import MediationCase, MediationOrg, MediationReturn, Petition
from .permissions import DisputesPerm as P


def rate(part, whole):
    """A percentage with one decimal, by the platform's one rounding rule (``fazhi.core.numbers``)."""
    return numbers.percent(part, whole)


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


# Petitions -----------------------------------------------------------------------------------

def petition_list(*, user):
    return policies.petitions.visible(user, Petition.objects.select_related("unit", "office"))


def merge_candidates(*, name, phone, id_number=""):
    """Matters on record of the same petitioner (normalised name + phone or ID number): open ones to merge a
    repeat into, and those closed by 复核 (not accepted again)."""
    from .services import phone_key

    same_person = Q(phone_key=phone_key(phone))
    if id_number:
        same_person |= Q(id_number=compare_key(id_number).upper())
    return Petition.objects.filter(same_person, petitioner_key=compare_key(name)).filter(
        status__in=[*OPEN_PETITION_STATUSES, PetitionStatus.FINAL]).order_by("received_on")


def public_progress(*, code, phone):
    """The petitioner's own matter: only its stage and dates, found by receipt code and phone."""
    from .services import phone_key

    code = compare_key(code or "").upper()
    if not code or not phone:
        return None
    p = Petition.objects.filter(receipt_code=code).first()
    if p is None or p.phone_key != phone_key(phone):
        return None
    stages = [("登记", p.received_on), ("转送办理单位", p.routed_on), ("受理告知", p.notified_on if p.accepted_on else None),
              ("出具处理意见", p.answered_on), ("复查", p.reviewed_on), ("复核", p.rechecked_on)]
    return {"number": p.number, "stage": p.get_status_display(), "received_on": p.received_on,
            "stages": [(label, day) for label, day in stages if day],
            "due": p.handle_deadline if p.status == PetitionStatus.ACCEPTED else None,
            "extended": p.extension_days}


def petition_stats(*, year, unit_ids=None):
    qs = Petition.objects.filter(received_on__year=year)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    return qs


def is_late(p, today=None):
    return any(c["late"] for c in p.clocks(today))


# The petition's clocks as stored: (due field, done field); the handling clock's due date is ``handle_until``
# (``handle_due`` plus the approved extension), as ``Petition.clocks`` computes it.
CLOCK_FIELDS = (("route_due", "routed_on"), ("accept_due", "notified_on"), ("handle_until", "answered_on"),
                ("review_due", "reviewed_on"), ("recheck_due", "rechecked_on"))


class PlusDays(Func):
    """``date + days`` (a date column plus an integer column) as a date: PostgreSQL adds them natively,
    SQLite through its ``date(d, '+N days')``."""

    arg_joiner = " + "
    template = "(%(expressions)s)"
    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="date(%(expressions)s || ' days')",
                           arg_joiner=", '+' || ", **extra)


def with_clocks(qs):
    """``qs`` with ``handle_until`` for ``late_q`` (the handling deadline including an extension)."""
    return qs.alias(handle_until=PlusDays("handle_due", "extension_days"))


def late_q(today=None):
    """Accepted matters with a clock lapsed (done after its due date, or still open past it): the database form
    of ``is_late`` for a queryset passed through ``with_clocks`` — for counting without loading the rows."""
    today = today or clock.today()
    lapsed = Q()
    for due, done in CLOCK_FIELDS:
        lapsed |= Q(**{f"{due}__isnull": False}) & (
            Q(**{f"{done}__isnull": False, f"{done}__gt": F(due)}) | Q(**{f"{done}__isnull": True, f"{due}__lt": today}))
    return Q(accepted_on__isnull=False) & lapsed


# Mediation -----------------------------------------------------------------------------------

def case_list(*, user):
    return policies.cases.visible(user, MediationCase.objects.select_related("org", "unit"))


def incoming_referrals(*, user):
    """Cases referred to an organisation the user mediates for, waiting to be taken over."""
    orgs = scope.changeable(user, MediationOrg.objects.all(), perm=P.MEDIATE)
    return MediationCase.objects.filter(status=CaseStatus.REFERRED, referral_to__in=orgs).select_related("org")


def org_list(*, user):
    return policies.orgs.visible(user, MediationOrg.objects.select_related("unit"))


def composition_problems(org, today=None):
    """What breaks 人民调解法第九条 for a people's mediation committee: 3–9 members incl. a woman, term lapsed."""
    today = today or clock.today()
    if org.category not in PEOPLE_CATEGORIES:
        return []
    problems = []
    members = [m for m in org.mediators.all() if m.is_member and m.is_active]
    if not 3 <= len(members) <= 9:
        problems.append(f"委员{len(members)}人，应为三至九人")
    if not any(m.gender == Gender.FEMALE for m in members):
        problems.append("委员中应当有妇女成员")
    if org.term_end and org.term_end < today:
        problems.append(f"本届任期已于{org.term_end:%Y年%m月%d日}届满")
    return problems


def mediation_statistics(*, year, unit_ids=None):
    """The justice bureau's annual mediation table: accepted, succeeded, success rate — by kind, by type, by
    organisation — from the case records, plus the organisations' own returns with 排查 counts; a return whose
    by-type lines do not add up to its total is listed as a discrepancy (shown, never hidden)."""
    cases = MediationCase.objects.filter(registered_on__year=year)
    returns = MediationReturn.objects.filter(year=year).select_related("org").prefetch_related("lines")
    if unit_ids is not None:
        cases = cases.filter(unit_id__in=unit_ids)
        returns = returns.filter(org__unit_id__in=unit_ids)
    ok = Q(status=CaseStatus.EFFECTIVE)

    def rows(field, labels):
        out = []
        for r in cases.values(field).annotate(accepted=Count("id"), succeeded=Count("id", filter=ok)).order_by(field):
            out.append({"label": labels.get(r[field], r[field]), "accepted": r["accepted"],
                        "succeeded": r["succeeded"], "rate": rate(r["succeeded"], r["accepted"])})
        return out

    org_names = dict(MediationOrg.objects.values_list("pk", "name"))
    total = {"accepted": cases.count(), "succeeded": cases.filter(ok).count()}
    total["rate"] = rate(total["succeeded"], total["accepted"])
    by_kind = rows("kind", dict(MediationKind.choices))
    by_type = rows("dispute_type", dict(DisputeType.choices))
    by_org = rows("org_id", org_names)
    discrepancies = []
    for name, part in (("按调解类型", by_kind), ("按纠纷类型", by_type), ("按调解组织", by_org)):
        for key in ("accepted", "succeeded"):
            s = sum(r[key] for r in part)
            if s != total[key]:
                discrepancies.append(f"{name}小计{s}件，与合计{total[key]}件不符")
    return_rows = []
    for rep in returns:
        lines = list(rep.lines.all())
        row = {"org": rep.org.name, "accepted": rep.accepted, "succeeded": rep.succeeded,
               "rate": rate(rep.succeeded, rep.accepted), "screenings": rep.screenings, "found": rep.found,
               "lines": [{"label": ln.get_dispute_type_display(), "accepted": ln.accepted, "succeeded": ln.succeeded,
                          "rate": rate(ln.succeeded, ln.accepted)} for ln in lines], "discrepancies": []}
        if lines:
            for key, label in (("accepted", "受理"), ("succeeded", "成功")):
                s = sum(getattr(ln, key) for ln in lines)
                if s != getattr(rep, key):
                    msg = f"{rep.org.name}：分类型{label}小计{s}件，与报表合计{getattr(rep, key)}件不符"
                    row["discrepancies"].append(msg)
                    discrepancies.append(msg)
        return_rows.append(row)
    return {"year": year, "total": total, "by_kind": by_kind, "by_type": by_type, "by_org": by_org,
            "returns": return_rows, "discrepancies": discrepancies,
            "screenings": sum(r.screenings for r in returns), "found": sum(r.found for r in returns),
            "screening_cases": cases.filter(source="screening").count()}


def due_soon(day, today, days):
    return day is not None and today <= day <= today + datetime.timedelta(days=days)


def case_late_q(today=None):
    """Open cases past the mediation target date."""
    from .choices import OPEN_CASE_STATUSES

    return Q(status__in=OPEN_CASE_STATUSES, target_due__lt=today or clock.today())


def late_cases(qs, today=None):
    return qs.filter(case_late_q(today))


def unit_overview(*, user, today=None):
    """The leaders' read-only view across units: per unit, petitions (all, open, overdue) and mediation cases
    (all, open, overdue) within the user's data scope — each count opens the register filtered to it."""
    from fazhi.orgs.models import OrgUnit

    from .choices import OPEN_CASE_STATUSES

    today = today or clock.today()
    rows = {}

    def row(unit_id):
        return rows.setdefault(unit_id, {"petitions": 0, "petitions_open": 0, "petitions_late": 0, "cases": 0,
                                         "cases_open": 0, "cases_late": 0})

    if user.has_perm(P.PETITION_VIEW):
        petitions = with_clocks(policies.petitions.visible(user, Petition.objects.all())).order_by()
        for c in petitions.values("unit_id").annotate(
                n=Count("pk"), n_open=Count("pk", filter=Q(status__in=OPEN_PETITION_STATUSES)),
                n_late=Count("pk", filter=late_q(today))):
            row(c["unit_id"]).update(petitions=c["n"], petitions_open=c["n_open"], petitions_late=c["n_late"])
    cases = policies.cases.visible(user, MediationCase.objects.all()).order_by()
    for c in cases.values("unit_id").annotate(
            n=Count("pk"), n_open=Count("pk", filter=Q(status__in=OPEN_CASE_STATUSES)),
            n_late=Count("pk", filter=case_late_q(today))):
        row(c["unit_id"]).update(cases=c["n"], cases_open=c["n_open"], cases_late=c["n_late"])
    units = OrgUnit.objects.in_bulk(list(rows))
    out = [{"unit": units[uid], **counts} for uid, counts in rows.items()]
    out.sort(key=lambda r: r["unit"].path)
    totals = {k: sum(r[k] for r in out) for k in ("petitions", "petitions_open", "petitions_late", "cases",
                                                     "cases_open", "cases_late")}
    return out, totals
