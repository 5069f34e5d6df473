"""Records of the suggestions part: deputies' suggestions and CPPCC proposals with their handling rounds, the
congress's enforcement inspections and case evaluations, judicial and procuratorial suggestions received by
units, the rectification tasks they raise, and accountability records (问责)."""
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse


class SuggestionKind(models.TextChoices):
    NPC = "npc", "人大代表建议"
    CPPCC = "cppcc", "政协提案"


class SuggestionStatus(models.TextChoices):
    RECEIVED = "received", "待交办"
    ASSIGNED = "assigned", "办理中"
    REPLIED = "replied", "已答复（待反馈）"
    CLOSED = "closed", "已办结"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class Suggestion(models.Model):
    """A deputy's suggestion (人大代表建议) or a member's proposal (政协提案), taken in by the office and handled
    by its lead unit; ``unit`` is the lead unit once assigned (the office's own unit before)."""

    kind = models.CharField("类别", max_length=10, choices=SuggestionKind.choices)
    number = models.CharField("编号", max_length=40)
    title = models.CharField("标题", max_length=300)
    proposer = models.CharField("代表/委员", max_length=100)
    content = models.TextField("内容")
    received_on = models.DateField("收到日期")
    urgent = models.BooleanField("紧急", default=False)
    status = models.CharField("状态", max_length=12, choices=SuggestionStatus.choices,
                              default=SuggestionStatus.RECEIVED)
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="主办单位", on_delete=models.PROTECT,
                             related_name="oversight_suggestions")
    co_units = models.ManyToManyField("orgs.OrgUnit", verbose_name="会办单位", blank=True,
                                      related_name="oversight_co_suggestions")
    assigned = models.BooleanField("已交办", default=False)
    published_on = models.DateField("答复公开日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_owner = "unit"
    status_tags = {SuggestionStatus.RECEIVED: "orange", SuggestionStatus.ASSIGNED: "blue",
                   SuggestionStatus.REPLIED: "orange", SuggestionStatus.CLOSED: "green"}

    class Meta:
        verbose_name = "代表建议/政协提案"
        ordering = ["-received_on", "number"]
        constraints = [models.UniqueConstraint(fields=["kind", "number", "received_on"],
                                               name="oversight_suggestion_unique_number")]

    def __str__(self):
        return f"{self.get_kind_display()}{self.number}：{self.title}"

    def get_absolute_url(self):
        return reverse("oversight:suggestion_detail", args=[self.pk])

    @property
    def current_round(self):
        rounds = list(self.rounds.all())
        return rounds[-1] if rounds else None


class SuggestionRound(models.Model):
    """One round of handling: assignment, the unit's reply (text and file) and the proposer's feedback. A new
    round starts when the proposer is not satisfied; earlier rounds are kept."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField("轮次")
    assigned_on = models.DateField("交办日期")
    due_on = models.DateField("答复期限")
    replied_on = models.DateField("答复日期", null=True, blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    reply_file = models.FileField("答复函", upload_to="oversight/suggestions/%Y/", blank=True)
    satisfaction = models.CharField("代表/委员反馈", max_length=12, choices=Satisfaction.choices, blank=True)
    feedback_on = models.DateField("反馈日期", null=True, blank=True)
    feedback_note = models.TextField("反馈意见", blank=True)

    scope_owner = "suggestion__unit"

    class Meta:
        verbose_name = "办理轮次"
        ordering = ["suggestion_id", "number"]
        constraints = [models.UniqueConstraint(fields=["suggestion", "number"], name="oversight_round_unique")]

    def __str__(self):
        return f"{self.suggestion}（第{self.number}轮）"

    @property
    def on_time(self):
        return self.replied_on is not None and self.replied_on <= self.due_on


class SuggestionCoOpinion(models.Model):
    """A co-handling unit's opinion (协办意见) on a suggestion it was assigned with, for the lead unit to take
    into its reply; kept per round."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="co_opinions")
    round_number = models.PositiveSmallIntegerField("轮次")
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="会办单位", on_delete=models.PROTECT,
                             related_name="oversight_co_opinions")
    text = models.TextField("协办意见")
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提出人", on_delete=models.PROTECT,
                                 related_name="+")
    given_on = models.DateField("提出日期")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_owner = "unit"

    class Meta:
        verbose_name = "协办意见"
        ordering = ["suggestion_id", "round_number", "given_on", "pk"]

    def __str__(self):
        return f"{self.unit}的协办意见（第{self.round_number}轮）"


