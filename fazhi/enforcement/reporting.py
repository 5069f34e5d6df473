"""Enforcement figures for the annual report (seed §四: 700多名 officers re-certified and trained in 2019)."""
from django.db.models import Avg, Count
from django.urls import reverse

from fazhi.core import clock, numbers
from fazhi.core.registry import FigureValue, register_figure, register_sentence, register_unit_measure

from .choices import CaseKind, CertificateStatus, HearingKind, PublicationStatus
from .models import Case, CaseFileEvaluation, CertificateIssue, MajorReview, Officer, Publication, Training

CHAPTER = "四、加强制度建设，规范执法行为"


def _units(qs, unit_ids, path="unit_id"):
    return qs if unit_ids is None else qs.filter(**{f"{path}__in": unit_ids})


def _officers_link(**params):
    return f"{reverse('enforcement:officer_list')}?" + "&".join(f"{k}={v}" for k, v in params.items())


def officers_certified(*, year, unit_ids=None):
    """Officers whose certificates were issued or re-issued in the year (换发和申领); the link lists exactly them."""
    qs = _units(CertificateIssue.objects.filter(issued_on__year=year), unit_ids, "officer__unit_id")
    ids = sorted(set(qs.values_list("officer_id", flat=True)))
    return FigureValue(value=len(ids), link=_officers_link(certified_in=year), records=ids,
                       breakdown={"换发": qs.filter(renewal=True).count(), "申领": qs.filter(renewal=False).count()})


def officers_trained(*, year, unit_ids=None):
    qs = _units(Training.objects.filter(held_on__year=year), unit_ids, "officer__unit_id")
    ids = sorted(set(qs.values_list("officer_id", flat=True)))
    return FigureValue(value=len(ids), link=_officers_link(trained_in=year), records=ids)


def certificates_valid_ids(year, unit_ids=None):
    """The officers holding a valid certificate at the year's end (from the issue history, never today's
    certificates); for the current year suspensions and withdrawals are taken off (they are not kept per year)."""
    import datetime

    day = min(datetime.date(year, 12, 31), clock.today())
    issues = _units(CertificateIssue.objects.filter(issued_on__lte=day, valid_until__gte=day), unit_ids,
                    "officer__unit_id")
    ids = set(issues.values_list("officer_id", flat=True))
    if year >= clock.today().year:
        officers = _units(Officer.objects.filter(issued_on__lte=day), unit_ids)
        ids -= set(officers.exclude(status=CertificateStatus.VALID).values_list("pk", flat=True))
    return ids


def certificates_by_status(*, year, unit_ids=None):
    """Certificates valid at the year's end (from the issue history); the current year also counts
    suspensions and withdrawals (status changes are not kept per year)."""
    import datetime

    day = min(datetime.date(year, 12, 31), clock.today())
    ids = certificates_valid_ids(year, unit_ids)
    officers = _units(Officer.objects.filter(issued_on__lte=day), unit_ids)
    breakdown = {"有效": len(ids), "暂扣": officers.filter(status=CertificateStatus.SUSPENDED).count(),
                 "已收回": officers.filter(status=CertificateStatus.WITHDRAWN).count()}
    return FigureValue(value=len(ids), breakdown=breakdown, link=_officers_link(valid_at_end=year),
                       records=sorted(ids))


def cases_by_kind(*, year, unit_ids=None):
    qs = _units(Case.objects.filter(registered_on__year=year), unit_ids)
    labels = dict(CaseKind.choices)
    rows = qs.values("kind").annotate(n=Count("id"))
    breakdown = {labels.get(r["kind"], r["kind"]): r["n"] for r in rows}
    return FigureValue(value=sum(breakdown.values()), breakdown=breakdown,
                       link=f"{reverse('enforcement:case_list')}?year={year}")


