"""Forms of the leadership part: they check shape only; the services own the rules."""
from django import forms

from fazhi.core.forms import Form, UploadField
from fazhi.core.widgets import PickerSelect, PickerSelectMultiple

from ..models.leadership import GroupPostKind, MeetingKind, PlanKind

DATE = forms.DateInput(attrs={"type": "date"})


class GroupForm(Form):
    unit = forms.ModelChoiceField(label="所属单位", queryset=None, widget=PickerSelect,
                                  help_text="县政府（县法治政府建设工作领导小组）或者成立本单位领导小组的单位")
    name = forms.CharField(label="名称", max_length=200, help_text="如：县市场监管局法治政府建设工作领导小组")
    office_unit = forms.ModelChoiceField(label="办公室设在", queryset=None, required=False, widget=PickerSelect)
    established_on = forms.DateField(label="成立日期", widget=DATE, required=False)

    def __init__(self, *args, units, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["office_unit"].queryset = offices


class GroupPostForm(Form):
    post = forms.ChoiceField(label="职务", choices=GroupPostKind.choices)
    user = forms.ModelChoiceField(label="人员", queryset=None, required=False, widget=PickerSelect,
                                  help_text="有平台账号的人员请在此选择")
    person_name = forms.CharField(label="没有账号的人员姓名", max_length=50, required=False)
    title = forms.CharField(label="本职", max_length=100, help_text="如：县长、常务副县长、县司法局局长")
    person_unit = forms.ModelChoiceField(label="所在单位", queryset=None, required=False, widget=PickerSelect)
    start_on = forms.DateField(label="任职起始", widget=DATE)

    def __init__(self, *args, people, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people
        self.fields["person_unit"].queryset = units


class PostEndForm(Form):
    end_on = forms.DateField(label="任职终止日期", widget=DATE)


class MeetingForm(Form):
    kind = forms.ChoiceField(label="会议类型", choices=MeetingKind.choices)
    title = forms.CharField(label="会议名称", max_length=200)
    held_on = forms.DateField(label="召开日期", widget=DATE)
    chair = forms.ModelChoiceField(label="主持人（领导小组成员）", queryset=None, required=False, widget=PickerSelect)
    chair_name = forms.CharField(label="其他主持人姓名", max_length=50, required=False)
    attendees = forms.CharField(label="参会人员", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    topics = forms.CharField(label="议题", widget=forms.Textarea(attrs={"rows": 3}))
    decisions = forms.CharField(label="议定事项", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    minutes = UploadField(kind="document", label="会议纪要", required=False)

    def __init__(self, *args, posts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = posts
        self.fields["chair"].label_from_instance = lambda p: f"{p.get_post_display()}：{p.holder}（{p.title}）"


class PlanForm(Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label="类别", choices=PlanKind.choices)
    title = forms.CharField(label="名称", max_length=200)
    areas = forms.CharField(label="任务领域（每行一项）", widget=forms.Textarea(attrs={"rows": 8}), required=False)


class TaskForm(Form):
    area = forms.ModelChoiceField(label="任务领域", queryset=None)
    number = forms.CharField(label="序号", max_length=20)
    title = forms.CharField(label="任务/措施", max_length=500)
    lead_unit = forms.ModelChoiceField(label="牵头单位", queryset=None, widget=PickerSelect)
    partners = forms.ModelMultipleChoiceField(label="配合单位", queryset=None, required=False,
                                              widget=PickerSelectMultiple)
    deadline = forms.DateField(label="完成时限", widget=DATE)
    deliverable = forms.CharField(label="成果形式", max_length=300, required=False)
    indicator = forms.CharField(label="考核指标", max_length=300, required=False)

    def __init__(self, *args, areas, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["lead_unit"].queryset = units
        self.fields["partners"].queryset = units


class ProgressForm(Form):
    period = forms.CharField(label="报送期间", max_length=50, help_text="如：2019年第三季度")
    text = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 4}))
    completed = forms.BooleanField(label="任务已完成", required=False)
    evidence = UploadField(kind="evidence", label="佐证材料", required=False)


class ProgressReviewForm(Form):
    reason = forms.CharField(label="退回理由", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, needs_reason, **kwargs):
        super().__init__(*args, **kwargs)
        if needs_reason:
            self.fields["reason"].required = True
        else:
            del self.fields["reason"]
