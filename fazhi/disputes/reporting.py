"""Figures of the disputes module for the annual report (seed 六: mediation linked together, petitions, the
lawyers who took part in petition cases and the petition hall's legal duty). Every figure's link lists the
records behind it (the drill-down's total equals the figure)."""
from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.registry import FigureValue, register_figure, register_sentence, register_unit_measure

from . import selectors
from .choices import CaseStatus, Category, Channel, MediationKind, PetitionLevel
from .models import HallDuty, MediationCase, MediationOrg, Mediator, Petition

CHAPTER = "六、创新工作方法，防范和化解社会矛盾"


def _units(qs, unit_ids, path="unit_id"):
    return qs if unit_ids is None else qs.filter(**{f"{path}__in": unit_ids})


def _petitions(year, unit_ids):
    return _units(Petition.objects.filter(received_on__year=year), unit_ids)


def _plink(year, **params):
    query = "&".join(f"{k}={v}" for k, v in {"year": year, **params}.items())
    return f"{reverse('disputes:petition_list')}?{query}"


def mediation_orgs(*, year, unit_ids=None):
    qs = _units(MediationOrg.objects.filter(is_active=True), unit_ids)
    labels = dict(MediationKind.choices)
    return FigureValue(value=qs.count(), link=reverse("disputes:org_list"),
                       breakdown={labels[r["kind"]]: r["n"] for r in qs.values("kind").annotate(n=Count("id"))})


def mediators(*, year, unit_ids=None):
    qs = _units(Mediator.objects.filter(is_active=True, org__is_active=True), unit_ids, "org__unit_id")
    return FigureValue(value=qs.count(), rows=qs)


def mediation_cases(*, year, unit_ids=None):
    qs = _units(MediationCase.objects.filter(registered_on__year=year), unit_ids)
    labels = dict(MediationKind.choices)
    base = f"{reverse('disputes:case_list')}?year={year}"
    breakdown = {labels[r["kind"]]: {"value": r["n"], "link": f"{base}&kind={r['kind']}"}
                 for r in qs.values("kind").annotate(n=Count("id")).order_by("kind")}
    return FigureValue(value=qs.count(), breakdown=breakdown, link=base)


def mediation_succeeded(*, year, unit_ids=None):
    qs = _units(MediationCase.objects.filter(registered_on__year=year, status=CaseStatus.EFFECTIVE), unit_ids)
    return FigureValue(value=qs.count(), link=f"{reverse('disputes:case_list')}?year={year}&status=effective")


def mediation_success_rate(*, year, unit_ids=None):
    stats = selectors.mediation_statistics(year=year, unit_ids=unit_ids)
    return FigureValue(value=stats["total"]["rate"], link=f"{reverse('disputes:statistics')}?year={year}",
                       breakdown={"受理": stats["total"]["accepted"], "调解成功": stats["total"]["succeeded"]})


def petitions_by_channel(*, year, unit_ids=None):
    qs = _petitions(year, unit_ids)
    labels = dict(Channel.choices)
    breakdown = {labels[r["channel"]]: {"value": r["n"], "link": _plink(year, channel=r["channel"])}
                 for r in qs.values("channel").annotate(n=Count("id")).order_by("channel")}
    return FigureValue(value=qs.count(), breakdown=breakdown, link=_plink(year))


def petitions_by_class(*, year, unit_ids=None):
    qs = _petitions(year, unit_ids)
    labels = dict(Category.choices)
    breakdown = {labels[r["category"]]: {"value": r["n"], "link": _plink(year, category=r["category"])}
                 for r in qs.values("category").annotate(n=Count("id")).order_by("category")}
    return FigureValue(value=qs.count(), breakdown=breakdown, link=_plink(year))


def petitions_accepted(*, year, unit_ids=None):
    qs = _petitions(year, unit_ids).filter(accepted_on__isnull=False)
    return FigureValue(value=qs.count(), link=_plink(year, accepted="on"))


