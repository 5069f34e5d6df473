"""Every read of the enforcement module, limited to the reader's data scope (public reads: masked only)."""
import datetime

from django.db.models import Avg, Count, Prefetch, Q

from fazhi.core.errors import NotFound
from fazhi.orgs import scope

from . import policies
from .choices import CaseStatus, CertificateStatus, PublicationStatus
from .models import (
    OPEN_STATUSES,
    Case,
    CaseFileEvaluation,
    CaseRecord,
    EnforcementBody,
    InspectionItem,
    Officer,
    Publication,
)
from .permissions import EnforcementPerm as P

CASE_SORTS = {"registered_on": "registered_on", "-registered_on": "-registered_on", "number": "number",
              "-number": "-number", "status": "status", "-status": "-status", "decision_due": "decision_due",
              "-decision_due": "-decision_due", "kind": "kind", "-kind": "-kind"}


def _year(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def case_list(*, user, filters=None, today=None):
    f = filters or {}
    today = today or policies.today()
    qs = scope.visible(user, Case.objects.select_related("unit", "body", "handler"), perm=P.VIEW)
    if f.get("q"):
        q = f["q"]
        qs = qs.filter(Q(number__contains=q) | Q(title__contains=q) | Q(power_name__contains=q)
                       | Q(decision_number__contains=q))
    if f.get("status"):
        qs = qs.filter(status=f["status"])
    if f.get("kind"):
        qs = qs.filter(kind=f["kind"])
    if f.get("unit"):
        qs = qs.filter(unit_id=f["unit"])
    if f.get("body"):
        qs = qs.filter(body_id=f["body"])
    if _year(f.get("year")):
        qs = qs.filter(registered_on__year=_year(f["year"]))
    if str(f.get("month") or "").isdigit() and 1 <= int(f["month"]) <= 12:
        qs = qs.filter(registered_on__month=int(f["month"]))
    if f.get("overdue"):
        qs = qs.filter(status__in=OPEN_STATUSES, decision_due__lt=today)
    return qs.order_by(CASE_SORTS.get(f.get("sort") or "-registered_on", "-registered_on"), "-id")


def case_get(*, user, pk):
    case = (scope.visible(user, Case.objects.select_related("unit", "body", "handler"), perm=P.VIEW)
            .prefetch_related("parties", Prefetch("officers", queryset=Officer.objects.select_related("unit")))
            .filter(pk=pk).first())
    if case is None:
        raise NotFound()
    return case


def case_records(case):
    return CaseRecord.objects.filter(case=case).select_related("actor").order_by("seq")


def record_get(*, user, pk):
    record = scope.visible(user, CaseRecord.objects.select_related("case"), perm=P.VIEW).filter(pk=pk).first()
    if record is None or not record.file:
        raise NotFound()
    return record


def publication_of(case):
    return Publication.objects.filter(case=case).first()


OFFICER_SORTS = {"name": "name", "-name": "-name", "valid_until": "valid_until", "-valid_until": "-valid_until",
                 "certificate_no": "certificate_no", "unit": "unit__path"}


def officer_list(*, user, filters=None, today=None):
    f = filters or {}
    today = today or policies.today()
    qs = scope.visible(user, Officer.objects.select_related("unit"), perm=P.VIEW)
    if f.get("q"):
        qs = qs.filter(Q(name__contains=f["q"]) | Q(certificate_no__contains=f["q"]) | Q(post__contains=f["q"]))
    if f.get("unit"):
        qs = qs.filter(unit_id=f["unit"])
    status = f.get("status")
    if status == CertificateStatus.VALID:
        qs = qs.filter(status=status, valid_until__gte=today)
    elif status == CertificateStatus.EXPIRED:
        qs = qs.filter(Q(status=status) | Q(status=CertificateStatus.VALID, valid_until__lt=today))
    elif status:
        qs = qs.filter(status=status)
    if f.get("expiring"):
        qs = qs.filter(status=CertificateStatus.VALID, valid_until__gte=today,
                       valid_until__lte=today + datetime.timedelta(days=60))
    if f.get("legal"):
        qs = qs.filter(legal_qualification=True)
    return qs.order_by(OFFICER_SORTS.get(f.get("sort") or "unit", "unit__path"), "name")


def officer_get(*, user, pk):
    officer = scope.visible(user, Officer.objects.select_related("unit", "user"), perm=P.VIEW).filter(pk=pk).first()
    if officer is None:
        raise NotFound()
    return officer


def body_list(*, user, filters=None):
    f = filters or {}
    qs = scope.visible(user, EnforcementBody.objects.select_related("unit"), perm=P.VIEW)
    if f.get("q"):
        qs = qs.filter(Q(name__contains=f["q"]) | Q(legal_basis__contains=f["q"]))
    return qs.annotate(case_count=Count("cases")).order_by("unit__path", "name")


def body_get(*, user, pk):
    body = scope.visible(user, EnforcementBody.objects.select_related("unit"), perm=P.VIEW).filter(pk=pk).first()
    if body is None:
        raise NotFound()
    return body


def bodies_for(user):
    """Bodies a user may open cases for: the bodies over the user's officer unit."""
    officer = policies.officer_of(user)
    qs = EnforcementBody.objects.filter(is_active=True).select_related("unit")
    if officer is None:
        return qs.none()
    ancestors = [*officer.unit.ancestor_ids(), officer.unit_id]
    return qs.filter(unit_id__in=ancestors).order_by("name")


def officers_for_case(case, today=None):
    today = today or policies.today()
    return (Officer.objects.certified_on(today).filter(unit__path__startswith=case.body.unit.path)
            .exclude(pk__in=case.officers.values("pk")).select_related("unit").order_by("name"))


def inspection_list(*, user, filters=None):
    f = filters or {}
    qs = scope.visible(user, InspectionItem.objects.select_related("body"), perm=P.VIEW)
    if f.get("q"):
        qs = qs.filter(Q(name__contains=f["q"]) | Q(targets__contains=f["q"]))
    if _year(f.get("year")):
        qs = qs.filter(year=_year(f["year"]))
    return qs


def publication_list(*, user, filters=None, today=None):
    f = filters or {}
    today = today or policies.today()
    qs = scope.visible(user, Publication.objects.select_related("case", "case__body"), perm=P.VIEW)
    if f.get("status"):
        qs = qs.filter(status=f["status"])
    if f.get("overdue"):
        qs = qs.filter(Q(status=PublicationStatus.PENDING, due_on__lt=today)
                       | Q(status=PublicationStatus.PUBLISHED, withdraw_due__lt=today))
    if f.get("q"):
        qs = qs.filter(Q(case__number__contains=f["q"]) | Q(case__title__contains=f["q"]))
    return qs.order_by("due_on", "-id")


def evaluation_list(*, user, filters=None):
    f = filters or {}
    qs = scope.visible(user, CaseFileEvaluation.objects.select_related("case", "case__body", "evaluator"),
                       perm=P.VIEW)
    if _year(f.get("year")):
        qs = qs.filter(evaluated_on__year=_year(f["year"]))
    return qs


def evaluation_by_body(evaluations):
    return (evaluations.order_by().values("case__body__name")
            .annotate(count=Count("id"), average=Avg("total")).order_by("-average"))


# Public (no login): only what must be published, masked -------------------------------------

def public_bodies():
    return EnforcementBody.objects.filter(is_active=True).select_related("unit").order_by("unit__path", "name")


def public_officers(*, q="", today=None):
    today = today or policies.today()
    qs = Officer.objects.certified_on(today).select_related("unit").only(
        "name", "unit__name", "certificate_no", "valid_until", "certificate_type", "post")
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(certificate_no__contains=q) | Q(unit__name__contains=q))
    return qs.order_by("unit__path", "name")


