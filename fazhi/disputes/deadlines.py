"""How the disputes module's stored deadlines follow a confirmed holiday schedule.

Each petition clock (转送, 受理告知, 管辖异议, 办理, 复查/复核 申请 and 决定) and each mediation deadline (调解目标期限,
申请司法确认期限) is recomputed with the same rule that set it: calendar days rolled past rest days, or working days
(the 2022 objection window). A step already taken on time under the provisional deadline is never made late by the
recomputation (``fazhi.core.deadlines.keeps``).
"""
from django.urls import reverse

from fazhi.core import workdays
from fazhi.core.deadlines import Moved, keeps, register_deadline, span
from fazhi.core.rules import get_setting

from .models import MediationCase, Petition


def _calendar(days):
    return lambda start, _obj: workdays.add_calendar_days(start, days)


def _recompute(model, url_name, field, start_field, done_field, compute, only=None):
    def recompute(*, year, calendar, previous):
        qs = model.objects.filter(span(start_field, field, year)).select_related("unit")
        moved = []
        for obj in qs:
            if only is not None and not only(obj):
                continue
            old, new = getattr(obj, field), compute(getattr(obj, start_field), obj)
            done = done_field(obj) if callable(done_field) else getattr(obj, done_field) if done_field else None
            if new != old and not keeps(done, old, new):
                model.objects.filter(pk=obj.pk).update(**{field: new})
                moved.append(Moved(unit=obj.unit, record=obj.number, link=reverse(url_name, args=[obj.pk]), old=old,
                                   new=new))
        return moved

    return recompute


def _petition(field, start_field, done_field, compute, only=None):
    return _recompute(Petition, "disputes:petition_detail", field, start_field, done_field, compute, only)


def _case(field, start_field, done_field, setting):
    return _recompute(MediationCase, "disputes:case_detail", field, start_field, done_field,
                      lambda start, _c: workdays.add_calendar_days(start, get_setting(setting)))


register_deadline("disputes.route_due", label="信访事项转送期限",
                  recompute=_petition("route_due", "received_on", "routed_on", _calendar(15)))
register_deadline("disputes.accept_due", label="信访事项受理告知期限",
                  recompute=_petition("accept_due", "routed_on", "notified_on", _calendar(15)))
register_deadline("disputes.objection_due", label="信访事项管辖异议期限",
                  recompute=_petition("objection_due", "routed_on", None,
                                      lambda start, _p: workdays.add_working_days(start, 5),
                                      only=lambda p: p.rules_2022))
register_deadline("disputes.handle_due", label="信访事项办理期限",
                  recompute=_petition("handle_due", "accepted_on", "answered_on", _calendar(60)))
register_deadline("disputes.review_request_due", label="复查申请期限",
                  recompute=_petition("review_request_due", "answered_on", "review_requested_on", _calendar(30)))
register_deadline("disputes.review_due", label="复查期限",
                  recompute=_petition("review_due", "review_requested_on", "reviewed_on", _calendar(30)))
register_deadline("disputes.recheck_request_due", label="复核申请期限",
                  recompute=_petition("recheck_request_due", "reviewed_on", "recheck_requested_on", _calendar(30)))
register_deadline("disputes.recheck_due", label="复核期限",
                  recompute=_petition("recheck_due", "recheck_requested_on", "rechecked_on", _calendar(30)))
register_deadline("disputes.target_due", label="调解目标期限",
                  recompute=_case("target_due", "registered_on",
                                  lambda c: c.effective_on or c.failed_on or c.refused_on or c.agreed_on,
                                  "disputes.mediation_target_days"))
register_deadline("disputes.confirmation_due", label="申请司法确认期限",
                  recompute=_case("confirmation_due", "effective_on", "confirmation_applied_on",
                                  "disputes.confirmation_days"))
