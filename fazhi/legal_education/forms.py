"""Forms of the module (shape only; the rules are in the services)."""
from django import forms

from fazhi.core.forms import Form, ImportForm, UploadField
from fazhi.core.widgets import PickerSelect, PickerSelectMultiple

from .choices import ActivityKind, SiteLevel, StudyKind


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


# 普法 registers ------------------------------------------------------------------------------------------

def _units():
    from fazhi.orgs.models import OrgUnit

    return OrgUnit.objects.filter(is_active=True).order_by("path")


class MultiFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiUploadField(UploadField):
    """Several files of one kind in one field (photos, sign-in sheets); each is checked like a single one."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultiFileInput())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        batch = data if isinstance(data, list | tuple) else [data]
        return [f for f in (super(MultiUploadField, self).clean(d, initial) for d in batch) if f]


class ActivityForm(Form):
    kind = forms.ChoiceField(label="活动类别", choices=ActivityKind.choices)
    title = forms.CharField(label="活动名称", max_length=200)
    unit = forms.ModelChoiceField(label="组织单位", queryset=None, widget=PickerSelect)
    partners = forms.ModelMultipleChoiceField(label="协办单位", queryset=None, required=False,
                                              widget=PickerSelectMultiple)
    held_on = forms.DateField(label="活动日期", widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.ModelChoiceField(label="活动地点（乡镇/村）", queryset=None, required=False, widget=PickerSelect)
    place_detail = forms.CharField(label="具体地点", max_length=200, required=False)
    audience = forms.IntegerField(label="受众人数", min_value=0, initial=0)
    laws = forms.CharField(label="宣传的法律法规", max_length=300, required=False)
    summary = forms.CharField(label="活动简介", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    photos = MultiUploadField(kind="image", label="活动照片（可多选）", required=False)
    signins = MultiUploadField(kind="material", label="签到表（可多选）", required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["partners"].queryset = _units()
        self.fields["place"].queryset = _units()


class SiteForm(Form):
    name = forms.CharField(label="阵地名称", max_length=200)
    unit = forms.ModelChoiceField(label="建设单位", queryset=None, widget=PickerSelect)
    level = forms.ChoiceField(label="命名级别", choices=SiteLevel.choices)
    designation = forms.CharField(label="命名称号", max_length=100, help_text="例如：省级法治文化建设示范点")
    designated_year = forms.IntegerField(label="命名年度", min_value=2000)
    place = forms.ModelChoiceField(label="所在乡镇/村", queryset=None, required=False, widget=PickerSelect)
    place_detail = forms.CharField(label="具体位置", max_length=200, required=False)
    photos = MultiUploadField(kind="image", label="阵地照片（可多选）", required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["place"].queryset = _units()


class StudyForm(Form):
    kind = forms.ChoiceField(label="学法形式", choices=StudyKind.choices)
    unit = forms.ModelChoiceField(label="组织单位", queryset=None, widget=PickerSelect)
    meeting = forms.CharField(label="会议或活动名称", max_length=200, required=False,
                              help_text="例如：县政府第12次常务会议")
    held_on = forms.DateField(label="学法日期", widget=forms.DateInput(attrs={"type": "date"}))
    topic = forms.CharField(label="学习的法律法规", max_length=200)
    presenter = forms.CharField(label="主讲人", max_length=50, required=False)
    hours = forms.DecimalField(label="学时", min_value=0.5, max_value=24, decimal_places=1, initial=1)
    attendees = forms.ModelMultipleChoiceField(label="参学人员", queryset=None, required=False,
                                               widget=PickerSelectMultiple)

    def __init__(self, *args, units, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["attendees"].queryset = people


class ProgrammeForm(Form):
    name = forms.CharField(label="创建活动", max_length=100, help_text="例如：“四个100”法治示范创建")
    year = forms.IntegerField(label="年度", min_value=2000)
    units = forms.ModelMultipleChoiceField(label="参与单位", queryset=None, widget=PickerSelectMultiple)
    outcome = forms.CharField(label="创建成果", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = _units()


class HonourForm(Form):
    title = forms.CharField(label="荣誉称号", max_length=200, help_text="例如：全省“七五”普法中期先进县")
    unit = forms.ModelChoiceField(label="获得单位（不选为全县）", queryset=None, required=False, widget=PickerSelect)
    awarded_by = forms.CharField(label="授予机关", max_length=100)
    year = forms.IntegerField(label="年度", min_value=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units()


class DutyImportForm(ImportForm):
    """Which unit's list, for which year, the imported items are (a new list, or the draft/returned one)."""

    unit = forms.ModelChoiceField(label="单位", queryset=None, widget=PickerSelect)
    year = forms.IntegerField(label="年度", min_value=2016, max_value=2100)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.order_fields(["unit", "year", "file"])


class CaseForm(Form):
    title = forms.CharField(label="案例标题", max_length=200)
    unit = forms.ModelChoiceField(label="发布单位", queryset=None, widget=PickerSelect)
    law = forms.CharField(label="所释法律及条款", max_length=200, help_text="例如：《中华人民共和国人民调解法》第三十三条")
    summary = forms.CharField(label="案情简介", widget=forms.Textarea(attrs={"rows": 6}))
    explanation = forms.CharField(label="以案释法", widget=forms.Textarea(attrs={"rows": 6}))
    persons = forms.CharField(label="案中当事人姓名（每行一个）", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="公开时这些姓名显示为“张某”，身份证号、电话号码等一律隐去")

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
