"""The validated filters of the decisions registers (one filter set per register, shared by list and export)."""
import django_filters
from django import forms

from fazhi.core.filters import (
    FlagFilter,
    KeywordFilter,
    RegisterFilterSet,
    SafeModelChoiceFilter,
    SortFilter,
    YearFilter,
)
from fazhi.orgs.models import OrgUnit

from .choices import AdviserKind, Category, DecisionStatus, ReviewState, ServiceKind, StepCode
from .models import AdviserService, Decision, DecisionCatalogue, LegalAdviser


class DecisionFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("title", "proposer"), label="事项名称")
    year = YearFilter(field_name="year")
    status = django_filters.ChoiceFilter(label="状态", choices=DecisionStatus.choices, empty_label="全部状态")
    category = django_filters.ChoiceFilter(label="类别", choices=Category.choices, empty_label="全部类别")
    unit = SafeModelChoiceFilter(label="承办单位", field_name="lead_unit", queryset=OrgUnit.objects.all(),
                                 widget=forms.HiddenInput)
    catalogue = SafeModelChoiceFilter(label="所属目录", field_name="catalogue",
                                      queryset=DecisionCatalogue.objects.all(),
                                      widget=forms.HiddenInput)
    reviewing = FlagFilter(label="仅看合法性审查中", method="filter_reviewing")
    sort = SortFilter(fields={"title": "title", "year": "year", "status": "status", "unit": "lead_unit__path",
                              "id": "id"}, default="-id")

    class Meta:
        model = Decision
        fields = ["q", "year", "status", "category", "unit", "catalogue", "reviewing"]

    def filter_reviewing(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(steps__code=StepCode.LEGALITY_REVIEW, steps__review_state=ReviewState.REQUESTED)


class CatalogueFilter(RegisterFilterSet):
    year = YearFilter(field_name="year")
    sort = SortFilter(fields={"year": "year", "title": "title"}, default="-year")

    class Meta:
        model = DecisionCatalogue
        fields = ["year"]


ACTIVE_CHOICES = [("active", "在聘"), ("inactive", "不在聘")]


class AdviserFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("name", "firm"), label="姓名/机构")
    kind = django_filters.ChoiceFilter(label="类别", choices=AdviserKind.choices, empty_label="全部类别")
    status = django_filters.ChoiceFilter(label="聘期", choices=ACTIVE_CHOICES, empty_label="全部",
                                         method="filter_active")
    unit = SafeModelChoiceFilter(label="聘请单位", field_name="client_unit", queryset=OrgUnit.objects.all(),
                                 widget=forms.HiddenInput)
    sort = SortFilter(fields={"name": "name", "end": "contract_end", "unit": "client_unit__path"}, default="unit")

    class Meta:
        model = LegalAdviser
        fields = ["q", "kind", "status", "unit"]

    def filter_active(self, qs, name, value):
        # ``active`` is annotated by ``selectors.adviser_list`` (in contract today, not ended)
        if value == "active":
            return qs.filter(active=True)
        if value == "inactive":
            return qs.filter(active=False)
        return qs


class ServiceFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("subject", "adviser__name"), label="事项/顾问")
    kind = django_filters.ChoiceFilter(label="服务类别", choices=ServiceKind.choices, empty_label="全部类别")
    year = YearFilter(field_name="served_on", lookup_expr="year")
    adviser = SafeModelChoiceFilter(label="法律顾问", field_name="adviser", queryset=LegalAdviser.objects.all(),
                                    widget=forms.HiddenInput)
    sort = SortFilter(fields={"date": "served_on", "kind": "kind"}, default="-date")

    class Meta:
        model = AdviserService
        fields = ["q", "kind", "year", "adviser"]


class PublicDecisionFilter(RegisterFilterSet):
    """The public list: drafts open for comment and published decisions."""

    q = KeywordFilter(fields=("title",), label="决策事项")
    status = django_filters.ChoiceFilter(label="状态", empty_label="全部", choices=[
        (DecisionStatus.CONSULTATION, "征求意见中"), (DecisionStatus.PUBLISHED, "已公布")])
    year = YearFilter(field_name="year")

    class Meta:
        model = Decision
        fields = ["q", "status", "year"]
