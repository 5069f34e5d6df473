"""Forms of the suggestions part: shape only; the services own the rules."""
from django import forms

from fazhi.core.forms import Form, UploadField
from fazhi.core.widgets import PickerSelect, PickerSelectMultiple
from fazhi.orgs.forms import UnitChoiceField
from fazhi.orgs.models import OrgUnit, User

from ..models.suggestions import (
    AccountabilityForm,
    AccountabilityGround,
    InspectionKind,
    JudicialKind,
    Satisfaction,
    SuggestionKind,
)

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _UnitsField(forms.ModelMultipleChoiceField):
    widget = PickerSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


class SuggestionCreateForm(Form):
    kind = forms.ChoiceField(label="类别", choices=SuggestionKind.choices)
    number = forms.CharField(label="编号", max_length=40, help_text="县人大常委会、县政协交办时的编号")
    title = forms.CharField(label="标题", max_length=300)
    proposer = forms.CharField(label="代表/委员", max_length=100)
    content = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 6}))
    received_on = forms.DateField(label="收到日期", widget=_DATE)
    urgent = forms.BooleanField(label="紧急", required=False)


class SuggestionCoOpinionForm(Form):
    unit = UnitChoiceField(label="会办单位", queryset=OrgUnit.objects.none())
    text = forms.CharField(label="协办意见", widget=forms.Textarea(attrs={"rows": 5}),
                           help_text="供主办单位答复时吸收采纳")
    on = forms.DateField(label="提出日期", required=False, widget=_DATE)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class SuggestionAssignForm(Form):
    unit = UnitChoiceField(label="主办单位", queryset=OrgUnit.objects.none())
    co_units = _UnitsField(label="会办单位", queryset=OrgUnit.objects.none(), required=False)
    urgent = forms.BooleanField(label="紧急（答复期限按紧急建议的期限计算）", required=False)
    on = forms.DateField(label="交办日期", required=False, widget=_DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.filter(is_active=True).exclude(kind="firm").order_by("path")
        self.fields["unit"].queryset = units
        self.fields["co_units"].queryset = units


class SuggestionReassignForm(SuggestionAssignForm):
    reason = forms.CharField(label="调整理由", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["urgent"], self.fields["on"]


class SuggestionReplyForm(Form):
    text = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 6}))
    file = UploadField(kind="document", label="答复函（盖章扫描件或文书）")
    on = forms.DateField(label="答复日期", required=False, widget=_DATE)


class SuggestionFeedbackForm(Form):
    satisfaction = forms.ChoiceField(label="代表/委员的反馈", choices=Satisfaction.choices)
    note = forms.CharField(label="反馈意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    on = forms.DateField(label="反馈日期", required=False, widget=_DATE)

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices is not None:
            self.fields["satisfaction"].choices = choices


class AccountabilityRecordForm(Form):
    person = forms.ModelChoiceField(label="被问责人（平台用户）", queryset=User.objects.none(), required=False,
                                    widget=PickerSelect, help_text="没有平台账号的，在下一栏填写姓名")
    person_name = forms.CharField(label="被问责人姓名", max_length=50, required=False)
    post = forms.CharField(label="职务", max_length=100)
    unit = UnitChoiceField(label="所在单位", queryset=OrgUnit.objects.none())
    ground = forms.ChoiceField(label="问责情形", choices=AccountabilityGround.choices)
    facts = forms.CharField(label="问责事实", widget=forms.Textarea(attrs={"rows": 4}))
    trigger_type = forms.ModelChoiceField(label="引发问责的记录类型", queryset=None, required=False,
                                          empty_label="（无）")
    trigger_id = forms.IntegerField(label="引发问责的记录编号", required=False, min_value=1,
                                    help_text="该记录在平台中的编号（记录页面地址中的数字）")
    form = forms.ChoiceField(label="问责方式", choices=AccountabilityForm.choices)
    decided_on = forms.DateField(label="问责决定日期", widget=_DATE)
    correction = forms.CharField(label="纠正不作为、乱作为情况", required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, units=None, trigger_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.contenttypes.models import ContentType

        self.fields["person"].queryset = User.objects.filter(is_active=True).order_by("username")
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()
        self.fields["trigger_type"].queryset = ContentType.objects.filter(pk__in=[t.pk for t in trigger_types])
        self.fields["trigger_type"].label_from_instance = lambda ct: ct.model_class()._meta.verbose_name


class AccountabilityEditForm(AccountabilityRecordForm):
    """The same fields as when registering, and why the record is corrected (kept in its history)."""

    reason = forms.CharField(label="更正理由", widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="更正前后的内容和理由都保留在本记录的修改记录中")


class InspectionRecordForm(Form):
    kind = forms.ChoiceField(label="类别", choices=InspectionKind.choices)
    title = forms.CharField(label="名称", max_length=300)
    organiser = forms.CharField(label="组织机关", max_length=100, initial="县人大常委会")
    held_on = forms.DateField(label="开展日期", widget=_DATE)
    findings = forms.CharField(label="发现的问题和审议意见", widget=forms.Textarea(attrs={"rows": 4}))


class JudicialRecordForm(Form):
    kind = forms.ChoiceField(label="类别", choices=JudicialKind.choices)
    issuer = forms.CharField(label="发出机关", max_length=100, help_text="如：某县人民法院、某县人民检察院")
    number = forms.CharField(label="文书编号", max_length=60)
    unit = UnitChoiceField(label="被建议单位", queryset=OrgUnit.objects.none())
    content = forms.CharField(label="建议内容", widget=forms.Textarea(attrs={"rows": 4}))
    received_on = forms.DateField(label="收到日期", widget=_DATE)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()


class JudicialReplyForm(Form):
    text = forms.CharField(label="回复内容", widget=forms.Textarea(attrs={"rows": 5}))
    file = UploadField(kind="document", label="回复函（盖章扫描件或文书）")
    on = forms.DateField(label="回复日期", required=False, widget=_DATE)


class TaskAddForm(Form):
    unit = UnitChoiceField(label="整改单位", queryset=OrgUnit.objects.none())
    content = forms.CharField(label="整改事项", widget=forms.Textarea(attrs={"rows": 3}))
    due_on = forms.DateField(label="整改期限", widget=_DATE)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()


class TaskReportForm(Form):
    text = forms.CharField(label="整改情况", widget=forms.Textarea(attrs={"rows": 4}))
    evidence = UploadField(kind="evidence", label="整改佐证材料")
    on = forms.DateField(label="报告日期", required=False, widget=_DATE)


class TaskStepForm(Form):
    on = forms.DateField(label="日期", required=False, widget=_DATE)
    reason = forms.CharField(label="退回理由", required=False, widget=forms.Textarea(attrs={"rows": 3}))
