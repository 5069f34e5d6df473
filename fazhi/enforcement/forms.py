"""Forms check shape only; the rules are in services.py and workflows.py."""
from django import forms

from fazhi.core import forms as core_forms
from fazhi.core.forms import UploadField
from fazhi.core.widgets import PickerSelect, PickerSelectMultiple
from fazhi.orgs.models import OrgUnit, User

from .choices import (
    Act,
    CaseKind,
    CertificateStatus,
    CoerciveMeasure,
    HearingKind,
    MajorReason,
    PartyKind,
    PersonRole,
    StaffingKind,
    Step,
)
from .models import EnforcementBody, Officer


def date_field(label, required=True, help_text=""):
    return forms.DateField(label=label, required=required, help_text=help_text,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


def text_area(label, required=True, rows=3, help_text=""):
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}),
                           help_text=help_text)


class CaseForm(core_forms.Form):
    body = forms.ModelChoiceField(label="执法主体", queryset=EnforcementBody.objects.none())
    kind = forms.ChoiceField(label="案件类别", choices=CaseKind.choices)
    title = forms.CharField(label="案由", max_length=300)
    power_code = forms.CharField(label="权责事项编码", max_length=60, required=False)
    power_name = forms.CharField(label="权责事项名称", max_length=200, required=False)
    facts = text_area("基本事实", required=False)
    registered_on = date_field("立案日期")
    officers = forms.ModelMultipleChoiceField(label="其他执法人员", queryset=Officer.objects.none(), required=False, widget=PickerSelectMultiple,
                                              help_text="行政处罚须两名以上持有效执法证的执法人员（含本人）")
    coercive_measure = forms.ChoiceField(label="行政强制措施", choices=CoerciveMeasure.choices, required=False)
    major_reasons = forms.MultipleChoiceField(label="重大执法决定情形", choices=MajorReason.choices, required=False,
                                              widget=forms.SelectMultiple(attrs={"size": 7}))
    party_kind = forms.ChoiceField(label="当事人类型", choices=PartyKind.choices,
                                   help_text="个体工商户的经营者、法人的法定代表人均为自然人，公开时脱敏")
    party_name = forms.CharField(label="当事人姓名/名称", max_length=200)
    party_aliases = forms.CharField(label="别名/简称", max_length=200, required=False,
                                    help_text="文书中可能出现的其他写法，用逗号分隔")
    party_id_number = forms.CharField(label="身份证号/统一社会信用代码", max_length=30, required=False)
    party_phone = forms.CharField(label="联系电话", max_length=30, required=False)
    party_address = forms.CharField(label="住址/住所", max_length=200, required=False)
    party_operator_name = forms.CharField(label="经营者姓名（个体工商户）", max_length=50, required=False)
    party_operator_id_number = forms.CharField(label="经营者身份证号", max_length=30, required=False)
    party_representative_name = forms.CharField(label="法定代表人/负责人（法人或其他组织）", max_length=50,
                                                required=False)
    party_agent_name = forms.CharField(label="委托代理人", max_length=50, required=False)
    party_agent_id_number = forms.CharField(label="委托代理人身份证号", max_length=30, required=False)
    party_is_minor = forms.BooleanField(label="当事人为未成年人", required=False)

    def __init__(self, *args, bodies, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["officers"].queryset = officers


class StepForm(core_forms.Form):
    on = date_field("日期", help_text="实际办理日期；不能晚于今天，不能早于上一环节")
    backdate_reason = forms.CharField(label="补录理由", max_length=200, required=False,
                                      help_text="办理日期早于今天较多（纸质办理后补录）时必填，记入操作审计日志")
    text = text_area("文字记录", help_text="本环节的事实、依据、在场人员等；告知时写明拟处罚内容、事实、理由、依据和权利")
    upload = UploadField(kind="evidence", label="附件（录音录像、照片、文书）", required=False)

    EXTRA = {
        "notify": ["fine_amount", "confiscation", "licence_revocation", "closure", "rights_waived"],
        "request_hearing": ["hearing_kind", "hearing_on"],
        "decide": ["decision", "decision_number"],
    }
    fine_amount = forms.DecimalField(label="拟罚没金额（元）", min_value=0, max_digits=14, decimal_places=2,
                                     required=False)
    confiscation = forms.BooleanField(label="没收较大数额违法所得或非法财物", required=False)
    licence_revocation = forms.BooleanField(label="降低资质等级或吊销许可证件", required=False)
    closure = forms.BooleanField(label="责令停产停业、关闭或限制从业", required=False)
    rights_waived = forms.BooleanField(label="当事人当场书面放弃陈述申辩和听证", required=False)
    hearing_kind = forms.ChoiceField(label="申请事项", choices=HearingKind.choices, required=False)
    hearing_on = date_field("听证日期", required=False)
    decision = text_area("决定内容", required=False)
    decision_number = forms.CharField(label="决定书文号", max_length=80, required=False, help_text="留空则自动编号")

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        keep = {"on", "backdate_reason", "text", "upload", *self.EXTRA.get(action, [])}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if action == "decide":
            self.fields["decision"].required = True
        if action in ("review_pass", "review_reject"):
            self.fields["text"].label = "审核意见"
            del self.fields["upload"]


class RecordForm(core_forms.Form):
    step = forms.ChoiceField(label="环节", choices=Step.choices)
    act = forms.ChoiceField(label="行为", choices=Act.choices,
                            help_text="查封扣押、强制拆除、现场停产停业须上传录音或录像")
    occurred_on = date_field("发生日期")
    text = text_area("文字记录")
    upload = UploadField(kind="evidence", label="附件", required=False)


class AssignForm(core_forms.Form):
    officer = forms.ModelChoiceField(label="执法人员", queryset=Officer.objects.none())
    on = date_field("日期")

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers


class PartyForm(core_forms.Form):
    kind = forms.ChoiceField(label="当事人类型", choices=PartyKind.choices,
                             help_text="个体工商户的经营者、法人的法定代表人均为自然人，公开时脱敏")
    name = forms.CharField(label="姓名/名称", max_length=200)
    aliases = forms.CharField(label="别名/简称", max_length=200, required=False,
                              help_text="文书中可能出现的其他写法，用逗号分隔")
    id_number = forms.CharField(label="身份证号/统一社会信用代码", max_length=30, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    address = forms.CharField(label="住址/住所", max_length=200, required=False)
    operator_name = forms.CharField(label="经营者姓名（个体工商户）", max_length=50, required=False)
    operator_id_number = forms.CharField(label="经营者身份证号", max_length=30, required=False)
    representative_name = forms.CharField(label="法定代表人/负责人（法人或其他组织）", max_length=50, required=False)
    agent_name = forms.CharField(label="委托代理人", max_length=50, required=False)
    agent_id_number = forms.CharField(label="委托代理人身份证号", max_length=30, required=False)
    is_minor = forms.BooleanField(label="未成年人", required=False)


class PersonForm(core_forms.Form):
    role = forms.ChoiceField(label="身份", choices=PersonRole.choices)
    relation = forms.CharField(label="与当事人关系", max_length=50, required=False, help_text="如：当事人之妻")
    name = forms.CharField(label="姓名", max_length=50)
    aliases = forms.CharField(label="别名/简称", max_length=200, required=False, help_text="用逗号分隔")
    id_number = forms.CharField(label="身份证号", max_length=30, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    address = forms.CharField(label="住址", max_length=200, required=False)


class MajorForm(core_forms.Form):
    reasons = forms.MultipleChoiceField(label="重大执法决定情形", choices=MajorReason.choices, required=False,
                                        widget=forms.SelectMultiple(attrs={"size": 7}))
    note = forms.CharField(label="说明", required=False, max_length=300)


class PublishForm(core_forms.Form):
    on = date_field("公示日期")
    late_reason = forms.CharField(label="逾期原因", required=False, max_length=300,
                                  help_text="超过公示期限时必须填写")
    title = forms.CharField(label="公开的违法行为类型/事由", max_length=300, required=False,
                            help_text="留空则采用系统脱敏后的文本")
    content = text_area("公开的决定内容", rows=8, required=False,
                        help_text="系统已脱敏，可直接修改；保存时重新检查，修改记入操作审计日志")
    findings_reason = forms.CharField(label="疑似个人信息仍予公示的理由", required=False, max_length=300,
                                      help_text="检查仍发现疑似个人信息而确需公示时填写（如为单位名称、公开的执法人员）")


class ReasonDateForm(core_forms.Form):
    on = date_field("日期")
    reason = forms.CharField(label="原因", max_length=300)


class EvaluationForm(core_forms.Form):
    evaluated_on = date_field("评查日期")
    subject_score = forms.IntegerField(label="主体合法（20分）", min_value=0, max_value=20)
    facts_score = forms.IntegerField(label="事实证据（25分）", min_value=0, max_value=25)
    law_score = forms.IntegerField(label="适用法律（20分）", min_value=0, max_value=20)
    procedure_score = forms.IntegerField(label="程序合法（25分）", min_value=0, max_value=25)
    documents_score = forms.IntegerField(label="文书规范（10分）", min_value=0, max_value=10)
    comments = text_area("评查意见", required=False)


class OfficerForm(core_forms.Form):
    unit = forms.ModelChoiceField(label="所在单位", queryset=OrgUnit.objects.none(), widget=PickerSelect)
    user = forms.ModelChoiceField(label="平台账号", queryset=User.objects.none(), required=False)
    name = forms.CharField(label="姓名", max_length=50)
    id_number = forms.CharField(label="身份证号", max_length=18, min_length=18)
    post = forms.CharField(label="职务/岗位", max_length=100, required=False)
    staffing = forms.ChoiceField(label="编制类别", choices=StaffingKind.choices)
    certificate_no = forms.CharField(label="执法证号", max_length=40)
    certificate_type = forms.CharField(label="证件类型", max_length=50, initial="湖北省人民政府行政执法证")
    issuer = forms.CharField(label="发证机关", max_length=100, initial="郧西县人民政府")
    issued_on = date_field("发证日期")
    valid_until = date_field("有效期至", required=False)
    exam_score = forms.IntegerField(label="资格考试成绩", min_value=0, max_value=100)
    legal_qualification = forms.BooleanField(label="具有法律职业资格", required=False)

    def __init__(self, *args, units, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["user"].queryset = users


class OfficerStatusForm(core_forms.Form):
    status = forms.ChoiceField(label="证件状态", choices=CertificateStatus.choices)
    reason = forms.CharField(label="原因", max_length=200, required=False)


class TrainingForm(core_forms.Form):
    title = forms.CharField(label="培训名称", max_length=200)
    held_on = date_field("培训日期")
    hours = forms.DecimalField(label="学时", max_digits=5, decimal_places=1, min_value=0)
    provider = forms.CharField(label="组织单位", max_length=100, required=False)


class BodyForm(core_forms.Form):
    unit = forms.ModelChoiceField(label="所属单位", queryset=OrgUnit.objects.none(), widget=PickerSelect)
    name = forms.CharField(label="执法主体名称", max_length=200)
    body_type = forms.CharField(label="主体类别", max_length=50, initial="法定行政机关")
    legal_basis = text_area("设立及执法依据")
    powers = text_area("行使的执法职权", required=False, help_text="权责清单中的事项，每行一项")
    procedures = text_area("执法程序", required=False)
    remedies = text_area("救济途径", required=False)
    major_catalogue = text_area("重大执法决定法制审核目录", required=False)
    major_fine_threshold = forms.DecimalField(label="重大案件罚没金额标准（元）", required=False, min_value=0)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class InspectionForm(core_forms.Form):
    body = forms.ModelChoiceField(label="执法主体", queryset=EnforcementBody.objects.none())
    name = forms.CharField(label="抽查事项", max_length=200)
    basis = text_area("抽查依据")
    targets = forms.CharField(label="抽查对象", max_length=200)
    method = forms.CharField(label="抽查方式", max_length=100, initial="双随机、一公开")
    ratio = forms.CharField(label="抽查比例和频次", max_length=100, required=False)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
