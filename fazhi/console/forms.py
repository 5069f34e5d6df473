from django import forms

from fazhi.core import audit_events
from fazhi.core.forms import Form

YEAR_MIN, YEAR_MAX = 2004, 2100  # the years the office's holiday table may hold


class AuditFilterForm(Form):
    actor = forms.CharField(label="操作人", required=False)
    object = forms.CharField(label="对象", required=False)
    event = forms.ChoiceField(label="事件", required=False)
    unit = forms.ModelChoiceField(label="单位", queryset=None, required=False, empty_label="全部单位")
    date_from = forms.DateField(label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["event"].choices = [("", "全部事件")] + [(e.name, e.label) for e in audit_events.all_events()]


class CalendarDayForm(Form):
    date = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    is_working_day = forms.TypedChoiceField(label="类型", coerce=lambda v: v == "1",
                                            choices=[("0", "放假（休息日）"), ("1", "调休上班（工作日）")])
    name = forms.CharField(label="名称", max_length=50)


class CalendarYearForm(Form):
    year = forms.IntegerField(label="年份", min_value=YEAR_MIN, max_value=YEAR_MAX)
    source = forms.CharField(label="依据", max_length=300)
