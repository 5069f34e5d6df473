"""Views of the evaluation part: pilots, the indicator tree, the annual assessment, score cards, the public ranking.

Thin: the policy decides who (403 otherwise), ``form_page`` saves through one service (which re-checks).
"""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from fazhi.core import clock, uploads
from fazhi.core import spreadsheets as sheets
from fazhi.core.registers import register_page
from fazhi.core.registry import unit_measures
from fazhi.core.web import form_page, import_page, require_perm, xlsx_response

from .. import filters, forms, selectors, services
from ..permissions import AssessmentPerm as P
from ..policies.evaluation import eval_cards, eval_scores, pilot_assessments, pilots
from ..spreadsheets.evaluation import export_results, pilot_indicator_sheet


def _post(request):
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


def _deny(policy, user, action, obj=None):
    """403 when ``user`` lacks the function permission for ``action`` or ``obj`` is out of its reach (the
    record's state is shown on the page as a warning; the service re-checks it)."""
    reachable = obj is None or policy.visible(user, type(obj)._default_manager.filter(pk=obj.pk),
                                              action=action).exists()
    if not policy.can(user, action) or not reachable:
        raise PermissionDenied("您没有此项操作的权限。")


def _year(request):
    value = request.GET.get("year", "")
    return int(value) if value.isdecimal() and 2000 <= int(value) <= 2100 else clock.today().year


# Pilots -----------------------------------------------------------------------------------------

@require_perm(P.VIEW)
def pilot_list(request):
    return register_page(request, filterset_class=filters.PilotFilter, queryset=selectors.pilot_list(user=request.user),
                         template="assessment/evaluation/pilot_list.html",
                         context={"may": pilots.can_all(request.user, ["create", "import_indicators"])})


@require_perm(P.MANAGE)
def pilot_create(request):
    _deny(pilots, request.user, "create")
    form = forms.PilotForm(_post(request), units=selectors.units_for_pilots(request.user),
                           initial={"year": clock.today().year})
    return form_page(request, form, title="确定示范创建试点单位", cancel=reverse("assessment:pilot_list"),
                     save=lambda d: services.pilot_create(actor=request.user, **d),
                     success=lambda p: f"已确定{p.unit.name}为示范创建试点单位。")


@require_perm(P.VIEW)
def pilot_detail(request, pk):
    pilot = selectors.pilot_get(user=request.user, pk=pk)
    readiness = selectors.pilot_readiness(pilot)
    for _indicator, assessment in readiness["rows"]:
        if assessment is not None:
            assessment.scorable = pilot_assessments.can_on(request.user, "score", assessment)
    return render(request, "assessment/evaluation/pilot_detail.html", {
        "pilot": pilot, **readiness, "may": pilots.may(request.user, pilot),
        "history": selectors.history(user=request.user, obj=pilot)})


@require_perm(P.REPORT)
def pilot_self_assess(request, pk):
    pilot = selectors.pilot_get(user=request.user, pk=pk)
    _deny(pilots, request.user, "self_assess", pilot)
    leaves = [i.pk for i in selectors.pilot_indicator_tree() if i.leaf]
    from ..models.evaluation import PilotIndicator

    initial = {"indicator": request.GET.get("indicator")} if request.GET.get("indicator", "").isdecimal() else {}
    form = forms.PilotSelfAssessForm(_post(request), _files(request), initial=initial,
                                     indicators=PilotIndicator.objects.filter(pk__in=leaves))
    return form_page(request, form, title=f"示范创建自评：{pilot.unit.name}", cancel=pilot.get_absolute_url(),
                     save=lambda d: services.pilot_self_assess(actor=request.user, pilot=pilot, **d),
                     done=lambda _a: pilot.get_absolute_url(), success="已保存自评。")


@require_perm(P.MANAGE)
def pilot_score(request, pk):
    assessment = selectors.pilot_assessment_get(user=request.user, pk=pk)
    _deny(pilot_assessments, request.user, "score", assessment)
    form = forms.ScoreForm(_post(request), initial={"points": assessment.self_points})
    return form_page(request, form, title=f"示范创建评分：{assessment}", cancel=assessment.get_absolute_url(),
                     save=lambda d: services.pilot_score(actor=request.user, assessment=assessment, **d),
                     success="已评分。", warning=f"自评分{assessment.self_points}分；{assessment.self_note}")


@require_perm(P.VIEW)
def pilot_evidence(request, pk):
    assessment = selectors.pilot_assessment_get(user=request.user, pk=pk)
    return uploads.file_response(request, assessment.evidence, filename=assessment.evidence_name or None)


@require_perm(P.VIEW)
def indicator_tree(request):
    return render(request, "assessment/evaluation/indicator_tree.html", {
        "indicators": selectors.pilot_indicator_tree(), "may": pilots.can_all(request.user, ["import_indicators"])})


@require_perm(P.MANAGE)
def indicator_import(request):
    _deny(pilots, request.user, "import_indicators")

    def done(result):
        messages.success(request, f"已导入{len(result.saved)}项示范创建指标。")
        return redirect("assessment:indicator_tree")

    return import_page(request, spec=lambda _d: pilot_indicator_sheet(actor=request.user), title="导入示范创建指标体系",
                       template_url=reverse("assessment:indicator_template"),
                       cancel=reverse("assessment:indicator_tree"), done=done)


@require_perm(P.MANAGE)
def indicator_template(request):
    return xlsx_response(sheets.template_workbook(pilot_indicator_sheet()), "示范创建指标体系导入模板.xlsx")


