"""Figures of the decisions module for the annual report (seed §三 “遵循规范程序，推进科学决策”).

Seed: 实施重大事项和重大项目风险评估、合法性审查20项 (``matters_reviewed``), 审查重大决策事项10余次
(``decisions_reviewed``), 审查政府规范性文件、项目合同60余份 — this module counts only its own part, the
contracts reviewed by legal advisers (``contracts_reviewed``); the documents are counted by normative_docs.
"""
import datetime

from django.db.models import Count, Q
from django.urls import reverse

from fazhi.core import clock, numbers
from fazhi.core.registry import FigureValue, register_figure, register_sentence, register_unit_measure

from .choices import DecisionStatus, Disposition, ReviewState, ServiceKind, StepCode, StepStatus
from .models import AdviserService, Decision, LegalAdviser, ProcedureStep, PublicComment
from .selectors import coverage

CHAPTER = "三、遵循规范程序，推进科学决策"


def _decisions(unit_ids):
    qs = Decision.objects.all()
    return qs if unit_ids is None else qs.filter(lead_unit_id__in=unit_ids)


def _list(**params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{reverse('decisions:decision_list')}?{query}"


def catalogue_items(*, year, unit_ids=None):
    qs = _decisions(unit_ids).filter(catalogue__year=year)
    return FigureValue(value=qs.count(), link=_list(year=year), records=list(qs.values_list("pk", flat=True)))


def completed(*, year, unit_ids=None):
    qs = _decisions(unit_ids).filter(decided_on__year=year,
                                     status__in=[DecisionStatus.DECIDED, DecisionStatus.PUBLISHED])
    return FigureValue(value=qs.count(), rows=qs, records=list(qs.values_list("pk", flat=True)))


def steps_resolved(*, year, unit_ids=None):
    steps = ProcedureStep.objects.filter(decision__in=_decisions(unit_ids).filter(year=year))
    rows = steps.values("code").annotate(done=Count("id", filter=Q(status=StepStatus.DONE)),
                                         na=Count("id", filter=Q(status=StepStatus.NOT_APPLICABLE)))
    labels = dict(StepCode.choices)
    breakdown = {}
    for r in rows:
        breakdown[f"{labels[r['code']]}（完成）"] = r["done"]
        breakdown[f"{labels[r['code']]}（不适用）"] = r["na"]
    done = steps.filter(status=StepStatus.DONE)
    return FigureValue(value=done.count(), rows=done.select_related("decision"), breakdown=breakdown)


def _comments(year, unit_ids):
    qs = PublicComment.objects.filter(submitted_at__year=year)
    return qs if unit_ids is None else qs.filter(decision__lead_unit_id__in=unit_ids)


def comments_received(*, year, unit_ids=None):
    qs = _comments(year, unit_ids)
    return FigureValue(value=qs.count(), rows=qs)


def comments_adopted(*, year, unit_ids=None):
    qs = _comments(year, unit_ids).filter(hidden=False, disposition__in=[Disposition.ADOPTED, Disposition.PARTLY])
    return FigureValue(value=qs.count(), rows=qs,
                       breakdown={"采纳": qs.filter(disposition=Disposition.ADOPTED).count(),
                                  "部分采纳": qs.filter(disposition=Disposition.PARTLY).count()})


def _reviews(year, unit_ids):
    qs = ProcedureStep.objects.filter(code=StepCode.LEGALITY_REVIEW, review_state=ReviewState.GIVEN,
                                      completed_on__year=year)
    return qs if unit_ids is None else qs.filter(decision__lead_unit_id__in=unit_ids)


def _services(year, unit_ids):
    qs = AdviserService.objects.filter(served_on__year=year)
    return qs if unit_ids is None else qs.filter(unit_id__in=unit_ids)


def decisions_reviewed(*, year, unit_ids=None):
    qs = _reviews(year, unit_ids)
    return FigureValue(value=qs.count(), link=_list(year=year),
                       records=list(qs.values_list("decision_id", flat=True)))


def matters_reviewed(*, year, unit_ids=None):
    """Major decisions and major projects that went through risk assessment and legality review."""
    decisions = _reviews(year, unit_ids)
    projects = _services(year, unit_ids).filter(kind=ServiceKind.PROJECT_REVIEW)
    return FigureValue(value=decisions.count() + projects.count(), rows=[decisions.select_related("decision"), projects],
                       breakdown={"重大行政决策事项": decisions.count(), "重大项目": projects.count()})


def contracts_reviewed(*, year, unit_ids=None):
    qs = _services(year, unit_ids).filter(kind=ServiceKind.CONTRACT_REVIEW)
    return FigureValue(value=qs.count(),
                       link=f"{reverse('decisions:service_list')}?year={year}&kind={ServiceKind.CONTRACT_REVIEW}")


def adviser_services(*, year, unit_ids=None):
    qs = _services(year, unit_ids)
    labels = dict(ServiceKind.choices)
    breakdown = {labels[r["kind"]]: r["n"] for r in qs.values("kind").annotate(n=Count("id")).order_by("kind")}
    return FigureValue(value=qs.count(), link=f"{reverse('decisions:service_list')}?year={year}",
                       breakdown=breakdown)


def _day(year):
    today = clock.today()
    return today if year == today.year else datetime.date(year, 12, 31)


def government_advisers(*, year, unit_ids=None):
    day = _day(year)
    qs = LegalAdviser.objects.filter(client_unit__kind="government", contract_start__lte=day,
                                     contract_end__gte=day, ended_reason="")
    if unit_ids is not None:
        qs = qs.filter(client_unit_id__in=unit_ids)
    return FigureValue(value=qs.count(), rows=qs, records=list(qs.values_list("pk", flat=True)))


def adviser_coverage(*, year, unit_ids=None):
    rows = coverage(unit_ids=unit_ids, on=_day(year))
    total = sum(r["total"] for r in rows.values())
    covered = sum(r["covered"] for r in rows.values())
    value = numbers.percent(covered, total)
    return FigureValue(value=value, link=reverse("decisions:coverage"),
                       breakdown={f"{r['label']}（已覆盖）": r["covered"] for r in rows.values()}
                       | {f"{r['label']}（总数）": r["total"] for r in rows.values()})


NATIVE = "均为在本平台登记的记录（本项没有Excel导入）"
YEAR_BASIS = {'catalogue_items': '按决策事项目录的年度统计', 'completed': '按作出决定日期所在年度统计', 'steps_resolved': '按决策事项所属年度统计', 'comments_received': '按公众意见提交日期所在年度统计', 'comments_adopted': '按公众意见提交日期所在年度统计', 'matters_reviewed': '按合法性审查完成日期、法律顾问审查日期所在年度统计', 'decisions_reviewed': '按合法性审查完成日期所在年度统计', 'contracts_reviewed': '按法律顾问服务日期所在年度统计', 'adviser_services': '按法律顾问服务日期所在年度统计', 'government_advisers': '统计年末（当年为今日）仍在聘期内的法律顾问', 'adviser_coverage': '统计年末（当年为今日）仍在聘期内的法律顾问'}
IMPORTED = {'government_advisers': '包含由Excel导入的法律顾问', 'adviser_coverage': '包含由Excel导入的法律顾问'}

for _key, _label, _unit, _compute in [
    ("catalogue_items", "列入年度目录的重大行政决策事项", "项", catalogue_items),
    ("completed", "作出决定的重大行政决策事项", "项", completed),
    ("steps_resolved", "五步程序已完成的环节", "个", steps_resolved),
    ("comments_received", "重大行政决策收到公众意见", "条", comments_received),
    ("comments_adopted", "采纳（含部分采纳）的公众意见", "条", comments_adopted),
    ("matters_reviewed", "重大事项和重大项目风险评估、合法性审查", "项", matters_reviewed),
    ("decisions_reviewed", "审查重大决策事项", "次", decisions_reviewed),
    ("contracts_reviewed", "法律顾问审查项目合同", "份", contracts_reviewed),
    ("adviser_services", "政府法律顾问服务", "次", adviser_services),
    ("government_advisers", "县政府常年法律顾问", "名", government_advisers),
    ("adviser_coverage", "党政机关和村（社区）法律顾问覆盖率", "%", adviser_coverage),
]:
    register_figure(f"decisions.{_key}", label=_label, unit=_unit, chapter=CHAPTER, compute=_compute,
                    year_basis=YEAR_BASIS[_key], imported=IMPORTED.get(_key, NATIVE))

# The report's sentences (seed 三、遵循规范程序，推进科学决策).
register_sentence("decisions.catalogue", theme="theme_decisions", order=10,
                  template="坚持重大行政决策公众参与、专家论证、风险评估、合法性审查、集体讨论决定“五步走”程序，"
                           "全年将{decisions.catalogue_items}项重大行政决策事项列入年度目录，作出决定{decisions.completed}项")
register_sentence("decisions.comments", theme="theme_decisions", order=20,
                  template="广泛听取社会公众意见，收到公众意见{decisions.comments_received}条，"
                           "采纳（含部分采纳）{decisions.comments_adopted}条")
register_sentence("decisions.advisers", theme="theme_decisions", order=30,
                  template="全面推行政府法律顾问制度，县政府聘请{decisions.government_advisers}名资深律师组成律师顾问组，"
                           "担任政府常年法律顾问，全年提供法律服务{decisions.adviser_services}次")
register_sentence("decisions.reviews", theme="theme_decisions", order=40,
                  template="实施重大事项和重大项目风险评估、合法性审查{decisions.matters_reviewed}项，"
                           "审查重大决策事项{decisions.decisions_reviewed|余}次")
register_sentence("decisions.contracts", theme="theme_decisions", order=50,
                  template="法律顾问审查项目合同{decisions.contracts_reviewed}份")
register_sentence("decisions.coverage", theme="theme_decisions", order=60,
                  template="党政机关和村（社区）法律顾问覆盖率达到{decisions.adviser_coverage}%")


# Per-unit measure for the annual assessment (依法行政考评): decided decisions whose five steps are all resolved.
def _decided(unit_ids, year):
    return _decisions(unit_ids).filter(decided_on__year=year,
                                       status__in=[DecisionStatus.DECIDED, DecisionStatus.PUBLISHED])


def _five_steps_ids(decisions):
    qs = ProcedureStep.objects.filter(decision__in=decisions,
                                      status__in=[StepStatus.DONE, StepStatus.NOT_APPLICABLE])
    rows = qs.values("decision_id").annotate(n=Count("code", distinct=True))
    return {r["decision_id"] for r in rows if r["n"] == len(StepCode.values)}


def unit_five_steps(unit_ids, year):
    """``{unit_id: (decided decisions with all five steps done or not applicable, decided decisions)}``."""
    decisions = _decided(unit_ids, year)
    complete = _five_steps_ids(decisions)
    result = {}
    for pk, unit_id in decisions.values_list("pk", "lead_unit_id"):
        done, total = result.get(unit_id, (0, 0))
        result[unit_id] = (done + (pk in complete), total + 1)
    return result


def unit_five_steps_records(unit_id, year):
    decisions = _decided([unit_id], year)
    complete = _five_steps_ids(decisions)
    return [(f"{d.title}（{'五项法定程序均已履行' if d.pk in complete else '法定程序未全部履行'}）",
             reverse("decisions:decision_detail", args=[d.pk])) for d in decisions.order_by("decided_on", "pk")]


register_unit_measure("decisions.five_steps", label="重大行政决策法定程序履行率", compute=unit_five_steps,
                      drilldown=unit_five_steps_records,
                      description="五项法定程序均已完成或不适用的已决策事项数 ÷ 本年度作出决定的决策事项数")
