"""How the enforcement module's stored deadlines follow a confirmed holiday schedule.

Each deadline is recomputed with the same function that sets it (``selectors`` / ``workdays``): the decision (90 days
from 立案, rolled past rest days), the statement/hearing window after 告知, service of the decision,
publication of the decision and withdrawal of a revoked one. A step already taken on time under the
provisional deadline is never made late by the recomputation (``fazhi.core.deadlines.keeps``).
"""
from django.urls import reverse

from fazhi.core import workdays
from fazhi.core.deadlines import Moved, keeps, register_deadline, span
from fazhi.core.rules import get_setting

from . import selectors
from .choices import PublicationStatus
from .models import Case, Publication


def _link(case):
    return reverse("enforcement:case_detail", args=[case.pk])


def _moves(rows, field, compute, done=lambda obj, case: None):
    moved = []
    for obj, case in rows:
        old = getattr(obj, field)
        new = compute(obj, case)
        if new != old and not keeps(done(obj, case), old, new):
            setattr(obj, field, new)
            type(obj).objects.filter(pk=obj.pk).update(**{field: new})
            moved.append(Moved(unit=case.unit, record=str(case), link=_link(case), old=old, new=new))
    return moved


def decision_due(*, year, calendar, previous):
    qs = Case.objects.filter(span("registered_on", "decision_due", year))
    return _moves(((c, c) for c in qs.select_related("unit")), "decision_due",
                  lambda c, _case: selectors.decision_due_for(c.registered_on), lambda c, _case: c.decided_on)


def statement_due(*, year, calendar, previous):
    qs = Case.objects.filter(span("notified_on", "statement_due", year))
    days = get_setting("enforcement.statement_days")
    return _moves(((c, c) for c in qs.select_related("unit")), "statement_due",
                  lambda c, _case: workdays.add_working_days(c.notified_on, days),
                  lambda c, _case: c.hearing_requested_on)


def service_due(*, year, calendar, previous):
    qs = Case.objects.filter(span("decided_on", "service_due", year))
    days = get_setting("enforcement.service_days")
    return _moves(((c, c) for c in qs.select_related("unit")), "service_due",
                  lambda c, _case: workdays.add_working_days(c.decided_on, days), lambda c, _case: c.served_on)


def publication_due(*, year, calendar, previous):
    qs = Publication.objects.filter(span("case__decided_on", "due_on", year)).exclude(
        status=PublicationStatus.NOT_PUBLISHED)
    return _moves(((p, p.case) for p in qs.select_related("case", "case__unit")), "due_on",
                  lambda p, case: selectors.publication_due_for(case.kind, case.decided_on),
                  lambda p, _case: p.published_on)


def withdraw_due(*, year, calendar, previous):
    qs = Publication.objects.filter(span("case__revoked_on", "withdraw_due", year))
    days = get_setting("enforcement.withdraw_days")
    return _moves(((p, p.case) for p in qs.select_related("case", "case__unit")), "withdraw_due",
                  lambda p, case: workdays.add_working_days(case.revoked_on, days),
                  lambda p, _case: p.withdrawn_on)


register_deadline("enforcement.decision_due", label="决定期限", recompute=decision_due)
register_deadline("enforcement.statement_due", label="陈述申辩/听证申请期限", recompute=statement_due)
register_deadline("enforcement.service_due", label="送达期限", recompute=service_due)
register_deadline("enforcement.publication_due", label="公示期限", recompute=publication_due)
register_deadline("enforcement.withdraw_due", label="撤下公示期限", recompute=withdraw_due)
