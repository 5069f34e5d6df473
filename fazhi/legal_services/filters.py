"""The validated filters of the module's registers (one filter set per register, shared by list and export)."""
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
from fazhi.orgs.models import OrgUnit

from .choices import AidStatus, Duty, LawVersion, LogStatus
from .models import AidApplication, Lawyer, ServiceContract, ServiceLog, VillageAgreement


def _units(request):
    if request is None:
        return OrgUnit.objects.none()
    from .selectors import log_list

    return OrgUnit.objects.filter(pk__in=log_list(user=request.user).values("unit_id")).order_by("path")


def _firms(request):
    from fazhi.orgs.choices import UnitKind

    return OrgUnit.objects.filter(kind=UnitKind.FIRM).order_by("code")


class LogFilter(RegisterFilterSet):
    status = django_filters.ChoiceFilter(label="状态", choices=LogStatus.choices, empty_label="全部")
    duty = django_filters.ChoiceFilter(label="服务类别", choices=Duty.choices, empty_label="全部")
    unit = SafeModelChoiceFilter(label="服务单位", queryset=_units, empty_label="全部")
    year = YearFilter(field_name="served_on", lookup_expr="year", label="年度")
    month = MonthFilter(field_name="served_on", lookup_expr="month", label="月份")
    hall = FlagFilter(label="仅看信访大厅值守", method="filter_hall")
    petition = FlagFilter(label="仅看涉信访案件", method="filter_petition")
    sort = SortFilter(fields={"served_on": "served_on", "unit": "unit__path", "people": "people"}, default="-served_on")

    class Meta:
        model = ServiceLog
        fields = []

    def filter_hall(self, qs, name, value):
        return qs.filter(place="hall") if value else qs

    def filter_petition(self, qs, name, value):
        return qs.exclude(petition_kind="") if value else qs


class LawyerFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("name", "licence_no"), label="姓名/执业证号")
    firm = SafeModelChoiceFilter(label="律师事务所", queryset=_firms, empty_label="全部")
    sort = SortFilter(fields={"name": "name", "firm": "firm__code"}, default="firm")

    class Meta:
        model = Lawyer
        fields = []


class AidFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("number",), label="受理编号")
    status = django_filters.ChoiceFilter(label="状态", choices=AidStatus.choices, empty_label="全部")
    law_version = django_filters.ChoiceFilter(label="适用法规", choices=LawVersion.choices, empty_label="全部")
    year = YearFilter(field_name="applied_on", lookup_expr="year", label="申请年度")
    sort = SortFilter(fields={"applied_on": "applied_on", "review_due": "review_due"}, default="-applied_on")

    class Meta:
        model = AidApplication
        fields = []


class ContractFilter(RegisterFilterSet):
    firm = SafeModelChoiceFilter(label="律师事务所", queryset=_firms, empty_label="全部")
    year = YearFilter(field_name="signed_on", lookup_expr="year", label="签订年度")
    sort = SortFilter(fields={"signed_on": "signed_on", "amount": "amount"}, default="-signed_on")

    class Meta:
        model = ServiceContract
        fields = []


def _villages(request):
    if request is None:
        return OrgUnit.objects.none()
    from .selectors import agreement_list

    return OrgUnit.objects.filter(pk__in=agreement_list(user=request.user).values("village_id")).order_by("path")


class AgreementFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("village__name", "lawyer__name", "lawyer__firm__name"), label="村（社区）/律师")
    village = SafeModelChoiceFilter(label="村（社区）", queryset=_villages, empty_label="全部", widget=PickerSelect)
    year = YearFilter(field_name="signed_on", lookup_expr="year", label="签订年度")
    current = FlagFilter(label="仅看在聘", method="filter_current")
    sort = SortFilter(fields={"village": "village__path", "signed_on": "signed_on"}, default="village")

    class Meta:
        model = VillageAgreement
        fields = []

    def filter_current(self, qs, name, value):
        from fazhi.core import clock

        today = clock.today()
        return qs.filter(start__lte=today, end__gte=today) if value else qs
