"""Forms of the litigation part: shape only; the services own the rules. Units and linked cases are chosen with
pickers, never typed."""
from django import forms

from fazhi.core.forms import Form
from fazhi.core.widgets import PickerSelect
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from ..models.litigation import (
    AbsenceExcuse,
    AppearanceRole,
    JudgmentKind,
    LitigationInstance,
    LitigationOutcome,
    MustAppear,
    PartyKind,
    ReconMatter,
    ReconOutcome,
    ReconRole,
)
from ..permissions import OversightPerm as P

LIT_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def lit_date(label, required=False, help_text=""):
    return forms.DateField(label=label, required=required, widget=LIT_DATE, help_text=help_text)


def backdate_field():
    return forms.CharField(label="补录理由", max_length=200, required=False,
                           help_text="日期早于今天较多（纸质办理后补录）时必填，记入操作审计日志")


def _enforcement_cases(user):
    from fazhi.enforcement import selectors as enforcement_selectors

    return enforcement_selectors.case_list(user=user).order_by("-registered_on")


class _UnitsMixin:
    def _units(self, user, perm):
        return scope.changeable(user, OrgUnit.objects.filter(is_active=True), perm=perm).order_by("path")


class LitigationCaseForm(_UnitsMixin, Form):
    unit = forms.ModelChoiceField(label="被告行政机关", queryset=OrgUnit.objects.none(), widget=PickerSelect)
    instance = forms.ChoiceField(label="审级", choices=LitigationInstance.choices)
    court = forms.CharField(label="审理法院", max_length=100)
    case_number = forms.CharField(label="案号", max_length=80)
    plaintiff_name = forms.CharField(label="原告（上诉人）", max_length=200)
    plaintiff_kind = forms.ChoiceField(label="原告类型", choices=PartyKind.choices,
                                       help_text="原告为自然人的，任何公开的材料只显示其姓氏")
    act_case = forms.ModelChoiceField(label="被诉的执法案件", queryset=None, required=False, widget=PickerSelect,
                                      help_text="被诉行为是本平台登记的执法案件的，请选择；否则在下一栏填写")
    act_text = forms.CharField(label="被诉行政行为", max_length=300, required=False)
    received_on = lit_date("收到起诉状副本日期", help_text="答辩期限：收到之日起十五日（《中华人民共和国行政诉讼法》第六十七条）")
    must_appear = forms.ChoiceField(label="负责人应当出庭的情形", choices=MustAppear.choices, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = self._units(user, P.HANDLE)
        self.fields["act_case"].queryset = _enforcement_cases(user)


class LitigationJudgeForm(Form):
    judgment_kind = forms.ChoiceField(label="裁判文书类型", choices=JudgmentKind.choices)
    outcome = forms.ChoiceField(label="裁判结果", choices=LitigationOutcome.choices)
    on = lit_date("收到裁判文书日期", help_text="上诉期限：判决十五日、裁定十日，自收到之日起计算")
    backdate_reason = backdate_field()


class LitigationDateForm(Form):
    on = lit_date("日期")
    backdate_reason = backdate_field()


class LitigationAnalysisForm(Form):
    text = forms.CharField(label="败诉原因分析", widget=forms.Textarea(attrs={"rows": 5}))


class HearingForm(Form):
    hearing_on = lit_date("开庭日期", required=True)
    notice_on = lit_date("法院通知负责人出庭的送达日期", help_text="法院应当在开庭三日前送达出庭通知；未通知的不填")
    postponed = forms.BooleanField(label="本次开庭系经法院准许延期后的开庭", required=False)


class AppearanceForm(Form):
    role = forms.ChoiceField(label="出庭人员身份", choices=AppearanceRole.choices,
                             help_text="仅委托律师出庭的，不视为出庭应诉")
    appeared_name = forms.CharField(label="出庭人员姓名", max_length=100, required=False)
    appeared_post = forms.CharField(label="职务", max_length=100, required=False)
    identity_proof = forms.BooleanField(label="已向法院提交身份证明（载明姓名、职务并加盖机关印章）", required=False)
    lawyer_present = forms.BooleanField(label="另有委托律师出庭", required=False)
    excuse = forms.ChoiceField(label="负责人不能出庭的事由", choices=AbsenceExcuse.choices, required=False)
    excuse_proof = forms.BooleanField(label="不能出庭的书面说明已加盖公章或由主要负责人签字", required=False)
    statement = forms.CharField(label="负责人就实质性解决行政争议发表的意见", required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))
    left_early = forms.BooleanField(label="出庭后未经法庭许可中途退庭", required=False)
    silent = forms.BooleanField(label="出庭后不发表意见或者拒绝说明", required=False)
    on = lit_date("登记日期")
    backdate_reason = backdate_field()


class ReconForm(_UnitsMixin, Form):
    role = forms.ChoiceField(label="本县的身份", choices=ReconRole.choices)
    body_name = forms.CharField(label="复议机关", max_length=100, initial="县人民政府")
    unit = forms.ModelChoiceField(label="被申请人", queryset=OrgUnit.objects.none(), widget=PickerSelect)
    number = forms.CharField(label="复议案号", max_length=80)
    applicant_name = forms.CharField(label="申请人", max_length=200)
    applicant_kind = forms.ChoiceField(label="申请人类型", choices=PartyKind.choices)
    matter = forms.ChoiceField(label="事项类型", choices=ReconMatter.choices)
    act_case = forms.ModelChoiceField(label="被申请复议的执法案件", queryset=None, required=False, widget=PickerSelect)
    act_text = forms.CharField(label="被申请复议的行政行为", max_length=300, required=False)
    applied_on = lit_date("申请日期", required=True, help_text="按申请日期适用法律：2024年1月1日起适用2023年修订的行政复议法")
    received_on = lit_date("收到申请日期")
    doc_title = forms.CharField(label="一并申请审查的规范性文件", max_length=300, required=False)
    doc_competent = forms.BooleanField(label="复议机关有权处理该规范性文件", required=False, initial=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = self._units(user, P.MANAGE)
        self.fields["act_case"].queryset = _enforcement_cases(user)


class ReconReasonForm(Form):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}))
    on = lit_date("日期")
    backdate_reason = backdate_field()


class ReconDecideForm(Form):
    outcome = forms.ChoiceField(label="复议结果", choices=ReconOutcome.choices)
    text = forms.CharField(label="决定要旨", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    on = lit_date("决定日期")
    backdate_reason = backdate_field()


class ReconExtendForm(Form):
    days = forms.IntegerField(label="延长天数", min_value=1, max_value=30)
    approver = forms.CharField(label="批准延长的负责人", max_length=100)
    reason = forms.CharField(label="延长理由", widget=forms.Textarea(attrs={"rows": 2}))
    on = lit_date("批准日期")
    backdate_reason = backdate_field()


class ReconReturnForm(_UnitsMixin, Form):
    unit = forms.ModelChoiceField(label="复议机关所属单位", queryset=OrgUnit.objects.none(), widget=PickerSelect)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    received = forms.IntegerField(label="收到申请（件）", min_value=0)
    accepted = forms.IntegerField(label="受理（件）", min_value=0)
    concluded = forms.IntegerField(label="审结（件）", min_value=0)
    corrected = forms.IntegerField(label="纠错（件）", min_value=0)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = self._units(user, P.MANAGE)
