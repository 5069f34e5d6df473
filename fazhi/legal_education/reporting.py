"""Legal-education figures for the annual report and the dashboard (seed §三 五是: 77个县直单位制定了普法责任清单,
60余场“法律六进”, 75个单位 2300多名 staff in the online exam with a 98% pass rate, 6 provincial culture sites,
20 units in “四个100”)."""
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import reverse

from fazhi.core.registry import FigureValue, register_figure, register_sentence, register_unit_measure
from fazhi.orgs.models import OrgUnit

from . import selectors
from .choices import ActivityKind, DutyListStatus, SiteLevel
from .models import Activity, CultureSite, DutyList, Exam, Programme, StudySession

CHAPTER = "三、遵循规范程序，推进科学决策"


def _units(qs, unit_ids, path="unit_id"):
    return qs if unit_ids is None else qs.filter(**{f"{path}__in": unit_ids})


def duty_lists(*, year, unit_ids=None):
    """Units whose 普法责任清单 for the year the office accepted."""
    qs = _units(DutyList.objects.filter(year=year, status=DutyListStatus.ACCEPTED), unit_ids)
    return FigureValue(value=qs.values("unit_id").distinct().count(), records=list(qs.values_list("pk", flat=True)),
                       link=f"{reverse('legal_education:duty_list')}?year={year}&status=accepted")


def activities(*, year, unit_ids=None):
    qs = _units(Activity.objects.filter(held_on__year=year), unit_ids)
    labels = dict(ActivityKind.choices)
    breakdown = {labels[r["kind"]]: r["n"] for r in qs.values("kind").annotate(n=Count("id")).order_by("kind")}
    return FigureValue(value=qs.count(), breakdown=breakdown,
                       link=f"{reverse('legal_education:activity_list')}?year={year}")


def _exam_rows(year, unit_ids):
    exams = list(Exam.objects.filter(starts_at__year=year).values_list("pk", flat=True))
    rows = selectors.best_attempts(exams)
    if unit_ids is not None:
        rows = [r for r in rows if r["unit_id"] in unit_ids]
    # a person who sat several exams of the year counts once; passed if any best attempt passed
    people = {}
    for r in rows:
        people[r["user_id"]] = (r["unit_id"], people.get(r["user_id"], (None, False))[1] or bool(r["passed"]))
    return people


def exam_units(*, year, unit_ids=None):
    people = _exam_rows(year, unit_ids)
    ids = {u for u, _ in people.values()}
    return FigureValue(value=len(ids), rows=OrgUnit.objects.filter(pk__in=ids).order_by("path"))


def exam_participants(*, year, unit_ids=None):
    people = _exam_rows(year, unit_ids)
    return FigureValue(value=len(people), rows=get_user_model().objects.filter(pk__in=list(people)).order_by("pk"))


def exam_pass_rate(*, year, unit_ids=None):
    people = _exam_rows(year, unit_ids)
    passed = sum(1 for _u, p in people.values() if p)
    return FigureValue(value=selectors.rate(passed, len(people)), link=reverse("legal_education:exam_list"),
                       breakdown={"参考人数": len(people), "合格人数": passed})


def culture_sites(*, year, unit_ids=None):
    """Sites named 省级法治文化建设示范点 in the year (all levels in the breakdown)."""
    qs = _units(CultureSite.objects.filter(designated_year=year), unit_ids)
    labels = dict(SiteLevel.choices)
    breakdown = {labels[r["level"]]: r["n"] for r in qs.values("level").annotate(n=Count("id")).order_by("level")}
    return FigureValue(value=qs.filter(level=SiteLevel.PROVINCIAL).count(), breakdown=breakdown,
                       link=f"{reverse('legal_education:site_list')}?year={year}")


def demo_units(*, year, unit_ids=None):
    """Units taking part in the year's creation programmes (e.g. the province's “四个100”)."""
    ids = set(Programme.objects.filter(year=year).values_list("units", flat=True)) - {None}
    if unit_ids is not None:
        ids &= set(unit_ids)
    return FigureValue(value=len(ids), rows=OrgUnit.objects.filter(pk__in=ids).order_by("path"))


def study_sessions(*, year, unit_ids=None):
    qs = _units(StudySession.objects.filter(held_on__year=year), unit_ids)
    return FigureValue(value=qs.count(), link=reverse("legal_education:study_list"))


