"""Forms check shape only; the rules are in services."""
from django import forms

from fazhi.core import forms as core_forms
from fazhi.core.forms import UploadField
from fazhi.core.widgets import PickerSelect
from fazhi.orgs.models import OrgUnit

from .choices import LawChangeKind, PowerCategory

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _blank(choices, label="全部"):
    return [("", label), *choices]


class AdjustmentForm(core_forms.Form):
    unit = forms.ModelChoiceField(label="调整单位", queryset=OrgUnit.objects.none(), widget=PickerSelect)
    title = forms.CharField(label="调整名称", max_length=200)
    reason = forms.CharField(label="调整理由", widget=forms.Textarea(attrs={"rows": 3}))
    trigger_document = forms.CharField(label="调整依据文件", max_length=300,
                                       help_text="如上级决定、法律法规修改的文件名称及文号")
    effective_on = forms.DateField(label="生效日期", widget=DATE)

    def __init__(self, *args, units=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()
        if editing:
            del self.fields["unit"]


class ContentForm(core_forms.Form):
    code = forms.CharField(label="职权编码", max_length=60, required=False)
    item = forms.ChoiceField(label="事项", required=False)
    name = forms.CharField(label="事项名称", max_length=500, required=False)
    category = forms.ChoiceField(label="权力类型", choices=_blank(PowerCategory.choices, "请选择"), required=False)
    sub_items = forms.CharField(label="子项", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                help_text="每行一个子项")
    implementing_body = forms.CharField(label="实施主体", max_length=300, required=False)
    bases = forms.CharField(label="实施依据", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="写成《法律法规名称》第X条，多项依据分行填写")
    duties = forms.CharField(label="责任事项", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    accountability = forms.CharField(label="追责情形", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    time_limit = forms.CharField(label="法定办理时限", max_length=200, required=False)
    remarks = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    note = forms.CharField(label="说明", max_length=300, required=False, help_text="下放、承接时必填：下放至何级、承接自何处")

    ADD_FIELDS = ("code", "name", "category", "sub_items", "implementing_body", "bases", "duties", "accountability",
                  "time_limit", "remarks", "note")
    CHANGE_FIELDS = ("item", "name", "category", "sub_items", "implementing_body", "bases", "duties",
                     "accountability", "time_limit", "remarks", "note")
    END_FIELDS = ("item", "note")

    def __init__(self, *args, kind, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        keep = {"add": self.ADD_FIELDS, "take_over": self.ADD_FIELDS, "change": self.CHANGE_FIELDS}.get(
            kind, self.END_FIELDS)
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "item" in self.fields:
            self.fields["item"].choices = [("", "请选择"), *items]


class ReasonForm(core_forms.Form):
    reason = forms.CharField(label="退回理由", widget=forms.Textarea(attrs={"rows": 3}))


class OpinionForm(core_forms.Form):
    opinion = forms.CharField(label="审核意见", required=False, initial="同意", widget=forms.Textarea(attrs={"rows": 2}))


class StepForm(core_forms.Form):
    """A workflow step without fields (提交审核): the page only asks for confirmation."""


class PublishForm(core_forms.Form):
    title = forms.CharField(label="版本名称", max_length=200, help_text="如：2019年6月集中动态调整版")
    published_on = forms.DateField(label="公布日期", widget=DATE, help_text="公布该日有效的全部事项")
    document = forms.CharField(label="公布文件", max_length=300, required=False)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class LawChangeForm(core_forms.Form):
    law = forms.CharField(label="法律法规名称", max_length=300)
    article = forms.CharField(label="条款", max_length=100, required=False, help_text="如：第二十条；留空表示整部")
    kind = forms.ChoiceField(label="变化", choices=LawChangeKind.choices)
    changed_on = forms.DateField(label="修改/废止日期", widget=DATE)
    document = forms.CharField(label="依据文件", max_length=300, required=False)


class ResolveForm(core_forms.Form):
    resolution = forms.CharField(label="处理情况", max_length=300, help_text="如：所引条款内容未变，无需调整")


class ImportForm(core_forms.Form):
    file = UploadField(kind="spreadsheet", label="Excel 文件")
    effective_on = forms.DateField(label="生效日期", widget=DATE, required=False, help_text="留空为今天")


class RealImportForm(core_forms.Form):
    file = UploadField(kind="spreadsheet", label="Excel 文件（.xls 或 .xlsx）")
    unit = forms.ModelChoiceField(label="导入到单位", queryset=OrgUnit.objects.none(), widget=PickerSelect)
    effective_on = forms.DateField(label="生效日期", widget=DATE, required=False, help_text="留空为今天")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()


class ApprovalForm(core_forms.Form):
    unit = forms.ModelChoiceField(label="实施单位", queryset=OrgUnit.objects.none(), widget=PickerSelect)
    code = forms.CharField(label="事项编码", max_length=80)
    name = forms.CharField(label="事项名称", max_length=300)
    power_item = forms.CharField(label="对应权责事项职权编码（行政许可）", max_length=60, required=False)
    legal_days = forms.IntegerField(label="法定办结时限（工作日）", required=False, min_value=1)
    promised_days = forms.IntegerField(label="承诺办结时限（工作日）", required=False, min_value=1)
    listed_on = forms.DateField(label="列入目录日期", widget=DATE)
    document = forms.CharField(label="依据文件", max_length=300)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()


class ApprovalAdjustForm(core_forms.Form):
    kind = forms.ChoiceField(label="调整类型", choices=[("cancel", "取消"), ("delegate", "下放"), ("change", "变更")])
    changed_on = forms.DateField(label="调整日期", widget=DATE)
    document = forms.CharField(label="依据文件", max_length=300, help_text="如上级取消、下放事项的决定")
    name = forms.CharField(label="新的事项名称（变更时）", max_length=300, required=False)
    promised_days = forms.IntegerField(label="新的承诺时限（变更时）", required=False, min_value=1)
    note = forms.CharField(label="说明", required=False)
