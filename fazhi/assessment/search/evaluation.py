"""Search entries of the evaluation part, for staff only (scoped by unit): the demonstration pilots and the annual
assessment's score cards (both owned by the unit)."""
from fazhi.core.registry import register_search

from ..models.evaluation import EvalCard, Pilot
from ..services.evaluation import card_search_fields, pilot_search_fields


def pilot_entries():
    for pilot in Pilot.objects.select_related("unit").iterator():
        yield pilot, pilot_search_fields(pilot)


def card_entries():
    for card in EvalCard.objects.select_related("unit").iterator():
        yield card, card_search_fields(card)


register_search("assessment.pilot", label="示范创建试点单位", entries=pilot_entries)
register_search("assessment.card", label="依法行政考评计分卡", entries=card_entries)
