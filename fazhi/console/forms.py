from django import forms

from fazhi.core.forms import Form

YEAR_MIN, YEAR_MAX = 2004, 2100  # the years the office's holiday table may hold


class CalendarDayForm(Form):
    date = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    is_working_day = forms.TypedChoiceField(label="类型", coerce=lambda v: v == "1",
                                            choices=[("0", "放假（休息日）"), ("1", "调休上班（工作日）")])
    name = forms.CharField(label="名称", max_length=50)


class CalendarYearForm(Form):
    year = forms.IntegerField(label="年份", min_value=YEAR_MIN, max_value=YEAR_MAX)
    source = forms.CharField(label="依据", max_length=300)
