"""Validated filters of the audit trail's page (the one filter set shared by the page and its rows)."""
import django_filters
from django import forms
from django.db.models import Q

from fazhi.core import audit_events
from fazhi.core.filters import RegisterFilterSet, SafeModelChoiceFilter, SearchField, SortFilter
from fazhi.core.models import AuditEntry
from fazhi.core.widgets import PickerSelect
from fazhi.orgs.models import OrgUnit


class AuditFilter(RegisterFilterSet):
    actor = django_filters.CharFilter(label="操作人", method="filter_actor")
    object = django_filters.CharFilter(label="对象", method="filter_object")
    event = django_filters.ChoiceFilter(field_name="event_name", label="事件", choices=[], empty_label="全部事件")
    unit = SafeModelChoiceFilter(label="单位", queryset=OrgUnit.objects.none(), empty_label="全部单位", widget=PickerSelect)
    date_from = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label="起始日期",
                                          widget=forms.DateInput(attrs={"type": "date"}))
    date_to = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label="截止日期",
                                        widget=forms.DateInput(attrs={"type": "date"}))
    sort = SortFilter(fields={"seq": "seq"}, default="-seq")

    class Meta:
        model = AuditEntry
        fields = ["actor", "object", "event", "unit", "date_from", "date_to"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(e.name, e.label) for e in audit_events.all_events()]
        self.filters["event"].extra["choices"] = choices
        self.form.fields["event"].choices = [("", "全部事件"), *choices]
        if units is not None:
            self.filters["unit"].queryset = units
            self.form.fields["unit"].queryset = units
        for name in ("actor", "object"):
            self.form.fields[name] = SearchField(label=self.form.fields[name].label, required=False)

    def filter_actor(self, qs, name, value):
        return qs.filter(Q(actor_name__contains=value) | Q(actor__username=value)) if value else qs

    def filter_object(self, qs, name, value):
        return qs.filter(Q(object_repr__contains=value) | Q(object_type__icontains=value)) if value else qs
