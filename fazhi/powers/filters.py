"""The validated filters of the power-list registers (one filter set per register, shared by list and export)."""
import django_filters

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
from fazhi.orgs.models import OrgUnit

from . import selectors
from .choices import AdjustmentStatus, ApprovalStatus, LawChangeKind, PowerCategory
from .models import ApprovalItem, LawChange, ListAdjustment, ListVersion, ListVersionEntry, PowerItemVersion

LIST_UNIT_KINDS = ["government", "department", "township"]


class UnitFilter(SafeModelChoiceFilter):
    """A unit among those whose lists the user sees (set per request by ``ScopedUnits``)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", "单位")
        kwargs.setdefault("empty_label", "全部")
        kwargs.setdefault("queryset", OrgUnit.objects.none())
        kwargs.setdefault("widget", PickerSelect)
        super().__init__(*args, **kwargs)


class ScopedUnits:
    """Mixin: the ``unit`` choices are the units whose lists the requesting user sees."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        units = selectors.item_units(user=user) if user is not None else OrgUnit.objects.none()
        self.filters["unit"].queryset = units
        self.form.fields["unit"].queryset = units


class ItemFilter(ScopedUnits, RegisterFilterSet):
    q = KeywordFilter(fields=("name", "item__code", "sub_items"), label="关键字")
    unit = UnitFilter(field_name="item__unit")
    category = django_filters.ChoiceFilter(label="权力类型", choices=PowerCategory.choices, empty_label="全部")
    flagged = FlagFilter(label="仅看依据已变化待调整", method="filter_flagged")
    sort = SortFilter(fields={"code": "item__code", "name": "name", "category": "category",
                              "unit": "item__unit__sort_order", "valid_from": "valid_from"})

    class Meta:
        model = PowerItemVersion
        fields = ["q", "unit", "category", "flagged"]

    def filter_flagged(self, qs, name, value):
        return qs.filter(flagged=True) if value else qs


class AdjustmentFilter(ScopedUnits, RegisterFilterSet):
    q = KeywordFilter(fields=("title", "trigger_document"), label="关键字")
    status = django_filters.ChoiceFilter(label="状态", choices=AdjustmentStatus.choices, empty_label="全部")
    unit = UnitFilter()
    year = YearFilter(field_name="effective_on", lookup_expr="year", label="生效年度")
    overdue = FlagFilter(label="仅看审核逾期", method="filter_overdue")
    sort = SortFilter(fields={"title": "title", "effective_on": "effective_on", "submitted_at": "submitted_at",
                              "status": "status", "created_at": "created_at"})

    class Meta:
        model = ListAdjustment
        fields = ["q", "status", "unit", "year", "overdue"]

    def filter_overdue(self, qs, name, value):
        return qs.filter(overdue=True) if value else qs


class ApprovalFilter(ScopedUnits, RegisterFilterSet):
    q = KeywordFilter(fields=("name", "code"), label="关键字")
    status = django_filters.ChoiceFilter(label="状态", choices=ApprovalStatus.choices, empty_label="全部")
    unit = UnitFilter(label="实施单位")
    year = YearFilter(field_name="listed_on", lookup_expr="year", label="列入年度")
    sort = SortFilter(fields={"code": "code", "name": "name", "unit": "unit__sort_order", "status": "status",
                              "listed_on": "listed_on"})

    class Meta:
        model = ApprovalItem
        fields = ["q", "status", "unit", "year"]


class LawChangeFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("law", "article", "document"), label="法律法规")
    kind = django_filters.ChoiceFilter(label="变化", choices=LawChangeKind.choices, empty_label="全部")
    year = YearFilter(field_name="changed_on", lookup_expr="year", label="年度")
    sort = SortFilter(fields={"changed_on": "changed_on", "law": "law", "flag_count": "flag_count"})

    class Meta:
        model = LawChange
        fields = ["q", "kind", "year"]


class VersionFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("title", "document"), label="版本名称")
    year = YearFilter(field_name="published_on", lookup_expr="year", label="公布年度")
    sort = SortFilter(fields={"published_on": "published_on", "title": "title", "item_count": "item_count"})

    class Meta:
        model = ListVersion
        fields = ["q", "year"]


class EntryKeywordFilter(django_filters.CharFilter):
    field_class = SearchField


class PublicEntryFilter(RegisterFilterSet):
    """The public list: department and type among the current version's, and a keyword (full-text)."""

    unit = SafeModelChoiceFilter(label="部门", empty_label="全部部门", widget=PickerSelect,
                                 queryset=OrgUnit.objects.filter(kind__in=LIST_UNIT_KINDS))
    category = django_filters.ChoiceFilter(label="权力类型", choices=PowerCategory.choices, empty_label="全部类型")
    q = EntryKeywordFilter(label="关键字", method="search_entries")
    sort = SortFilter(fields={"code": "code", "name": "name", "unit": "unit_name", "category": "category"})

    class Meta:
        model = ListVersionEntry
        fields = ["unit", "category", "q"]

    def __init__(self, *args, version=None, **kwargs):
        self.version = version
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.filter(
            pk__in=ListVersionEntry.objects.filter(version=version).values("unit_id")).order_by("path")
        self.filters["unit"].queryset = units
        self.form.fields["unit"].queryset = units

    def search_entries(self, qs, name, value):
        return selectors.entry_search(qs, self.version, value) if value else qs
