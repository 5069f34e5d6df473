"""Forms of the module (shape only; the rules are in the services)."""
from django import forms

from fazhi.core.forms import Form, UploadField


class StepForm(Form):
    reason = forms.CharField(label="意见", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=500)

    def __init__(self, *args, needs_reason=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = needs_reason
        if not needs_reason:
            self.fields["reason"].label = "意见（可不填）"


class ImportTextForm(Form):
    text = forms.CharField(label="粘贴试题文本", required=False, widget=forms.Textarea(attrs={"rows": 14}))


class ImportUploadForm(Form):
    text = forms.CharField(label="粘贴试题文本", required=False, widget=forms.Textarea(attrs={"rows": 12}))
    file = UploadField(kind="document", label="或上传文件（.txt或.docx）", required=False)


KIND_FIELDS = (("single", "单选题"), ("multiple", "多选题"), ("judge", "判断题"))


class ExamForm(Form):
    title = forms.CharField(label="考试名称", max_length=200)
    bank = forms.ModelChoiceField(label="题库", queryset=None)
    starts_at = forms.DateTimeField(label="开考时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(label="截止时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    duration_minutes = forms.IntegerField(label="答题时长（分钟）", min_value=1, initial=60)
    attempts_allowed = forms.IntegerField(label="允许考试次数", min_value=1, initial=1)
    eligible_units = forms.ModelMultipleChoiceField(label="参考单位", queryset=None, required=False)
    makeup_of = forms.ModelChoiceField(label="补考的原考试（补考时选择）", queryset=None, required=False)
    single_count = forms.IntegerField(label="单选题题量", min_value=0, initial=25)
    single_points = forms.DecimalField(label="单选题每题分值", min_value=0, initial=2)
    multiple_count = forms.IntegerField(label="多选题题量", min_value=0, initial=10)
    multiple_points = forms.DecimalField(label="多选题每题分值", min_value=0, initial=2)
    judge_count = forms.IntegerField(label="判断题题量", min_value=0, initial=15)
    judge_points = forms.DecimalField(label="判断题每题分值", min_value=0, initial=2)
    pass_mark = forms.DecimalField(label="合格分数", min_value=0, initial=60)
    multiple_partial = forms.BooleanField(label="多选题少选得一半分", required=False)
    publish = forms.BooleanField(label="保存后立即发布", required=False, initial=True)

    def __init__(self, *args, banks, units, exams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bank"].queryset = banks
        self.fields["eligible_units"].queryset = units
        self.fields["makeup_of"].queryset = exams

    def rules(self):
        d = self.cleaned_data
        return [{"kind": k, "count": d[f"{k}_count"], "points": float(d[f"{k}_points"])}
                for k, _label in KIND_FIELDS if d[f"{k}_count"]]
