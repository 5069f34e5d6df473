"""Validated filters of the reports register."""
import django_filters

from fazhi.core.filters import KeywordFilter, RegisterFilterSet, SafeModelChoiceFilter, SortFilter, YearFilter
from fazhi.core.widgets import PickerSelect
from fazhi.orgs.models import OrgUnit

from .choices import ReportStatus
from .models import Report


class ReportFilter(RegisterFilterSet):
    q = KeywordFilter(fields=("title", "unit__name"))
    year = YearFilter(field_name="year")
    unit = SafeModelChoiceFilter(label="单位", queryset=OrgUnit.objects.none(), empty_label="全部", widget=PickerSelect)
    status = django_filters.ChoiceFilter(label="状态", choices=ReportStatus.choices, empty_label="全部")
    sort = SortFilter(fields={"year": "year", "unit": "unit__path", "status": "status"}, default="-year")

    class Meta:
        model = Report
        fields = ["q", "year", "unit", "status"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.filters["unit"].queryset = units
            self.form.fields["unit"].queryset = units