def cases_registered(*, year, unit_ids=None):
    """Cases registered (立案) in the year, month by month (the dashboard's trend)."""
    from django.db.models.functions import ExtractMonth

    qs = _units(Case.objects.filter(registered_on__year=year), unit_ids)
    per_month = dict(qs.annotate(m=ExtractMonth("registered_on")).values("m").annotate(n=Count("id"))
                     .values_list("m", "n"))
    base = f"{reverse('enforcement:case_list')}?year={year}"
    breakdown = {f"{year}-{m:02d}": {"value": per_month.get(m, 0), "link": f"{base}&month={m}"} for m in range(1, 13)}
    return FigureValue(value=sum(per_month.values()), breakdown=breakdown, link=base)


def published_on_time(*, year, unit_ids=None):
    """Share (%) of decisions due for publication in the year that were published by their deadline."""
    qs = _units(Publication.objects.filter(case__decided_on__year=year)
                .exclude(status=PublicationStatus.NOT_PUBLISHED), unit_ids, "case__unit_id")
    total = qs.count()
    on_time = sum(1 for p in qs.only("published_on", "due_on") if p.on_time)
    value = numbers.percent(on_time, total)
    return FigureValue(value=value, breakdown={"应公示": total, "按时公示": on_time},
                       link=f"{reverse('enforcement:publication_list')}?year={year}")


def major_reviews(*, year, unit_ids=None):
    qs = _units(MajorReview.objects.filter(reviewed_on__year=year), unit_ids, "case__unit_id")
    return FigureValue(value=qs.count(), breakdown={"通过": qs.filter(passed=True).count(),
                                                     "不通过": qs.filter(passed=False).count()},
                       rows=qs)


def hearings(*, year, unit_ids=None):
    qs = _units(Case.objects.filter(hearing_requested_on__year=year, hearing_kind=HearingKind.HEARING), unit_ids)
    return FigureValue(value=qs.count(), rows=qs)


def evaluation_score(*, year, unit_ids=None):
    qs = _units(CaseFileEvaluation.objects.filter(evaluated_on__year=year), unit_ids, "case__unit_id")
    avg = qs.aggregate(a=Avg("total"))["a"]
    return FigureValue(value=numbers.round_half_up(avg) if avg is not None else 0, breakdown={"评查案卷": qs.count()},
                       link=f"{reverse('enforcement:evaluation_list')}?year={year}")


register_figure("enforcement.officers_certified", year_basis="按证件核发日期所在年度统计", imported="包含由Excel导入的执法人员及其证件", label="换发和申领行政执法证件人数", unit="人", chapter=CHAPTER,
                compute=officers_certified)
register_figure("enforcement.officers_trained", year_basis="按培训日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="参加行政执法业务培训人数", unit="人", chapter=CHAPTER,
                compute=officers_trained)
register_figure("enforcement.certificates_valid", year_basis="统计年末（当年为今日）有效的证件", imported="包含由Excel导入的执法人员及其证件", label="有效行政执法证件（年末）", unit="个", chapter=CHAPTER,
                compute=certificates_by_status)