F = register_figure
F("legal_education.duty_lists", year_basis="按责任清单所属年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="县直单位制定了普法责任清单", unit="个", chapter=CHAPTER, compute=duty_lists)
F("legal_education.activities", year_basis="按活动日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="“法律六进”宣传活动", unit="场", chapter=CHAPTER, compute=activities)
F("legal_education.exam_units", year_basis="按考试开始日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="单位组织参加无纸化网上学法用法考试", unit="个", chapter=CHAPTER, compute=exam_units)
F("legal_education.exam_participants", year_basis="按考试开始日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="国家机关工作人员参加无纸化网上学法用法考试", unit="名", chapter=CHAPTER,
  compute=exam_participants)
F("legal_education.exam_pass_rate", year_basis="按考试开始日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="学法用法考试通过率", unit="%", chapter=CHAPTER, compute=exam_pass_rate)
F("legal_education.culture_sites", year_basis="按命名年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="法治文化阵地被命名为省级法治文化建设示范点", unit="个", chapter=CHAPTER,
  compute=culture_sites)
F("legal_education.demo_units", year_basis="按创建活动的年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="单位参入全省“四个100”法治示范创建", unit="个", chapter=CHAPTER, compute=demo_units)
F("legal_education.study_sessions", year_basis="按学法日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="学法活动", unit="次", chapter=CHAPTER, compute=study_sessions)

register_sentence(
    "legal_education.duty_and_exam", theme="theme_decisions", order=50,
    template="建立完善了“谁执法谁普法”责任制和普法责任清单制，{legal_education.duty_lists}个县直单位制定了普法责任清单，"
             "开展了{legal_education.activities|余}场“法律六进”宣传活动，组织{legal_education.exam_units}个单位、"
             "{legal_education.exam_participants|多}名国家机关工作人员参加无纸化网上学法用法考试，"
             "考试通过率达到{legal_education.exam_pass_rate}%。")
register_sentence(
    "legal_education.culture", theme="theme_decisions", order=51,
    template="{legal_education.culture_sites}个法治文化阵地（场馆）被命名为“省级法治文化建设示范点”，"
             "{legal_education.demo_units}个单位参入了全省“四个100”法治示范创建。")


# Per-unit measures for the annual assessment (依法行政考评): duty list accepted, exam participation and pass rate.
def _assessed_ids(unit_ids):
    from fazhi.orgs.choices import UnitKind

    return list(OrgUnit.objects.filter(pk__in=unit_ids, kind__in=[UnitKind.DEPARTMENT, UnitKind.TOWNSHIP])
                .values_list("pk", flat=True))


def unit_duty_list(unit_ids, year):
    """``{unit_id: (1 if the unit's duty list of the year is accepted else 0, 1)}`` for departments and townships."""
    accepted = set(DutyList.objects.filter(year=year, status=DutyListStatus.ACCEPTED, unit_id__in=unit_ids)
                   .values_list("unit_id", flat=True))
    return {pk: (int(pk in accepted), 1) for pk in _assessed_ids(unit_ids)}


def unit_duty_list_records(unit_id, year):
    if not _assessed_ids([unit_id]):
        return []
    duty = DutyList.objects.filter(unit_id=unit_id, year=year).first()
    if duty is None:
        return [(f"{year}年普法责任清单（未报送）", f"{reverse('legal_education:duty_list')}?year={year}")]
    return [(f"{duty}（{duty.get_status_display()}）", duty.get_absolute_url())]


def _exam_people(unit_ids, year):
    """``{user: (unit_id, sat, passed)}``: the people eligible for the year's exams (by unit or by name) and those
    who sat one (a person counts once however many exams of the year)."""
    from django.db.models import Q

    exams = list(Exam.objects.filter(starts_at__year=year).prefetch_related("eligible_units", "eligible_users"))
    people = {u: (unit, False, False) for u, unit in get_user_model().objects.filter(
        Q(unit__in=[x for e in exams for x in e.eligible_units.all()])
        | Q(pk__in=[x.pk for e in exams for x in e.eligible_users.all()]), is_active=True,
        unit_id__in=unit_ids).values_list("pk", "unit_id")}
    for user_id, (unit_id, passed) in _exam_rows(year, unit_ids).items():
        people[user_id] = (unit_id, True, passed)
    return people


def _exam_measure(which):
    def compute(unit_ids, year):
        result = {}
        for unit_id, sat, passed in _exam_people(unit_ids, year).values():
            if which == "pass" and not sat:
                continue
            done, total = result.get(unit_id, (0, 0))
            result[unit_id] = (done + (passed if which == "pass" else sat), total + 1)
        return result

    def drilldown(unit_id, year):
        people = _exam_people([unit_id], year)
        users = get_user_model().objects.filter(pk__in=list(people)).order_by("pk")
        link = f"{reverse('legal_education:exam_list')}?year={year}"
        if which == "pass":
            return [(f"{u.get_full_name()}（{'合格' if people[u.pk][2] else '不合格'}）", link)
                    for u in users if people[u.pk][1]]
        return [(f"{u.get_full_name()}（{'已参考' if people[u.pk][1] else '未参考'}）", link)
                for u in users]

    return compute, drilldown


unit_exam_participation, unit_exam_participation_records = _exam_measure("sat")
unit_exam_pass_rate, unit_exam_pass_records = _exam_measure("pass")

register_unit_measure("legal_education.duty_list", label="普法责任清单通过审核", compute=unit_duty_list,
                      drilldown=unit_duty_list_records, description="本年度普法责任清单经审核通过的得满分，否则不得分")
register_unit_measure("legal_education.exam_participation", label="学法考试参考率", compute=unit_exam_participation,
                      drilldown=unit_exam_participation_records,
                      description="参加本年度学法考试的人数 ÷ 应参考人数（同一人参加多场考试只计一次）")
register_unit_measure("legal_education.exam_pass_rate", label="学法考试合格率", compute=unit_exam_pass_rate,
                      drilldown=unit_exam_pass_records, description="考试合格的人数 ÷ 参加本年度学法考试的人数")