class AccountabilityGround(models.TextChoices):
    DECISION = "decision", "重大行政决策严重失误或者依法应当及时作出决策而久拖不决"
    PENALTY = "penalty", "违法实施行政处罚或者不履行法定职责"
    DISCLOSURE = "disclosure", "不依法履行政府信息公开义务"
    PETITION = "petition", "信访事项未按规定登记、转送、告知或者未在期限内办结"
    COURT = "court", "行政机关负责人无正当理由不出庭应诉"
    INACTION = "inaction", "其他行政不作为、乱作为"


class AccountabilityForm(models.TextChoices):
    ORDER_CHECK = "check", "责令检查"
    CRITICISM = "criticism", "通报批评"
    ADMONISH = "admonish", "诫勉"
    TRANSFER = "transfer", "调离岗位"
    RESIGN = "resign", "责令辞职"
    WARNING = "warning", "警告"
    DEMERIT = "demerit", "记过"
    MAJOR_DEMERIT = "major_demerit", "记大过"
    DEMOTION = "demotion", "降级"
    DISMISSAL = "dismissal", "撤职"


GROUND_RULES = {
    AccountabilityGround.DECISION: "《重大行政决策程序暂行条例》第三十八条至第四十一条",
    AccountabilityGround.PENALTY: "《中华人民共和国行政处罚法》第七十六条至第八十三条",
    AccountabilityGround.DISCLOSURE: "《中华人民共和国政府信息公开条例》第五十二条、第五十三条",
    AccountabilityGround.PETITION: "《信访条例》第四十条至第四十二条；《信访工作条例》第四十二条至第四十六条",
    AccountabilityGround.COURT: "《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》第十二条",
    AccountabilityGround.INACTION: "《郧西县党风廉政建设主体责任和监督责任追究办法》",
}


