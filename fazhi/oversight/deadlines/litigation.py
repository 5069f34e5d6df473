"""How the litigation part's stored deadlines follow a confirmed holiday schedule: each is recomputed with the
function that set it (calendar days rolled past rest days, or working days), and a step already taken on time
under the provisional date is never made late (``fazhi.core.deadlines.keeps``)."""
from fazhi.core import workdays
from fazhi.core.deadlines import Moved, keeps, register_deadline, span

from ..models.litigation import LitigationCase, ReconsiderationCase
from ..services.litigation import APPEAL_DAYS, DEFENCE_DAYS


def _moves(qs, field, compute, done):
    moved = []
    for obj in qs.select_related("unit"):
        old, new = getattr(obj, field), compute(obj)
        if new != old and not keeps(done(obj), old, new):
            type(obj).objects.filter(pk=obj.pk).update(**{field: new})
            moved.append(Moved(unit=obj.unit, record=str(obj), link=obj.get_absolute_url(), old=old, new=new))
    return moved


def defence_due(*, year, calendar, previous):
    return _moves(LitigationCase.objects.filter(span("received_on", "defence_due", year)), "defence_due",
                  lambda c: workdays.add_calendar_days(c.received_on, DEFENCE_DAYS), lambda c: c.defended_on)


def appeal_due(*, year, calendar, previous):
    return _moves(LitigationCase.objects.filter(span("judged_on", "appeal_due", year)), "appeal_due",
                  lambda c: workdays.add_calendar_days(c.judged_on, APPEAL_DAYS[c.judgment_kind]),
                  lambda c: c.appealed_on)


def accept_due(*, year, calendar, previous):
    return _moves(ReconsiderationCase.objects.filter(span("received_on", "accept_due", year)), "accept_due",
                  lambda c: workdays.add_working_days(c.received_on, 5), lambda c: c.accepted_on)


def answer_due(*, year, calendar, previous):
    def compute(c):
        add = workdays.add_working_days if c.law_2023 else workdays.add_calendar_days
        return add(c.copy_served_on, 10)

    return _moves(ReconsiderationCase.objects.filter(span("copy_served_on", "answer_due", year)), "answer_due",
                  compute, lambda c: c.answered_on)


def decision_due(*, year, calendar, previous):
    return _moves(ReconsiderationCase.objects.filter(span("accepted_on", "decision_due", year)), "decision_due",
                  lambda c: workdays.add_calendar_days(c.accepted_on, 60), lambda c: c.decided_on)


register_deadline("oversight.defence_due", label="行政应诉答辩期限", recompute=defence_due)
register_deadline("oversight.appeal_due", label="行政诉讼上诉期限", recompute=appeal_due)
register_deadline("oversight.recon_accept_due", label="行政复议受理审查期限", recompute=accept_due)
register_deadline("oversight.recon_answer_due", label="行政复议答复期限", recompute=answer_due)
register_deadline("oversight.recon_decision_due", label="行政复议决定期限", recompute=decision_due)
