"""Services of the evaluation part: every write in one transaction, audited, re-checked with the policy.

Pilots and their indicator tree (示范创建), the annual assessment's indicators, the computation of the score
cards from the modules' registered unit measures, manual scores, objections, replies and publication.
"""
from decimal import Decimal

from django.db import transaction

from fazhi.core import audit, audit_events, clock, search, uploads
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.registry import unit_measures
from fazhi.orgs import scope
from fazhi.orgs.choices import UnitKind

from ..models.evaluation import (
    EvalCard,
    EvalCardStatus,
    EvalIndicator,
    EvalScore,
    Pilot,
    PilotAssessment,
    PilotAssessmentStatus,
    PilotIndicator,
    PilotKind,
)
from ..policies.evaluation import eval_cards, eval_scores, pilot_assessments, pilots
from ..workflows.evaluation import EVAL_CARD_FLOW, objection_due_for

E = audit_events.register
E(1801, "assessment.pilot_created", "确定示范创建试点单位")
E(1802, "assessment.pilot_indicators_imported", "导入示范创建指标体系")
E(1803, "assessment.pilot_self_assessed", "示范创建自评")
E(1804, "assessment.pilot_scored", "示范创建评分")
E(1810, "assessment.eval_indicator_saved", "保存依法行政考评指标")
E(1811, "assessment.eval_computed", "计算依法行政考评得分")
E(1812, "assessment.eval_scored", "依法行政考评人工评分")
E(1813, "assessment.eval_evidence_uploaded", "上传考评佐证材料")
E(1814, "assessment.eval_objected", "考评申诉")
E(1815, "assessment.eval_replied", "答复考评申诉")
E(1816, "assessment.eval_published", "公布依法行政考评结果")

KIND_OF_UNIT = {UnitKind.TOWNSHIP: PilotKind.TOWNSHIP, UnitKind.DEPARTMENT: PilotKind.DEPARTMENT}
CENT = Decimal("0.01")


def _check(policy, actor, action, obj=None, field=None):
    if actor is None:
        raise DomainError("请先登录。", code="policy_refused")
    if obj is not None and not scope.can_see(actor, obj, perm=policy.view_permission):
        raise NotFound()
    policy.check(actor, action, obj, field=field)


def _points(value, maximum, field):
    if value is None or value < 0 or value > maximum:
        raise DomainError(f"分数应在0到{maximum}分之间。", field=field)
    return value


# Demonstration pilots ---------------------------------------------------------------------------

def pilot_search_fields(pilot):
    """What the staff search finds a pilot by (owned by the pilot unit)."""
    return dict(title=str(pilot), unit=pilot.unit, text=" ".join(filter(None, [
        pilot.unit.name, pilot.get_kind_display(), "示范创建", pilot.note])), url=pilot.get_absolute_url(), public=False)


def card_search_fields(card):
    """What the staff search finds a score card by (owned by the assessed unit); the result's title line carries the
    card's status and total (e.g. "……（已公布 · 92.50分）"), re-indexed whenever either changes."""
    return dict(title=f"{card}（{card.get_status_display()} · {card.total:.2f}分）", unit=card.unit,
                text=" ".join([card.unit.name, card.get_unit_kind_display(), "依法行政考评", "计分卡"]),
                url=card.get_absolute_url(), public=False)


def _card_index(card):
    search.index(card, source="assessment.card", **card_search_fields(card))


def pilot_create(*, actor, unit, year, note=""):
    """Choose ``unit`` (a township or a county department) as a demonstration pilot of ``year``."""
    _check(pilots, actor, "create")
    kind = KIND_OF_UNIT.get(unit.kind)
    if kind is None:
        raise DomainError("示范创建试点单位应为乡镇（场、区）或县直部门。", field="unit")
    if Pilot.objects.filter(unit=unit, year=year).exists():
        raise DomainError(f"{unit.name}已是{year}年示范创建试点单位。", field="unit")
    with transaction.atomic():
        pilot = Pilot.objects.create(unit=unit, kind=kind, year=year, note=note)
        search.index(pilot, source="assessment.pilot", **pilot_search_fields(pilot))
        audit.record(actor=actor, event="assessment.pilot_created", obj=pilot,
                     changes={"unit": [None, unit.name], "year": [None, year]})
    return pilot