class AccountabilityRecord(models.Model):
    """An accountability record (问责): the person, post and unit, the grounds, the record that triggered it
    (any module's record, as content type + id), the form of accountability and its date, the correction."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="被问责人（平台用户）", null=True,
                               blank=True, on_delete=models.PROTECT, related_name="oversight_accountability")
    person_name = models.CharField("被问责人", max_length=50)
    post = models.CharField("职务", max_length=100)
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="所在单位", on_delete=models.PROTECT,
                             related_name="oversight_accountability")
    ground = models.CharField("问责情形", max_length=12, choices=AccountabilityGround.choices)
    facts = models.TextField("问责事实")
    trigger_type = models.ForeignKey(ContentType, verbose_name="引发问责的记录类型", null=True, blank=True,
                                     on_delete=models.PROTECT)
    trigger_id = models.PositiveBigIntegerField("引发问责的记录", null=True, blank=True)
    form = models.CharField("问责方式", max_length=16, choices=AccountabilityForm.choices)
    decided_on = models.DateField("问责决定日期")
    correction = models.TextField("纠正不作为、乱作为情况", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_owner = "unit"

    class Meta:
        verbose_name = "问责记录"
        ordering = ["-decided_on", "-pk"]

    def __str__(self):
        return f"{self.person_name}（{self.post}）：{self.get_form_display()}"

    def get_absolute_url(self):
        return reverse("oversight:accountability_detail", args=[self.pk])

    @property
    def ground_rule(self):
        return GROUND_RULES.get(self.ground, "")

    @property
    def trigger(self):
        if self.trigger_type_id is None or self.trigger_id is None:
            return None
        model = self.trigger_type.model_class()
        return model._default_manager.filter(pk=self.trigger_id).first() if model is not None else None


class InspectionKind(models.TextChoices):
    ENFORCEMENT = "enforcement", "执法检查"
    CASE_EVALUATION = "evaluation", "案件评查"


class CongressInspection(models.Model):
    """An enforcement inspection or case evaluation of the county people's congress (执法检查、案件评查) the
    government joined; ``unit`` is the unit that keeps the record (the office)."""

    kind = models.CharField("类别", max_length=12, choices=InspectionKind.choices)
    title = models.CharField("名称", max_length=300)
    organiser = models.CharField("组织机关", max_length=100, default="县人大常委会")
    held_on = models.DateField("开展日期")
    findings = models.TextField("发现的问题和审议意见")
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="登记单位", on_delete=models.PROTECT,
                             related_name="oversight_inspections")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_owner = "unit"

    class Meta:
        verbose_name = "人大执法检查、案件评查"
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.title}"

    def get_absolute_url(self):
        return reverse("oversight:inspection_detail", args=[self.pk])


class JudicialKind(models.TextChoices):
    JUDICIAL = "judicial", "司法建议"
    PROCURATORIAL = "procuratorial", "检察建议"


class JudicialStatus(models.TextChoices):
    RECEIVED = "received", "待回复"
    REPLIED = "replied", "已回复"


class JudicialSuggestion(models.Model):
    """A judicial suggestion (司法建议) of a court or a procuratorial suggestion (检察建议) received by a unit."""

    kind = models.CharField("类别", max_length=14, choices=JudicialKind.choices)
    issuer = models.CharField("发出机关", max_length=100)
    number = models.CharField("文书编号", max_length=60)
    content = models.TextField("建议内容")
    received_on = models.DateField("收到日期")
    reply_due = models.DateField("回复期限")
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="被建议单位", on_delete=models.PROTECT,
                             related_name="oversight_judicial_suggestions")
    status = models.CharField("状态", max_length=10, choices=JudicialStatus.choices, default=JudicialStatus.RECEIVED)
    replied_on = models.DateField("回复日期", null=True, blank=True)
    reply_text = models.TextField("回复内容", blank=True)
    reply_file = models.FileField("回复函", upload_to="oversight/judicial/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_owner = "unit"
    status_tags = {JudicialStatus.RECEIVED: "orange", JudicialStatus.REPLIED: "green"}

    class Meta:
        verbose_name = "司法建议、检察建议"
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}（{self.issuer}{self.number}）"

    def get_absolute_url(self):
        return reverse("oversight:judicial_detail", args=[self.pk])


class TaskStatus(models.TextChoices):
    OPEN = "open", "整改中"
    REPORTED = "reported", "已报整改完成（待验收）"
    ACCEPTED = "accepted", "已验收"


class RectificationTask(models.Model):
    """A rectification task raised by a congress inspection/case evaluation or by a judicial/procuratorial
    suggestion, tracked to done: the unit reports it done with evidence, the office accepts it (or returns it)."""

    inspection = models.ForeignKey(CongressInspection, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="tasks")
    judicial = models.ForeignKey(JudicialSuggestion, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="tasks")
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="整改单位", on_delete=models.PROTECT,
                             related_name="oversight_rectification_tasks")
    content = models.TextField("整改事项")
    due_on = models.DateField("整改期限")
    status = models.CharField("状态", max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    reported_on = models.DateField("报告完成日期", null=True, blank=True)
    report_text = models.TextField("整改情况", blank=True)
    evidence = models.FileField("整改佐证材料", upload_to="oversight/rectification/%Y/", blank=True)
    accepted_on = models.DateField("验收日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_owner = "unit"
    status_tags = {TaskStatus.OPEN: "blue", TaskStatus.REPORTED: "orange", TaskStatus.ACCEPTED: "green"}

    class Meta:
        verbose_name = "整改任务"
        ordering = ["due_on", "pk"]

    def __str__(self):
        return f"整改任务：{self.content[:30]}"

    def get_absolute_url(self):
        return reverse("oversight:task_detail", args=[self.pk])

    @property
    def source(self):
        return self.inspection or self.judicial
