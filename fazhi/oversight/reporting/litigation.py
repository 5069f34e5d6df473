"""Figures of the litigation part for the annual report's part 五 (自觉接受司法监督) and the dashboard: court cases and
their outcomes, the heads' appearance rate, reconsideration received, accepted, concluded and the correction
rate. Every figure's link lists the records behind it."""
from django.db.models import Count
from django.urls import reverse

from fazhi.core.registry import FigureValue, register_figure, register_sentence, register_unit_measure

from ..models.litigation import LitigationCase, LitigationOutcome
from ..selectors.litigation import appearance_rate, recon_statistics

CHAPTER = "五、强化民主监督，行政行为阳光运行"


def _link(name, **params):
    return f"{reverse(name)}?" + "&".join(f"{k}={v}" for k, v in params.items())


def _units(qs, unit_ids):
    return qs if unit_ids is None else qs.filter(unit_id__in=unit_ids)


def litigation_cases(*, year, unit_ids=None):
    qs = _units(LitigationCase.objects.filter(received_on__year=year), unit_ids)
    breakdown = {r["unit__name"]: {"value": r["n"], "link": _link("oversight:litigation_list", year=year,
                                                                  unit=r["unit_id"])}
                 for r in qs.values("unit_id", "unit__name").annotate(n=Count("id")).order_by("unit__name")}
    return FigureValue(value=qs.count(), breakdown=breakdown, link=_link("oversight:litigation_list", year=year))


def litigation_judged(*, year, unit_ids=None):
    qs = _units(LitigationCase.objects.filter(judged_on__year=year).exclude(outcome=""), unit_ids)
    labels = dict(LitigationOutcome.choices)
    breakdown = {labels[r["outcome"]]: {"value": r["n"], "link": _link("oversight:litigation_list", judged_year=year,
                                                                       outcome=r["outcome"])}
                 for r in qs.values("outcome").annotate(n=Count("id")).order_by("outcome")}
    return FigureValue(value=qs.count(), breakdown=breakdown, link=_link("oversight:litigation_list", judged_year=year))


def hearings_heard(*, year, unit_ids=None):
    stats = appearance_rate(year, unit_ids)
    return FigureValue(value=stats["heard"], link=_link("oversight:litigation_list", heard_year=year))


def head_appeared(*, year, unit_ids=None):
    stats = appearance_rate(year, unit_ids)
    return FigureValue(value=stats["appeared"], link=_link("oversight:litigation_list", appeared_year=year))


def appearance(*, year, unit_ids=None):
    stats = appearance_rate(year, unit_ids)
    return FigureValue(value=stats["rate"], link=_link("oversight:appearance_statistics", year=year),
                       breakdown={"开庭审理": stats["heard"], "负责人出庭": stats["appeared"]})


def _recon(field, **params):
    def compute(*, year, unit_ids=None):
        stats = recon_statistics(year=year, unit_ids=unit_ids)
        return FigureValue(value=stats[field], link=_link("oversight:recon_list", **{
            k: (year if v is None else v) for k, v in params.items()}))

    return compute


def correction_rate(*, year, unit_ids=None):
    stats = recon_statistics(year=year, unit_ids=unit_ids)
    return FigureValue(value=stats["rate"], link=_link("oversight:recon_statistics", year=year),
                       breakdown={"审结": stats["concluded"], "纠错": stats["corrected"]})


LITIGATION_IMPORTED = "包含由Excel导入的行政应诉案件（案件页标注“由Excel导入”），与在本平台登记的一并统计"
HEARINGS_IMPORTED = ("开庭和出庭情况均在本平台登记（没有Excel导入）；所属案件可以由Excel导入，其开庭在本平台登记后一并统计")
RECON_IMPORTED = "包含由Excel导入的行政复议案件（案件页标注“由Excel导入”），与在本平台登记的一并统计"
HEARD_BASIS = "按开庭日期所在年度统计；一审、二审、再审分别计算，同一审级多次开庭的计一次"
F = register_figure
F("oversight.litigation_cases", label="行政应诉案件", unit="件", chapter=CHAPTER, compute=litigation_cases,
  description="本县行政机关作为被告的行政诉讼案件，每一审级计一件，按被告行政机关分列",
  year_basis="按收到起诉状副本日期所在年度统计", imported=LITIGATION_IMPORTED)