def pilot_indicators_import(*, actor, rows):
    """Save the indicator tree read from Excel (all rows already checked; the import is all-or-nothing)."""
    _check(pilots, actor, "import_indicators")
    saved = []
    for order, row in enumerate(rows, start=1):
        parent = PilotIndicator.objects.get(code=row["parent_code"]) if row.get("parent_code") else None
        indicator, _ = PilotIndicator.objects.update_or_create(code=row["code"], defaults={
            "parent": parent, "level": parent.level + 1 if parent else 1, "name": row["name"],
            "points": row["points"], "evidence": row.get("evidence") or "", "order": order})
        saved.append(indicator)
    audit.record(actor=actor, event="assessment.pilot_indicators_imported", object_repr="示范创建指标体系",
                 changes={"rows": [None, len(saved)]})
    return saved


def pilot_self_assess(*, actor, pilot, indicator, points, note="", evidence=None):
    """The pilot's self-assessment of one indicator with its evidence (a new one replaces the earlier)."""
    _check(pilots, actor, "self_assess", pilot)
    if not indicator.is_leaf:
        raise DomainError("请对末级指标自评。", field="indicator")
    _points(points, indicator.points, "points")
    existing = PilotAssessment.objects.filter(pilot=pilot, indicator=indicator).first()
    if existing is not None:
        pilot_assessments.check(actor, "revise", existing, field="points")
    if evidence is not None:
        uploads.check(evidence, kind="evidence", field="evidence", label="佐证材料")
    elif indicator.evidence and (existing is None or not existing.evidence):
        raise DomainError(f"该指标要求提供佐证材料：{indicator.evidence}。", field="evidence")
    with transaction.atomic():
        assessment = existing or PilotAssessment(pilot=pilot, indicator=indicator)
        assessment.self_points, assessment.self_note = points, note
        if evidence is not None:
            assessment.evidence_name = evidence.name[:200]
            assessment.evidence.save(evidence.name, evidence, save=False)
        assessment.save()
        audit.record(actor=actor, event="assessment.pilot_self_assessed", obj=assessment,
                     changes={"self_points": [None, str(points)]})
    return assessment


def pilot_score(*, actor, assessment, points, comment=""):
    """The office's score of a self-assessed indicator, with its comments."""
    _check(pilot_assessments, actor, "score", assessment)
    _points(points, assessment.indicator.points, "points")
    with transaction.atomic():
        before = assessment.office_points
        assessment.office_points, assessment.office_comment = points, comment
        assessment.status = PilotAssessmentStatus.SCORED
        assessment.save()
        audit.record(actor=actor, event="assessment.pilot_scored", obj=assessment,
                     changes={"office_points": [str(before) if before is not None else None, str(points)]})
    return assessment


# The annual assessment ----------------------------------------------------------------------------

def eval_indicator_save(*, actor, year, unit_kind, name, points, source="", rule="", indicator=None):
    _check(eval_cards, actor, "configure")
    if source and source not in unit_measures():
        raise DomainError("所选的自动计分来源不存在。", field="source")
    if points <= 0:
        raise DomainError("分值应大于0。", field="points")
    if EvalCard.objects.filter(year=year, status=EvalCardStatus.PUBLISHED).exists():
        raise DomainError(f"{year}年考评结果已公布，不能再修改指标。", field="year")
    with transaction.atomic():
        indicator = indicator or EvalIndicator(order=EvalIndicator.objects.filter(year=year).count() + 1)
        for key, value in {"year": year, "unit_kind": unit_kind, "name": name, "points": points, "source": source,
                           "rule": rule}.items():
            setattr(indicator, key, value)
        indicator.save()
        audit.record(actor=actor, event="assessment.eval_indicator_saved", obj=indicator,
                     changes={"name": [None, name], "points": [None, str(points)]})
    return indicator


