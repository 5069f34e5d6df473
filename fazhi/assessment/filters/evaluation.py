"""The validated filters of the evaluation registers (one filter set per register, shared by list and export)."""
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

from ..models.evaluation import EvalCard, EvalCardStatus, Pilot, PilotKind
from ..permissions import AssessmentPerm as P


def _units(request):
    if request is None:
        return OrgUnit.objects.none()
    return scope.visible(request.user, OrgUnit.objects.all(), perm=P.VIEW).order_by("path")


class PilotFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("unit__name", "note"), label="单位/说明")
    kind = django_filters.ChoiceFilter(label="类别", choices=PilotKind.choices, empty_label="全部")
    unit = SafeModelChoiceFilter(label="单位", queryset=_units, empty_label="全部", widget=PickerSelect)
    year = YearFilter(field_name="year", label="年度")
    sort = SortFilter(fields={"year": "year", "unit": "unit__path", "kind": "kind"}, default="-year")

    class Meta:
        model = Pilot
        fields = ["q", "kind", "unit", "year"]


class EvalCardFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("unit__name",), label="单位")
    kind = django_filters.ChoiceFilter(field_name="unit_kind", label="考评对象", choices=PilotKind.choices,
                                       empty_label="全部")
    unit = SafeModelChoiceFilter(label="单位", queryset=_units, empty_label="全部", widget=PickerSelect)
    status = django_filters.ChoiceFilter(label="状态", choices=EvalCardStatus.choices, empty_label="全部")
    year = YearFilter(field_name="year", label="年度")
    objected = FlagFilter(label="仅看申诉待答复", method="filter_objected")
    sort = SortFilter(fields={"rank": "rank", "total": "total", "unit": "unit__path", "year": "year"},
                      default="rank")

    class Meta:
        model = EvalCard
        fields = ["q", "kind", "unit", "status", "year", "objected"]

    def filter_objected(self, qs, name, value):
        return qs.filter(status=EvalCardStatus.OBJECTED) if value else qs
