"""Figures of public legal services for the annual report (seed 六(四是): the "二四六" model).

Service counts come from the lawyers' service logs confirmed by the villages (签字确认); the petition
cases the lawyers took part in, and the petition hall's duty figures, are the disputes module's facts (one source
per fact): this module's report sentence on the hall names the disputes figures. Organs'
adviser coverage is ``fazhi.decisions``' fact, read through its selectors.
"""
import datetime
from decimal import Decimal

from django.db.models import Q, Sum
from django.urls import reverse

from fazhi.core.registry import FigureValue, register_figure, register_sentence
from fazhi.orgs.choices import UnitKind
from fazhi.orgs.models import OrgUnit

from .choices import DocumentKind, Duty, LogStatus
from .models import AidApplication, Assignment, ServiceContract, ServiceLog, VillageAgreement

CHAPTER = "六、创新工作方法，防范和化解社会矛盾"


def _bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _logs(year, unit_ids, **filters):
    qs = ServiceLog.objects.filter(served_on__year=year, status=LogStatus.CONFIRMED, **filters).select_related("lawyer")
    if unit_ids is not None:
        qs = qs.filter(Q(unit_id__in=unit_ids) | Q(unit__parent_id__in=unit_ids))
    return qs


def _link(year, **params):
    query = "&".join(f"{k}={v}" for k, v in {"year": year, "status": LogStatus.CONFIRMED, **params}.items())
    return f"{reverse('legal_services:log_list')}?{query}"


def _sum(qs, field):
    return qs.aggregate(n=Sum(field))["n"] or 0


def _assignments(year, unit_ids=None):
    first, last = _bounds(year)
    qs = Assignment.objects.filter(start__lte=last, end__gte=first)
    if unit_ids is not None:
        qs = qs.filter(Q(unit_id__in=unit_ids) | Q(unit__parent_id__in=unit_ids))
    return qs


def _units_of(ids):
    return OrgUnit.objects.filter(pk__in=ids).order_by("path")


def lawyers(*, year, unit_ids=None):
    qs = _assignments(year, unit_ids)
    by_firm = {}
    for firm, _lawyer_id in qs.values_list("lawyer__firm__name", "lawyer_id").distinct():
        by_firm[firm] = by_firm.get(firm, 0) + 1
    return FigureValue(value=qs.values("lawyer_id").distinct().count(), breakdown=by_firm,
                       link=reverse("legal_services:lawyer_list"))


def townships_covered(*, year, unit_ids=None):
    ids = set()
    for unit_id, parent_id, kind in _assignments(year, unit_ids).values_list("unit_id", "unit__parent_id",
                                                                              "unit__kind"):
        if kind == UnitKind.TOWNSHIP:
            ids.add(unit_id)
        elif kind == UnitKind.VILLAGE:
            ids.add(parent_id)
    return FigureValue(value=len(ids), rows=_units_of(ids), records=sorted(ids))


def villages_covered(*, year, unit_ids=None):
    qs = _assignments(year, unit_ids).filter(unit__kind=UnitKind.VILLAGE)
    ids = sorted(set(qs.values_list("unit_id", flat=True)))
    return FigureValue(value=len(ids), rows=_units_of(ids), records=ids)


def villages_with_advisers(*, year, unit_ids=None):
    first, last = _bounds(year)
    qs = VillageAgreement.objects.filter(start__lte=last, end__gte=first)
    if unit_ids is not None:
        qs = qs.filter(Q(village_id__in=unit_ids) | Q(village__parent_id__in=unit_ids))
    ids = sorted(set(qs.values_list("village_id", flat=True)))
    return FigureValue(value=len(ids), rows=_units_of(ids), records=ids)


def organs_with_advisers(*, year, unit_ids=None):
    """Organs (government, departments, townships) with a legal adviser in contract at the year's end — read
    from the advisers' contracts in the decisions module (one source per fact)."""
    from fazhi.decisions import selectors as decisions

    result = decisions.coverage(unit_ids=unit_ids, on=_bounds(year)[1])
    kinds = (UnitKind.GOVERNMENT, UnitKind.DEPARTMENT, UnitKind.TOWNSHIP)
    covered = decisions.covered_unit_ids(_bounds(year)[1])
    organs = OrgUnit.objects.filter(pk__in=covered, kind__in=kinds, is_active=True).order_by("path")
    if unit_ids is not None:
        organs = organs.filter(pk__in=unit_ids)
    return FigureValue(value=sum(result[k]["covered"] for k in kinds),
                       breakdown={result[k]["label"]: result[k]["covered"] for k in kinds}, rows=organs)


def purchase_amount(*, year, unit_ids=None):
    qs = ServiceContract.objects.filter(signed_on__year=year)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    total = _sum(qs, "amount") or Decimal("0")
    breakdown = {firm: (amount / 10000).quantize(Decimal("0.01"))
                 for firm, amount in qs.values_list("firm__name").annotate(a=Sum("amount"))}
    return FigureValue(value=(Decimal(total) / 10000).quantize(Decimal("0.01")), breakdown=breakdown,
                       rows=qs, rows_sum="amount", rows_divisor=10000)


def publicity_events(*, year, unit_ids=None):
    qs = _logs(year, unit_ids, duty=Duty.PUBLICITY)
    return FigureValue(value=qs.count(), link=_link(year, duty=Duty.PUBLICITY))


