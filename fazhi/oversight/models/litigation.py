"""Administrative litigation (行政应诉) with the heads' court appearances, and administrative reconsideration
(行政复议) where the county government or its units are the reconsideration body or the respondent
(RULES.md §8, §9).

A ``LitigationCase`` is one instance (一审、二审、再审) of a suit against a county organ: an appeal is a new record
linked to the instance before it, so the appearance duty and the appearance rate are counted per instance.
Each ``LitigationHearing`` carries the appearance record of that hearing.
"""
import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse

# Choices ----------------------------------------------------------------------------------------


class LitigationInstance(models.TextChoices):
    FIRST = "first", "一审"
    APPEAL = "appeal", "二审"
    RETRIAL = "retrial", "再审"


class PartyKind(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


class LitigationStatus(models.TextChoices):
    RECEIVED = "received", "已收到起诉状（待答辩）"
    DEFENDED = "defended", "已答辩（审理中）"
    JUDGED = "judged", "已作出裁判"
    APPEALED = "appealed", "已提起上诉"
    CLOSED = "closed", "已结案"


class MustAppear(models.TextChoices):
    """行诉法解释(2018)第一百二十九条；出庭应诉规定(2020)第四条."""

    NONE = "", "非必须出庭情形"
    PUBLIC_INTEREST = "public_interest", "涉及重大公共利益"
    PUBLIC_CONCERN = "public_concern", "社会高度关注"
    MASS_INCIDENT = "mass_incident", "可能引发群体性事件"
    COURT_SUGGESTED = "court_suggested", "人民法院书面建议负责人出庭"
    FOOD_DRUG = "food_drug", "食品药品安全、生态环境和资源保护、公共卫生安全案件"


class AppearanceRole(models.TextChoices):
    HEAD = "head", "行政机关正职负责人"
    DEPUTY = "deputy", "副职负责人或其他参与分管的负责人"
    STAFF = "staff", "本机关相应的工作人员（负责人未出庭）"
    LAWYER = "lawyer", "仅委托律师出庭"
    NONE = "none", "负责人和工作人员均未出庭"


HEAD_ROLES = (AppearanceRole.HEAD, AppearanceRole.DEPUTY)


class AbsenceExcuse(models.TextChoices):
    """出庭应诉规定(2020)第八条."""

    NONE = "", "无"
    FORCE_MAJEURE = "force_majeure", "不可抗力"
    ACCIDENT = "accident", "意外事件"
    DUTIES = "duties", "需要履行他人不能代替的公务"
    OTHER = "other", "无法出庭的其他正当事由"


class JudicialTrigger(models.TextChoices):
    """出庭应诉规定(2020)第十二条：人民法院可以向监察机关、上一级行政机关提出司法建议的五种情形."""

    ABSENT_NO_REASON = "absent_no_reason", "应当出庭而不出庭，未说明理由或者理由不成立"
    ABSENT_AFTER_DELAY = "absent_after_delay", "经准许延期开庭后仍不出庭"
    NOBODY = "nobody", "负责人和工作人员均不出庭（仅委托律师或无人出庭）"
    LEFT = "left", "出庭后未经法庭许可中途退庭"
    SILENT = "silent", "出庭后不发表意见或者拒绝说明"


class JudgmentKind(models.TextChoices):
    JUDGMENT = "judgment", "判决"
    RULING = "ruling", "裁定"


class LitigationOutcome(models.TextChoices):
    UPHELD = "upheld", "判决维持"
    REJECTED = "rejected", "判决驳回诉讼请求"
    REVOKED = "revoked", "判决撤销"
    UNLAWFUL = "unlawful", "判决确认违法"
    PERFORM = "perform", "判决责令履行"
    CHANGED = "changed", "判决变更"
    DISMISSED = "dismissed", "裁定驳回起诉"
    WITHDRAWN = "withdrawn", "调解撤诉"
    OTHER = "other", "其他"


#: outcomes where the organ lost (败诉)
LOST_OUTCOMES = (LitigationOutcome.REVOKED, LitigationOutcome.UNLAWFUL, LitigationOutcome.PERFORM,
                 LitigationOutcome.CHANGED)


class ReconRole(models.TextChoices):
    BODY = "body", "县人民政府为复议机关"
    RESPONDENT = "respondent", "本县行政机关为被申请人（上级机关复议）"


class ReconMatter(models.TextChoices):
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LICENCE = "licence", "行政许可"
    CONFIRMATION = "confirmation", "行政确认"
    EXPROPRIATION = "expropriation", "征收征用及补偿"
    DISCLOSURE = "disclosure", "政府信息公开"
    INACTION = "inaction", "不履行法定职责"
    OTHER = "other", "其他"


class ReconStatus(models.TextChoices):
    RECEIVED = "received", "已收到申请（待审查受理）"
    ACCEPTED = "accepted", "已受理（审理中）"
    NOT_ACCEPTED = "not_accepted", "不予受理"
    DECIDED = "decided", "已审结"


class ReconOutcome(models.TextChoices):
    UPHELD = "upheld", "维持"
    REJECTED = "rejected", "驳回"
    REVOKED = "revoked", "撤销"
    CHANGED = "changed", "变更"
    UNLAWFUL = "unlawful", "确认违法"
    PERFORM = "perform", "责令履行"
    MEDIATED = "mediated", "调解"
    SETTLED = "settled", "和解"
    TERMINATED = "terminated", "终止"


#: outcomes that correct the respondent's act (纠错)
CORRECTING = (ReconOutcome.REVOKED, ReconOutcome.CHANGED, ReconOutcome.UNLAWFUL, ReconOutcome.PERFORM)

#: the 2023 Administrative Reconsideration Law applies to applications made on or after this day (第九十条)
RECON_LAW_2023_FROM = datetime.date(2024, 1, 1)


# Litigation ------------------------------------------------------------------------------------------

class LitigationCase(models.Model):
    """One instance of an administrative suit against a county organ (the defendant)."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="被告行政机关", on_delete=models.PROTECT,
                             related_name="litigation_cases")
    instance = models.CharField("审级", max_length=10, choices=LitigationInstance.choices)
    previous = models.ForeignKey("self", verbose_name="前一审级", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="next_instances")
    court = models.CharField("审理法院", max_length=100)
    case_number = models.CharField("案号", max_length=80, unique=True)
    plaintiff_name = models.CharField("原告（上诉人）", max_length=200)
    plaintiff_kind = models.CharField("原告类型", max_length=20, choices=PartyKind.choices)
    act_case = models.ForeignKey("enforcement.Case", verbose_name="被诉执法案件", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="litigation_cases")
    act_text = models.CharField("被诉行政行为", max_length=300, blank=True)
    received_on = models.DateField("收到起诉状副本日期")
    defence_due = models.DateField("答辩期限")
    defended_on = models.DateField("提交答辩状和证据日期", null=True, blank=True)
    must_appear = models.CharField("负责人应当出庭的情形", max_length=20, choices=MustAppear.choices, blank=True,
                                   default="")
    status = models.CharField("状态", max_length=20, choices=LitigationStatus.choices,
                              default=LitigationStatus.RECEIVED, db_index=True)
    judgment_kind = models.CharField("裁判文书类型", max_length=10, choices=JudgmentKind.choices, blank=True)
    outcome = models.CharField("裁判结果", max_length=20, choices=LitigationOutcome.choices, blank=True)
    judged_on = models.DateField("收到裁判文书日期", null=True, blank=True)
    appeal_due = models.DateField("上诉期限", null=True, blank=True)
    appealed_on = models.DateField("提起上诉日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    loss_analysis = models.TextField("败诉原因分析", blank=True)
    imported = models.BooleanField("由Excel导入", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")

    scope_owner = "unit"
    status_tags = {LitigationStatus.RECEIVED: "orange", LitigationStatus.DEFENDED: "blue",
                   LitigationStatus.JUDGED: "blue", LitigationStatus.APPEALED: "orange",
                   LitigationStatus.CLOSED: "green"}

    class Meta:
        verbose_name = "行政应诉案件"
        verbose_name_plural = verbose_name
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"{self.case_number}（{self.get_instance_display()}）"

    def get_absolute_url(self):
        return reverse("oversight:litigation_detail", args=[self.pk])

    @property
    def act_label(self):
        return str(self.act_case) if self.act_case_id else self.act_text

    @property
    def defence_late(self):
        return self.defended_on is not None and self.defended_on > self.defence_due

    @property
    def lost(self):
        return self.outcome in LOST_OUTCOMES


class LitigationHearing(models.Model):
    """A hearing of one instance, with its appearance record (出庭应诉记录)."""

    case = models.ForeignKey(LitigationCase, verbose_name="应诉案件", on_delete=models.CASCADE,
                             related_name="hearings")
    hearing_on = models.DateField("开庭日期")
    notice_on = models.DateField("法院通知负责人出庭的送达日期", null=True, blank=True)
    postponed = models.BooleanField("经准许延期开庭", default=False)
    recorded_on = models.DateField("登记出庭情况日期", null=True, blank=True)
    role = models.CharField("出庭人员身份", max_length=10, choices=AppearanceRole.choices, blank=True)
    appeared_name = models.CharField("出庭负责人/工作人员", max_length=100, blank=True)
    appeared_post = models.CharField("职务", max_length=100, blank=True)
    identity_proof = models.BooleanField("已提交身份证明（姓名、职务并加盖机关印章）", default=False)
    lawyer_present = models.BooleanField("另有委托律师出庭", default=False)
    excuse = models.CharField("负责人不能出庭的事由", max_length=20, choices=AbsenceExcuse.choices, blank=True,
                              default="")
    excuse_proof = models.BooleanField("书面说明已加盖公章或由主要负责人签字", default=False)
    statement = models.TextField("负责人就实质性解决争议发表的意见", blank=True)
    left_early = models.BooleanField("未经法庭许可中途退庭", default=False)
    silent = models.BooleanField("不发表意见或拒绝说明", default=False)
    triggers = models.CharField("可能引发司法建议的情形", max_length=200, blank=True)

    scope_owner = "case__unit"

    class Meta:
        verbose_name = "开庭及出庭应诉记录"
        verbose_name_plural = verbose_name
        ordering = ["hearing_on", "pk"]

    def __str__(self):
        return f"{self.case.case_number} {self.hearing_on:%Y-%m-%d}开庭"

    def get_absolute_url(self):
        return reverse("oversight:hearing_detail", args=[self.pk])

    @property
    def recorded(self):
        return self.recorded_on is not None

    @property
    def head_appeared(self):
        """A qualifying head appeared: the principal or a deputy in charge, with identity proof (出庭应诉规定第二、六条)."""
        return self.recorded and self.role in HEAD_ROLES and self.identity_proof

    @property
    def notice_short(self):
        """The court's notice reached the organ fewer than 3 days before the hearing (出庭应诉规定第五条)."""
        return self.notice_on is not None and (self.hearing_on - self.notice_on).days < 3

    @property
    def trigger_labels(self):
        labels = dict(JudicialTrigger.choices)
        return [labels[c] for c in self.triggers.split(",") if c in labels]


# Reconsideration -----------------------------------------------------------------------------------

class ReconsiderationCase(models.Model):
    """An application for administrative reconsideration (行政复议)."""

    role = models.CharField("本县的身份", max_length=20, choices=ReconRole.choices)
    body_name = models.CharField("复议机关", max_length=100)
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="被申请人", on_delete=models.PROTECT,
                             related_name="reconsideration_cases")
    number = models.CharField("案号", max_length=80, unique=True)
    applicant_name = models.CharField("申请人", max_length=200)
    applicant_kind = models.CharField("申请人类型", max_length=20, choices=PartyKind.choices)
    matter = models.CharField("事项类型", max_length=20, choices=ReconMatter.choices)
    act_case = models.ForeignKey("enforcement.Case", verbose_name="被申请复议的执法案件", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="reconsideration_cases")
    act_text = models.CharField("被申请复议的行政行为", max_length=300, blank=True)
    applied_on = models.DateField("申请日期")
    received_on = models.DateField("收到申请日期")
    accept_due = models.DateField("受理审查期限")
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    not_accepted_reason = models.TextField("不予受理理由", blank=True)
    copy_served_on = models.DateField("被申请人收到申请书副本日期", null=True, blank=True)
    answer_due = models.DateField("答复期限", null=True, blank=True)
    answered_on = models.DateField("提出书面答复日期", null=True, blank=True)
    decision_due = models.DateField("决定期限", null=True, blank=True)
    extension_days = models.PositiveIntegerField("延长天数", default=0)
    extension_approver = models.CharField("批准延长的负责人", max_length=100, blank=True)
    extension_reason = models.TextField("延长理由", blank=True)
    doc_title = models.CharField("一并申请审查的规范性文件", max_length=300, blank=True)
    doc_competent = models.BooleanField("复议机关有权处理该规范性文件", default=True)
    doc_due = models.DateField("规范性文件处理（转送）期限", null=True, blank=True)
    doc_done_on = models.DateField("规范性文件处理（转送）日期", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=ReconStatus.choices, default=ReconStatus.RECEIVED,
                              db_index=True)
    outcome = models.CharField("复议结果", max_length=20, choices=ReconOutcome.choices, blank=True)
    decided_on = models.DateField("审结日期", null=True, blank=True)
    decision_text = models.TextField("决定要旨", blank=True)
    imported = models.BooleanField("由Excel导入", default=False)

    scope_owner = "unit"
    status_tags = {ReconStatus.RECEIVED: "orange", ReconStatus.ACCEPTED: "blue", ReconStatus.NOT_ACCEPTED: "grey",
                   ReconStatus.DECIDED: "green"}

    class Meta:
        verbose_name = "行政复议案件"
        verbose_name_plural = verbose_name
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"行政复议案件{self.number}"

    def get_absolute_url(self):
        return reverse("oversight:recon_detail", args=[self.pk])

    @property
    def law_2023(self):
        """The 2023 law governs applications made on or after 2024-01-01 — by the application's date."""
        return self.applied_on >= RECON_LAW_2023_FROM

    @property
    def law_name(self):
        return "《中华人民共和国行政复议法》（2023年修订）" if self.law_2023 else "《中华人民共和国行政复议法》（2017年修正）"

    @property
    def decision_deadline(self):
        if self.decision_due is None:
            return None
        return self.decision_due + datetime.timedelta(days=self.extension_days)

    @property
    def corrected(self):
        return self.outcome in CORRECTING


class ReconsiderationReturn(models.Model):
    """The yearly totals a reconsideration body reported (上报的年度统计数), compared on the statistics page with
    the case rows; a difference is shown, never forced."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="复议机关所属单位", on_delete=models.PROTECT,
                             related_name="reconsideration_returns")
    year = models.PositiveIntegerField("年度")
    received = models.PositiveIntegerField("收到申请")
    accepted = models.PositiveIntegerField("受理")
    concluded = models.PositiveIntegerField("审结")
    corrected = models.PositiveIntegerField("纠错")

    scope_owner = "unit"

    class Meta:
        verbose_name = "行政复议年度统计上报数"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="oversight_recon_return_unit_year")]

    def __str__(self):
        return f"{self.year}年行政复议统计上报数"
