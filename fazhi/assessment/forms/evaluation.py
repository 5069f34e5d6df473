"""Forms of the evaluation part: shapes only (the services own the rules)."""
from django import forms

from fazhi.core import forms as core_forms
from fazhi.core.forms import UploadField
from fazhi.core.registry import unit_measures
from fazhi.core.widgets import PickerSelect
from fazhi.orgs.models import OrgUnit

from ..models.evaluation import PilotIndicator, PilotKind


class PilotForm(core_forms.Form):
    unit = forms.ModelChoiceField(label="试点单位", queryset=OrgUnit.objects.none(), widget=PickerSelect)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class PilotSelfAssessForm(core_forms.Form):
    indicator = forms.ModelChoiceField(label="指标", queryset=PilotIndicator.objects.none())
    points = forms.DecimalField(label="自评分", max_digits=6, decimal_places=1, min_value=0)
    note = forms.CharField(label="自评说明", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    evidence = UploadField(kind="evidence", label="佐证材料", required=False)

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators


class ScoreForm(core_forms.Form):
    points = forms.DecimalField(label="评定分", max_digits=6, decimal_places=1, min_value=0)
    comment = forms.CharField(label="评分意见", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class EvalIndicatorForm(core_forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    unit_kind = forms.ChoiceField(label="考评对象", choices=PilotKind.choices)
    name = forms.CharField(label="指标名称", max_length=200)
    points = forms.DecimalField(label="分值（权重）", max_digits=6, decimal_places=1)
    source = forms.ChoiceField(label="计分方式", required=False)
    rule = forms.CharField(label="评分规则", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", "人工评分（单位上传佐证材料，法治办评分）")] + [
            (key, f"自动计分：{m.label}") for key, m in unit_measures().items()]


class YearForm(core_forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)


class TextForm(core_forms.Form):
    text = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = label


class EvidenceForm(core_forms.Form):
    evidence = UploadField(kind="evidence", label="佐证材料")
