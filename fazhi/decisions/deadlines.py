"""How the decisions module's stored deadlines follow a confirmed holiday schedule.

The legality review of a major decision must be allowed at least N working days (重大行政决策程序暂行条例
第二十六条; N is a rule setting). The due date is the lead unit's choice; when the confirmed schedule
makes an open review's window shorter than the minimum, the due date moves to the earliest lawful day.
"""
from django.urls import reverse

from fazhi.core import workdays
from fazhi.core.deadlines import Moved, register_deadline, span
from fazhi.core.rules import get_setting

from .choices import ReviewState, StepCode
from .models import ProcedureStep


def review_due(*, year, calendar, previous):
    minimum = get_setting("decisions.review_min_working_days")
    moved = []
    qs = ProcedureStep.objects.filter(span("submitted_on", "due_on", year), code=StepCode.LEGALITY_REVIEW,
                                      review_state=ReviewState.REQUESTED).select_related(
        "decision", "decision__lead_unit", "responsible_unit")
    for step in qs:
        old = step.due_on
        new = max(old, workdays.add_working_days(step.submitted_on, minimum))
        if new == old:
            continue
        ProcedureStep.objects.filter(pk=step.pk).update(due_on=new)
        link = reverse("decisions:decision_detail", args=[step.decision_id])
        record = f"{step.decision.title} 合法性审查"
        units = {u.pk: u for u in (step.responsible_unit, step.decision.lead_unit) if u is not None}
        moved.extend(Moved(unit=u, record=record, link=link, old=old, new=new) for u in units.values())
    return moved


register_deadline("decisions.review_due", label="合法性审查期限", recompute=review_due)
