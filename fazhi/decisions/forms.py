"""Forms check shape only; the procedure's rules live in services and workflows."""
from django import forms

from fazhi.core import comments
from fazhi.core import forms as core_forms
from fazhi.core.forms import UploadField
from fazhi.core.widgets import PickerSelectMultiple
from fazhi.orgs import selectors as org_selectors
from fazhi.orgs.choices import UnitKind
from fazhi.orgs.forms import UnitChoiceField

from .choices import (
    AdjustmentKind,
    AdviserKind,
    Category,
    EvaluationResult,
    EvaluationTrigger,
    Excluded,
    MeetingType,
    MemberRole,
    Outcome,
    ParticipationMethod,
    Position,
    ReviewOpinion,
    RiskLevel,
    ServiceKind,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})
LONG = forms.Textarea(attrs={"rows": 8})


def _date(label, required=True):
    return forms.DateField(label=label, required=required, widget=DATE)


def _units(user, kinds=None):
    return org_selectors.unit_choices(user=user, kinds=kinds)


def _organs(user, kinds):
    """Decision organs and reviewing bodies: the user's own units plus the county government and its departments.

    Which organs exist is public (the government's own structure); a liaison must be able to name the county
    government as the decision organ and the justice bureau as the reviewing body.
    """
    from fazhi.orgs.models import OrgUnit

    public = OrgUnit.objects.filter(is_active=True, kind__in=[UnitKind.GOVERNMENT, UnitKind.DEPARTMENT])
    return (OrgUnit.objects.filter(kind__in=kinds, is_active=True)
            .filter(pk__in=[*_units(user, kinds).values_list("pk", flat=True),
                            *public.values_list("pk", flat=True)]).order_by("path"))


