"""Major administrative decisions (重大行政决策, 国务院令第713号) and government legal advisers (政府法律顾问)."""
from django.conf import settings
from django.db import models

from fazhi.core.comments import PublicCommentBase

from .choices import (
    AdjustmentKind,
    AdviserKind,
    CatalogueStatus,
    Category,
    DecisionStatus,
    EvaluationResult,
    EvaluationTrigger,
    MeetingType,
    MemberRole,
    Outcome,
    Position,
    ReviewOpinion,
    ReviewState,
    RiskLevel,
    ServiceKind,
    StepCode,
    StepStatus,
)

USER = settings.AUTH_USER_MODEL


class DecisionCatalogue(models.Model):
    """The annual catalogue (年度决策事项目录): drafted, approved with the party committee's consent, published."""

    organ = models.ForeignKey("orgs.OrgUnit", verbose_name="决策机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度")
    title = models.CharField("目录名称", max_length=200)
    status = models.CharField("状态", max_length=20, choices=CatalogueStatus.choices, default=CatalogueStatus.DRAFT)
    party_consent = models.CharField("党委同意情况", max_length=300, blank=True,
                                     help_text="如：经县委常委会2019年2月20日会议同意")
    party_consent_on = models.DateField("党委同意日期", null=True, blank=True)
    approved_on = models.DateField("批准日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    published_where = models.CharField("公布渠道", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    scope_owner = "organ"
    status_tags = {CatalogueStatus.DRAFT: "grey", CatalogueStatus.APPROVED: "blue",
                   CatalogueStatus.PUBLISHED: "green"}

    class Meta:
        verbose_name = "年度决策事项目录"
        verbose_name_plural = verbose_name
        ordering = ["-year", "-id"]
        constraints = [models.UniqueConstraint(fields=["organ", "year"], name="decisions_catalogue_organ_year")]

    def __str__(self):
        return self.title


class Decision(models.Model):
    """One major administrative decision (重大行政决策事项)."""

    catalogue = models.ForeignKey(DecisionCatalogue, verbose_name="所属目录", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="decisions")
    year = models.PositiveIntegerField("年度", db_index=True)
    title = models.CharField("决策事项名称", max_length=200)
    category = models.CharField("事项类别", max_length=30, choices=Category.choices)
    organ = models.ForeignKey("orgs.OrgUnit", verbose_name="决策机关", on_delete=models.PROTECT, related_name="+")
    lead_unit = models.ForeignKey("orgs.OrgUnit", verbose_name="承办单位", on_delete=models.PROTECT,
                                  related_name="+")
    proposer = models.CharField("决策建议提出者", max_length=200)
    proposal = models.TextField("决策建议（问题、理由、依据、解决方案）", blank=True)
    draft_text = models.TextField("决策草案", blank=True)
    explanation = models.TextField("起草说明", blank=True)
    draft_version = models.PositiveIntegerField("草案版次", default=1)
    technical = models.BooleanField("专业性技术性较强", default=False)
    stability_risk = models.BooleanField("可能影响社会稳定、公共安全", default=False)
    planned_meeting_on = models.DateField("拟提请会议日期", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT,
                              db_index=True)
    # The decision itself (集体讨论决定 → 公布)
    decision_text = models.TextField("决策内容", blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    party_report_on = models.DateField("向党委请示报告日期", null=True, blank=True)
    party_report_note = models.CharField("请示报告情况", max_length=300, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    published_where = models.CharField("公布渠道", max_length=200, blank=True)
    adoption_note = models.TextField("公众意见采纳情况说明", blank=True)
    implementing_unit = models.ForeignKey("orgs.OrgUnit", verbose_name="决策执行单位", null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+")
    withdrawn_reason = models.CharField("终止原因", max_length=300, blank=True)
    created_by = models.ForeignKey(USER, verbose_name="登记人", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    scope_owner = "lead_unit"
    status_tags = {DecisionStatus.DRAFT: "blue", DecisionStatus.CONSULTATION: "blue",
                   DecisionStatus.REVIEW: "orange", DecisionStatus.DISCUSSION: "orange",
                   DecisionStatus.DECIDED: "green", DecisionStatus.PUBLISHED: "green",
                   DecisionStatus.WITHDRAWN: "red"}

    class Meta:
        verbose_name = "重大行政决策事项"
        verbose_name_plural = verbose_name
        ordering = ["-year", "-id"]

    def __str__(self):
        return self.title

    def step(self, code):
        steps = getattr(self, "_prefetched_objects_cache", {}).get("steps")
        if steps is not None:
            return next((s for s in steps if s.code == code), None)
        return self.steps.filter(code=code).first()


class ProcedureStep(models.Model):
    """One of the five statutory steps of a decision, with its evidence; done, or not applicable with a reason."""

    decision = models.ForeignKey(Decision, verbose_name="决策事项", on_delete=models.CASCADE, related_name="steps")
    code = models.CharField("程序环节", max_length=30, choices=StepCode.choices)
    status = models.CharField("办理情况", max_length=20, choices=StepStatus.choices, default=StepStatus.PENDING)
    responsible_unit = models.ForeignKey("orgs.OrgUnit", verbose_name="责任单位",
                                         on_delete=models.PROTECT, related_name="+")
    na_reason = models.CharField("不适用理由", max_length=500, blank=True)
    completed_on = models.DateField("完成日期", null=True, blank=True)
    completed_by = models.ForeignKey(USER, verbose_name="办理人", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    summary = models.TextField("办理情况说明", blank=True)
    # 公众参与 (713号 arts. 14–18)
    methods = models.JSONField("公众参与方式", default=list, blank=True)
    comment_start = models.DateField("征求意见开始日期", null=True, blank=True)
    comment_end = models.DateField("征求意见截止日期", null=True, blank=True)
    shortening_reason = models.CharField("缩短征求意见期限的理由", max_length=500, blank=True)
    hearing_on = models.DateField("听证会日期", null=True, blank=True)
    hearing_materials_sent_on = models.DateField("听证材料送达日期", null=True, blank=True)
    hearing_participants = models.TextField("听证参加人及遴选办法", blank=True)
    # 风险评估 (arts. 22–24)
    risk_points = models.TextField("风险点", blank=True)
    risk_level = models.CharField("风险等级", max_length=20, choices=RiskLevel.choices, blank=True)
    risk_controllable = models.BooleanField("风险可控", null=True, blank=True)
    risk_measures = models.TextField("防范化解措施", blank=True)
    contingency_plan = models.TextField("应急处置预案", blank=True)
    assessor = models.CharField("评估主体", max_length=200, blank=True)
    assessed_version = models.PositiveIntegerField("评估的草案版次", null=True, blank=True)
    # 合法性审查 (arts. 25–28)
    review_state = models.CharField("审查状态", max_length=20, choices=ReviewState.choices,
                                    default=ReviewState.NONE)
    submitted_on = models.DateField("送审日期", null=True, blank=True)
    due_on = models.DateField("审查期限", null=True, blank=True)
    adviser = models.ForeignKey("LegalAdviser", verbose_name="参与审查的法律顾问", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="reviews")
    opinion = models.CharField("审查意见", max_length=30, choices=ReviewOpinion.choices, blank=True)
    opinion_text = models.TextField("审查意见书", blank=True)
    exploratory_risk = models.TextField("探索性改革事项的法律风险说明", blank=True)
    # 集体讨论决定 (art. 30)
    meeting_type = models.CharField("会议类型", max_length=20, choices=MeetingType.choices, blank=True)
    meeting_on = models.DateField("会议日期", null=True, blank=True)
    meeting_name = models.CharField("会议名称", max_length=200, blank=True)
    attendees = models.TextField("出席人员", blank=True)
    outcome = models.CharField("决定结果", max_length=30, choices=Outcome.choices, blank=True)
    dissent = models.TextField("不同意见（如实记载）", blank=True)
    head_departure_reason = models.TextField("行政首长拍板与多数意见不一致的理由", blank=True)

    # The unit responsible for the step owns it: the justice bureau its legality review, the lead unit the rest.
    scope_owner = "responsible_unit"
    status_tags = {StepStatus.PENDING: "grey", StepStatus.DONE: "green", StepStatus.NOT_APPLICABLE: "grey"}
    review_state_tags = {ReviewState.NONE: "grey", ReviewState.REQUESTED: "orange", ReviewState.GIVEN: "green"}

    class Meta:
        verbose_name = "决策程序环节"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["decision", "code"], name="decisions_step_decision_code")]

    def __str__(self):
        return f"{self.decision}·{self.get_code_display()}"

    @property
    def resolved(self):
        return self.status in (StepStatus.DONE, StepStatus.NOT_APPLICABLE)

    def methods_display(self):
        from .choices import ParticipationMethod

        labels = dict(ParticipationMethod.choices)
        return "、".join(labels.get(m, m) for m in self.methods or [])


class ExpertOpinion(models.Model):
    """A signed written opinion of one expert (专家论证, art. 19), with the conflict-of-interest check (art. 20)."""

    step = models.ForeignKey(ProcedureStep, verbose_name="程序环节", on_delete=models.CASCADE,
                             related_name="expert_opinions")
    expert = models.CharField("专家姓名", max_length=50)
    affiliation = models.CharField("工作单位及职称", max_length=200)
    field = models.CharField("专业领域", max_length=100, blank=True)
    opinion = models.TextField("论证意见")
    signed = models.BooleanField("书面意见已签字", default=False)
    no_conflict = models.BooleanField("已声明与决策事项无直接利害关系", default=False)
    dissenting = models.BooleanField("持不同意见", default=False)
    given_on = models.DateField("出具日期")

    scope_owner = "step__decision__lead_unit"

    class Meta:
        verbose_name = "专家论证意见"
        verbose_name_plural = verbose_name
        ordering = ["given_on", "id"]

    def __str__(self):
        return f"{self.expert}：{self.opinion[:20]}"


class MemberView(models.Model):
    """One member's view at the collective discussion, in speaking order; the head speaks last (art. 30)."""

    step = models.ForeignKey(ProcedureStep, verbose_name="程序环节", on_delete=models.CASCADE,
                             related_name="member_views")
    order = models.PositiveSmallIntegerField("发言顺序")
    member = models.CharField("姓名及职务", max_length=100)
    role = models.CharField("身份", max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    position = models.CharField("表态", max_length=30, choices=Position.choices)
    view = models.TextField("发表意见")

    scope_owner = "step__decision__lead_unit"

    class Meta:
        verbose_name = "会议发言"
        verbose_name_plural = verbose_name
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.order}. {self.member}（{self.get_position_display()}）"


class PublicComment(PublicCommentBase):
    """A comment from the public on a decision's draft (the shared mechanism: ``fazhi.core.comments``)."""

    decision = models.ForeignKey(Decision, verbose_name="决策事项", on_delete=models.PROTECT,
                                 related_name="comments")

    scope_owner = "decision__lead_unit"

    class Meta:
        verbose_name = "公众意见"
        verbose_name_plural = verbose_name
        ordering = ["decision", "number"]
        constraints = [models.UniqueConstraint(fields=["decision", "number"], name="decisions_comment_number")]


class DecisionAttachment(models.Model):
    """An uploaded material (signed opinions, hearing record, risk report, minutes…), kept in the archive."""

    decision = models.ForeignKey(Decision, verbose_name="决策事项", on_delete=models.CASCADE,
                                 related_name="attachments")
    step_code = models.CharField("所属环节", max_length=30, choices=StepCode.choices, blank=True)
    title = models.CharField("材料名称", max_length=200)
    file = models.FileField("文件", upload_to="decisions/%Y/")
    sha256 = models.CharField("附件指纹", max_length=64)
    uploaded_by = models.ForeignKey(USER, verbose_name="上传人", null=True, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    scope_owner = "decision__lead_unit"

    class Meta:
        verbose_name = "决策材料"
        verbose_name_plural = verbose_name
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.title


class DecisionEvent(models.Model):
    """The decision's own history (办理过程), shown as its timeline and in the archive."""

    decision = models.ForeignKey(Decision, verbose_name="决策事项", on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("时间", auto_now_add=True)
    actor = models.ForeignKey(USER, verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    actor_name = models.CharField("操作人姓名", max_length=100, blank=True)
    text = models.CharField("事件", max_length=500)

    scope_owner = "decision__lead_unit"

    class Meta:
        verbose_name = "决策办理过程"
        verbose_name_plural = verbose_name
        ordering = ["at", "id"]

    def __str__(self):
        return self.text


class ProgressReport(models.Model):
    """The implementing unit's report on how the decision is carried out (arts. 34–35)."""

    decision = models.ForeignKey(Decision, verbose_name="决策事项", on_delete=models.CASCADE,
                                 related_name="progress_reports")
    reported_on = models.DateField("报告日期")
    content = models.TextField("执行情况")
    problems = models.TextField("存在问题及建议", blank=True)
    reported_by = models.ForeignKey(USER, verbose_name="报告人", null=True, on_delete=models.PROTECT,
                                    related_name="+")

    scope_owner = "decision__lead_unit"

    class Meta:
        verbose_name = "决策执行情况报告"
        verbose_name_plural = verbose_name
        ordering = ["reported_on", "id"]

    def __str__(self):
        return f"{self.decision}·{self.reported_on}"


class Evaluation(models.Model):
    """Post-decision evaluation (决策后评估, art. 36)."""

    decision = models.ForeignKey(Decision, verbose_name="决策事项", on_delete=models.CASCADE,
                                 related_name="evaluations")
    trigger = models.CharField("评估启动情形", max_length=30, choices=EvaluationTrigger.choices)
    evaluator = models.CharField("评估主体", max_length=200)
    third_party = models.BooleanField("委托第三方评估", default=False)
    started_on = models.DateField("启动日期")
    finished_on = models.DateField("完成日期", null=True, blank=True)
    conclusion = models.TextField("评估结论", blank=True)
    result = models.CharField("处理建议", max_length=20, choices=EvaluationResult.choices, blank=True)

    scope_owner = "decision__lead_unit"

    class Meta:
        verbose_name = "决策后评估"
        verbose_name_plural = verbose_name
        ordering = ["started_on", "id"]

    def __str__(self):
        return f"{self.decision}·决策后评估"


class CatalogueAdjustment(models.Model):
    """An adjustment of a published catalogue during the year (art. 3 para. 3)."""

    catalogue = models.ForeignKey(DecisionCatalogue, verbose_name="目录", on_delete=models.CASCADE,
                                  related_name="adjustments")
    kind = models.CharField("调整类型", max_length=20, choices=AdjustmentKind.choices)
    decision = models.ForeignKey(Decision, verbose_name="决策事项", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    reason = models.CharField("调整理由", max_length=500)
    party_consent = models.CharField("党委同意情况", max_length=300)
    adjusted_on = models.DateField("调整日期")
    created_by = models.ForeignKey(USER, verbose_name="登记人", null=True, on_delete=models.PROTECT, related_name="+")

    scope_owner = "catalogue__organ"

    class Meta:
        verbose_name = "目录调整"
        verbose_name_plural = verbose_name
        ordering = ["adjusted_on", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.reason[:30]}"


class LegalAdviser(models.Model):
    """A legal adviser retained by an organ (政府法律顾问), with the contract period and the units served."""

    name = models.CharField("姓名", max_length=50)
    kind = models.CharField("类别", max_length=20, choices=AdviserKind.choices, default=AdviserKind.LAWYER)
    firm = models.CharField("执业机构/工作单位", max_length=200)
    license_no = models.CharField("执业证号", max_length=50, blank=True)
    practice_since = models.PositiveIntegerField("执业起始年份", null=True, blank=True)
    sanctioned = models.BooleanField("受过行政处罚或行业处分", default=False)
    criminal_record = models.BooleanField("有犯罪记录", default=False)
    client_unit = models.ForeignKey("orgs.OrgUnit", verbose_name="聘请单位", on_delete=models.PROTECT,
                                    related_name="+")
    covered_units = models.ManyToManyField("orgs.OrgUnit", verbose_name="服务单位", blank=True,
                                           related_name="+")
    full_time = models.BooleanField("常年法律顾问", default=True)
    contract_start = models.DateField("聘期开始")
    contract_end = models.DateField("聘期结束")
    contract_no = models.CharField("聘用合同编号", max_length=100, blank=True)
    ended_reason = models.CharField("解聘原因", max_length=300, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    scope_owner = "client_unit"

    class Meta:
        verbose_name = "法律顾问"
        verbose_name_plural = verbose_name
        ordering = ["client_unit__path", "name", "id"]

    def __str__(self):
        return f"{self.name}（{self.firm}）"

    def active_on(self, day):
        return self.contract_start <= day <= self.contract_end and not self.ended_reason


class AdviserService(models.Model):
    """One piece of work an adviser did (法律顾问服务记录)."""

    adviser = models.ForeignKey(LegalAdviser, verbose_name="法律顾问", on_delete=models.PROTECT,
                                related_name="services")
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="服务单位", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("服务类别", max_length=30, choices=ServiceKind.choices)
    served_on = models.DateField("服务日期", db_index=True)
    subject = models.CharField("事项", max_length=300)
    outcome = models.TextField("意见或结果", blank=True)
    decision = models.ForeignKey(Decision, verbose_name="关联决策事项", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="adviser_services")
    created_by = models.ForeignKey(USER, verbose_name="登记人", null=True, on_delete=models.PROTECT,
                                   related_name="+")

    scope_owner = "unit"

    class Meta:
        verbose_name = "法律顾问服务记录"
        verbose_name_plural = verbose_name
        ordering = ["-served_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.subject}"
