"""The validated filters of the normative-documents registers (one filter set per register, shared by list and
export)."""
import django_filters
from django.db.models import Q

from fazhi.core import clock
from fazhi.core.filters import (
    FlagFilter,
    KeywordFilter,
    RegisterFilterSet,
    SafeModelChoiceFilter,
    SearchField,
    SortFilter,
    YearFilter,
)
from fazhi.core.widgets import PickerSelect
from fazhi.orgs.choices import UnitKind
from fazhi.orgs.models import OrgUnit

from . import selectors
from .choices import CampaignStatus, DocStatus, Effect, FilingStatus
from .models import INCOMPLETE_Q, CleanupCampaign, Filing, IssuerPrefix, LegalityReview, NormativeDocument

ORGAN_KINDS = [UnitKind.GOVERNMENT, UnitKind.DEPARTMENT, UnitKind.TOWNSHIP]


def issuers():
    return OrgUnit.objects.filter(is_active=True, kind__in=ORGAN_KINDS + [UnitKind.INTERNAL]).order_by("path")


def public_issuers():
    return OrgUnit.objects.filter(is_active=True, kind__in=ORGAN_KINDS).order_by("path")


class IssuerFilter(SafeModelChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", "制定机关")
        kwargs.setdefault("empty_label", "全部")
        kwargs.setdefault("widget", PickerSelect)
        super().__init__(*args, **kwargs)


def _effect(qs, name, value):
    return selectors.effect_filter(qs, value, clock.today()) if value else qs


class DocFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("title", "number"), label="名称/文号")
    status = django_filters.ChoiceFilter(label="办理状态", choices=DocStatus.choices, empty_label="全部")
    effect = django_filters.ChoiceFilter(label="效力", choices=Effect.choices, empty_label="全部", method=_effect)
    issuer = IssuerFilter(queryset=issuers())
    year = YearFilter(label="年度", method="filter_year")
    overdue = FlagFilter(label="仅看有效期已届满", method="filter_overdue")
    incomplete = FlagFilter(label="仅看待补充（缺文号或有效期）", method="filter_incomplete")
    sort = SortFilter(fields={"title": "title", "number": "number", "published_on": "published_on",
                              "status": "status", "valid_until": "valid_until", "issuer": "issuer__name"},
                      default="-published_on")

    class Meta:
        model = NormativeDocument
        fields = ["q", "status", "effect", "issuer", "year", "overdue", "incomplete"]

    def filter_year(self, qs, name, value):
        if value is None:
            return qs
        return qs.filter(Q(published_on__year=value) | Q(published_on__isnull=True, created_at__year=value))

    def filter_incomplete(self, qs, name, value):
        return qs.filter(INCOMPLETE_Q) if value else qs

    def filter_overdue(self, qs, name, value):
        return qs.filter(overdue=True) if value else qs


class ReviewFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("document__title",), label="文件名称")
    year = YearFilter(field_name="submitted_on", lookup_expr="year", label="送审年度")
    overdue = FlagFilter(label="仅看逾期", method="filter_overdue")
    sort = SortFilter(fields={"submitted_on": "submitted_on", "due_on": "due_on", "title": "document__title"},
                      default="due_on")

    class Meta:
        model = LegalityReview
        fields = ["q", "year", "overdue"]

    def filter_overdue(self, qs, name, value):
        return qs.filter(overdue=True) if value else qs


class FilingFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("document__title", "document__number"), label="文件名称/文号")
    status = django_filters.ChoiceFilter(label="状态", choices=FilingStatus.choices, empty_label="全部")
    year = YearFilter(field_name="filed_on", lookup_expr="year", label="报备年度")
    overdue = FlagFilter(label="仅看逾期未纠正", method="filter_overdue")
    sort = SortFilter(fields={"filed_on": "filed_on", "due_on": "due_on", "status": "status",
                              "correction_due": "correction_due"}, default="-filed_on")

    class Meta:
        model = Filing
        fields = ["q", "status", "year", "overdue"]

    def filter_overdue(self, qs, name, value):
        return qs.filter(overdue=True) if value else qs


class CampaignFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("title",), label="清理名称")
    status = django_filters.ChoiceFilter(label="状态", choices=CampaignStatus.choices, empty_label="全部")
    year = YearFilter(field_name="opened_on", lookup_expr="year", label="启动年度")
    sort = SortFilter(fields={"opened_on": "opened_on", "published_on": "published_on", "status": "status"},
                      default="-opened_on")

    class Meta:
        model = CleanupCampaign
        fields = ["q", "status", "year"]


class PrefixFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("prefix", "unit__name"), label="制定机关/前缀")
    sort = SortFilter(fields={"unit": "unit__path", "prefix": "prefix"}, default="unit")

    class Meta:
        model = IssuerPrefix
        fields = ["q"]


class PublicSearchField(SearchField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_length", 2)
        kwargs.setdefault("error_messages", {"min_length": "请输入至少两个字。", "max_length": "关键词最多 100 个字。"})
        super().__init__(*args, **kwargs)


class PublicQueryFilter(django_filters.CharFilter):
    """``?q=``: the full-text query (ranked by the shared search in the view, not a ``contains`` filter)."""

    field_class = PublicSearchField

    def filter(self, qs, value):
        return qs


PUBLIC_EFFECTS = [(Effect.IN_FORCE, "有效"), (Effect.EXPIRED, "已失效（有效期届满）"), (Effect.REPEALED, "已废止"),
                  (Effect.INVALIDATED, "已宣布失效")]


class PublicDocFilter(RegisterFilterSet):
    q = PublicQueryFilter(label="全文检索")
    issuer = IssuerFilter(queryset=public_issuers())
    year = YearFilter(field_name="published_on", lookup_expr="year", label="年度")
    effect = django_filters.ChoiceFilter(label="效力", choices=PUBLIC_EFFECTS, empty_label="全部", method=_effect)

    class Meta:
        model = NormativeDocument
        fields = ["q", "issuer", "year", "effect"]

    def narrowed(self):
        """Whether a filter other than the query narrows the list."""
        if not self.is_bound or not self.form.is_valid():
            return False
        return any(v not in (None, "") for k, v in self.form.cleaned_data.items() if k != "q")