def consultations(*, year, unit_ids=None):
    qs = _logs(year, unit_ids, duty=Duty.ADVICE)
    return FigureValue(value=_sum(qs, "people"), rows=qs.filter(people__gt=0), rows_sum="people")


def _documents(kind):
    def compute(*, year, unit_ids=None):
        qs = _logs(year, unit_ids, document_kind=kind)
        return FigureValue(value=_sum(qs, "document_items"), rows=qs.filter(document_items__gt=0),
                           rows_sum="document_items")

    return compute


def village_rules(*, year, unit_ids=None):
    ids = sorted(set(_logs(year, unit_ids, village_rules=True).values_list("unit_id", flat=True)))
    return FigureValue(value=len(ids), rows=_units_of(ids), records=ids)


def legal_aid_cases(*, year, unit_ids=None):
    """Legal-aid cases taken on (指派承办, including 先行援助) in the year."""
    qs = AidApplication.objects.filter(assigned_on__year=year)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    return FigureValue(value=qs.count(), link=f"{reverse('legal_services:aid_list')}?year={year}")


F = register_figure
F("legal_services.lawyers", year_basis="统计当年任一天在包联期内的律师", imported="均为在本平台登记的记录（本项没有Excel导入）", label="律师", unit="名", chapter=CHAPTER, compute=lawyers,
  description="本年度有包联任务的律师")
F("legal_services.townships_covered", year_basis="统计当年任一天在包联期内的乡镇", imported="均为在本平台登记的记录（本项没有Excel导入）", label="乡镇（场、区）", unit="个", chapter=CHAPTER, compute=townships_covered,
  description="本年度有律师包联的乡镇（场、区）")
F("legal_services.villages_covered", year_basis="统计当年任一天在包联期内的村（社区）", imported="均为在本平台登记的记录（本项没有Excel导入）", label="村（社区）", unit="个", chapter=CHAPTER, compute=villages_covered,
  description="本年度有律师包联的村（社区）")
F("legal_services.villages_with_advisers", year_basis="统计当年任一天在聘期内的村（社区）法律顾问", imported="均为在本平台登记的记录（本项没有Excel导入）", label="村（社区）聘请法律顾问", unit="个", chapter=CHAPTER,
  compute=villages_with_advisers)
F("legal_services.organs_with_advisers", year_basis="统计年末仍在聘期内的法律顾问", imported="均为在本平台登记的记录（本项没有Excel导入）", label="党政机关聘请法律顾问", unit="个", chapter=CHAPTER,
  compute=organs_with_advisers, description="按重大行政决策模块登记的法律顾问聘用合同统计")
F("legal_services.purchase_amount", year_basis="按合同签订日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="购买法律服务金额", unit="万元", chapter=CHAPTER, compute=purchase_amount)
F("legal_services.publicity_events", year_basis="按服务日期所在年度统计，只计已确认的服务日志", imported="均为在本平台登记的记录（本项没有Excel导入）", label="法治宣传", unit="场次", chapter=CHAPTER, compute=publicity_events)
F("legal_services.consultations", year_basis="按服务日期所在年度统计，只计已确认的服务日志", imported="均为在本平台登记的记录（本项没有Excel导入）", label="法律咨询", unit="人次", chapter=CHAPTER, compute=consultations)
F("legal_services.legal_aid_cases", year_basis="按指派承办日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="法律援助案件", unit="件", chapter=CHAPTER, compute=legal_aid_cases)
F("legal_services.advice_items", year_basis="按服务日期所在年度统计，只计已确认的服务日志", imported="均为在本平台登记的记录（本项没有Excel导入）", label="依法决策建议", unit="条", chapter=CHAPTER,
  compute=_documents(DocumentKind.SUGGESTION))
F("legal_services.legal_opinions", year_basis="按服务日期所在年度统计，只计已确认的服务日志", imported="均为在本平台登记的记录（本项没有Excel导入）", label="法律意见书", unit="份", chapter=CHAPTER,
  compute=_documents(DocumentKind.OPINION))
F("legal_services.village_rules", year_basis="按服务日期所在年度统计，只计已确认的服务日志", imported="均为在本平台登记的记录（本项没有Excel导入）", label="村制定村规民约", unit="个", chapter=CHAPTER, compute=village_rules)

THEME = "theme_disputes"
register_sentence("legal_services.model", theme=THEME, order=60, template=(
    "推行“二四六”公共法律服务工作模式，政府出资{legal_services.purchase_amount|余}万元购买法律服务，"
    "派遣{legal_services.lawyers}名律师，包联全县{legal_services.townships_covered}个乡镇（场、区）、"
    "{legal_services.villages_covered}个村（社区）"))
register_sentence("legal_services.results", theme=THEME, order=61, template=(
    "包联律师开展{legal_services.publicity_events}场次法治宣传，"
    "为基层干部群众解答{legal_services.consultations}人次法律咨询；承办{legal_services.legal_aid_cases}件法律援助案件；"
    "为乡镇、村（社区）提出{legal_services.advice_items}条依法决策建议，出具{legal_services.legal_opinions}份法律意见书，"
    "协助{legal_services.village_rules}个村制定村规民约"))
register_sentence("legal_services.hall", theme=THEME, order=62, template=(
    "{disputes.hall_lawyers}名律师进县信访大厅（访前法律工作室）履行信访值守，共接待上访群众"
    "{disputes.hall_visitors|余}人，参与化解{disputes.hall_general}件一般信访纠纷、"
    "{disputes.hall_difficult}件疑难信访纠纷"))
