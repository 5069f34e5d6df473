"""Forms of the disputes pages: shape only; the services own the rules."""
from django import forms

from fazhi.core.forms import Form, UploadField
from fazhi.core.widgets import PickerSelect, PickerSelectMultiple
from fazhi.orgs.models import OrgUnit, User

from .choices import (
    CaseSource,
    Category,
    Channel,
    ClusterKind,
    ClusterStatus,
    DisputeType,
    Gender,
    GroupPost,
    HouseholdStatus,
    NoteKind,
    OrgCategory,
    Outcome,
    PetitionLevel,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label, required=False):
    return forms.DateField(label=label, required=required, widget=DATE)


class PetitionForm(Form):
    channel = forms.ChoiceField(label="来源渠道", choices=Channel.choices)
    received_on = date_field("收到日期")
    petitioner_name = forms.CharField(label="信访人姓名", max_length=100)
    phone = forms.CharField(label="联系电话", max_length=30)
    id_number = forms.CharField(label="身份证号", max_length=18, required=False)
    address = forms.CharField(label="住址", max_length=200, required=False)
    persons = forms.IntegerField(label="人数", min_value=1, initial=1)
    event_on = date_field("事项发生日期", required=True)
    category = forms.ChoiceField(label="类别", choices=Category.choices,
                                 help_text="事项发生在2022年5月1日以后的，按《信访工作条例》分为建议意见类、检举控告类、申诉求决类；"
                                           "此前的按《信访条例》分类")
    level = forms.ChoiceField(label="难易程度", choices=PetitionLevel.choices)
    request = forms.CharField(label="诉求", widget=forms.Textarea(attrs={"rows": 3}))
    facts = forms.CharField(label="事实和理由", widget=forms.Textarea(attrs={"rows": 4}))
    subject_user = forms.ModelChoiceField(label="被反映人（本平台用户）", queryset=User.objects.none(), required=False,
                                          help_text="反映具体工作人员的，被反映人将无法查看本事项")
    subject_name = forms.CharField(label="被反映人（其他）", max_length=100, required=False)
    merge = forms.ChoiceField(label="一人一事", required=False, choices=[("", "—")])

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject_user"].queryset = User.objects.filter(is_active=True).order_by("username")
        self.fields["merge"].choices = [("", "（系统检查是否已有同一信访人的事项）"), ("new", "作为新事项登记"),
                                        *[(str(p.pk), f"并入{p.number}（{p.get_status_display()}）") for p in candidates]]


class RouteForm(Form):
    unit = forms.ModelChoiceField(label="办理单位", queryset=OrgUnit.objects.none())
    on = date_field("转送日期")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(is_active=True).order_by("path") \
            if hasattr(OrgUnit, "is_active") else OrgUnit.objects.order_by("path")


class DateForm(Form):
    on = date_field("日期")


class ReasonForm(Form):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}))
    on = date_field("日期")


class AcceptForm(Form):
    on = date_field("受理日期")
    notified_on = date_field("书面告知信访人日期")


class AnswerForm(Form):
    outcome = forms.ChoiceField(label="处理结果", choices=Outcome.choices)
    facts = forms.CharField(label="查明事实", widget=forms.Textarea(attrs={"rows": 3}))
    reasons = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}))
    decision = forms.CharField(label="处理意见", widget=forms.Textarea(attrs={"rows": 3}))
    legal_basis = forms.CharField(label="法律依据", widget=forms.Textarea(attrs={"rows": 2}))
    on = date_field("出具日期")


class OpinionForm(Form):
    opinion = forms.CharField(label="意见", widget=forms.Textarea(attrs={"rows": 3}))
    on = date_field("日期")


class ExtendForm(Form):
    days = forms.IntegerField(label="延长天数", min_value=1, max_value=30)
    reason = forms.CharField(label="延长理由", widget=forms.Textarea(attrs={"rows": 2}))
    approver = forms.CharField(label="批准延长的负责人", max_length=100)
    told_on = date_field("告知信访人延期理由的日期", required=True)
    on = date_field("批准日期")


class PublicQueryForm(Form):
    code = forms.CharField(label="查询码", max_length=12)
    phone = forms.CharField(label="登记时留的联系电话", max_length=30)


