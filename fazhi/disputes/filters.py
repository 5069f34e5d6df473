"""The validated filters of the disputes registers (one filter set per register, shared by list and export)."""
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

from .choices import (
    CaseStatus,
    Category,
    Channel,
    ClusterKind,
    ClusterStatus,
    DisputeType,
    MediationKind,
    OrgCategory,
    PetitionLevel,
    PetitionStatus,
)
from .models import DisputeCluster, HallDuty, MediationCase, MediationOrg, Petition
from .permissions import DisputesPerm as P


def _petition_units(request):
    if request is None:
        return OrgUnit.objects.none()
    return scope.visible(request.user, OrgUnit.objects.all(), perm=P.PETITION_VIEW).order_by("path")


def _case_units(request):
    if request is None:
        return OrgUnit.objects.none()
    return scope.visible(request.user, OrgUnit.objects.all(), perm=P.VIEW).order_by("path")


class PetitionFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("number", "request"), label="编号/诉求")
    status = django_filters.ChoiceFilter(label="状态", choices=PetitionStatus.choices, empty_label="全部")
    channel = django_filters.ChoiceFilter(label="渠道", choices=Channel.choices, empty_label="全部")
    category = django_filters.ChoiceFilter(label="类别", choices=Category.choices, empty_label="全部")
    unit = SafeModelChoiceFilter(label="办理单位", queryset=_petition_units, empty_label="全部", widget=PickerSelect)
    year = YearFilter(field_name="received_on", lookup_expr="year", label="年度")
    month = MonthFilter(field_name="received_on", lookup_expr="month", label="月份")
    level = django_filters.ChoiceFilter(label="难易程度", choices=PetitionLevel.choices, empty_label="全部")
    repeat = FlagFilter(label="仅看重复信访", method="only_repeats")
    lawyers = FlagFilter(label="仅看律师参与的", method="with_lawyers")
    accepted = FlagFilter(label="仅看已受理的", method="only_accepted")
    answered = FlagFilter(label="仅看已出具处理意见的", method="only_answered")
    late = FlagFilter(label="仅看超期的", method="only_late")
    sort = SortFilter(fields={"received_on": "received_on", "number": "number", "route_due": "route_due"},
                      default="-received_on")

    class Meta:
        model = Petition
        fields = ["q", "status", "channel", "category", "unit", "level", "year", "month", "repeat", "lawyers",
                  "accepted", "answered", "late"]

    def only_repeats(self, qs, name, value):
        return qs.filter(repeat_count__gt=0) if value else qs

    def with_lawyers(self, qs, name, value):
        return qs.filter(pk__in=Petition.objects.filter(lawyers__isnull=False).values("pk")) if value else qs

    def only_accepted(self, qs, name, value):
        return qs.filter(accepted_on__isnull=False) if value else qs

    def only_answered(self, qs, name, value):
        return qs.filter(answered_on__isnull=False) if value else qs

    def only_late(self, qs, name, value):
        """Matters with a clock lapsed (done after its due date, or still open past it) — the same rule as the
        figure ``disputes.petitions_overdue`` and the alerts."""
        if not value:
            return qs
        from fazhi.core import clock

        from .selectors import late_q, with_clocks

        return with_clocks(qs).filter(late_q(clock.today()))


class CaseFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("number", "title"), label="编号/纠纷")
    status = django_filters.ChoiceFilter(label="状态", choices=CaseStatus.choices, empty_label="全部")
    kind = django_filters.ChoiceFilter(label="调解类型", choices=MediationKind.choices, empty_label="全部")
    dispute_type = django_filters.ChoiceFilter(label="纠纷类型", choices=DisputeType.choices, empty_label="全部")
    unit = SafeModelChoiceFilter(label="办理单位", queryset=_case_units, empty_label="全部", widget=PickerSelect)
    year = YearFilter(field_name="registered_on", lookup_expr="year", label="年度")
    late = FlagFilter(label="仅看超过调解目标期限未结的", method="only_late")
    sort = SortFilter(fields={"registered_on": "registered_on", "number": "number"}, default="-registered_on")

    class Meta:
        model = MediationCase
        fields = ["q", "status", "kind", "dispute_type", "unit", "year", "late"]

    def only_late(self, qs, name, value):
        """Open cases past the mediation target date — the same rule as the leaders' overview."""
        if not value:
            return qs
        from .selectors import late_cases

        return late_cases(qs)


class OrgFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("name", "industry"), label="名称")
    category = django_filters.ChoiceFilter(label="类别", choices=OrgCategory.choices, empty_label="全部")
    sort = SortFilter(fields={"name": "name"}, default="name")

    class Meta:
        model = MediationOrg
        fields = ["q", "category"]


class HallFilter(RegisterFilterSet):
    year = YearFilter(field_name="day", lookup_expr="year", label="年度")
    sort = SortFilter(fields={"day": "day"}, default="-day")

    class Meta:
        model = HallDuty
        fields = ["year"]


class ClusterFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("name", "leading_group", "description"), label="名称/领导小组")
    status = django_filters.ChoiceFilter(label="状态", choices=ClusterStatus.choices, empty_label="全部")
    kind = django_filters.ChoiceFilter(label="类别", choices=ClusterKind.choices, empty_label="全部")
    unit = SafeModelChoiceFilter(label="牵头单位", queryset=_case_units, empty_label="全部", widget=PickerSelect)
    year = YearFilter(field_name="set_up_on", lookup_expr="year", label="年度")
    stale = FlagFilter(label="仅看有超期未联系户的", method="only_stale")
    sort = SortFilter(fields={"set_up_on": "set_up_on", "name": "name"}, default="-set_up_on")

    class Meta:
        model = DisputeCluster
        fields = ["q", "status", "kind", "unit", "year", "stale"]

    def only_stale(self, qs, name, value):
        """Clusters with a household not contacted for the rule setting's number of days (the to-do's rule)."""
        if not value:
            return qs
        from .cluster_selectors import stale_households

        return qs.filter(pk__in=stale_households().values("cluster_id"))