F("oversight.litigation_judged", label="行政诉讼审结", unit="件", chapter=CHAPTER, compute=litigation_judged,
  description="已收到判决书或裁定书的案件（审级），按裁判结果分列", year_basis="按收到裁判文书日期所在年度统计",
  imported=LITIGATION_IMPORTED)
F("oversight.hearings_heard", label="开庭审理的行政应诉案件", unit="件", chapter=CHAPTER, compute=hearings_heard,
  description="已登记出庭情况的开庭所属案件审级数", year_basis=HEARD_BASIS, imported=HEARINGS_IMPORTED)
F("oversight.head_appeared", label="行政机关负责人出庭应诉", unit="件", chapter=CHAPTER, compute=head_appeared,
  description="正职、副职或者参与分管的负责人提交身份证明出庭的案件审级数；仅委托律师出庭的不计",
  year_basis=HEARD_BASIS, imported=HEARINGS_IMPORTED)
F("oversight.appearance_rate", label="行政机关负责人出庭应诉率", unit="%", chapter=CHAPTER, compute=appearance,
  description="负责人出庭的案件审级数 ÷ 开庭审理的案件审级数；一个案件经一审、二审均开庭的，两个审级分别计入",
  year_basis=HEARD_BASIS, imported=HEARINGS_IMPORTED)
F("oversight.recon_received", label="收到行政复议申请", unit="件", chapter=CHAPTER,
  compute=_recon("received", year=None), year_basis="按收到申请日期所在年度统计",
  imported=RECON_IMPORTED)
F("oversight.recon_accepted", label="受理行政复议申请", unit="件", chapter=CHAPTER,
  compute=_recon("accepted", year=None, accepted="on"), year_basis="按收到申请日期所在年度统计",
  imported=RECON_IMPORTED)
F("oversight.recon_concluded", label="行政复议审结", unit="件", chapter=CHAPTER,
  compute=_recon("concluded", decided_year=None, status="decided"), year_basis="按复议决定日期所在年度统计",
  imported=RECON_IMPORTED)
F("oversight.recon_correction_rate", label="行政复议纠错率", unit="%", chapter=CHAPTER, compute=correction_rate,
  description="纠错（撤销、变更、确认违法、责令履行）案件数 ÷ 审结案件数（分母为审结案件，含维持、驳回、调解、和解、终止）",
  year_basis="按复议决定日期所在年度统计",
  imported=RECON_IMPORTED)

THEME = "theme_oversight"
register_sentence("oversight.litigation", theme=THEME, order=50, template=(
    "自觉接受司法监督，全年办理行政应诉案件{oversight.litigation_cases}件，开庭审理{oversight.hearings_heard}件，"
    "行政机关负责人出庭应诉{oversight.head_appeared}件，出庭应诉率{oversight.appearance_rate}%"))
register_sentence("oversight.reconsideration", theme=THEME, order=55, template=(
    "发挥行政复议化解行政争议主渠道作用，全年收到行政复议申请{oversight.recon_received}件，受理"
    "{oversight.recon_accepted}件，审结{oversight.recon_concluded}件，纠错率{oversight.recon_correction_rate}%"))


# Per-unit measure for the annual assessment (依法行政考评): hearings where a qualifying head appeared, per defendant.
def unit_appearance(unit_ids, year):
    """``{unit_id: (instances heard where a qualifying head appeared, instances heard)}``."""
    stats = appearance_rate(year, unit_ids)
    return {r["unit"].pk: (r["appeared"], r["heard"]) for r in stats["units"]}


def unit_appearance_records(unit_id, year):
    from ..selectors.litigation import appeared_instances, heard_instances

    heard = heard_instances(year, [unit_id])
    appeared = appeared_instances(year, [unit_id]) & heard
    return [(f"{c}（{'负责人出庭应诉' if c.pk in appeared else '负责人未出庭'}）", c.get_absolute_url())
            for c in LitigationCase.objects.filter(pk__in=heard).order_by("received_on", "pk")]


register_unit_measure("oversight.appearance", label="行政机关负责人出庭应诉率", compute=unit_appearance,
                      drilldown=unit_appearance_records,
                      description="行政机关负责人出庭应诉的开庭审理案件数 ÷ 开庭审理的案件数（按审级分别计算）")
