"""The validated filters of the enforcement registers (one filter set per register, shared by list and export).

Every value from the address bar is checked by a form field before it reaches the database (ids, years,
months, choices, sort keys); ``fazhi.core.registers.register_page`` drops an invalid one with a warning.
"""
import django_filters

from fazhi.core.filters import (
    FlagFilter,
    KeywordFilter,
    MonthFilter,
    RegisterFilterSet,
    SafeModelChoiceFilter,
    SortFilter,
    YearFilter,
)
from fazhi.core.widgets import PickerSelect
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from . import selectors
from .choices import CaseKind, CaseStatus, CertificateStatus, PublicationStatus
from .models import Case, CaseFileEvaluation, EnforcementBody, InspectionItem, Officer, Publication
from .permissions import EnforcementPerm as P


def _units(request):
    if request is None:
        return OrgUnit.objects.none()
    return scope.visible(request.user, OrgUnit.objects.all(), perm=P.VIEW).order_by("path")


def _bodies(request):
    if request is None:
        return EnforcementBody.objects.none()
    return selectors.bodies_visible(request.user)


def _all_bodies(request):
    return EnforcementBody.objects.filter(is_active=True).order_by("name")


class CaseFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("number", "title", "power_name", "decision_number"), label="案号/案由")
    status = django_filters.ChoiceFilter(label="状态", choices=CaseStatus.choices, empty_label="全部")
    kind = django_filters.ChoiceFilter(label="类别", choices=CaseKind.choices, empty_label="全部")
    unit = SafeModelChoiceFilter(label="办案单位", queryset=_units, empty_label="全部", widget=PickerSelect)
    body = SafeModelChoiceFilter(label="执法主体", queryset=_bodies, empty_label="全部")
    year = YearFilter(field_name="registered_on", lookup_expr="year", label="立案年度")
    month = MonthFilter(field_name="registered_on", lookup_expr="month", label="立案月份")
    overdue = FlagFilter(label="仅看超期未决", field_name="is_overdue")
    sort = SortFilter(fields={"registered_on": "registered_on", "number": "number", "status": "status",
                              "decision_due": "decision_due", "kind": "kind"}, default="-registered_on")

    class Meta:
        model = Case
        fields = ["q", "status", "kind", "unit", "body", "year", "month", "overdue"]


class OfficerFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("name", "certificate_no", "post"), label="姓名/证号")
    status = django_filters.ChoiceFilter(label="证件状态", field_name="current_status",
                                         choices=CertificateStatus.choices, empty_label="全部")
    unit = SafeModelChoiceFilter(label="单位", queryset=_units, empty_label="全部", widget=PickerSelect)
    expiring = FlagFilter(label="60日内到期", method="filter_expiring")
    legal = FlagFilter(label="具有法律职业资格", field_name="legal_qualification")
    # the annual report's drill-downs: exactly the officers a figure counts for a year
    certified_in = YearFilter(label="当年换发或申领证件", method="filter_certified_in")
    trained_in = YearFilter(label="当年参加业务培训", method="filter_trained_in")
    valid_at_end = YearFilter(label="年末持有效证件", method="filter_valid_at_end")
    sort = SortFilter(fields={"name": "name", "unit": "unit__path", "certificate_no": "certificate_no",
                              "valid_until": "valid_until"}, default="unit")
    tie_breaker = ("name", "-pk")

    class Meta:
        model = Officer
        fields = ["q", "status", "unit", "expiring", "legal", "certified_in", "trained_in", "valid_at_end"]

    def filter_certified_in(self, qs, name, value):
        if not value:
            return qs
        from .models import CertificateIssue

        return qs.filter(pk__in=CertificateIssue.objects.filter(issued_on__year=value).values("officer_id"))

    def filter_trained_in(self, qs, name, value):
        if not value:
            return qs
        from .models import Training

        return qs.filter(pk__in=Training.objects.filter(held_on__year=value).values("officer_id"))

    def filter_valid_at_end(self, qs, name, value):
        if not value:
            return qs
        from .reporting import certificates_valid_ids

        return qs.filter(pk__in=certificates_valid_ids(int(value)))

    def filter_expiring(self, qs, name, value):
        if not value:
            return qs
        import datetime

        from fazhi.core import clock

        today = clock.today()
        return qs.filter(status=CertificateStatus.VALID, valid_until__gte=today,
                         valid_until__lte=today + datetime.timedelta(days=60))


class BodyFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("name", "legal_basis"), label="关键词")
    unit = SafeModelChoiceFilter(label="单位", queryset=_units, empty_label="全部", widget=PickerSelect)
    sort = SortFilter(fields={"unit": "unit__path", "name": "name", "case_count": "case_count"}, default="unit")
    tie_breaker = ("name", "-pk")

    class Meta:
        model = EnforcementBody
        fields = ["q", "unit"]


class InspectionFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("name", "targets"), label="关键词")
    body = SafeModelChoiceFilter(label="执法主体", queryset=_bodies, empty_label="全部")
    year = YearFilter(field_name="year", label="年度")
    sort = SortFilter(fields={"year": "year", "name": "name", "body": "body__name"}, default="-year")

    class Meta:
        model = InspectionItem
        fields = ["q", "body", "year"]


class PublicationFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("case__number", "case__title"), label="案号/案由")
    status = django_filters.ChoiceFilter(label="公示状态", choices=PublicationStatus.choices, empty_label="全部")
    body = SafeModelChoiceFilter(label="执法主体", field_name="case__body", queryset=_bodies, empty_label="全部")
    year = YearFilter(field_name="case__decided_on", lookup_expr="year", label="决定年度")
    overdue = FlagFilter(label="仅看逾期", field_name="is_overdue")
    sort = SortFilter(fields={"due_on": "due_on", "published_on": "published_on", "decided_on": "case__decided_on",
                              "status": "status"}, default="due_on")

    class Meta:
        model = Publication
        fields = ["q", "status", "body", "year", "overdue"]


class EvaluationFilter(RegisterFilterSet):
    body = SafeModelChoiceFilter(label="执法主体", field_name="case__body", queryset=_bodies, empty_label="全部")
    year = YearFilter(field_name="evaluated_on", lookup_expr="year", label="年度")
    month = MonthFilter(field_name="evaluated_on", lookup_expr="month", label="月份")
    sort = SortFilter(fields={"evaluated_on": "evaluated_on", "total": "total"}, default="-evaluated_on")

    class Meta:
        model = CaseFileEvaluation
        fields = ["body", "year", "month"]


# Public registers (no login) ------------------------------------------------------------------

class PublicOfficerFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("name", "certificate_no", "unit__name"), label="姓名、执法证号或单位")
    sort = SortFilter(fields={"unit": "unit__path", "name": "name"}, default="unit")
    tie_breaker = ("name", "-pk")

    class Meta:
        model = Officer
        fields = ["q"]


class PublicInspectionFilter(RegisterFilterSet):
    body = SafeModelChoiceFilter(label="执法主体", queryset=_all_bodies, empty_label="全部")
    year = YearFilter(field_name="year", label="年度")
    sort = SortFilter(fields={"year": "year", "body": "body__name", "name": "name"}, default="-year")

    class Meta:
        model = InspectionItem
        fields = ["body", "year"]


class PublicDecisionFilter(RegisterFilterSet):
    """Validates the public decision search; ``selectors.public_decisions`` runs it (full text or filter)."""

    q = KeywordFilter(fields=("search_text",), label="关键词")
    kind = django_filters.ChoiceFilter(label="类别", choices=CaseKind.choices, empty_label="全部")
    year = YearFilter(field_name="decided_on", lookup_expr="year", label="决定年度")

    class Meta:
        model = Publication
        fields = ["q", "kind", "year"]