def _timeliness(year, unit_ids):
    today = clock.today()
    on_time = late = 0
    for p in _petitions(year, unit_ids).filter(accepted_on__isnull=False):
        if selectors.is_late(p, today):
            late += 1
        elif p.answered_on:
            on_time += 1
    return on_time, late


def petitions_on_time(*, year, unit_ids=None):
    on_time, _late = _timeliness(year, unit_ids)
    return FigureValue(value=on_time, link=_plink(year, accepted="on"))


def petitions_overdue(*, year, unit_ids=None):
    _on_time, late = _timeliness(year, unit_ids)
    return FigureValue(value=late, link=_plink(year, late="on"))


def repeat_petitions(*, year, unit_ids=None):
    qs = _petitions(year, unit_ids)
    return FigureValue(value=qs.aggregate(n=Sum("repeat_count"))["n"] or 0, rows=qs.filter(repeat_count__gt=0),
                       rows_sum="repeat_count", breakdown={"涉及事项": qs.filter(repeat_count__gt=0).count()})


def difficult_resolved(*, year, unit_ids=None):
    qs = _petitions(year, unit_ids).filter(level=PetitionLevel.DIFFICULT, answered_on__isnull=False)
    return FigureValue(value=qs.count(), link=_plink(year, level="difficult", answered="on"))


def _lawyer_cases(level):
    def compute(*, year, unit_ids=None):
        qs = _petitions(year, unit_ids).filter(level=level).filter(
            Q(lawyers__isnull=False)).distinct()
        return FigureValue(value=qs.count(), link=_plink(year, level=level, lawyers="on"))

    return compute


def _hall(field, distinct_lawyers=False):
    def compute(*, year, unit_ids=None):
        qs = _units(HallDuty.objects.filter(day__year=year), unit_ids)
        if distinct_lawyers:
            lawyers = get_user_model().objects.filter(pk__in=qs.values("lawyer_id")).order_by("pk")
            return FigureValue(value=lawyers.count(), rows=lawyers)
        return FigureValue(value=qs.aggregate(n=Sum(field))["n"] or 0, rows=qs.filter(**{f"{field}__gt": 0}).select_related("lawyer"),
                           rows_sum=field)

    return compute


