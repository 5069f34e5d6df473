"""Every read of the public legal services module, through the data scope (``fazhi.orgs.scope``)."""
import calendar
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from fazhi.core import clock
from fazhi.core.rules import get_setting
from fazhi.orgs import scope
from fazhi.orgs.choices import UnitKind
from fazhi.orgs.models import OrgUnit

from . import policies
from .choices import DocumentKind, Duty, LogStatus, Place
from .models import (
    AidApplication,
    Assignment,
    ContractPayment,
    Lawyer,
    ServiceContract,
    ServiceLog,
    VillageAgreement,
)
from .permissions import LegalPerm as P


def log_list(*, user):
    return policies.logs.visible(user, ServiceLog.objects.select_related("lawyer", "unit", "unit__parent"))


def log_get(*, user, pk):
    return policies.logs.get(user, pk, ServiceLog.objects.select_related("lawyer", "lawyer__firm", "unit",
                                                                         "confirmed_by"))


def lawyer_list(*, user):
    return scope.visible(user, Lawyer.objects.select_related("firm", "user"), perm=P.VIEW)


def lawyer_units(lawyer, day):
    """The units ``lawyer`` is assigned to on ``day`` (the log form's picker)."""
    ids = Assignment.objects.filter(lawyer=lawyer, start__lte=day, end__gte=day).values("unit_id")
    return OrgUnit.objects.filter(pk__in=ids).order_by("path")


def petitions_for(user):
    """The log form's picker: the disputes module's petitions ``user`` may see there, and those the office named
    ``user`` a participating lawyer of (参与律师), newest first — never one about ``user``."""
    from fazhi.disputes import selectors as disputes
    from fazhi.disputes.models import Petition

    seen = disputes.petition_list(user=user).values("pk")
    return (Petition.objects.filter(Q(pk__in=seen) | Q(lawyers=user)).exclude(subject_user=user).distinct()
            .order_by("-received_on", "-id"))


def petition_openable(user, petition_id):
    """May ``user`` open the petition's page in the disputes module (the log page links it only then)?"""
    from fazhi.disputes import selectors as disputes

    return disputes.petition_list(user=user).filter(pk=petition_id).exists()


def logs_about_petition(*, user, petition):
    """The lawyers' service logs concerning ``petition`` that ``user`` may see (read by the petition page)."""
    return log_list(user=user).filter(petition=petition).order_by("served_on", "id")


def agreement_list(*, user):
    return scope.visible(user, VillageAgreement.objects.select_related("village", "village__parent", "lawyer",
                                                                       "lawyer__firm"), perm=P.VIEW)


def organ_advisers(*, user):
    """Organs' legal advisers (政府法律顾问): the decisions module's contracts, read through its selectors."""
    from fazhi.decisions import selectors as decisions

    return decisions.adviser_list(user=user)


def contract_history(*, user, contract):
    """The contract's audit trail (milestones added, accepted, paid), for those who may read the audit log."""
    from fazhi.core.selectors import audit_list
    from fazhi.orgs.builtin_roles import Perm

    if not user.has_perm(Perm.VIEW_AUDIT):
        return None
    return audit_list(user=user, filters={}).filter(object_type="legal_services.ServiceContract",
                                                    object_id=str(contract.pk))[:50]


def contract_totals(qs):
    """Contract amounts per signing year (the list's 年度合计), newest year first."""
    return list(qs.order_by().values("signed_on__year").annotate(total=Sum("amount"), n=Count("id"))
                .order_by("-signed_on__year"))


def payments_overdue(*, user=None, today=None):
    """Payment milestones past their planned date and still unpaid."""
    today = today or clock.today()
    qs = ContractPayment.objects.filter(paid_on__isnull=True, due_on__lt=today).select_related(
        "contract", "contract__firm", "contract__unit")
    return qs if user is None else policies.payments.visible(user, qs)


def aid_list(*, user):
    return policies.aid.visible(user, AidApplication.objects.select_related("unit", "lawyer"))


def contract_list(*, user):
    return scope.visible(user, ServiceContract.objects.select_related("firm", "unit"), perm=P.VIEW)


# Coverage --------------------------------------------------------------------------------------------

@dataclass
class TownshipCoverage:
    township: OrgUnit
    villages: list = field(default_factory=list)  # (village, [lawyers], has_agreement)
    gaps: list = field(default_factory=list)

    @property
    def covered(self):
        return len(self.villages) - len(self.gaps)


def coverage(*, on=None, unit_ids=None):
    """Per township: every village with the lawyers assigned to it on ``on`` (or a gap), and the lawyers
    assigned to more villages than the county's limit."""
    on = on or clock.today()
    villages = OrgUnit.objects.filter(kind=UnitKind.VILLAGE, is_active=True).select_related("parent")
    if unit_ids is not None:
        villages = villages.filter(Q(pk__in=unit_ids) | Q(parent_id__in=unit_ids))
    active = Assignment.objects.filter(start__lte=on, end__gte=on, place=Place.VILLAGE).select_related("lawyer")
    by_village = {}
    for a in active:
        by_village.setdefault(a.unit_id, []).append(a.lawyer)
    agreed = set(VillageAgreement.objects.filter(start__lte=on, end__gte=on).values_list("village_id", flat=True))
    rows = {}
    for v in villages.order_by("parent__path", "sort_order", "code"):
        row = rows.setdefault(v.parent_id, TownshipCoverage(township=v.parent))
        lawyers = by_village.get(v.pk, [])
        row.villages.append((v, lawyers, v.pk in agreed))
        if not lawyers:
            row.gaps.append(v)
    limit = get_setting("legal_services.max_villages_per_lawyer")
    load = (active.values("lawyer_id", "lawyer__name").annotate(n=Count("unit", distinct=True))
            .filter(n__gt=limit).order_by("-n"))
    return list(rows.values()), list(load), limit