def _assessed_units(kind):
    from fazhi.orgs.models import OrgUnit

    unit_kind = UnitKind.TOWNSHIP if kind == PilotKind.TOWNSHIP else UnitKind.DEPARTMENT
    return list(OrgUnit.objects.filter(kind=unit_kind, is_active=True).order_by("path"))


def _members(units):
    """``{unit id: assessed unit id}``: each assessed unit and the units under it (its internal offices and
    stations count towards it)."""
    from fazhi.orgs.models import OrgUnit

    parents = dict(OrgUnit.objects.values_list("pk", "parent_id"))
    assessed = {u.pk for u in units}
    members = {}
    for pk in parents:
        current, seen = pk, set()
        while current is not None and current not in assessed and current not in seen:
            seen.add(current)
            current = parents.get(current)
        if current is not None and current in assessed:
            members[pk] = current
    return members


def _auto_score(indicator, pair):
    """Points × numerator ÷ denominator; a unit with nothing to assess under the indicator gets full points."""
    numerator, denominator = pair
    if not denominator:
        return indicator.points.quantize(CENT)
    return (indicator.points * numerator / denominator).quantize(CENT)


def eval_compute(*, actor, year):
    """Compute (or recompute) every unit's score card of ``year`` from the registered unit measures.

    Each automatic score keeps the records it counted; the score before a recomputation is kept as
    ``previous_score`` so the office sees what a correction changed. Published results are frozen.
    """
    _check(eval_cards, actor, "compute")
    if EvalCard.objects.filter(year=year, status=EvalCardStatus.PUBLISHED).exists():
        raise DomainError(f"{year}年考评结果已公布，公布后的结果不再重新计算。", field="year")
    indicators = list(EvalIndicator.objects.filter(year=year))
    if not indicators:
        raise DomainError(f"请先设置{year}年的考评指标。", field="year")
    measures = unit_measures()
    today = clock.today()
    due = objection_due_for(today)  # the results are fed back today: the objection period starts
    cards = []
    with transaction.atomic():
        for kind in PilotKind.values:
            units = _assessed_units(kind)
            members = _members(units)
            mine = [i for i in indicators if i.unit_kind == kind]
            values = {i.pk: measures[i.source].compute(list(members), year) for i in mine
                      if i.source and i.source in measures}
            for unit in units:
                card, _ = EvalCard.objects.get_or_create(year=year, unit=unit, defaults={"unit_kind": kind})
                card.unit_kind, card.computed_on, card.objection_due = kind, today, due
                own = [pk for pk, owner in members.items() if owner == unit.pk]
                for indicator in mine:
                    score, _ = EvalScore.objects.get_or_create(card=card, indicator=indicator)
                    if indicator.pk in values:
                        counted = [pk for pk in own if pk in values[indicator.pk]]
                        pair = (sum(values[indicator.pk][pk][0] for pk in counted),
                                sum(values[indicator.pk][pk][1] for pk in counted))
                        score.previous_score = score.score
                        score.numerator, score.denominator = pair
                        score.score = _auto_score(indicator, pair)
                        score.records = [list(r) for pk in counted
                                         for r in measures[indicator.source].drilldown(pk, year)]
                        score.save()
                card.total = sum((s.score or 0 for s in card.scores.all()), Decimal(0))
                card.save()
                _card_index(card)
                cards.append(card)
            _rank(year, kind)
        audit.record(actor=actor, event="assessment.eval_computed", object_repr=f"{year}年依法行政考评",
                     changes={"year": [None, year], "cards": [None, len(cards)]})
    return cards


