"""The validated filters of the leadership registers (one filter set per register, shared by list and export)."""
import django_filters

from fazhi.core.filters import (
    FlagFilter,
    KeywordFilter,
    RegisterFilterSet,
    SafeModelChoiceFilter,
    SortFilter,
    YearFilter,
)
from fazhi.core.widgets import PickerSelect
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from ..models.leadership import (
    GroupPostKind,
    LeadingGroup,
    Meeting,
    MeetingKind,
    PlanKind,
    PlanTask,
    TaskArea,
    TaskStatus,
    WorkPlan,
)
from ..permissions import AssessmentPerm as P


def _units(request):
    if request is None:
        return OrgUnit.objects.none()
    return scope.visible(request.user, OrgUnit.objects.all(), perm=P.VIEW).order_by("path")


def _areas(request):
    return TaskArea.objects.select_related("plan").order_by("-plan__year", "plan", "position")


class LeadingGroupFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("name", "unit__name"), label="名称/单位")
    unit = SafeModelChoiceFilter(label="单位", queryset=_units, empty_label="全部", widget=PickerSelect)
    sort = SortFilter(fields={"name": "name", "unit": "unit__path"}, default="unit")

    class Meta:
        model = LeadingGroup
        fields = ["q", "unit"]


class MeetingFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("title", "topics", "chair_name"), label="会议名称/议题")
    kind = django_filters.ChoiceFilter(label="会议类型", choices=MeetingKind.choices, empty_label="全部")
    unit = SafeModelChoiceFilter(label="单位", field_name="group__unit", queryset=_units, empty_label="全部",
                                 widget=PickerSelect)
    year = YearFilter(field_name="held_on", lookup_expr="year", label="年度")
    leader = FlagFilter(label="仅看组长主持的会议", field_name="chair__post", method="filter_leader")
    sort = SortFilter(fields={"held_on": "held_on", "title": "title"}, default="-held_on")

    class Meta:
        model = Meeting
        fields = ["q", "kind", "unit", "year", "leader"]

    def filter_leader(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(chair__post=GroupPostKind.LEADER)


class WorkPlanFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("title",), label="名称")
    kind = django_filters.ChoiceFilter(label="类别", choices=PlanKind.choices, empty_label="全部")
    year = YearFilter(field_name="year", label="年度")
    sort = SortFilter(fields={"year": "year", "title": "title"}, default="-year")

    class Meta:
        model = WorkPlan
        fields = ["q", "kind", "year"]


class PlanTaskFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("number", "title", "deliverable", "indicator"), label="序号/任务")
    year = YearFilter(field_name="plan__year", label="年度")
    area = SafeModelChoiceFilter(label="任务领域", queryset=_areas, empty_label="全部")
    unit = SafeModelChoiceFilter(label="牵头单位", field_name="lead_unit", queryset=_units, empty_label="全部",
                                 widget=PickerSelect)
    status = django_filters.ChoiceFilter(label="状态", choices=TaskStatus.choices, empty_label="全部")
    top = FlagFilter(label="仅看任务（不含措施）", field_name="parent", lookup_expr="isnull")
    done_on_time = FlagFilter(label="仅看按时完成", method="filter_on_time")
    overdue = FlagFilter(label="仅看逾期未完成", field_name="is_overdue")
    sort = SortFilter(fields={"number": "number", "deadline": "deadline", "status": "status", "unit": "lead_unit__path"},
                      default="number")

    class Meta:
        model = PlanTask
        fields = ["q", "year", "area", "unit", "status", "top", "done_on_time", "overdue"]

    def filter_on_time(self, qs, name, value):
        from django.db.models import F

        if not value:
            return qs
        return qs.filter(status=TaskStatus.DONE, done_on__lte=F("deadline"))
