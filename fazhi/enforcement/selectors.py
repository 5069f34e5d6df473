"""Every read of the enforcement module, limited to the reader's data scope (public reads: masked only).

A register's selector returns the scoped queryset with the row marks its page shows (``is_overdue``…);
the register's ``FilterSet`` (``filters.py``) filters and sorts it for the list and its export alike.
"""
from django.db.models import Avg, BooleanField, Count, ExpressionWrapper, Prefetch, Q, Sum

from fazhi.core import clock, workdays
from fazhi.core.errors import CalendarMissing, NotFound
from fazhi.core.rules import get_setting
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit, User

from . import policies, qualifications
from .choices import CaseKind, CaseStatus, PartyKind, PublicationStatus
from .models import (
    OPEN_STATUSES,
    Case,
    CaseFileEvaluation,
    CaseRecord,
    EnforcementBody,
    InspectionItem,
    Officer,
    Publication,
    Training,
)
from .permissions import EnforcementPerm as P


def case_list(*, user, today=None):
    """The cases ``user`` may see, each marked ``is_overdue`` (undecided past its decision deadline);
    ``filters.CaseFilter`` filters and sorts them."""
    today = today or clock.today()
    qs = scope.visible(user, Case.objects.select_related("unit", "body", "handler"), perm=P.VIEW)
    return qs.annotate(is_overdue=_overdue_case(today))


def _overdue_case(today):
    return ExpressionWrapper(Q(status__in=OPEN_STATUSES, decision_due__lt=today), output_field=BooleanField())


def case_get(*, user, pk, today=None):
    """The case ``pk`` if ``user`` may see it (else ``NotFound``), marked ``is_overdue``."""
    qs = (Case.objects.select_related("unit", "body", "handler")
          .prefetch_related("parties", "persons", Prefetch("officers", queryset=Officer.objects.select_related("unit")))
          .annotate(is_overdue=_overdue_case(today or clock.today())))
    return policies.cases.get(user, pk, qs)


def case_records(case):
    return CaseRecord.objects.filter(case=case).select_related("actor").order_by("seq")


def record_get(*, user, pk):
    record = scope.visible(user, CaseRecord.objects.select_related("case"), perm=P.VIEW).filter(pk=pk).first()
    if record is None or not record.file:
        raise NotFound()
    return record


def publication_of(case):
    publication = Publication.objects.filter(case=case).first()
    if publication is not None:
        publication.case = case
    return publication


def officer_list(*, user, today=None):
    """The officers ``user`` may see with their certificate's status as of today (``current_status``: a valid
    certificate past its date counts as expired) and ``is_overdue`` for such a lapsed certificate."""
    return scope.visible(user, Officer.objects.select_related("unit"), perm=P.VIEW).with_current_status(
        today or clock.today())


def officer_get(*, user, pk, today=None):
    qs = Officer.objects.select_related("unit", "user").with_current_status(today or clock.today())
    return policies.officers.get(user, pk, qs)


def training_hours(officer_ids, year):
    """Training hours per officer in ``year`` (``{officer_id: hours}``)."""
    rows = (Training.objects.filter(officer_id__in=officer_ids, held_on__year=year)
            .values("officer_id").annotate(total=Sum("hours")))
    return {r["officer_id"]: r["total"] for r in rows}


def officer_units(user):
    """Units whose officers ``user`` may register."""
    return scope.changeable(user, OrgUnit.objects.filter(is_active=True), perm=P.MANAGE).order_by("path")


def officer_accounts(user):
    """Platform accounts in ``user``'s reach not yet linked to an officer."""
    return scope.visible(user, User.objects.filter(officer_profile__isnull=True, is_active=True),
                         perm=P.MANAGE).order_by("username")


def body_list(*, user):
    qs = scope.visible(user, EnforcementBody.objects.select_related("unit"), perm=P.VIEW)
    return qs.annotate(case_count=Count("cases")).order_by("unit__path", "name")


def body_get(*, user, pk, action="view"):
    return policies.bodies.get(user, pk, EnforcementBody.objects.select_related("unit"), action=action)


def body_units(user):
    """Units ``user`` may register an enforcement body for."""
    return officer_units(user)


def bodies_managed(user):
    """Active bodies whose inspection lists ``user`` keeps."""
    return scope.changeable(user, EnforcementBody.objects.filter(is_active=True), perm=P.MANAGE).order_by("name")


def bodies_visible(user):
    """Bodies ``user`` may see (the choices of a list's 执法主体 filter)."""
    return scope.visible(user, EnforcementBody.objects.all(), perm=P.VIEW).order_by("name")


def bodies_for(user):
    """Bodies a user may open cases for: the bodies over the user's officer unit."""
    officer = qualifications.officer_of(user)
    qs = EnforcementBody.objects.filter(is_active=True).select_related("unit")
    if officer is None:
        return qs.none()
    ancestors = [*officer.unit.ancestor_ids(), officer.unit_id]
    return qs.filter(unit_id__in=ancestors).order_by("name")


def officers_for_case(case, today=None):
    today = today or clock.today()
    return (Officer.objects.certified_on(today).filter(unit__path__startswith=case.body.unit.path)
            .exclude(pk__in=case.officers.values("pk")).select_related("unit").order_by("name"))


