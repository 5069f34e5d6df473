"""Forms check shape only; the rules are in services.py, workflows.py and aid_rules.py."""
from django import forms

from fazhi.core import forms as core_forms
from fazhi.core.forms import UploadField
from fazhi.core.widgets import PickerSelect
from fazhi.orgs.choices import UnitKind
from fazhi.orgs.models import OrgUnit, User

from .choices import AidMatter, DocumentKind, Duty, Exemption, PetitionKind, Place, TerminationGround
from .models import Lawyer


def date_field(label, required=True):
    return forms.DateField(label=label, required=required,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


def text_area(label, required=True, rows=3):
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}))


def firms():
    return OrgUnit.objects.filter(kind=UnitKind.FIRM, is_active=True).order_by("code")


class LawyerForm(core_forms.Form):
    user = forms.ModelChoiceField(label="账户（已授予驻村律师角色）", queryset=User.objects.none())
    firm = forms.ModelChoiceField(label="律师事务所", queryset=OrgUnit.objects.none())
    licence_no = forms.CharField(label="执业证号", max_length=30)
    phone = forms.CharField(label="工作电话（向群众公开）", max_length=20)
    office_hours = forms.CharField(label="坐班时间", max_length=100, required=False)
    photo = UploadField(kind="image", label="照片", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (User.objects.filter(grants__role__code="lawyer", lawyer_profile__isnull=True)
                                        .distinct().order_by("full_name"))
        self.fields["firm"].queryset = firms()


class AssignmentForm(core_forms.Form):
    unit = forms.ModelChoiceField(label="包联单位", queryset=OrgUnit.objects.none())
    place = forms.ChoiceField(label="服务场所", choices=Place.choices)
    start = date_field("包联开始")
    end = date_field("包联结束")
    office_hours = forms.CharField(label="驻点时间", max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(is_active=True).exclude(
            kind=UnitKind.FIRM).order_by("path")


class AgreementForm(core_forms.Form):
    village = forms.ModelChoiceField(label="村（社区）", queryset=OrgUnit.objects.none(), widget=PickerSelect)
    lawyer = forms.ModelChoiceField(label="法律顾问（律师）", queryset=Lawyer.objects.none(), widget=PickerSelect)
    signed_on = date_field("签订日期")
    start = date_field("聘期开始")
    end = date_field("聘期结束")
    file = UploadField(kind="document", label="聘用协议", required=False)

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        self.fields["lawyer"].queryset = Lawyer.objects.filter(active=True).select_related("firm")
        self.fields["lawyer"].label_from_instance = lambda lw: f"{lw.name}（{lw.firm.name}）"


class LogForm(core_forms.Form):
    served_on = date_field("服务日期")
    unit = forms.ModelChoiceField(label="服务的村（社区）", queryset=OrgUnit.objects.none())
    duty = forms.ChoiceField(label="服务类别", choices=Duty.choices, widget=forms.RadioSelect)
    people = forms.IntegerField(label="服务人次", min_value=0, initial=0)
    hours = forms.DecimalField(label="服务时长（小时）", min_value=0, max_digits=5, decimal_places=1)
    summary = text_area("服务情况（群众姓名和问题仅本村、乡镇和司法局可见）")
    petition_kind = forms.ChoiceField(label="涉及信访案件", choices=PetitionKind.choices, required=False)
    petition_cases = forms.IntegerField(label="参与化解信访案件数", min_value=0, required=False)
    petition = forms.ModelChoiceField(label="关联信访事项（您可查看的信访件）", queryset=None, required=False,
                                      widget=PickerSelect)
    petition_ref = forms.CharField(label="信访件编号（不在上列时填写）", max_length=100, required=False)
    document_kind = forms.ChoiceField(label="出具文书", choices=DocumentKind.choices, required=False)
    document_items = forms.IntegerField(label="建议条数/意见书份数", min_value=0, required=False)
    document = UploadField(kind="document", label="文书", required=False)
    village_rules = forms.BooleanField(label="协助本村制定村规民约", required=False)
    attachment = UploadField(kind="material", label="照片或签到表", required=False)

    def __init__(self, *args, units, petitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["petition"].queryset = petitions
        self.fields["petition"].label_from_instance = lambda p: f"{p.number}（{p.received_on:%Y-%m-%d}）"
        self.fields["hours"].widget.attrs.update(inputmode="decimal")
        self.fields["people"].widget.attrs.update(inputmode="numeric")


class CorrectForm(LogForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, units=OrgUnit.objects.none(), **kwargs)
        for name in ("served_on", "unit", "document", "attachment"):
            del self.fields[name]


class StepForm(core_forms.Form):
    on = date_field("日期")
    reason = text_area("理由", required=False)

    def __init__(self, *args, needs_reason=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = needs_reason
        if not needs_reason:
            del self.fields["reason"]


class AidForm(core_forms.Form):
    applicant = forms.CharField(label="申请人", max_length=50)
    applicant_phone = forms.CharField(label="联系电话", max_length=20, required=False)
    matter = forms.ChoiceField(label="申请事项", choices=AidMatter.choices)
    facts = text_area("案情及申请理由")
    applied_on = date_field("申请日期")
    hardship_proof = forms.BooleanField(label="已提交经济困难证明", required=False)
    exemption = forms.ChoiceField(label="免予核查经济困难的情形", choices=Exemption.choices, required=False)
    limitation_on = date_field("时效或期限届满日（如有）", required=False)


class AidStepForm(core_forms.Form):
    on = date_field("日期")
    reason = text_area("理由（书面告知申请人）", required=False)
    materials = text_area("需补充的全部材料（一次性告知）", required=False)
    lawyer = forms.ModelChoiceField(label="承办律师", queryset=Lawyer.objects.none(), required=False)
    ground = forms.ChoiceField(label="终止理由", choices=[("", "—"), *TerminationGround.choices], required=False)
    report = UploadField(kind="document", label="结案报告及文书副本", required=False)
    subsidy = forms.DecimalField(label="办案补贴（元）", required=False, min_value=0)

    FIELDS = {"request_materials": ("materials",), "refuse": ("reason",), "object": ("reason",),
              "assign": ("lawyer",), "urgent": ("lawyer",), "terminate": ("ground", "reason"),
              "close": ("report", "subsidy")}

    def __init__(self, *args, action, needs_reason=False, **kwargs):
        super().__init__(*args, **kwargs)
        keep = {"on", *self.FIELDS.get(action, ())}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "reason" in self.fields:
            self.fields["reason"].required = needs_reason
            if action == "refuse":  # the refusal is told to the applicant in writing, with its reasons
                self.fields["reason"].error_messages["required"] = "决定不予法律援助的，须填写理由，书面告知申请人。"
        if "lawyer" in self.fields:
            self.fields["lawyer"].queryset = Lawyer.objects.filter(active=True).select_related("firm")
            self.fields["lawyer"].required = True


class ContractForm(core_forms.Form):
    firm = forms.ModelChoiceField(label="律师事务所", queryset=OrgUnit.objects.none())
    number = forms.CharField(label="合同编号", max_length=60)
    signed_on = date_field("签订日期")
    start = date_field("服务期开始")
    end = date_field("服务期结束")
    amount = forms.DecimalField(label="合同金额（元）", min_value=0, max_digits=14, decimal_places=2)
    scope_text = text_area("服务内容")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["firm"].queryset = firms()


class AcceptForm(core_forms.Form):
    accepted_on = date_field("验收日期")
    acceptance = text_area("验收意见")


class PaymentForm(core_forms.Form):
    label = forms.CharField(label="付款节点（如：首期款、中期考核后、年终验收后）", max_length=100)
    due_on = date_field("计划付款日期")
    amount = forms.DecimalField(label="金额（元）", min_value=0, max_digits=14, decimal_places=2)


class PayForm(core_forms.Form):
    paid_on = date_field("实际付款日期")


class MonthForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, required=False)
    month = forms.IntegerField(label="月份", min_value=1, max_value=12, required=False)