# The annual assessment ----------------------------------------------------------------------------

@require_perm(P.VIEW)
def annual(request):
    year = _year(request)
    measures = unit_measures()
    indicators = list(selectors.eval_indicators(year))
    for indicator in indicators:
        indicator.source_label = measures[indicator.source].label if indicator.source in measures else "来源未登记"
    return render(request, "assessment/evaluation/annual.html", {
        "year": year, "indicators": indicators,
        "changes": selectors.card_changes(year),
        "may": eval_cards.can_all(request.user, ["configure", "compute", "publish"])})


@require_perm(P.MANAGE)
def annual_indicator_create(request):
    _deny(eval_cards, request.user, "configure")
    year = _year(request)
    form = forms.EvalIndicatorForm(_post(request), initial={"year": year})
    return form_page(request, form, title="新增考评指标", cancel=f"{reverse('assessment:annual')}?year={year}",
                     save=lambda d: services.eval_indicator_save(actor=request.user, **d),
                     done=lambda i: f"{reverse('assessment:annual')}?year={i.year}", success="已保存考评指标。")


@require_perm(P.MANAGE)
def annual_compute(request):
    _deny(eval_cards, request.user, "compute")
    form = forms.YearForm(_post(request), initial={"year": _year(request)})
    return form_page(request, form, title="计算依法行政考评得分", cancel=reverse("assessment:annual"), submit="计算",
                     save=lambda d: services.eval_compute(actor=request.user, year=d["year"]) and d["year"],
                     done=lambda year: f"{reverse('assessment:annual')}?year={year}",
                     success="已根据各模块记录计算考评得分；重新计算时，变化的得分列在“重新计算的变化”中。")


@require_perm(P.MANAGE)
def annual_publish(request):
    _deny(eval_cards, request.user, "publish")
    form = forms.YearForm(_post(request), initial={"year": _year(request)})
    return form_page(request, form, title="公布依法行政考评结果", cancel=reverse("assessment:annual"), submit="公布",
                     save=lambda d: services.eval_publish(actor=request.user, year=d["year"]) and d["year"],
                     done=lambda year: f"{reverse('assessment:card_list')}?year={year}",
                     success="已公布考评结果；公布后的得分不再随记录变化。",
                     confirm="公布后考评结果即冻结，不能再重新计算或修改，确定公布吗？")


@require_perm(P.VIEW)
def card_list(request):
    return register_page(request, filterset_class=filters.EvalCardFilter,
                         queryset=selectors.card_list(user=request.user),
                         template="assessment/evaluation/card_list.html", export=export_results,
                         export_name="依法行政考评结果")


@require_perm(P.VIEW)
def card_detail(request, pk):
    card = selectors.card_get(user=request.user, pk=pk)
    scores = selectors.card_scores(card)
    for score in scores:
        score.may = eval_scores.may(request.user, score)
    return render(request, "assessment/evaluation/card_detail.html", {
        "card": card, "scores": scores, "may": eval_cards.may(request.user, card),
        "history": selectors.history(user=request.user, obj=card)})


def _card_step(request, pk, action, label, service):
    card = selectors.card_get(user=request.user, pk=pk)
    _deny(eval_cards, request.user, action, card)
    form = forms.TextForm(_post(request), label=label)
    return form_page(request, form, title=f"{label}：{card}", cancel=card.get_absolute_url(),
                     save=lambda d: service(actor=request.user, card=card, text=d["text"]),
                     warning=eval_cards.refusal(request.user, action, card), success="已保存。")


@require_perm(P.REPORT)
def card_object(request, pk):
    return _card_step(request, pk, "object", "申诉理由", services.eval_object)


@require_perm(P.MANAGE)
def card_reply(request, pk):
    return _card_step(request, pk, "reply", "答复意见", services.eval_reply)


@require_perm(P.MANAGE)
def score_edit(request, pk):
    score = selectors.score_get(user=request.user, pk=pk)
    _deny(eval_scores, request.user, "score", score)
    form = forms.ScoreForm(_post(request), initial={"points": score.score})
    return form_page(request, form, title=f"人工评分：{score}", cancel=score.get_absolute_url(),
                     save=lambda d: services.eval_score(actor=request.user, score=score, **d), success="已评分。",
                     warning=eval_scores.refusal(request.user, "score", score))


@require_perm(P.REPORT)
def score_evidence(request, pk):
    score = selectors.score_get(user=request.user, pk=pk)
    _deny(eval_scores, request.user, "upload", score)
    form = forms.EvidenceForm(_post(request), _files(request))
    return form_page(request, form, title=f"上传佐证材料：{score}", cancel=score.get_absolute_url(),
                     save=lambda d: services.eval_evidence_upload(actor=request.user, score=score, **d),
                     success="已上传佐证材料。", warning=eval_scores.refusal(request.user, "upload", score))


@require_perm(P.VIEW)
def score_file(request, pk):
    score = selectors.score_get(user=request.user, pk=pk)
    return uploads.file_response(request, score.evidence, filename=score.evidence_name or None)


# Public ---------------------------------------------------------------------------------------------

def public_results(request):
    years = selectors.published_years()
    value = request.GET.get("year", "")
    year = int(value) if value.isdecimal() and int(value) in years else (years[0] if years else None)
    if value and year is not None and str(year) != value:
        raise Http404("没有该年度公布的考评结果。")
    return render(request, "assessment/evaluation/public_results.html", {
        "years": years, "year": year, "cards": selectors.published_cards(year) if year else []})