F = register_figure
F("disputes.mediation_orgs", year_basis="统计当前在册的调解组织（不按年度）", imported="均为在本平台登记的记录（本项没有Excel导入）", label="调解组织", unit="个", chapter=CHAPTER, compute=mediation_orgs)
F("disputes.mediators", year_basis="统计当前在册的调解员（不按年度）", imported="均为在本平台登记的记录（本项没有Excel导入）", label="调解员", unit="名", chapter=CHAPTER, compute=mediators)
F("disputes.mediation_cases", year_basis="按受理登记日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="受理矛盾纠纷", unit="件", chapter=CHAPTER, compute=mediation_cases)
F("disputes.mediation_succeeded", year_basis="按受理登记日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="调解成功", unit="件", chapter=CHAPTER, compute=mediation_succeeded)
F("disputes.mediation_success_rate", year_basis="按受理登记日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="调解成功率", unit="%", chapter=CHAPTER, compute=mediation_success_rate)
F("disputes.petitions", year_basis="按信访事项登记日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="登记信访事项", unit="件", chapter=CHAPTER, compute=petitions_by_channel,
  description="按来源渠道分列")
F("disputes.petitions_by_class", year_basis="按信访事项登记日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="信访事项（按类别）", unit="件", chapter=CHAPTER, compute=petitions_by_class)
F("disputes.petitions_accepted", year_basis="按信访事项登记日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="受理信访事项", unit="件", chapter=CHAPTER, compute=petitions_accepted)
F("disputes.petitions_on_time", year_basis="按信访事项登记日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="按期办结信访事项", unit="件", chapter=CHAPTER, compute=petitions_on_time)
F("disputes.petitions_overdue", year_basis="按信访事项登记日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="超期信访事项", unit="件", chapter=CHAPTER, compute=petitions_overdue)
F("disputes.repeat_petitions", year_basis="按信访事项登记日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="重复信访", unit="次", chapter=CHAPTER, compute=repeat_petitions)
F("disputes.difficult_resolved", year_basis="按信访事项登记日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="化解疑难信访事项", unit="件", chapter=CHAPTER, compute=difficult_resolved)
F("disputes.lawyer_difficult", year_basis="按信访事项登记日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="律师参与化解的疑难信访案件", unit="件", chapter=CHAPTER,
  compute=_lawyer_cases(PetitionLevel.DIFFICULT), description="本模块登记、有律师参与的疑难信访事项")
F("disputes.lawyer_general", year_basis="按信访事项登记日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="律师参与化解的一般信访纠纷", unit="件", chapter=CHAPTER,
  compute=_lawyer_cases(PetitionLevel.GENERAL), description="本模块登记、有律师参与的一般信访事项")
F("disputes.hall_lawyers", year_basis="按值守日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="信访大厅值守律师人数", unit="名", chapter=CHAPTER, compute=_hall("", True))
F("disputes.hall_visitors", year_basis="按值守日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="信访大厅律师接待上访群众人数", unit="人", chapter=CHAPTER, compute=_hall("visitors"))
F("disputes.hall_general", year_basis="按值守日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="信访大厅律师参与化解一般信访纠纷件数", unit="件", chapter=CHAPTER,
  compute=_hall("general_disputes"))
F("disputes.hall_difficult", year_basis="按值守日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="信访大厅律师参与化解疑难信访纠纷件数", unit="件", chapter=CHAPTER,
  compute=_hall("difficult_disputes"))

THEME = "theme_disputes"
register_sentence("disputes.mediation", theme=THEME, order=40, template=(
    "积极发挥行政调解、司法调解和人民调解作用，全县{disputes.mediation_orgs}个调解组织、{disputes.mediators}名调解员"
    "全年受理矛盾纠纷{disputes.mediation_cases}件，调解成功{disputes.mediation_succeeded}件，"
    "调解成功率{disputes.mediation_success_rate}%"))
register_sentence("disputes.petitions", theme=THEME, order=45, template=(
    "依法分类处理信访诉求，全年登记信访事项{disputes.petitions}件，受理{disputes.petitions_accepted}件，"
    "按期办结{disputes.petitions_on_time}件，化解疑难信访事项{disputes.difficult_resolved}件；其中有"
    "{disputes.lawyer_difficult}件律师参与化解的疑难信访案件、{disputes.lawyer_general}件律师参与化解的一般信访纠纷"))


# Per-unit measure for the annual assessment (依法行政考评): accepted petitions answered on time.
def _petition_mark(p, today):
    if selectors.is_late(p, today):
        return "逾期"
    return "按期答复" if p.answered_on else "办理中"


def unit_petitions_on_time(unit_ids, year):
    """``{unit_id: (accepted petitions answered on time, accepted petitions)}``."""
    today = clock.today()
    result = {}
    for p in _petitions(year, unit_ids).filter(accepted_on__isnull=False):
        done, total = result.get(p.unit_id, (0, 0))
        result[p.unit_id] = (done + (_petition_mark(p, today) == "按期答复"), total + 1)
    return result


def unit_petition_records(unit_id, year):
    today = clock.today()
    return [(f"{p}（{_petition_mark(p, today)}）", p.get_absolute_url())
            for p in _petitions(year, [unit_id]).filter(accepted_on__isnull=False).order_by("received_on", "pk")]


register_unit_measure("disputes.petitions_on_time", label="信访事项按期答复率", compute=unit_petitions_on_time,
                      drilldown=unit_petition_records, description="按期答复的已受理信访事项数 ÷ 本年度受理的信访事项数")