def public_inspections(*, year=None):
    qs = InspectionItem.objects.select_related("body")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "body__name", "name")


PUBLIC_FIELDS = ("decision_number", "body_name", "kind", "party", "title", "content", "decided_on", "published_on")


class DecisionHits:
    """Published decisions matching ``q`` through the shared full-text index (core.search), ranked;
    sliceable and countable so the ordinary paginator pages it."""

    def __init__(self, q, today):
        self.q, self.today, self._total = q, today, None

    def count(self):
        if self._total is None:
            from fazhi.core import search

            self._total = search.query(self.q, public_only=True, source="enforcement.decision", limit=1).total
        return self._total

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        from fazhi.core import search

        start, stop = (item.start or 0, item.stop) if isinstance(item, slice) else (item, item + 1)
        results = search.query(self.q, public_only=True, source="enforcement.decision",
                               limit=max(stop - start, 0), offset=start)
        ids = [int(h.entry.object_id) for h in results]
        found = Publication.objects.on_display(self.today).only(*PUBLIC_FIELDS).in_bulk(ids)
        rows = [found[i] for i in ids if i in found]
        return rows if isinstance(item, slice) else rows[0]


def public_decisions(*, q="", kind="", today=None):
    """On display now; ``q`` alone goes through the full-text index, ``q`` with a kind is a substring filter."""
    today = today or policies.today()
    if q and not kind:
        return DecisionHits(q, today)
    qs = Publication.objects.on_display(today).only(*PUBLIC_FIELDS)
    if q:
        qs = qs.filter(search_text__contains=q)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-published_on", "-id")


def open_statuses():
    return [s for s in CaseStatus.values if s in OPEN_STATUSES]
