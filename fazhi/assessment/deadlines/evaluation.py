"""How the evaluation part's stored deadline follows a confirmed holiday schedule.

The score card's objection deadline (``EvalCard.objection_due``: ``assessment.objection_days`` working days after
the card was computed and fed back) is recomputed with the function that set it (``objection_due_for``). An
objection already made on time under the provisional deadline is never made late by the recomputation
(``fazhi.core.deadlines.keeps``). The office's reply to an objection has no deadline of its own (the county's
assessment rules set none; publication simply waits for every reply), so there is nothing else to recompute.
"""
from fazhi.core.deadlines import Moved, keeps, register_deadline, span

from ..models.evaluation import EvalCard
from ..workflows.evaluation import objection_due_for


def card_objection_due(*, year, calendar, previous):
    moved = []
    for card in EvalCard.objects.filter(span("computed_on", "objection_due", year)).select_related("unit"):
        old, new = card.objection_due, objection_due_for(card.computed_on)
        if new != old and not keeps(card.objected_on, old, new):
            EvalCard.objects.filter(pk=card.pk).update(objection_due=new)
            moved.append(Moved(unit=card.unit, record=str(card), link=card.get_absolute_url(), old=old, new=new))
    return moved


register_deadline("assessment.objection_due", label="考评结果申诉期限", recompute=card_objection_due)
