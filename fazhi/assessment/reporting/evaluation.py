"""Figures of the evaluation part: pilots by kind (seed 一: 2 townships and 4 county departments), units assessed,
average scores. Each figure's link lists exactly the records behind it."""
from django.db.models import Avg
from django.urls import reverse

from fazhi.core import numbers
from fazhi.core.registry import FigureValue, register_figure, register_sentence

from ..models.evaluation import EvalCard, Pilot, PilotKind

CHAPTER = "一、强化组织领导，夯实工作责任"


def _units(qs, unit_ids):
    return qs if unit_ids is None else qs.filter(unit_id__in=unit_ids)


def _pilots(kind):
    def compute(*, year, unit_ids=None):
        qs = _units(Pilot.objects.filter(year=year, kind=kind), unit_ids)
        return FigureValue(value=qs.count(), records=list(qs.values_list("pk", flat=True)),
                           link=f"{reverse('assessment:pilot_list')}?year={year}&kind={kind}")

    return compute


pilot_townships = _pilots(PilotKind.TOWNSHIP)
pilot_departments = _pilots(PilotKind.DEPARTMENT)


def units_assessed(*, year, unit_ids=None):
    qs = _units(EvalCard.objects.filter(year=year), unit_ids)
    breakdown = {label: qs.filter(unit_kind=kind).count() for kind, label in PilotKind.choices}
    return FigureValue(value=qs.count(), breakdown=breakdown, records=list(qs.values_list("pk", flat=True)),
                       link=f"{reverse('assessment:card_list')}?year={year}")


def average_score(*, year, unit_ids=None):
    qs = _units(EvalCard.objects.filter(year=year), unit_ids)
    breakdown = {}
    for kind, label in PilotKind.choices:
        avg = qs.filter(unit_kind=kind).aggregate(a=Avg("total"))["a"]
        if avg is not None:
            breakdown[label] = numbers.round_half_up(avg)
    avg = qs.aggregate(a=Avg("total"))["a"]
    return FigureValue(value=numbers.round_half_up(avg) if avg is not None else 0, breakdown=breakdown,
                       records=list(qs.values_list("pk", flat=True)),
                       link=f"{reverse('assessment:card_list')}?year={year}")


register_figure("assessment.pilot_townships", label="示范创建试点乡镇", unit="个", chapter=CHAPTER,
                compute=pilot_townships, description="确定为法治政府建设示范创建试点的乡镇（场、区）数",
                year_basis="按试点年度统计", imported="不涉及导入")
register_figure("assessment.pilot_departments", label="示范创建试点县直单位", unit="个", chapter=CHAPTER,
                compute=pilot_departments, description="确定为法治政府建设示范创建试点的县直部门数",
                year_basis="按试点年度统计", imported="不涉及导入")
register_figure("assessment.units_assessed", label="参加依法行政考评的单位", unit="个", chapter=CHAPTER,
                compute=units_assessed, description="已计算依法行政考评得分的乡镇和县直部门数",
                year_basis="按考评年度统计", imported="不涉及导入")
register_figure("assessment.average_score", label="依法行政考评平均分", unit="分", chapter=CHAPTER,
                compute=average_score, description="各被考评单位总分的平均数，乡镇和县直部门分列",
                year_basis="按考评年度统计", imported="不涉及导入")

# The report's sentence (seed 一：确定2个乡镇和4个县直单位为法治政府建设示范创建试点单位).
register_sentence("assessment.pilots", theme="theme_org", order=30,
                  template="确定{assessment.pilot_townships}个乡镇和{assessment.pilot_departments}个县直单位为法治政府建设示范创建"
                           "试点单位，充分发挥典型示范带动作用")
