"""What waits for a user in the evaluation part.

The office: self-assessments to score, manual indicators to score, objections to answer, results to publish.
A unit: its pilot's indicators not yet self-assessed, manual indicators without evidence, a score card it may
still object to.
"""
from django.urls import reverse

from fazhi.core.registry import Todo, register_todo, todo_rows

from ..models.evaluation import EvalCard, EvalCardStatus, EvalScore, Pilot, PilotAssessment
from ..permissions import AssessmentPerm as P
from ..policies.evaluation import eval_cards, eval_scores, pilot_assessments, pilots


def _card(pk):
    return reverse("assessment:card_detail", args=[pk])


def office(user, today):
    if user is None or not user.has_perm(P.MANAGE):
        return []
    todos = []
    to_score = pilot_assessments.visible(user, PilotAssessment.objects.filter(office_points__isnull=True),
                                         action="score").select_related("pilot__unit", "indicator").order_by("pk")
    todos += todo_rows(to_score, lambda a: Todo(
        title=f"待评分：{a.pilot.unit.name}示范创建自评“{a.indicator.name}”", unit=a.pilot.unit.name, action="评分",
        link=reverse("assessment:pilot_detail", args=[a.pilot_id])))
    manual = eval_scores.visible(user, EvalScore.objects.filter(
        score__isnull=True, indicator__source="").exclude(card__status=EvalCardStatus.PUBLISHED),
        action="score").select_related("card__unit", "indicator").order_by("pk")
    todos += todo_rows(manual, lambda s: Todo(
        title=f"待评分：{s.card.unit.name}“{s.indicator.name}”", unit=s.card.unit.name, action="评分",
        link=_card(s.card_id)))
    objected = eval_cards.visible(user, EvalCard.objects.filter(status=EvalCardStatus.OBJECTED),
                                  action="reply").select_related("unit").order_by("objected_on")
    todos += todo_rows(objected, lambda c: Todo(
        title=f"待答复申诉：{c}", unit=c.unit.name, action="答复", link=_card(c.pk)))
    years = EvalCard.objects.exclude(status=EvalCardStatus.PUBLISHED).values_list("year", flat=True).distinct()
    for year in sorted(set(years)):
        todos.append(Todo(title=f"待公布：{year}年依法行政考评结果", action="公布",
                          link=f"{reverse('assessment:annual')}?year={year}"))
    return todos


def unit(user, today):
    if user is None or not user.has_perm(P.REPORT) or user.has_perm(P.MANAGE):
        return []  # the office's own list is ``office``
    from ..selectors.evaluation import pilot_indicator_tree

    todos = []
    leaves = [i.pk for i in pilot_indicator_tree() if i.leaf]
    for pilot in pilots.visible(user, Pilot.objects.filter(year=today.year), action="self_assess") \
            .select_related("unit"):
        done = set(pilot.assessments.values_list("indicator_id", flat=True))
        left = len([pk for pk in leaves if pk not in done])
        if left:
            todos.append(Todo(title=f"待自评：{pilot.unit.name}示范创建指标{left}项", count=left, action="自评",
                              unit=pilot.unit.name, link=pilot.get_absolute_url()))
    evidence = eval_scores.visible(user, EvalScore.objects.filter(evidence="", indicator__source="").exclude(
        card__status=EvalCardStatus.PUBLISHED), action="upload").select_related("card__unit", "indicator") \
        .order_by("pk")
    todos += todo_rows(evidence, lambda s: Todo(
        title=f"待上传佐证材料：{s.card.unit.name}“{s.indicator.name}”", unit=s.card.unit.name, action="上传",
        link=_card(s.card_id)))
    open_cards = eval_cards.visible(user, EvalCard.objects.filter(status=EvalCardStatus.COMPUTED,
                                                                  objection_due__gte=today),
                                    action="object").select_related("unit").order_by("objection_due", "pk")
    todos += todo_rows(open_cards, lambda c: Todo(
        title=f"核对考评得分（如有异议可申诉）：{c}", due=c.objection_due, unit=c.unit.name, action="核对",
        link=_card(c.pk)))
    return todos


register_todo("assessment.evaluation_office", label="示范创建与考评（法治办）", collect=office)
register_todo("assessment.evaluation_unit", label="示范创建与考评（单位）", collect=unit)
