"""The validated filters of the suggestions part's registers (one filter set per register, shared by list and
export)."""
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
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from ..models.suggestions import (
    AccountabilityForm,
    AccountabilityGround,
    AccountabilityRecord,
    CongressInspection,
    InspectionKind,
    JudicialKind,
    JudicialStatus,
    JudicialSuggestion,
    RectificationTask,
    Satisfaction,
    Suggestion,
    SuggestionKind,
    SuggestionStatus,
    TaskStatus,
)
from ..permissions import OversightPerm
from ..selectors import suggestions as sel


def _units(request):
    if request is None:
        return OrgUnit.objects.none()
    return scope.visible(request.user, OrgUnit.objects.filter(is_active=True), perm=OversightPerm.VIEW).order_by("path")


def _accountability_units(request):
    if request is None:
        return OrgUnit.objects.none()
    return scope.visible(request.user, OrgUnit.objects.all(),
                         perm=OversightPerm.VIEW_ACCOUNTABILITY).order_by("path")


class SuggestionFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("number", "title", "proposer", "content"), label="编号/标题/代表委员")
    kind = django_filters.ChoiceFilter(label="类别", choices=SuggestionKind.choices, empty_label="全部")
    status = django_filters.ChoiceFilter(label="状态", choices=SuggestionStatus.choices, empty_label="全部")
    unit = SafeModelChoiceFilter(label="主办单位", queryset=_units, empty_label="全部", widget=PickerSelect)
    year = YearFilter(field_name="received_on", lookup_expr="year", label="年度")
    satisfaction = django_filters.ChoiceFilter(label="最终反馈", choices=Satisfaction.choices, empty_label="全部",
                                               field_name="final_satisfaction")
    overdue = FlagFilter(label="仅看超期未答复", method="only_overdue")
    on_time = FlagFilter(label="仅看按期答复", method="only_on_time")
    feedback = FlagFilter(label="仅看已有反馈", method="only_feedback")
    published = FlagFilter(label="仅看已公开答复", method="only_published")
    sort = SortFilter(fields={"received_on": "received_on", "number": "number", "due": "current_due"},
                      default="-received_on")

    class Meta:
        model = Suggestion
        fields = ["q", "kind", "status", "unit", "year", "satisfaction", "overdue", "on_time", "feedback",
                  "published"]

    def only_overdue(self, qs, name, value):
        return qs.filter(sel.overdue_q(clock.today())) if value else qs

    def only_on_time(self, qs, name, value):
        return qs.filter(sel.replied_on_time_q()) if value else qs

    def only_feedback(self, qs, name, value):
        return qs.filter(sel.feedback_q()) if value else qs

    def only_published(self, qs, name, value):
        return qs.filter(published_on__isnull=False) if value else qs


class AccountabilityFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("person_name", "post", "facts"), label="姓名/职务/事实")
    ground = django_filters.ChoiceFilter(label="问责情形", choices=AccountabilityGround.choices, empty_label="全部")
    form = django_filters.ChoiceFilter(label="问责方式", choices=AccountabilityForm.choices, empty_label="全部")
    unit = SafeModelChoiceFilter(label="单位", queryset=_accountability_units, empty_label="全部", widget=PickerSelect)
    year = YearFilter(field_name="decided_on", lookup_expr="year", label="年度")
    sort = SortFilter(fields={"decided_on": "decided_on", "person_name": "person_name"}, default="-decided_on")

    class Meta:
        model = AccountabilityRecord
        fields = ["q", "ground", "form", "unit", "year"]


class InspectionFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("title", "findings"), label="名称/问题")
    kind = django_filters.ChoiceFilter(label="类别", choices=InspectionKind.choices, empty_label="全部")
    year = YearFilter(field_name="held_on", lookup_expr="year", label="年度")
    sort = SortFilter(fields={"held_on": "held_on"}, default="-held_on")

    class Meta:
        model = CongressInspection
        fields = ["q", "kind", "year"]


class JudicialFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("issuer", "number", "content"), label="发出机关/编号/内容")
    kind = django_filters.ChoiceFilter(label="类别", choices=JudicialKind.choices, empty_label="全部")
    status = django_filters.ChoiceFilter(label="状态", choices=JudicialStatus.choices, empty_label="全部")
    unit = SafeModelChoiceFilter(label="被建议单位", queryset=_units, empty_label="全部", widget=PickerSelect)
    year = YearFilter(field_name="received_on", lookup_expr="year", label="年度")
    overdue = FlagFilter(label="仅看超期未回复", method="only_overdue")
    sort = SortFilter(fields={"received_on": "received_on", "reply_due": "reply_due"}, default="-received_on")

    class Meta:
        model = JudicialSuggestion
        fields = ["q", "kind", "status", "unit", "year", "overdue"]

    def only_overdue(self, qs, name, value):
        return qs.filter(status=JudicialStatus.RECEIVED, reply_due__lt=clock.today()) if value else qs


class TaskFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("content", "report_text"), label="整改事项")
    status = django_filters.ChoiceFilter(label="状态", choices=TaskStatus.choices, empty_label="全部")
    unit = SafeModelChoiceFilter(label="整改单位", queryset=_units, empty_label="全部", widget=PickerSelect)
    year = YearFilter(field_name="due_on", lookup_expr="year", label="整改期限年度")
    overdue = FlagFilter(label="仅看超期未完成", method="only_overdue")
    sort = SortFilter(fields={"due_on": "due_on"}, default="due_on")

    class Meta:
        model = RectificationTask
        fields = ["q", "status", "unit", "year", "overdue"]

    def only_overdue(self, qs, name, value):
        return qs.filter(status=TaskStatus.OPEN, due_on__lt=clock.today()) if value else qs