def townships_covered(on):
    ids = Assignment.objects.filter(start__lte=on, end__gte=on).values_list("unit_id", "unit__parent_id",
                                                                              "unit__kind")
    out = set()
    for unit_id, parent_id, kind in ids:
        out.add(unit_id if kind == UnitKind.TOWNSHIP else parent_id)
    return OrgUnit.objects.filter(pk__in=out, kind=UnitKind.TOWNSHIP)


def villages_covered(on):
    return OrgUnit.objects.filter(kind=UnitKind.VILLAGE, legal_assignments__start__lte=on,
                                  legal_assignments__end__gte=on).distinct()


# Monthly duty check and subsidy sheet ------------------------------------------------------------------

def _month(year, month):
    return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])


def duty_check(*, year, month, lawyers=None):
    """Per lawyer and assigned village: confirmed days on site in the month against the minimum."""
    first, last = _month(year, month)
    minimum = get_setting("legal_services.min_days_per_village")
    assignments = Assignment.objects.filter(start__lte=last, end__gte=first, place=Place.VILLAGE).select_related(
        "lawyer", "unit", "lawyer__firm")
    if lawyers is not None:
        assignments = assignments.filter(lawyer__in=lawyers)
    days = {}
    logs = ServiceLog.objects.filter(served_on__range=(first, last), status=LogStatus.CONFIRMED)
    for lawyer_id, unit_id, day in logs.values_list("lawyer_id", "unit_id", "served_on").distinct():
        days.setdefault((lawyer_id, unit_id), set()).add(day)
    rows = []
    for a in assignments.order_by("lawyer__firm__code", "lawyer__name", "unit__path"):
        n = len(days.get((a.lawyer_id, a.unit_id), ()))
        rows.append({"lawyer": a.lawyer, "unit": a.unit, "days": n, "minimum": minimum, "short": n < minimum})
    return rows


@dataclass
class SubsidyLine:
    lawyer: Lawyer
    days: int
    publicity: int
    opinions: int
    amount: Decimal


def subsidy_sheet(*, year, month, lawyers=None):
    """From confirmed logs only: distinct days on site × the day rate, publicity events × their rate, legal
    opinions × their rate; per lawyer, then per firm. No citizen data is read."""
    first, last = _month(year, month)
    rate_day = get_setting("legal_services.rate_day")
    rate_pub = get_setting("legal_services.rate_publicity")
    rate_op = get_setting("legal_services.rate_opinion")
    logs = ServiceLog.objects.filter(served_on__range=(first, last), status=LogStatus.CONFIRMED)
    if lawyers is not None:
        logs = logs.filter(lawyer__in=lawyers)
    per = {}
    for lawyer_id, day, _unit_id, duty, doc_kind, items in logs.values_list(
            "lawyer_id", "served_on", "unit_id", "duty", "document_kind", "document_items"):
        row = per.setdefault(lawyer_id, {"days": set(), "publicity": 0, "opinions": 0})
        row["days"].add(day)
        if duty == Duty.PUBLICITY:
            row["publicity"] += 1
        if doc_kind == DocumentKind.OPINION:
            row["opinions"] += items
    lines = []
    for lawyer in Lawyer.objects.filter(pk__in=per).select_related("firm").order_by("firm__code", "name"):
        r = per[lawyer.pk]
        amount = len(r["days"]) * rate_day + r["publicity"] * rate_pub + r["opinions"] * rate_op
        lines.append(SubsidyLine(lawyer, len(r["days"]), r["publicity"], r["opinions"], amount))
    firms = {}
    for line in lines:
        firms.setdefault(line.lawyer.firm, Decimal("0"))
        firms[line.lawyer.firm] += line.amount
    return lines, firms, {"day": rate_day, "publicity": rate_pub, "opinion": rate_op}


def unconfirmed(*, user=None, today=None):
    today = today or clock.today()
    days = get_setting("legal_services.confirm_days")
    qs = ServiceLog.objects.filter(status__in=(LogStatus.SUBMITTED, LogStatus.CORRECTED),
                                   served_on__lt=today - datetime.timedelta(days=days))
    return qs if user is None else policies.logs.visible(user, qs)


# Public ----------------------------------------------------------------------------------------------

def public_directory(on=None):
    """Each township's and village's lawyers today: name, firm, professional phone, office hours."""
    on = on or clock.today()
    rows = {}
    for a in (Assignment.objects.filter(start__lte=on, end__gte=on, lawyer__active=True)
              .select_related("lawyer", "lawyer__firm", "unit", "unit__parent").order_by("unit__path")):
        township = a.unit if a.unit.kind == UnitKind.TOWNSHIP else a.unit.parent
        if township is None or a.place == Place.HALL:
            continue
        rows.setdefault(township, []).append(a)
    return rows
