"""Figures of the power lists for the annual report and the dashboard (RULES.md §1; seed 二)."""
import datetime
from collections import Counter

from django.db.models import Count
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.registry import FigureValue, register_figure, register_sentence
from fazhi.orgs.models import OrgUnit

from .choices import AdjustmentKind, AdjustmentStatus, ApprovalChangeKind, PowerCategory
from .models import AdjustmentLine, ApprovalChange, ListVersion, PowerItemVersion

CHAPTER = "二、规范审批行为，全面履行职能"


def _as_of(year):
    today = clock.today()
    return min(today, datetime.date(year, 12, 31))


def _in_force(year, unit_ids):
    qs = PowerItemVersion.objects.in_force_on(_as_of(year))
    if unit_ids is not None:
        qs = qs.filter(item__unit_id__in=unit_ids)
    return qs


def items_by_category(*, year, unit_ids=None):
    counts = dict(_in_force(year, unit_ids).values_list("category").annotate(n=Count("id")))
    breakdown = {label: counts[v] for v, label in PowerCategory.choices if counts.get(v)}
    return FigureValue(value=sum(counts.values()), breakdown=breakdown, link=reverse("powers:item_list"))


def items_by_unit(*, year, unit_ids=None):
    rows = _in_force(year, unit_ids).values_list("item__unit__name").annotate(n=Count("id")).order_by("-n")
    breakdown = dict(rows)
    units = OrgUnit.objects.filter(pk__in=_in_force(year, unit_ids).values("item__unit_id")).order_by("path")
    return FigureValue(value=len(breakdown), breakdown=breakdown, rows=units)


def adjustments_by_kind(*, year, unit_ids=None):
    qs = AdjustmentLine.objects.filter(adjustment__status=AdjustmentStatus.APPROVED,
                                       adjustment__effective_on__year=year)
    if unit_ids is not None:
        qs = qs.filter(adjustment__unit_id__in=unit_ids)
    counts = dict(qs.values_list("kind").annotate(n=Count("id")))
    breakdown = {label: counts[v] for v, label in AdjustmentKind.choices if counts.get(v)}
    return FigureValue(value=sum(counts.values()), breakdown=breakdown, rows=qs)


def versions_published(*, year, unit_ids=None):
    qs = ListVersion.objects.filter(published_on__year=year).order_by("published_on")
    versions = list(qs)
    return FigureValue(value=len(versions),
                       breakdown={f"{v.published_on:%Y-%m-%d} {v.title}": v.item_count for v in versions},
                       records=[v.pk for v in versions], rows=qs)


def approval_changes(*, year, unit_ids=None):
    qs = ApprovalChange.objects.filter(changed_on__year=year)
    if unit_ids is not None:
        qs = qs.filter(item__unit_id__in=unit_ids)
    counts = Counter(dict(qs.values_list("kind").annotate(n=Count("id"))))
    breakdown = {label: counts.get(v, 0) for v, label in ApprovalChangeKind.choices}
    return FigureValue(value=sum(counts.values()), breakdown=breakdown, rows=qs)


register_figure("powers.items_by_category", year_basis="统计年末（当年为今日）现行有效的权责事项", imported="包含由Excel导入的权责清单事项", label="权责事项（按权力类型）", unit="项", chapter=CHAPTER,
                compute=items_by_category, description="年末（或今日）有效的权责事项，按十类权力类型分列")
register_figure("powers.items_by_unit", year_basis="统计年末（当年为今日）现行有效的权责事项", imported="包含由Excel导入的权责清单事项", label="公布权责清单的单位", unit="个", chapter=CHAPTER,
                compute=items_by_unit, description="有现行权责事项的单位数，按单位分列事项数")
register_figure("powers.adjustments_by_kind", year_basis="按调整生效日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="权责清单动态调整事项", unit="项", chapter=CHAPTER,
                compute=adjustments_by_kind, description="当年批准生效的调整事项，按新增/取消/变更/下放/承接分列")
register_figure("powers.versions_published", year_basis="按清单版本公布日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="公布权责清单版本", unit="次", chapter=CHAPTER,
                compute=versions_published, description="当年公布的清单版本及其日期")
register_figure("powers.approval_changes", year_basis="按变更日期所在年度统计", imported="均为在本平台登记的记录（本项没有Excel导入）", label="行政审批事项目录调整", unit="项", chapter=CHAPTER,
                compute=approval_changes, description="当年审批事项新增、取消、下放、变更的数量")

# The report's sentences (seed 二、规范审批行为，全面履行职能).
register_sentence("powers.lists", theme="theme_functions", order=10,
                  template="全面推行权责清单制度，全县{powers.items_by_unit}个单位公布了权责清单，"
                           "现行权责事项{powers.items_by_category}项")
register_sentence("powers.adjustments", theme="theme_functions", order=20,
                  template="建立权责清单动态调整机制，全年公布权责清单{powers.versions_published}次，"
                           "动态调整权责事项{powers.adjustments_by_kind}项")
register_sentence("powers.approvals", theme="theme_functions", order=30,
                  template="加强行政审批事项目录管理，密切关注上级下放调整动态，全年调整行政审批事项{powers.approval_changes}项")
