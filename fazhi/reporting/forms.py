"""Forms check shape only; the rules live in services and workflows."""
from django import forms

from fazhi.core import clock
from fazhi.core import forms as core_forms
from fazhi.core.registry import SEVERITIES
from fazhi.core.widgets import PickerSelect

from .choices import ReportStatus


def _year_choices(blank=True):
    this = clock.today().year
    years = [(str(y), f"{y}年") for y in range(this, 2014, -1)]
    return ([("", "全部")] if blank else []) + years


class ReportFilterForm(core_forms.Form):
    q = forms.CharField(label="关键词", required=False)
    year = forms.ChoiceField(label="年度", required=False, choices=_year_choices)
    unit = forms.ModelChoiceField(label="单位", required=False, queryset=None, empty_label="全部", widget=PickerSelect)
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部"), *ReportStatus.choices])

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ReportCreateForm(core_forms.Form):
    year = forms.TypedChoiceField(label="年度", coerce=int, choices=lambda: _year_choices(blank=False))
    unit = forms.ModelChoiceField(label="报告单位", queryset=None, empty_label="请选择", widget=PickerSelect)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ReportEditForm(core_forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    signing_organ = forms.CharField(label="落款机关", max_length=100, required=False,
                                    help_text="未填写时使用报告单位的名称")
    signed_on = forms.DateField(label="成文日期", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                help_text="落款日期；未填写时导出的文本标为待填")
    withheld = forms.BooleanField(label="部分内容涉及国家秘密等不予公开", required=False)
    withheld_note = forms.CharField(label="不公开内容说明", max_length=300, required=False)

    def __init__(self, *args, sections, **kwargs):
        from .selectors import prose

        super().__init__(*args, **kwargs)
        self.names = prose.placeholder_names()
        self.section_fields = []
        for section, heading in sections:
            name = f"body_{section.code}"
            self.fields[name] = forms.CharField(
                label=heading, required=False, initial=prose.named_text(section.body, self.names),
                widget=forms.Textarea(attrs={"rows": 6 if section.level == 1 else 5}),
                help_text="数字请用指标名称占位，如 {{县直单位}}、{{“法律六进”宣传活动|余}}（约数）；不要直接填写数字。")
            self.section_fields.append(name)

    def clean(self):
        from .selectors import prose

        data = super().clean()
        for name in self.section_fields:
            text, unknown = prose.keyed_text(data.get(name) or "", self.names)
            if unknown:
                self.add_error(name, f"没有名为“{'”“'.join(unknown)}”的指标：请从右侧“可引用的指标”中复制指标名称。")
            data[name] = text
        return data

    def bodies(self):
        return {name[len("body_"):]: self.cleaned_data.get(name) or "" for name in self.section_fields}


class ReasonForm(core_forms.Form):
    reason = forms.CharField(label="理由", max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


class DashboardForm(core_forms.Form):
    year = forms.TypedChoiceField(label="年度", coerce=int, required=False,
                                  choices=lambda: _year_choices(blank=False))


class AlertFilterForm(core_forms.Form):
    module = forms.ChoiceField(label="模块", required=False)
    unit = forms.ChoiceField(label="单位", required=False)
    severity = forms.ChoiceField(label="级别", required=False, choices=[("", "全部"), *SEVERITIES.items()])
    due_before = forms.DateField(label="期限不晚于", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, modules, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].choices = [("", "全部"), *modules]
        self.fields["unit"].choices = [("", "全部"), *units]
