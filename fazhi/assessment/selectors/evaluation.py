"""Reads of the evaluation part, always through the data scope."""
from decimal import Decimal

from fazhi.orgs import scope

from ..models.evaluation import EvalCard, EvalIndicator, EvalScore, Pilot, PilotAssessment, PilotIndicator
from ..permissions import AssessmentPerm as P
from ..policies.evaluation import eval_cards, eval_scores, pilot_assessments, pilots


def pilot_list(*, user):
    return pilots.visible(user, Pilot.objects.select_related("unit"))


def pilot_get(*, user, pk):
    return pilots.get(user, pk, Pilot.objects.select_related("unit"))


def pilot_indicator_tree():
    """The indicator tree in reading order (each first-level indicator, its second-level ones, their leaves)."""
    by_parent = {}
    for indicator in PilotIndicator.objects.all():
        by_parent.setdefault(indicator.parent_id, []).append(indicator)
    ordered = []

    def walk(parent_id):
        for indicator in by_parent.get(parent_id, []):
            indicator.leaf = indicator.pk not in by_parent
            ordered.append(indicator)
            walk(indicator.pk)

    walk(None)
    return ordered


def pilot_readiness(pilot):
    """Per leaf indicator: the self-assessment (or None); points earned (the office's score, else the
    self-assessment) and possible; indicators still without evidence."""
    assessments = {a.indicator_id: a for a in PilotAssessment.objects.filter(pilot=pilot)}
    rows, earned, possible, missing = [], Decimal(0), Decimal(0), 0
    for indicator in pilot_indicator_tree():
        assessment = assessments.get(indicator.pk)
        if indicator.leaf:
            possible += indicator.points
            if assessment is not None:
                earned += assessment.office_points if assessment.office_points is not None else assessment.self_points
            if assessment is None or not assessment.evidence:
                missing += 1
        rows.append((indicator, assessment))
    return {"rows": rows, "earned": earned, "possible": possible, "missing": missing}


def pilot_assessment_get(*, user, pk, action="view"):
    return pilot_assessments.get(user, pk, PilotAssessment.objects.select_related("pilot__unit", "indicator"),
                                 action=action)


def pilot_assessments_missing_evidence(unit_ids=None):
    qs = PilotAssessment.objects.filter(evidence="").select_related("pilot__unit", "indicator")
    return qs if unit_ids is None else qs.filter(pilot__unit_id__in=unit_ids)


def eval_indicators(year=None):
    qs = EvalIndicator.objects.all()
    return qs if year is None else qs.filter(year=year)


def card_list(*, user):
    return eval_cards.visible(user, EvalCard.objects.select_related("unit"))


def card_get(*, user, pk):
    return eval_cards.get(user, pk, EvalCard.objects.select_related("unit"))


def card_scores(card):
    return list(card.scores.select_related("indicator"))


def score_get(*, user, pk):
    return eval_scores.get(user, pk, EvalScore.objects.select_related("card__unit", "indicator"))


def card_changes(year):
    """Scores a recomputation or a re-scoring changed (per unit, per indicator: before → after)."""
    return [s for s in EvalScore.objects.filter(card__year=year, previous_score__isnull=False)
            .select_related("card__unit", "indicator").order_by("card__unit__path", "indicator__order")
            if s.changed]


def published_cards(year):
    from ..models.evaluation import EvalCardStatus

    return EvalCard.objects.filter(year=year, status=EvalCardStatus.PUBLISHED).select_related("unit") \
        .order_by("unit_kind", "rank", "unit__path")


def published_years():
    from ..models.evaluation import EvalCardStatus

    return sorted(set(EvalCard.objects.filter(status=EvalCardStatus.PUBLISHED).values_list("year", flat=True)),
                  reverse=True)


def history(*, user, obj):
    from fazhi.core.selectors import audit_list
    from fazhi.orgs.builtin_roles import Perm

    if not user.has_perm(Perm.VIEW_AUDIT):
        return None
    return audit_list(user=user, filters={}).filter(object_type=f"assessment.{type(obj).__name__}",
                                                    object_id=str(obj.pk))[:50]


def units_for_pilots(user):
    from fazhi.orgs.choices import UnitKind
    from fazhi.orgs.models import OrgUnit

    return scope.changeable(user, OrgUnit.objects.filter(
        kind__in=[UnitKind.TOWNSHIP, UnitKind.DEPARTMENT], is_active=True), perm=P.MANAGE).order_by("path")