class CaseForm(Form):
    org = forms.ModelChoiceField(label="调解组织", queryset=None)
    title = forms.CharField(label="纠纷简要", max_length=200)
    dispute_type = forms.ChoiceField(label="纠纷类型", choices=DisputeType.choices)
    source = forms.ChoiceField(label="来源", choices=CaseSource.choices)
    parties = forms.CharField(label="当事人", widget=forms.Textarea(attrs={"rows": 3}), help_text="每行填写一名当事人")
    facts = forms.CharField(label="纠纷事实", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    registered_on = date_field("受理日期")

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class SessionForm(Form):
    text = forms.CharField(label="调解记录", widget=forms.Textarea(attrs={"rows": 4}))
    on = date_field("调解日期")


class FollowForm(Form):
    text = forms.CharField(label="回访情况", widget=forms.Textarea(attrs={"rows": 3}))
    performed = forms.BooleanField(label="当事人已履行完毕", required=False)
    on = date_field("回访日期")


class RefuseForm(Form):
    party = forms.CharField(label="拒绝调解的当事人", max_length=100)
    text = forms.CharField(label="情况说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    on = date_field("日期")


class AgreementForm(Form):
    issues = forms.CharField(label="纠纷的主要事实、争议事项", widget=forms.Textarea(attrs={"rows": 3}))
    responsibilities = forms.CharField(label="各方当事人的责任", widget=forms.Textarea(attrs={"rows": 2}))
    terms = forms.CharField(label="协议内容", widget=forms.Textarea(attrs={"rows": 3}))
    performance = forms.CharField(label="履行方式和期限", widget=forms.Textarea(attrs={"rows": 2}))
    on = date_field("协议日期")


class EffectiveForm(Form):
    parties_signed = forms.BooleanField(label="各方当事人已签名、盖章或者按指印", required=False)
    mediator_signed = forms.BooleanField(label="调解员已签名", required=False)
    sealed = forms.BooleanField(label="已加盖人民调解委员会印章", required=False)
    scan = UploadField(kind="scan", label="协议书扫描件")
    on = date_field("生效日期")


class FailForm(Form):
    routes_told = forms.CharField(label="告知当事人的仲裁、行政、司法等途径", widget=forms.Textarea(attrs={"rows": 2}),
                                  initial="可以依法通过仲裁、行政、司法等途径维护自己的权利")
    on = date_field("终止日期")


class ReferForm(Form):
    to_org = forms.ModelChoiceField(label="移交至", queryset=None)
    reason = forms.CharField(label="移交理由", widget=forms.Textarea(attrs={"rows": 2}))
    on = date_field("移交日期")

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_org"].queryset = orgs


class EscalateForm(Form):
    unit = forms.ModelChoiceField(label="报告单位", queryset=OrgUnit.objects.order_by("path"))
    text = forms.CharField(label="情况说明", widget=forms.Textarea(attrs={"rows": 2}))
    on = date_field("日期")


class OrgForm(Form):
    unit = forms.ModelChoiceField(label="所属单位", queryset=None)
    name = forms.CharField(label="组织名称", max_length=200)
    category = forms.ChoiceField(label="类别", choices=OrgCategory.choices)
    industry = forms.CharField(label="行业或专业领域", max_length=100, required=False)
    term_start = date_field("本届任期起始")

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class MediatorForm(Form):
    name = forms.CharField(label="姓名", max_length=50)
    gender = forms.ChoiceField(label="性别", choices=Gender.choices)
    is_member = forms.BooleanField(label="委员会委员", required=False, initial=True)
    post = forms.CharField(label="职务", max_length=50, required=False)


class TrainingForm(Form):
    mediator = forms.ModelChoiceField(label="调解员", queryset=None, widget=PickerSelect)
    on = date_field("培训日期", required=True)
    hours = forms.IntegerField(label="学时", min_value=1, max_value=200)
    topic = forms.CharField(label="培训内容", max_length=200)
    organiser = forms.CharField(label="举办单位", max_length=100, required=False)

    def __init__(self, *args, mediators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mediator"].queryset = mediators


class ReturnForm(Form):
    """An organisation's annual return: totals, 排查 counts and the by-type lines (left blank when none)."""

    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    accepted = forms.IntegerField(label="受理纠纷（合计）", min_value=0)
    succeeded = forms.IntegerField(label="调解成功（合计）", min_value=0)
    screenings = forms.IntegerField(label="开展排查（次）", min_value=0, initial=0)
    found = forms.IntegerField(label="排查发现纠纷（件）", min_value=0, initial=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in DisputeType.choices:
            self.fields[f"acc_{value}"] = forms.IntegerField(label=f"{label}：受理", min_value=0, required=False)
            self.fields[f"suc_{value}"] = forms.IntegerField(label=f"{label}：成功", min_value=0, required=False)

    def lines(self, d):
        return [(v, d.get(f"acc_{v}") or 0, d.get(f"suc_{v}") or 0) for v in DisputeType.values
                if d.get(f"acc_{v}") or d.get(f"suc_{v}")]


class HallDutyForm(Form):
    unit = forms.ModelChoiceField(label="信访大厅所属单位", queryset=None, widget=PickerSelect)
    lawyer = forms.ModelChoiceField(label="值守律师", queryset=None, widget=PickerSelect)
    day = date_field("值守日期", required=True)
    visitors = forms.IntegerField(label="接待人数", min_value=0, initial=0)
    general = forms.IntegerField(label="参与化解一般信访纠纷（件）", min_value=0, initial=0)
    difficult = forms.IntegerField(label="参与化解疑难信访纠纷（件）", min_value=0, initial=0)
    advice = forms.CharField(label="主要事项和法律意见", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, units, lawyers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["lawyer"].queryset = lawyers
        self.fields["lawyer"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class ChargeForm(Form):
    leader_in_charge = forms.CharField(label="包案领导", max_length=100, required=False,
                                       help_text="疑难信访事项应当明确包案领导")
    lawyers = forms.ModelMultipleChoiceField(label="参与律师", queryset=None, required=False,
                                             widget=PickerSelectMultiple)

    def __init__(self, *args, lawyers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lawyers"].queryset = lawyers
        self.fields["lawyers"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class NoteForm(Form):
    kind = forms.ChoiceField(label="类型", choices=NoteKind.choices)
    text = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="会议的时间、参加人员和议定事项，或者入户走访的情况和化解进展")
    on = date_field("日期")


class ResolveForm(Form):
    resolution = forms.CharField(label="化解结果", widget=forms.Textarea(attrs={"rows": 3}))
    on = date_field("化解日期")


class UnmaskedExportForm(Form):
    reason = forms.CharField(label="导出未脱敏台账的理由", widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="导出将记入操作审计日志")


def _person(u):
    return f"{u.get_full_name()}（{u.unit.name}）" if u.unit_id else u.get_full_name()


class ClusterForm(Form):
    name = forms.CharField(label="专项名称", max_length=200)
    kind = forms.ChoiceField(label="类别", choices=ClusterKind.choices)
    unit = forms.ModelChoiceField(label="牵头单位", queryset=None, widget=PickerSelect)
    leading_group = forms.CharField(label="领导小组名称", max_length=200)
    leader = forms.ModelChoiceField(label="分管领导", queryset=None, required=False, widget=PickerSelect)
    member_units = forms.ModelMultipleChoiceField(label="成员单位", queryset=None, required=False,
                                                  widget=PickerSelectMultiple)
    set_up_on = date_field("成立日期", required=True)
    description = forms.CharField(label="基本情况", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    approach = forms.CharField(label="化解方式", max_length=2000, required=False)
    status = forms.ChoiceField(label="状态", choices=ClusterStatus.choices)
    closing_summary = forms.CharField(label="化解总结", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                      help_text="标记为已化解时必填")

    def __init__(self, *args, units, all_units, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["member_units"].queryset = all_units
        self.fields["leader"].queryset = people
        self.fields["leader"].label_from_instance = _person


class ClusterMemberForm(Form):
    post = forms.ChoiceField(label="职务", choices=GroupPost.choices)
    person = forms.ModelChoiceField(label="人员", queryset=None, required=False, widget=PickerSelect)
    unit = forms.ModelChoiceField(label="单位", queryset=None, required=False, widget=PickerSelect,
                                  help_text="人员和单位二者选其一")
    title = forms.CharField(label="职务说明", max_length=100, required=False)
    from_on = date_field("起始日期", required=True)
    to_on = date_field("截止日期")

    def __init__(self, *args, units, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = _person


class ClusterMeetingForm(Form):
    held_on = date_field("会议日期", required=True)
    chair = forms.CharField(label="主持人", max_length=100)
    attendees = forms.CharField(label="参会人员", widget=forms.Textarea(attrs={"rows": 2}))
    topics = forms.CharField(label="议题", widget=forms.Textarea(attrs={"rows": 2}))
    decisions = forms.CharField(label="议定事项", widget=forms.Textarea(attrs={"rows": 3}))


class HouseholdForm(Form):
    name = forms.CharField(label="户主姓名", max_length=100)
    request = forms.CharField(label="诉求", widget=forms.Textarea(attrs={"rows": 2}))
    amount = forms.DecimalField(label="涉及金额（元）", max_digits=14, decimal_places=2, min_value=0, required=False)
    handler = forms.ModelChoiceField(label="包户单位", queryset=None, widget=PickerSelect)
    status = forms.ChoiceField(label="化解状态", choices=HouseholdStatus.choices)
    last_contact_on = date_field("最近联系日期")
    petition = forms.ModelChoiceField(label="关联信访事项", queryset=None, required=False, widget=PickerSelect)
    case = forms.ModelChoiceField(label="关联调解案件", queryset=None, required=False, widget=PickerSelect)
    note = forms.CharField(label="备注", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, units, petitions, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = units
        self.fields["petition"].queryset = petitions
        self.fields["petition"].label_from_instance = lambda p: f"{p.number}（{p.get_status_display()}）"
        self.fields["case"].queryset = cases


class HouseholdUpdateForm(Form):
    status = forms.ChoiceField(label="化解状态", choices=HouseholdStatus.choices)
    last_contact_on = date_field("最近联系日期")
    note = forms.CharField(label="备注", widget=forms.Textarea(attrs={"rows": 2}), required=False)
