"""Contract samples of the evaluation part: every sample belongs to the market bureau (市场监管局), which the
outsider (水利局) does not see."""
PUBLIC = {"assessment:public_results"}


def _pilot(county):
    from .factories_evaluation import pilot, tree

    tree(county)
    return pilot(county)


def _assessment(county):
    from fazhi.assessment.models import PilotAssessment

    from .factories_evaluation import self_assessed

    return PilotAssessment.objects.filter(pilot__unit=county.market).first() or self_assessed(county)


def _card(county):
    from .factories_evaluation import annual

    return annual(county)


def _manual_score(county):
    return _card(county).scores.get(indicator__source="")


SAMPLES = {
    "assessment:pilot_detail": lambda c: {"pk": _pilot(c).pk},
    "assessment:pilot_self_assess": lambda c: {"pk": _pilot(c).pk},
    "assessment:pilot_score": lambda c: {"pk": _assessment(c).pk},
    "assessment:pilot_evidence": lambda c: {"pk": _assessment(c).pk},
    "assessment:card_detail": lambda c: {"pk": _card(c).pk},
    "assessment:card_object": lambda c: {"pk": _card(c).pk},
    "assessment:card_reply": lambda c: {"pk": _card(c).pk},
    "assessment:score_edit": lambda c: {"pk": _manual_score(c).pk},
    "assessment:score_evidence": lambda c: {"pk": _manual_score(c).pk},
    "assessment:score_file": lambda c: {"pk": _manual_score(c).pk},
}
SECRET_TEXT = {}