def _rank(year, kind):
    rank, previous, position = 0, None, 0
    for card in EvalCard.objects.filter(year=year, unit_kind=kind).order_by("-total", "unit__path"):
        position += 1
        if card.total != previous:
            rank, previous = position, card.total
        EvalCard.objects.filter(pk=card.pk).update(rank=rank)


def _fresh(score):
    return EvalScore.objects.select_related("card__unit", "indicator").get(pk=score.pk)


def eval_score(*, actor, score, points, comment=""):
    """The office's score of a manual indicator (on the unit's evidence)."""
    score = _fresh(score)
    _check(eval_scores, actor, "score", score)
    _points(points, score.indicator.points, "points")
    with transaction.atomic():
        before = score.score
        score.previous_score, score.score, score.comment = before, points, comment
        score.save()
        card = score.card
        card.total = sum((s.score or 0 for s in card.scores.all()), Decimal(0))
        card.save()
        _card_index(card)
        _rank(card.year, card.unit_kind)
        audit.record(actor=actor, event="assessment.eval_scored", obj=score,
                     changes={"score": [str(before) if before is not None else None, str(points)]})
    return score


def eval_evidence_upload(*, actor, score, evidence):
    score = _fresh(score)
    _check(eval_scores, actor, "upload", score)
    uploads.check(evidence, kind="evidence", field="evidence", label="佐证材料")
    with transaction.atomic():
        score.evidence_name = evidence.name[:200]
        score.evidence.save(evidence.name, evidence, save=False)
        score.save()
        audit.record(actor=actor, event="assessment.eval_evidence_uploaded", obj=score,
                     changes={"evidence": [None, score.evidence_name]})
    return score


def eval_object(*, actor, card, text):
    """The unit's objection (申诉) to its score card, within the objection period."""
    if not (text or "").strip():
        raise DomainError("请填写申诉理由。", field="text")
    _check(eval_cards, actor, "object", card)

    def effect(c):
        c.objection, c.objected_on = text, clock.today()

    with transaction.atomic():
        card = EVAL_CARD_FLOW.apply(actor=actor, obj=card, action="object", effect=effect,
                                    changes={"objection": [None, text]})
        _card_index(card)
    return card


def eval_reply(*, actor, card, text):
    """The office's reply to the objection (a correction is made in the source records, then recomputed)."""
    if not (text or "").strip():
        raise DomainError("请填写答复意见。", field="text")
    _check(eval_cards, actor, "reply", card)

    def effect(c):
        c.reply, c.replied_on = text, clock.today()

    with transaction.atomic():
        card = EVAL_CARD_FLOW.apply(actor=actor, obj=card, action="reply", effect=effect,
                                    changes={"reply": [None, text]})
        _card_index(card)
    return card


def eval_publish(*, actor, year):
    """Publish ``year``'s results: every card is frozen (later changes of the records do not change them)."""
    _check(eval_cards, actor, "publish")
    cards = EvalCard.objects.filter(year=year)
    if not cards.exists():
        raise DomainError(f"{year}年尚未计算考评得分。", field="year")
    if cards.filter(status=EvalCardStatus.PUBLISHED).exists():
        raise DomainError(f"{year}年考评结果已公布。", field="year")
    waiting = cards.filter(status=EvalCardStatus.OBJECTED).select_related("unit")
    if waiting:
        names = "、".join(c.unit.name for c in waiting)
        raise DomainError(f"以下单位的申诉尚未答复，不能公布：{names}。", field="year")
    unscored = EvalScore.objects.filter(card__year=year, score__isnull=True).count()
    if unscored:
        raise DomainError(f"还有{unscored}项人工评分指标尚未评分，不能公布。", field="year")
    with transaction.atomic():
        n = cards.update(status=EvalCardStatus.PUBLISHED, published_on=clock.today())
        for card in cards.select_related("unit"):
            _card_index(card)
        audit.record(actor=actor, event="assessment.eval_published", object_repr=f"{year}年依法行政考评",
                     changes={"year": [None, year], "cards": [None, n]})
    return n
