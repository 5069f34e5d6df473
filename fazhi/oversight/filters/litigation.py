"""The validated filters of the litigation part's registers (one filter set per register, list and export alike)."""
import django_filters

from fazhi.core import clock
from fazhi.core.filters import (
    FlagFilter,
    KeywordFilter,
    RegisterFilterSet,
    SafeModelChoiceFilter,
    SortFilter,
    YearFilter,
)
from fazhi.core.widgets import PickerSelect
from fazhi.orgs.models import OrgUnit

from ..models.litigation import (
    CORRECTING,
    LitigationCase,
    LitigationInstance,
    LitigationOutcome,
    LitigationStatus,
    ReconMatter,
    ReconOutcome,
    ReconsiderationCase,
    ReconStatus,
)
from ..selectors.litigation import appeared_instances, heard_instances


def _units():
    return OrgUnit.objects.filter(is_active=True).order_by("path")


class LitigationFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("case_number", "court", "act_text"), label="案号/法院/被诉行为")
    year = YearFilter(field_name="received_on", lookup_expr="year", label="收案年度")
    unit = SafeModelChoiceFilter(label="被告行政机关", queryset=OrgUnit.objects.none(), widget=PickerSelect,
                                 method="in_unit")
    instance = django_filters.ChoiceFilter(label="审级", choices=LitigationInstance.choices, empty_label="全部")
    status = django_filters.ChoiceFilter(label="状态", choices=LitigationStatus.choices, empty_label="全部")
    outcome = django_filters.ChoiceFilter(label="裁判结果", choices=LitigationOutcome.choices, empty_label="全部")
    heard_year = YearFilter(label="开庭年度", method="heard_in")
    appeared_year = YearFilter(label="负责人出庭年度", method="appeared_in")
    judged_year = YearFilter(field_name="judged_on", lookup_expr="year", label="裁判年度")
    overdue = FlagFilter(label="仅看答辩逾期的", method="only_overdue")
    sort = SortFilter(fields={"received_on": "received_on", "case_number": "case_number",
                              "defence_due": "defence_due"}, default="-received_on")

    class Meta:
        model = LitigationCase
        fields = ["q", "year", "unit", "instance", "status", "outcome", "heard_year", "appeared_year", "judged_year",
                  "overdue"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = _units()

    def in_unit(self, qs, name, value):
        return qs.filter(unit=value) if value else qs

    def heard_in(self, qs, name, value):
        return qs.filter(pk__in=heard_instances(value)) if value else qs

    def appeared_in(self, qs, name, value):
        return qs.filter(pk__in=appeared_instances(value) & heard_instances(value)) if value else qs

    def only_overdue(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(status=LitigationStatus.RECEIVED, defence_due__lt=clock.today())


class ReconFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("number", "act_text", "body_name"), label="案号/行政行为/复议机关")
    year = YearFilter(field_name="received_on", lookup_expr="year", label="收案年度")
    decided_year = YearFilter(field_name="decided_on", lookup_expr="year", label="审结年度")
    unit = SafeModelChoiceFilter(label="被申请人", queryset=OrgUnit.objects.none(), widget=PickerSelect,
                                 method="in_unit")
    status = django_filters.ChoiceFilter(label="状态", choices=ReconStatus.choices, empty_label="全部")
    matter = django_filters.ChoiceFilter(label="事项类型", choices=ReconMatter.choices, empty_label="全部")
    outcome = django_filters.ChoiceFilter(label="复议结果", choices=ReconOutcome.choices, empty_label="全部")
    accepted = FlagFilter(label="仅看已受理的", method="only_accepted")
    corrected = FlagFilter(label="仅看纠错的", method="only_corrected")
    overdue = FlagFilter(label="仅看超过审理期限的", method="only_overdue")
    sort = SortFilter(fields={"received_on": "received_on", "number": "number"}, default="-received_on")

    class Meta:
        model = ReconsiderationCase
        fields = ["q", "year", "decided_year", "unit", "status", "matter", "outcome", "accepted", "corrected",
                  "overdue"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = _units()

    def in_unit(self, qs, name, value):
        return qs.filter(unit=value) if value else qs

    def only_accepted(self, qs, name, value):
        return qs.filter(accepted_on__isnull=False) if value else qs

    def only_corrected(self, qs, name, value):
        return qs.filter(status=ReconStatus.DECIDED, outcome__in=CORRECTING) if value else qs

    def only_overdue(self, qs, name, value):
        if not value:
            return qs
        today = clock.today()
        late = [c.pk for c in qs.filter(status=ReconStatus.ACCEPTED) if c.decision_deadline < today]
        return qs.filter(pk__in=late)
