"""Figures of the suggestions part for the report's part 五 (强化民主监督) and the dashboard. Every figure's link
lists the records behind it (the drill-down's total equals the figure; a rate lists its denominator)."""
from django.db.models import Count
from django.urls import reverse

from fazhi.core import numbers
from fazhi.core.registry import FigureValue, register_figure, register_sentence

from ..models.suggestions import (
    AccountabilityGround,
    AccountabilityRecord,
    JudicialKind,
    JudicialSuggestion,
    RectificationTask,
    Satisfaction,
    Suggestion,
    SuggestionKind,
    TaskStatus,
)
from ..selectors.suggestions import feedback_q, replied_on_time_q, satisfied_q, with_rounds

CHAPTER = "五、强化民主监督，行政行为阳光运行"
_YEAR_SUGGESTION = "按收到建议、提案的日期所在年度统计"


def _suggestions(year, unit_ids):
    qs = Suggestion.objects.filter(received_on__year=year)
    return with_rounds(qs if unit_ids is None else qs.filter(unit_id__in=unit_ids))


def _link(year, **params):
    query = "&".join(f"{k}={v}" for k, v in {"year": year, **params}.items())
    return f"{reverse('oversight:suggestion_list')}?{query}"


def suggestions_received(*, year, unit_ids=None):
    qs = _suggestions(year, unit_ids)
    labels = dict(SuggestionKind.choices)
    breakdown = {labels[r["kind"]]: {"value": r["n"], "link": _link(year, kind=r["kind"])}
                 for r in qs.order_by().values("kind").annotate(n=Count("id")).order_by("kind")}
    return FigureValue(value=qs.count(), breakdown=breakdown, link=_link(year))


def suggestions_replied_on_time(*, year, unit_ids=None):
    qs = _suggestions(year, unit_ids).filter(replied_on_time_q())
    return FigureValue(value=qs.count(), link=_link(year, on_time="on"))


def suggestions_satisfaction_rate(*, year, unit_ids=None):
    qs = _suggestions(year, unit_ids).filter(feedback_q())
    counts = {r["final_satisfaction"]: r["n"] for r in qs.order_by().values("final_satisfaction").annotate(n=Count("id"))}
    total = sum(counts.values())
    satisfied = qs.filter(satisfied_q()).count()
    labels = dict(Satisfaction.choices)
    return FigureValue(value=numbers.percent(satisfied, total), link=_link(year, feedback="on"),
                       breakdown={labels[k]: counts.get(k, 0) for k in Satisfaction.values})


def accountability_cases(*, year, unit_ids=None):
    qs = AccountabilityRecord.objects.filter(decided_on__year=year)
    qs = qs if unit_ids is None else qs.filter(unit_id__in=unit_ids)
    labels = dict(AccountabilityGround.choices)
    base = f"{reverse('oversight:accountability_list')}?year={year}"
    breakdown = {labels[r["ground"]]: {"value": r["n"], "link": f"{base}&ground={r['ground']}"}
                 for r in qs.order_by().values("ground").annotate(n=Count("id")).order_by("ground")}
    return FigureValue(value=qs.count(), breakdown=breakdown, link=base)


_F = register_figure
_F("oversight.suggestions_received", label="收到人大代表建议和政协提案", unit="件", chapter=CHAPTER,
   compute=suggestions_received, description="县人大常委会、县政协交办的代表建议和政协提案，按类别分列",
   year_basis=_YEAR_SUGGESTION, imported="Excel批量导入的和逐件登记的建议提案一并统计")
_F("oversight.suggestions_replied_on_time", label="按期答复建议提案", unit="件", chapter=CHAPTER,
   compute=suggestions_replied_on_time,
   description="第一轮办理在答复期限内（含当日）答复的建议提案；重新办理的轮次不改变是否按期",
   year_basis=_YEAR_SUGGESTION, imported="Excel批量导入的和逐件登记的建议提案一并统计")
_F("oversight.suggestions_satisfaction_rate", label="代表委员对答复的满意率", unit="%", chapter=CHAPTER,
   compute=suggestions_satisfaction_rate,
   description=("最近一次反馈为满意或基本满意的件数 ÷ 已有反馈的件数；分母为已登记代表、委员反馈的建议提案，"
                "不满意后正在重新办理的按不满意计"),
   year_basis=_YEAR_SUGGESTION, imported="Excel批量导入的和逐件登记的建议提案一并统计")
_F("oversight.accountability_cases", label="行政问责", unit="人次", chapter=CHAPTER, compute=accountability_cases,
   description="登记的问责记录，每名被问责人每次问责计一人次，按问责情形分列", year_basis="按问责决定日期所在年度统计",
   imported="均为在本平台登记的记录（本项没有Excel导入）")

_THEME = "theme_oversight"
register_sentence("oversight.suggestions", theme=_THEME, order=10, template=(
    "自觉接受人大、政协监督，全年办理人大代表建议和政协提案{oversight.suggestions_received}件，"
    "按期答复{oversight.suggestions_replied_on_time}件，代表委员对答复的满意率为"
    "{oversight.suggestions_satisfaction_rate}%"))
register_sentence("oversight.accountability", theme=_THEME, order=50, template=(
    "坚持有错必纠、有责必问，全年问责{oversight.accountability_cases}人次，坚决纠正行政不作为和乱作为"))


def judicial_suggestions(*, year, unit_ids=None):
    qs = JudicialSuggestion.objects.filter(received_on__year=year)
    qs = qs if unit_ids is None else qs.filter(unit_id__in=unit_ids)
    labels = dict(JudicialKind.choices)
    base = f"{reverse('oversight:judicial_list')}?year={year}"
    breakdown = {labels[r["kind"]]: {"value": r["n"], "link": f"{base}&kind={r['kind']}"}
                 for r in qs.order_by().values("kind").annotate(n=Count("id")).order_by("kind")}
    return FigureValue(value=qs.count(), breakdown=breakdown, link=base)


def rectification_accepted(*, year, unit_ids=None):
    qs = RectificationTask.objects.filter(due_on__year=year, status=TaskStatus.ACCEPTED)
    qs = qs if unit_ids is None else qs.filter(unit_id__in=unit_ids)
    return FigureValue(value=qs.count(), link=f"{reverse('oversight:task_list')}?year={year}&status=accepted")


_F("oversight.judicial_suggestions", label="收到司法建议、检察建议", unit="件", chapter=CHAPTER,
   compute=judicial_suggestions, description="县直单位收到的人民法院司法建议和人民检察院检察建议，按类别分列",
   year_basis="按收到日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）")
_F("oversight.rectification_accepted", label="整改到位并验收的任务", unit="项", chapter=CHAPTER,
   compute=rectification_accepted,
   description="人大执法检查、案件评查和司法建议、检察建议提出的整改任务中，整改单位报告完成并经法治办验收的",
   year_basis="按整改期限所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）")
register_sentence("oversight.judicial", theme=_THEME, order=30, template=(
    "自觉接受司法监督，全年收到司法建议、检察建议{oversight.judicial_suggestions}件，"
    "人大执法检查、案件评查和司法建议、检察建议提出的整改任务验收{oversight.rectification_accepted}项"))