class DecisionForm(core_forms.Form):
    title = forms.CharField(label="决策事项名称", max_length=200)
    category = forms.ChoiceField(label="事项类别", choices=Category.choices)
    excluded = forms.ChoiceField(label="是否属于排除事项", choices=Excluded.choices, required=False,
                                 help_text="财政货币宏观调控、政府立法、突发事件应急处置不适用本程序")
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    organ = UnitChoiceField(label="决策机关", queryset=None)
    lead_unit = UnitChoiceField(label="承办单位", queryset=None)
    proposer = forms.CharField(label="决策建议提出者", max_length=200)
    catalogue = forms.ModelChoiceField(label="列入年度目录", queryset=None, required=False, empty_label="（未列入目录）")
    proposal = forms.CharField(label="决策建议（问题、理由、依据、解决方案、必要性、可行性）", widget=TEXT, required=False)
    draft_text = forms.CharField(label="决策草案", widget=LONG, required=False)
    explanation = forms.CharField(label="起草说明", widget=TEXT, required=False)
    technical = forms.BooleanField(label="专业性技术性较强（须专家论证）", required=False)
    stability_risk = forms.BooleanField(label="可能影响社会稳定、公共安全（须风险评估）", required=False)
    planned_meeting_on = _date("拟提请会议日期", required=False)

    def __init__(self, *args, user, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import DecisionCatalogue

        self.fields["organ"].queryset = _organs(user, [UnitKind.GOVERNMENT, UnitKind.DEPARTMENT, UnitKind.TOWNSHIP])
        self.fields["lead_unit"].queryset = _units(user)
        self.fields["catalogue"].queryset = DecisionCatalogue.objects.select_related("organ").order_by("-year")
        if editing:
            del self.fields["excluded"]


class DraftForm(core_forms.Form):
    draft_text = forms.CharField(label="决策草案（修改后）", widget=LONG)
    explanation = forms.CharField(label="起草说明", widget=TEXT, required=False)


class ParticipationForm(core_forms.Form):
    methods = forms.MultipleChoiceField(label="公众参与方式", choices=ParticipationMethod.choices, required=False,
                                        widget=forms.CheckboxSelectMultiple)
    comment_start = _date("征求意见开始日期", required=False)
    comment_end = _date("征求意见截止日期", required=False)
    shortening_reason = forms.CharField(label="缩短期限的理由", max_length=500, required=False)
    hearing_on = _date("听证会日期", required=False)
    hearing_materials_sent_on = _date("听证材料送达日期", required=False)
    hearing_participants = forms.CharField(label="听证参加人及遴选办法", widget=TEXT, required=False)
    summary = forms.CharField(label="办理情况说明", widget=TEXT, required=False)
    complete = forms.BooleanField(label="本环节已办结", required=False)


class ExpertStepForm(core_forms.Form):
    summary = forms.CharField(label="论证情况说明（专家意见采纳情况）", widget=TEXT, required=False)
    complete = forms.BooleanField(label="本环节已办结", required=False)


class RiskForm(core_forms.Form):
    risk_points = forms.CharField(label="风险点", widget=TEXT, required=False)
    risk_level = forms.ChoiceField(label="风险等级", choices=[("", "—"), *RiskLevel.choices], required=False)
    risk_controllable = forms.NullBooleanField(label="风险是否可控（是/否）", required=False)
    risk_measures = forms.CharField(label="防范化解措施", widget=TEXT, required=False)
    contingency_plan = forms.CharField(label="应急处置预案", widget=TEXT, required=False)
    assessor = forms.CharField(label="评估主体", max_length=200, required=False)
    summary = forms.CharField(label="评估情况说明", widget=TEXT, required=False)
    complete = forms.BooleanField(label="本环节已办结", required=False)


STEP_FORMS = {"public_participation": ParticipationForm, "expert_consultation": ExpertStepForm,
              "risk_assessment": RiskForm}


class ConfirmForm(core_forms.Form):
    """A one-click step (结束征求意见, 提请集体讨论, 作出决定): nothing to type, the button confirms it."""


class ReasonForm(core_forms.Form):
    reason = forms.CharField(label="理由", max_length=500, widget=TEXT)


class ExpertOpinionForm(core_forms.Form):
    expert = forms.CharField(label="专家姓名", max_length=50)
    affiliation = forms.CharField(label="工作单位及职称", max_length=200)
    field = forms.CharField(label="专业领域", max_length=100, required=False)
    opinion = forms.CharField(label="论证意见", widget=TEXT)
    given_on = _date("出具日期")
    signed = forms.BooleanField(label="书面意见已签字（盖章）", required=False)
    no_conflict = forms.BooleanField(label="专家已声明与决策事项无直接利害关系", required=False)
    dissenting = forms.BooleanField(label="持不同意见", required=False)


class CommentOpenForm(core_forms.Form):
    comment_start = _date("征求意见开始日期")
    comment_end = _date("征求意见截止日期")
    shortening_reason = forms.CharField(label="缩短期限的理由（少于30日时必填）", max_length=500, required=False)


class ReviewSubmitForm(core_forms.Form):
    review_unit = UnitChoiceField(label="合法性审查机构", queryset=None)
    submitted_on = _date("送审日期")
    due_on = _date("审查期限", required=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_unit"].queryset = _organs(user, [UnitKind.DEPARTMENT, UnitKind.GOVERNMENT])


class OpinionForm(core_forms.Form):
    opinion = forms.ChoiceField(label="审查结论", choices=ReviewOpinion.choices)
    opinion_text = forms.CharField(label="审查意见书（制定权限、程序、内容）", widget=LONG)
    adviser = forms.ModelChoiceField(label="参与审查的法律顾问", queryset=None, required=False,
                                     empty_label="（请选择）")
    reviewed_on = _date("出具日期")
    exploratory_risk = forms.CharField(label="探索性改革事项的法律风险说明", widget=TEXT, required=False,
                                       help_text="审查不合法但属于国家尚无明确规定的探索性改革事项的，说明法律风险后可提请讨论")

    def __init__(self, *args, advisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = advisers


ROLE_WORDS = {"行政首长": MemberRole.HEAD, "首长": MemberRole.HEAD, "组成人员": MemberRole.MEMBER}
POSITION_WORDS = {str(label): value for value, label in Position.choices} | {"原则同意": Position.AGREE_WITH_CHANGES}


class MeetingForm(core_forms.Form):
    meeting_type = forms.ChoiceField(label="会议类型", choices=MeetingType.choices)
    meeting_on = _date("会议日期")
    meeting_name = forms.CharField(label="会议名称", max_length=200, required=False)
    attendees = forms.CharField(label="出席人员", widget=TEXT)
    views = forms.CharField(label="发言记录（按发言顺序，每行一人）", widget=forms.Textarea(attrs={"rows": 6}),
                            help_text="格式：姓名及职务｜组成人员或行政首长｜同意/原则同意/不同意/弃权｜发表意见。行政首长最后发言。")
    outcome = forms.ChoiceField(label="决定结果", choices=Outcome.choices)
    decision_text = forms.CharField(label="决策内容", widget=TEXT, required=False)
    dissent = forms.CharField(label="不同意见（如实记载）", widget=TEXT, required=False)
    head_departure_reason = forms.CharField(label="行政首长拍板与多数意见不一致的理由", widget=TEXT, required=False)

    def clean_views(self):
        rows = []
        for number, line in enumerate(self.cleaned_data["views"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("|", "｜").split("｜")]
            if len(parts) < 3:
                raise forms.ValidationError(f"第{number}行格式不对：应为“姓名及职务｜身份｜表态｜意见”。")
            role = ROLE_WORDS.get(parts[1])
            position = POSITION_WORDS.get(parts[2])
            if role is None:
                raise forms.ValidationError(f"第{number}行的身份应为“组成人员”或“行政首长”。")
            if position is None:
                raise forms.ValidationError(f"第{number}行的表态应为同意、原则同意、不同意或弃权。")
            rows.append({"member": parts[0], "role": role, "position": position,
                         "view": "｜".join(parts[3:]) if len(parts) > 3 else ""})
        return rows


class PartyReportForm(core_forms.Form):
    reported_on = _date("请示报告日期")
    note = forms.CharField(label="请示报告情况", max_length=300)


class PublishForm(core_forms.Form):
    published_on = _date("公布日期")
    published_where = forms.CharField(label="公布渠道", max_length=200, initial="县政府门户网站、县政府公报")
    implementing_unit = UnitChoiceField(label="决策执行单位", queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["implementing_unit"].queryset = _units(user)


class ProgressForm(core_forms.Form):
    reported_on = _date("报告日期")
    content = forms.CharField(label="执行情况", widget=TEXT)
    problems = forms.CharField(label="存在问题及建议", widget=TEXT, required=False)


class EvaluationStartForm(core_forms.Form):
    trigger = forms.ChoiceField(label="评估启动情形", choices=EvaluationTrigger.choices)
    evaluator = forms.CharField(label="评估主体", max_length=200)
    third_party = forms.BooleanField(label="委托第三方评估", required=False)
    started_on = _date("启动日期")


class EvaluationFinishForm(core_forms.Form):
    finished_on = _date("完成日期")
    conclusion = forms.CharField(label="评估结论", widget=TEXT)
    result = forms.ChoiceField(label="处理建议", choices=EvaluationResult.choices)


class AttachmentForm(core_forms.Form):
    title = forms.CharField(label="材料名称", max_length=200)
    step_code = forms.ChoiceField(label="所属环节", required=False,
                                  choices=[("", "（不属于特定环节）"), ("public_participation", "公众参与"),
                                           ("expert_consultation", "专家论证"), ("risk_assessment", "风险评估"),
                                           ("legality_review", "合法性审查"), ("collective_decision", "集体讨论决定")])
    file = UploadField(kind="material", label="文件")


DisposeForm, PublicCommentForm = comments.DisposeForm, comments.PublicCommentForm  # shared: fazhi.core.comments


class CatalogueForm(core_forms.Form):
    organ = UnitChoiceField(label="决策机关", queryset=None)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="目录名称", max_length=200)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = _units(user, kinds=[UnitKind.GOVERNMENT, UnitKind.DEPARTMENT,
                                                            UnitKind.TOWNSHIP])


class CatalogueApproveForm(core_forms.Form):
    party_consent = forms.CharField(label="党委同意情况", max_length=300)
    party_consent_on = _date("党委同意日期")
    approved_on = _date("批准日期")


class CataloguePublishForm(core_forms.Form):
    published_on = _date("公布日期")
    published_where = forms.CharField(label="公布渠道", max_length=200, initial="县政府门户网站")


class AdjustForm(core_forms.Form):
    kind = forms.ChoiceField(label="调整类型", choices=AdjustmentKind.choices)
    decision = forms.ModelChoiceField(label="决策事项", queryset=None)
    reason = forms.CharField(label="调整理由", max_length=500)
    party_consent = forms.CharField(label="党委同意情况", max_length=300)
    adjusted_on = _date("调整日期")

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions


class AdviserForm(core_forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    kind = forms.ChoiceField(label="类别", choices=AdviserKind.choices)
    firm = forms.CharField(label="执业机构/工作单位", max_length=200)
    license_no = forms.CharField(label="执业证号", max_length=50, required=False)
    practice_since = forms.IntegerField(label="执业起始年份", required=False, min_value=1950, max_value=2100)
    sanctioned = forms.BooleanField(label="受过行政处罚或行业处分", required=False)
    criminal_record = forms.BooleanField(label="有犯罪记录", required=False)
    client_unit = UnitChoiceField(label="聘请单位", queryset=None)
    covered_units = forms.ModelMultipleChoiceField(label="服务单位（部门、乡镇、村、社区）", queryset=None, required=False,
                                                   widget=PickerSelectMultiple)
    full_time = forms.BooleanField(label="常年法律顾问", required=False, initial=True)
    contract_start = _date("聘期开始")
    contract_end = _date("聘期结束")
    contract_no = forms.CharField(label="聘用合同编号", max_length=100, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client_unit"].queryset = _units(user, kinds=[UnitKind.GOVERNMENT, UnitKind.DEPARTMENT,
                                                                  UnitKind.TOWNSHIP, UnitKind.VILLAGE])
        self.fields["covered_units"].queryset = _units(user, kinds=[UnitKind.DEPARTMENT, UnitKind.TOWNSHIP,
                                                                    UnitKind.VILLAGE])


class ServiceForm(core_forms.Form):
    adviser = forms.ModelChoiceField(label="法律顾问", queryset=None)
    unit = UnitChoiceField(label="服务单位", queryset=None)
    kind = forms.ChoiceField(label="服务类别", choices=ServiceKind.choices)
    served_on = _date("服务日期")
    subject = forms.CharField(label="事项", max_length=300)
    outcome = forms.CharField(label="意见或结果", widget=TEXT, required=False)

    def __init__(self, *args, user, advisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = advisers
        self.fields["unit"].queryset = _units(user)