register_figure("enforcement.cases_by_kind", year_basis="按立案日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="行政执法案件", unit="件", chapter=CHAPTER, compute=cases_by_kind)
register_figure("enforcement.cases_registered", year_basis="按立案日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="立案的行政执法案件", unit="件", chapter=CHAPTER,
                compute=cases_registered)
register_figure("enforcement.published_on_time", year_basis="按作出决定日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="执法决定按时公示率", unit="%", chapter=CHAPTER,
                compute=published_on_time)
register_figure("enforcement.major_reviews", year_basis="按法制审核日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="重大执法决定法制审核", unit="件", chapter=CHAPTER,
                compute=major_reviews)
register_figure("enforcement.hearings", year_basis="按听证申请日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="举行听证", unit="件", chapter=CHAPTER, compute=hearings)
register_figure("enforcement.evaluation_score", year_basis="按评查日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="案卷评查平均分", unit="分", chapter=CHAPTER,
                compute=evaluation_score)

# The report's sentences (seed 四：健全行政执法人员管理制度、加快行政执法规范化建设).
register_sentence("enforcement.training", theme="theme_enforcement", order=60,
                  template="严格执行行政执法人员持证上岗和资格管理制度，组织{enforcement.officers_trained|多}名需要换发和申领"
                           "行政执法证件的工作人员进行了行政执法业务培训")
register_sentence("enforcement.certificates", theme="theme_enforcement", order=61,
                  template="全年换发和申领行政执法证件{enforcement.officers_certified|多}人，"
                           "年末持有效行政执法证件{enforcement.certificates_valid}个")
register_sentence("enforcement.cases", theme="theme_enforcement", order=70,
                  template="全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，"
                           "全年立案办理行政执法案件{enforcement.cases_registered}件，法制审核重大执法决定{enforcement.major_reviews}件")
register_sentence("enforcement.publication", theme="theme_enforcement", order=71,
                  template="行政执法决定按时公示率达到{enforcement.published_on_time}%")
register_sentence("enforcement.hearings", theme="theme_enforcement", order=72,
                  template="依法保障当事人陈述、申辩和要求听证的权利，举行听证{enforcement.hearings}件")
register_sentence("enforcement.evaluation", theme="theme_enforcement", order=80,
                  template="开展行政执法案卷评查，评查案卷平均分{enforcement.evaluation_score}分")


# Per-unit measure for the annual assessment (依法行政考评): officers holding a valid certificate at the year's end.
def _unit_officers(unit_ids, year):
    import datetime

    day = min(datetime.date(year, 12, 31), clock.today())
    return _units(Officer.objects.filter(issued_on__lte=day), unit_ids)


def unit_certificates_held(unit_ids, year):
    """``{unit_id: (officers with a valid certificate at the year's end, officers registered)}``."""
    valid = certificates_valid_ids(year, unit_ids)
    result = {}
    for officer_id, unit_id in _unit_officers(unit_ids, year).values_list("pk", "unit_id"):
        held, total = result.get(unit_id, (0, 0))
        result[unit_id] = (held + (officer_id in valid), total + 1)
    return result


def unit_certificate_records(unit_id, year):
    valid = certificates_valid_ids(year, [unit_id])
    return [(f"{o.name}（{'持有效证件' if o.pk in valid else '无有效证件'}）",
             reverse("enforcement:officer_detail", args=[o.pk]))
            for o in _unit_officers([unit_id], year).order_by("name", "pk")]


register_unit_measure("enforcement.certificates_held", label="执法人员持证率", compute=unit_certificates_held,
                      drilldown=unit_certificate_records, description="年末持有效执法证件的人数 ÷ 登记的执法人员数")


# Per-unit measure for the annual assessment: decisions of the year due for publication, published on time.
def _unit_publications(unit_ids, year):
    return _units(Publication.objects.filter(case__decided_on__year=year)
                  .exclude(status=PublicationStatus.NOT_PUBLISHED), unit_ids, "case__unit_id")


def unit_published_on_time(unit_ids, year):
    """``{unit_id: (decisions published on time, decisions due for publication)}``."""
    result = {}
    for p in _unit_publications(unit_ids, year).select_related("case").only("published_on", "due_on",
                                                                              "case__unit_id"):
        done, total = result.get(p.case.unit_id, (0, 0))
        result[p.case.unit_id] = (done + p.on_time, total + 1)
    return result


def unit_publication_records(unit_id, year):
    rows = []
    for p in _unit_publications([unit_id], year).select_related("case").order_by("due_on", "pk"):
        mark = "按时公示" if p.on_time else ("逾期公示" if p.published_on else "未公示")
        rows.append((f"{p.case}（{mark}）", reverse("enforcement:case_detail", args=[p.case_id])))
    return rows


register_unit_measure("enforcement.published_on_time", label="执法决定按时公示率", compute=unit_published_on_time,
                      drilldown=unit_publication_records, description="按时公示的执法决定数 ÷ 应公示的执法决定数")