def case_team_candidates(user, bodies, today=None):
    """Certified officers who may join ``user``'s new case (officers of the first body's unit, not ``user``)."""
    today = today or clock.today()
    officer = qualifications.officer_of(user)
    if officer is None or not bodies.exists():
        return Officer.objects.none()
    return (Officer.objects.certified_on(today).exclude(pk=officer.pk)
            .filter(unit__path__startswith=bodies.first().unit.path).select_related("unit").order_by("name"))


def inspection_list(*, user):
    return scope.visible(user, InspectionItem.objects.select_related("body"), perm=P.VIEW)


def publication_list(*, user, today=None):
    """Publications ``user`` may see, marked ``is_overdue`` (not published in time, or not withdrawn in time)."""
    today = today or clock.today()
    qs = scope.visible(user, Publication.objects.select_related("case", "case__body"), perm=P.VIEW)
    overdue = (Q(status=PublicationStatus.PENDING, due_on__lt=today)
               | Q(status=PublicationStatus.PUBLISHED, withdraw_due__lt=today))
    return qs.annotate(is_overdue=ExpressionWrapper(overdue, output_field=BooleanField()))


def evaluation_list(*, user):
    return scope.visible(user, CaseFileEvaluation.objects.select_related("case", "case__body", "evaluator"),
                         perm=P.VIEW)


def evaluation_by_body(evaluations):
    return (evaluations.order_by().values("case__body__name")
            .annotate(count=Count("id"), average=Avg("total")).order_by("-average"))


# Public (no login): only what must be published, masked -------------------------------------

def public_bodies():
    return EnforcementBody.objects.filter(is_active=True).select_related("unit").order_by("unit__path", "name")


def public_officers(*, today=None):
    """Officers holding a valid certificate today (name, unit, number, validity: nothing private)."""
    today = today or clock.today()
    return Officer.objects.certified_on(today).select_related("unit").only(
        "name", "unit__name", "unit__path", "certificate_no", "valid_until", "certificate_type", "post")


def public_inspections():
    return InspectionItem.objects.select_related("body")


PUBLIC_FIELDS = ("decision_number", "body_name", "kind", "party", "title", "content", "decided_on", "published_on")


class DecisionHits:
    """Published decisions on display matching ``q`` through the shared full-text index (core.search), ranked;
    sliceable and countable so the ordinary paginator pages it. The count is of the decisions on display (the
    index also holds decisions whose display period has ended): "共 N 条" equals the rows listed."""

    def __init__(self, q, today):
        self.q, self.today, self._ids = q, today, None

    def ids(self):
        if self._ids is None:
            from fazhi.core import search

            results = search.public_query(self.q, source="enforcement.decision", today=self.today)
            self._ids = [int(h.entry.object_id) for h in results]
        return self._ids

    def count(self):
        return len(self.ids())

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        ids = self.ids()[item] if isinstance(item, slice) else [self.ids()[item]]
        found = Publication.objects.on_display(self.today).only(*PUBLIC_FIELDS).in_bulk(ids)
        rows = [found[i] for i in ids if i in found]
        return rows if isinstance(item, slice) else rows[0]


def public_decision_get(pk, *, today=None):
    """A decision on display now, its stored public (masked) fields only; anything else is 404."""
    from django.http import Http404

    publication = Publication.objects.on_display(today or clock.today()).only(*PUBLIC_FIELDS).filter(pk=pk).first()
    if publication is None:
        raise Http404("该执法决定未公示或已撤下。")
    return publication


def public_decisions(*, q="", kind="", year=None, today=None):
    """On display now; ``q`` alone goes through the full-text index, ``q`` with a kind or a year is a substring
    filter. The values come validated from ``filters.PublicDecisionFilter``."""
    today = today or clock.today()
    if q and not kind and not year:
        return DecisionHits(q, today)
    qs = Publication.objects.on_display(today).only(*PUBLIC_FIELDS)
    if q:
        qs = qs.filter(search_text__contains=q)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(decided_on__year=year)
    return qs.order_by("-published_on", "-id")


# Deadlines and thresholds (computed the same way when set and when recomputed) ------------------

def decision_due_for(registered_on):
    """90 (configurable) calendar days from 立案, rolled forward past rest days (行政处罚法第60条).

    Across a year whose holiday schedule is not confirmed yet the roll uses provisional rest days (暂定);
    the date is recomputed when the office confirms that year (``deadlines.py``).
    """
    days = get_setting("enforcement.decision_days")
    try:
        return workdays.add_calendar_days(registered_on, days)
    except CalendarMissing:
        return workdays.add_calendar_days(registered_on, days, roll_forward=False)


def publication_due_for(kind, decided_on):
    """7 working days for licensing and penalty decisions, 20 for the others (国办发〔2018〕118号)."""
    key = ("enforcement.publish_days_main" if kind in (CaseKind.PENALTY, CaseKind.LICENSING)
           else "enforcement.publish_days_other")
    return workdays.add_working_days(decided_on, get_setting(key))


def hearing_qualifies(case):
    """Art. 63: large fines (configurable by party type), confiscation, licence revocation, closure."""
    if case.kind != CaseKind.PENALTY:
        return False
    if case.confiscation or case.licence_revocation or case.closure:
        return True
    organisation = any(p.kind == PartyKind.ORGANISATION for p in case.parties.all())
    key = "enforcement.hearing_fine_org" if organisation else "enforcement.hearing_fine_person"
    return case.fine_amount >= get_setting(key)


def major_fine_threshold(body):
    return body.major_fine_threshold if body.major_fine_threshold is not None else get_setting("enforcement.major_fine")


def open_statuses():
    return [s for s in CaseStatus.values if s in OPEN_STATUSES]
