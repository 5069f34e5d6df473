"""The validated filters of the legal-education registers (one filter set per register, list and export)."""
import django_filters
from django.contrib.auth import get_user_model

from fazhi.core.filters import KeywordFilter, RegisterFilterSet, SafeModelChoiceFilter, SortFilter, YearFilter
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from .choices import ActivityKind, CaseStatus, DutyListStatus, SiteLevel
from .models import Activity, CaseExplanation, CultureSite, DutyList, StudySession
from .permissions import LegalEducationPerm as P


def _units(request):
    if request is None:
        return OrgUnit.objects.none()
    return scope.visible(request.user, OrgUnit.objects.all(), perm=P.VIEW).order_by("path")


class DutyListFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("unit__name",), label="单位")
    unit = SafeModelChoiceFilter(label="单位", queryset=_units, empty_label="全部")
    year = YearFilter(field_name="year", label="年度")
    status = django_filters.ChoiceFilter(label="状态", choices=DutyListStatus.choices, empty_label="全部")
    sort = SortFilter(fields={"unit": "unit__sort_order", "year": "year"})

    class Meta:
        model = DutyList
        fields = []


class ActivityFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("title", "laws", "place_detail"), label="活动名称/法律")
    kind = django_filters.ChoiceFilter(label="类别", choices=ActivityKind.choices, empty_label="全部")
    unit = SafeModelChoiceFilter(label="组织单位", queryset=_units, empty_label="全部")
    year = YearFilter(field_name="held_on", lookup_expr="year", label="年度")
    sort = SortFilter(fields={"held_on": "held_on", "audience": "audience"})

    class Meta:
        model = Activity
        fields = []


class SiteFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("name", "designation"), label="名称/称号")
    level = django_filters.ChoiceFilter(label="命名级别", choices=SiteLevel.choices, empty_label="全部")
    year = YearFilter(field_name="designated_year", label="命名年度")

    class Meta:
        model = CultureSite
        fields = []


class StudyFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("topic", "presenter"), label="法律法规/主讲人")
    unit = SafeModelChoiceFilter(label="组织单位", queryset=_units, empty_label="全部")
    year = YearFilter(field_name="held_on", lookup_expr="year", label="年度")

    class Meta:
        model = StudySession
        fields = []


class PublicDutyListFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("unit__name",), label="单位")
    year = YearFilter(field_name="year", label="年度")

    class Meta:
        model = DutyList
        fields = []


class CaseFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("title", "law"), label="标题/法律")
    unit = SafeModelChoiceFilter(label="发布单位", queryset=_units, empty_label="全部")
    status = django_filters.ChoiceFilter(label="状态", choices=CaseStatus.choices, empty_label="全部")
    year = YearFilter(field_name="published_on", lookup_expr="year", label="公开年度")
    sort = SortFilter(fields={"published_on": "published_on", "title": "title"})

    class Meta:
        model = CaseExplanation
        fields = []


class PublicCaseFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("title", "law"), label="标题/法律")
    year = YearFilter(field_name="published_on", lookup_expr="year", label="公开年度")

    class Meta:
        model = CaseExplanation
        fields = []


def _keep(queryset, name, value):
    """The year chooses which sessions and exams are counted (``selectors.record_rows``), not which people."""
    return queryset


class StudyRecordFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("full_name", "username"), label="姓名")
    unit = SafeModelChoiceFilter(label="单位", queryset=_units, empty_label="全部")
    year = YearFilter(method=_keep, label="统计年度")
    sort = SortFilter(fields={"name": "full_name", "unit": "unit__path"})

    class Meta:
        model = get_user_model()
        fields = []

    def chosen_year(self):
        """The valid year typed in the filter (``None`` for all years or an invalid value)."""
        if not self.is_bound:
            return None
        self.form.is_valid()
        return self.form.cleaned_data.get("year")
