"""How the legal-aid clocks follow a confirmed holiday schedule (``fazhi.core.deadlines``).

Each due date is recomputed with the function that set it (``aid_rules``), under the law in force on the
application date: review (from the application, or from the day the materials were completed), materials,
assignment (from the decision) and objection (from the objection; working days under the 2003 regulations).
A step already taken on time under the provisional date is never made late (``keeps``).
"""
from django.urls import reverse

from fazhi.core.deadlines import Moved, keeps, register_deadline, span

from . import aid_rules
from .models import AidApplication


def _moves(qs, field, start_field, compute, done_field):
    moved = []
    for app in qs.select_related("unit"):
        old = getattr(app, field)
        new = compute(app, getattr(app, start_field))
        if new != old and not keeps(getattr(app, done_field), old, new):
            AidApplication.objects.filter(pk=app.pk).update(**{field: new})
            moved.append(Moved(unit=app.unit, record=str(app), old=old, new=new,
                               link=reverse("legal_services:aid_detail", args=[app.pk])))
    return moved


def review_due(*, year, calendar, previous):
    moved = []
    for start_field in ("applied_on", "materials_received_on"):
        qs = AidApplication.objects.filter(span(start_field, "review_due", year))
        if start_field == "applied_on":
            qs = qs.filter(materials_received_on__isnull=True)
        moved += _moves(qs, "review_due", start_field, aid_rules.review_due, "decided_on")
    return moved


def materials_due(*, year, calendar, previous):
    qs = AidApplication.objects.filter(span("materials_requested_on", "materials_due", year))
    return _moves(qs, "materials_due", "materials_requested_on", aid_rules.materials_due, "materials_received_on")


def assign_due(*, year, calendar, previous):
    qs = AidApplication.objects.filter(span("decided_on", "assign_due", year))
    return _moves(qs, "assign_due", "decided_on", _assign_from, "assigned_on")


def _assign_from(app, decided_on):
    # an upheld objection starts the assignment clock on the objection's decision
    return aid_rules.assign_due(app, app.objection_decided_on if app.objection_upheld else decided_on)


def objection_due(*, year, calendar, previous):
    qs = AidApplication.objects.filter(span("objected_on", "objection_due", year))
    return _moves(qs, "objection_due", "objected_on", aid_rules.objection_due, "objection_decided_on")


register_deadline("legal_services.aid_review_due", label="法律援助申请审查期限", recompute=review_due)
register_deadline("legal_services.aid_materials_due", label="补充材料期限", recompute=materials_due)
register_deadline("legal_services.aid_assign_due", label="指派承办律师期限", recompute=assign_due)
register_deadline("legal_services.aid_objection_due", label="法律援助异议审查期限", recompute=objection_due)
