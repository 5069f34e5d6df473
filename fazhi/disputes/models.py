"""Mediation organisations, mediators and cases (三调联动), dispute clusters, petitions (信访) with their
statutory clocks, and the petition hall's legal duty (RULES.md §11, §12)."""
from django.conf import settings
from django.db import models

from fazhi.core import clock

from .choices import (
    RULES_2022_FROM,
    CaseSource,
    CaseStatus,
    Category,
    Channel,
    ClusterKind,
    ClusterStatus,
    DisputeType,
    Gender,
    GroupPost,
    HouseholdStatus,
    MediationKind,
    NoteKind,
    OrgCategory,
    Outcome,
    PetitionLevel,
    PetitionStatus,
)


class MediationOrg(models.Model):
    """A mediation organisation: a people's mediation committee (village, township, industry), a department
    that mediates administratively, or the court (judicial mediation)."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="所属单位", on_delete=models.PROTECT,
                             related_name="mediation_orgs")
    name = models.CharField("组织名称", max_length=200, unique=True)
    category = models.CharField("类别", max_length=20, choices=OrgCategory.choices)
    kind = models.CharField("调解类型", max_length=20, choices=MediationKind.choices)
    industry = models.CharField("行业或专业领域", max_length=100, blank=True)
    term_start = models.DateField("本届任期起始", null=True, blank=True)
    term_end = models.DateField("本届任期届满", null=True, blank=True)
    is_active = models.BooleanField("有效", default=True)

    scope_owner = "unit"

    class Meta:
        verbose_name = "调解组织"
        verbose_name_plural = verbose_name
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class Mediator(models.Model):
    """A mediator; ``is_member`` marks a member of the committee (委员) as opposed to a mediator only."""

    org = models.ForeignKey(MediationOrg, verbose_name="调解组织", on_delete=models.CASCADE, related_name="mediators")
    name = models.CharField("姓名", max_length=50)
    gender = models.CharField("性别", max_length=10, choices=Gender.choices)
    is_member = models.BooleanField("委员会委员", default=True)
    is_minority = models.BooleanField("少数民族", default=False)
    post = models.CharField("职务", max_length=50, blank=True)
    trained_on = models.DateField("最近一次培训", null=True, blank=True)
    training_hours = models.PositiveIntegerField("本年培训学时", default=0)
    is_active = models.BooleanField("在任", default=True)

    scope_owner = "org__unit"

    class Meta:
        verbose_name = "调解员"
        verbose_name_plural = verbose_name
        ordering = ["org", "name"]

    def __str__(self):
        return self.name


class DisputeCluster(models.Model):
    """A group of related disputes (one development's buyers, one lending collapse) handled under a leading
    group: its members (``group_members``), meetings and the households one by one (一户一档)."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="牵头单位", on_delete=models.PROTECT,
                             related_name="dispute_clusters")
    name = models.CharField("专项名称", max_length=200, unique=True)
    kind = models.CharField("类别", max_length=20, choices=ClusterKind.choices, default=ClusterKind.OTHER)
    leading_group = models.CharField("领导小组", max_length=200)
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="分管领导", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="dispute_clusters_led")
    member_units = models.ManyToManyField("orgs.OrgUnit", verbose_name="成员单位", blank=True,
                                          related_name="dispute_clusters_joined")
    description = models.TextField("基本情况", blank=True)
    approach = models.TextField("化解方式", blank=True)
    set_up_on = models.DateField("成立日期")
    status = models.CharField("状态", max_length=20, choices=ClusterStatus.choices, default=ClusterStatus.HANDLING)
    closed_on = models.DateField("化解日期", null=True, blank=True)
    closing_summary = models.TextField("化解总结", blank=True)

    scope_owner = "unit"
    status_tags = {ClusterStatus.HANDLING: "orange", ClusterStatus.RESOLVED: "green"}

    class Meta:
        verbose_name = "矛盾纠纷专项化解"
        verbose_name_plural = verbose_name
        ordering = ["-set_up_on", "-pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("disputes:cluster_detail", args=[self.pk])


class ClusterMember(models.Model):
    """A post in the leading group held by a person (platform account) or a unit, from/to."""

    cluster = models.ForeignKey(DisputeCluster, verbose_name="专项", on_delete=models.CASCADE,
                                related_name="group_members")
    post = models.CharField("职务", max_length=20, choices=GroupPost.choices)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="人员", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="单位", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    title = models.CharField("职务说明", max_length=100, blank=True)
    from_on = models.DateField("起始日期")
    to_on = models.DateField("截止日期", null=True, blank=True)

    scope_owner = "cluster__unit"

    class Meta:
        verbose_name = "领导小组成员"
        verbose_name_plural = verbose_name
        ordering = ["cluster", "post", "from_on", "pk"]

    def __str__(self):
        holder = self.person.full_name if self.person_id else str(self.unit)
        return f"{self.get_post_display()} {holder}"


class ClusterMeeting(models.Model):
    """A meeting of the leading group: date, chair, attendees, topics, decisions."""

    cluster = models.ForeignKey(DisputeCluster, verbose_name="专项", on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField("会议日期")
    chair = models.CharField("主持人", max_length=100)
    attendees = models.TextField("参会人员")
    topics = models.TextField("议题")
    decisions = models.TextField("议定事项")

    scope_owner = "cluster__unit"

    class Meta:
        verbose_name = "领导小组会议"
        verbose_name_plural = verbose_name
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.chair}"


class MediationCase(models.Model):
    """One dispute under mediation. A referral between the three kinds (三调联动) moves the same case to the
    receiving organisation once it takes it over; every step stays in ``steps`` (one case history)."""

    org = models.ForeignKey(MediationOrg, verbose_name="调解组织", on_delete=models.PROTECT, related_name="cases")
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="办理单位", on_delete=models.PROTECT,
                             related_name="mediation_cases")
    kind = models.CharField("调解类型", max_length=20, choices=MediationKind.choices)
    number = models.CharField("编号", max_length=60, unique=True)
    title = models.CharField("纠纷简要", max_length=200)
    dispute_type = models.CharField("纠纷类型", max_length=20, choices=DisputeType.choices)
    source = models.CharField("来源", max_length=20, choices=CaseSource.choices)
    parties = models.TextField("当事人", help_text="每行一名当事人（姓名或名称）")
    facts = models.TextField("纠纷事实", blank=True)
    cluster = models.ForeignKey(DisputeCluster, verbose_name="所属专项", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="cases")
    households = models.PositiveIntegerField("涉及户数", default=1)
    registered_on = models.DateField("受理日期")
    target_due = models.DateField("调解目标期限")
    status = models.CharField("状态", max_length=20, choices=CaseStatus.choices, default=CaseStatus.REGISTERED)
    refused_on = models.DateField("拒绝调解日期", null=True, blank=True)
    refused_by = models.CharField("拒绝调解的当事人", max_length=100, blank=True)
    # agreement (人民调解法第二十九条)
    agreed_on = models.DateField("协议日期", null=True, blank=True)
    agreement_issues = models.TextField("纠纷的主要事实、争议事项", blank=True)
    agreement_responsibilities = models.TextField("各方当事人的责任", blank=True)
    agreement_terms = models.TextField("协议内容", blank=True)
    performance = models.TextField("履行方式和期限", blank=True)
    agreement_scan = models.FileField("协议书扫描件", upload_to="disputes/agreements/%Y/", blank=True)
    effective_on = models.DateField("协议生效日期", null=True, blank=True)
    confirmation_due = models.DateField("申请司法确认期限", null=True, blank=True)
    confirmation_applied_on = models.DateField("申请司法确认日期", null=True, blank=True)
    performed_on = models.DateField("履行完毕日期", null=True, blank=True)
    failed_on = models.DateField("调解终止日期", null=True, blank=True)
    routes_told = models.TextField("告知的其他途径", blank=True)
    may_turn_criminal = models.BooleanField("可能激化为刑事案件", default=False)
    escalated_to = models.ForeignKey("orgs.OrgUnit", verbose_name="已报告单位", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="escalated_mediation_cases")
    referral_to = models.ForeignKey(MediationOrg, verbose_name="移交至", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="incoming_referrals")
    petition = models.ForeignKey("disputes.Petition", verbose_name="关联信访事项", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="mediation_cases")
    lawyers = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name="参与律师", blank=True,
                                     related_name="mediation_cases")

    scope_owner = "unit"
    status_tags = {CaseStatus.REGISTERED: "blue", CaseStatus.MEDIATING: "blue", CaseStatus.REFUSED: "grey",
                   CaseStatus.AGREED: "orange", CaseStatus.EFFECTIVE: "green", CaseStatus.FAILED: "red",
                   CaseStatus.REFERRED: "orange"}

    class Meta:
        verbose_name = "调解案件"
        verbose_name_plural = verbose_name
        ordering = ["-registered_on", "-pk"]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("disputes:case_detail", args=[self.pk])


class ClusterHousehold(models.Model):
    """One household of a cluster (一户一档): its claim, the handling unit, status and last contact."""

    cluster = models.ForeignKey(DisputeCluster, verbose_name="专项", on_delete=models.CASCADE,
                                related_name="households")
    name = models.CharField("户主姓名", max_length=100)
    name_key = models.CharField(max_length=100, editable=False)
    request = models.TextField("诉求")
    amount = models.DecimalField("涉及金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    handler = models.ForeignKey("orgs.OrgUnit", verbose_name="包户单位", on_delete=models.PROTECT, related_name="+")
    status = models.CharField("化解状态", max_length=20, choices=HouseholdStatus.choices, default=HouseholdStatus.OPEN)
    last_contact_on = models.DateField("最近联系日期", null=True, blank=True)
    note = models.TextField("备注", blank=True)
    petition = models.ForeignKey("disputes.Petition", verbose_name="关联信访事项", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="cluster_households")
    case = models.ForeignKey(MediationCase, verbose_name="关联调解案件", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="cluster_households")

    scope_owner = "cluster__unit"
    status_tags = {HouseholdStatus.OPEN: "red", HouseholdStatus.HANDLING: "orange", HouseholdStatus.RESOLVED: "green"}

    class Meta:
        verbose_name = "专项涉及户"
        verbose_name_plural = verbose_name
        ordering = ["cluster", "pk"]
        constraints = [models.UniqueConstraint(fields=["cluster", "name_key"], name="disputes_household_name")]

    def __str__(self):
        return self.name


class MediationStep(models.Model):
    """The case history: registration, sessions, refusal, agreement, failure, referral and takeover."""

    case = models.ForeignKey(MediationCase, verbose_name="调解案件", on_delete=models.CASCADE, related_name="steps")
    org = models.ForeignKey(MediationOrg, verbose_name="调解组织", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("调解类型", max_length=20, choices=MediationKind.choices)
    occurred_on = models.DateField("日期")
    label = models.CharField("环节", max_length=50)
    text = models.TextField("记录")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    scope_owner = "case__unit"

    class Meta:
        verbose_name = "调解记录"
        verbose_name_plural = verbose_name
        ordering = ["occurred_on", "pk"]

    def __str__(self):
        return f"{self.occurred_on:%Y-%m-%d} {self.label}"


class MediatorTraining(models.Model):
    """One training a mediator attended (date, hours, content)."""

    mediator = models.ForeignKey(Mediator, verbose_name="调解员", on_delete=models.CASCADE, related_name="trainings")
    on = models.DateField("培训日期")
    hours = models.PositiveIntegerField("学时")
    topic = models.CharField("培训内容", max_length=200)
    organiser = models.CharField("举办单位", max_length=100, blank=True)

    scope_owner = "mediator__org__unit"

    class Meta:
        verbose_name = "调解员培训记录"
        verbose_name_plural = verbose_name
        ordering = ["-on", "pk"]

    def __str__(self):
        return f"{self.on:%Y-%m-%d} {self.topic}"


class MediationReturn(models.Model):
    """An organisation's annual statistical return (the figures committees report on paper), by type."""

    org = models.ForeignKey(MediationOrg, verbose_name="调解组织", on_delete=models.CASCADE, related_name="returns")
    year = models.PositiveIntegerField("年度")
    accepted = models.PositiveIntegerField("受理纠纷（合计）")
    succeeded = models.PositiveIntegerField("调解成功（合计）")
    screenings = models.PositiveIntegerField("开展排查（次）", default=0)
    found = models.PositiveIntegerField("排查发现纠纷（件）", default=0)

    scope_owner = "org__unit"

    class Meta:
        verbose_name = "调解统计报表"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="disputes_return_org_year")]

    def __str__(self):
        return f"{self.org}（{self.year}年）"


class MediationReturnLine(models.Model):
    report = models.ForeignKey(MediationReturn, on_delete=models.CASCADE, related_name="lines")
    dispute_type = models.CharField("纠纷类型", max_length=20, choices=DisputeType.choices)
    accepted = models.PositiveIntegerField("受理")
    succeeded = models.PositiveIntegerField("成功")

    scope_owner = "report__org__unit"

    def __str__(self):
        return self.get_dispute_type_display()


class Petition(models.Model):
    """One petition matter (信访事项) of one petitioner: one person, one matter — repeated visits, letters and
    calls on the same matter are ``contacts``, counted in ``repeat_count``, never a second matter."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="办理单位", on_delete=models.PROTECT,
                             related_name="petitions")
    office = models.ForeignKey("orgs.OrgUnit", verbose_name="登记的信访工作机构", on_delete=models.PROTECT,
                               related_name="petitions_registered")
    number = models.CharField("编号", max_length=60, unique=True)
    receipt_code = models.CharField("查询码", max_length=12, unique=True)
    channel = models.CharField("来源渠道", max_length=20, choices=Channel.choices)
    petitioner_name = models.CharField("信访人", max_length=100)
    petitioner_key = models.CharField(max_length=100, db_index=True, editable=False)
    phone = models.CharField("联系电话", max_length=30)
    phone_key = models.CharField(max_length=30, editable=False)
    id_number = models.CharField("身份证号", max_length=18, blank=True)
    address = models.CharField("住址", max_length=200, blank=True)
    persons = models.PositiveIntegerField("人数", default=1)
    event_on = models.DateField("事项发生日期", help_text="据此适用2005年《信访条例》或2022年《信访工作条例》")
    received_on = models.DateField("收到日期")
    category = models.CharField("类别", max_length=20, choices=Category.choices)
    level = models.CharField("难易程度", max_length=20, choices=PetitionLevel.choices, default=PetitionLevel.GENERAL)
    request = models.TextField("诉求")
    facts = models.TextField("事实和理由")
    subject_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="被反映人（平台账号）", null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="petitions_about")
    subject_name = models.CharField("被反映人", max_length=100, blank=True)
    leader_in_charge = models.CharField("包案领导", max_length=100, blank=True)
    lawyers = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name="参与律师", blank=True,
                                     related_name="petitions_assisted")
    cluster = models.ForeignKey(DisputeCluster, verbose_name="所属专项", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="petitions")
    status = models.CharField("状态", max_length=20, choices=PetitionStatus.choices, default=PetitionStatus.REGISTERED)
    repeat_count = models.PositiveIntegerField("重复信访次数", default=0)
    # clocks
    route_due = models.DateField("转送期限")
    routed_on = models.DateField("转送日期", null=True, blank=True)
    accept_due = models.DateField("受理告知期限", null=True, blank=True)
    objection_due = models.DateField("管辖异议期限", null=True, blank=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    notified_on = models.DateField("书面告知日期", null=True, blank=True)
    not_accepted_reason = models.TextField("不予受理理由", blank=True)
    handle_due = models.DateField("办理期限", null=True, blank=True)
    extension_days = models.PositiveIntegerField("延长天数", default=0)
    extension_reason = models.TextField("延长理由", blank=True)
    extension_approver = models.CharField("批准延长的负责人", max_length=100, blank=True)
    extension_told_on = models.DateField("告知信访人延期日期", null=True, blank=True)
    answered_on = models.DateField("出具处理意见日期", null=True, blank=True)
    outcome = models.CharField("处理结果", max_length=20, choices=Outcome.choices, blank=True)
    opinion_facts = models.TextField("查明事实", blank=True)
    opinion_reasons = models.TextField("理由", blank=True)
    opinion_decision = models.TextField("处理意见", blank=True)
    legal_basis = models.TextField("法律依据", blank=True)
    review_request_due = models.DateField("复查申请期限", null=True, blank=True)
    review_requested_on = models.DateField("申请复查日期", null=True, blank=True)
    review_due = models.DateField("复查期限", null=True, blank=True)
    reviewed_on = models.DateField("复查意见日期", null=True, blank=True)
    review_opinion = models.TextField("复查意见", blank=True)
    recheck_request_due = models.DateField("复核申请期限", null=True, blank=True)
    recheck_requested_on = models.DateField("申请复核日期", null=True, blank=True)
    recheck_due = models.DateField("复核期限", null=True, blank=True)
    rechecked_on = models.DateField("复核意见日期", null=True, blank=True)
    recheck_opinion = models.TextField("复核意见", blank=True)
    # 疑难信访 包案 (《信访工作条例》第十八条)
    resolved_on = models.DateField("化解日期", null=True, blank=True)
    resolution = models.TextField("化解结果", blank=True)

    scope_owner = "unit"
    status_tags = {PetitionStatus.REGISTERED: "blue", PetitionStatus.ROUTED: "blue", PetitionStatus.ACCEPTED: "orange",
                   PetitionStatus.NOT_ACCEPTED: "grey", PetitionStatus.ANSWERED: "green",
                   PetitionStatus.REVIEW: "orange", PetitionStatus.REVIEWED: "green",
                   PetitionStatus.RECHECK: "orange", PetitionStatus.FINAL: "grey"}

    class Meta:
        verbose_name = "信访事项"
        verbose_name_plural = verbose_name
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("disputes:petition_detail", args=[self.pk])

    @property
    def rules_2022(self):
        """The 2022 工作条例 governs a matter whose event is on or after 2022-05-01 (by the event's date)."""
        return self.event_on >= RULES_2022_FROM

    @property
    def rule_name(self):
        return "《信访工作条例》" if self.rules_2022 else "《信访条例》"

    @property
    def handle_deadline(self):
        import datetime

        if self.handle_due is None:
            return None
        return self.handle_due + datetime.timedelta(days=self.extension_days) if self.extension_days else self.handle_due

    def clocks(self, today=None):
        """Each clock of the matter: (label, due, done, late) — late when done after due, or still open past it."""
        today = today or clock.today()
        rows = [("转送", self.route_due, self.routed_on), ("受理告知", self.accept_due, self.notified_on),
                ("办理", self.handle_deadline, self.answered_on), ("复查", self.review_due, self.reviewed_on),
                ("复核", self.recheck_due, self.rechecked_on)]
        out = []
        for label, due, done in rows:
            if due is None:
                continue
            late = (done > due) if done else (today > due)
            out.append({"label": label, "due": due, "done": done, "late": late})
        return out


class PetitionNote(models.Model):
    """A difficult case's handling record under the leader in charge (包案): a meeting (date, content) or a
    household visit / progress note."""

    petition = models.ForeignKey(Petition, verbose_name="信访事项", on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField("类型", max_length=20, choices=NoteKind.choices)
    on = models.DateField("日期")
    text = models.TextField("内容")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    scope_owner = "petition__unit"

    class Meta:
        verbose_name = "疑难信访包案记录"
        verbose_name_plural = verbose_name
        ordering = ["on", "pk"]

    def __str__(self):
        return f"{self.on:%Y-%m-%d} {self.get_kind_display()}"


class PetitionContact(models.Model):
    """One registration (visit, letter, call…) of a matter; the first is the matter's own, the rest repeats."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="contacts")
    channel = models.CharField("渠道", max_length=20, choices=Channel.choices)
    received_on = models.DateField("日期")
    note = models.TextField("内容", blank=True)
    is_repeat = models.BooleanField("重复信访", default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    scope_owner = "petition__unit"

    class Meta:
        ordering = ["received_on", "pk"]

    def __str__(self):
        return f"{self.received_on:%Y-%m-%d} {self.get_channel_display()}"


class HallDuty(models.Model):
    """A duty lawyer's shift in the petition hall (访前法律工作室): visitors received, disputes taken part in."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="信访大厅所属单位", on_delete=models.PROTECT,
                             related_name="hall_duties")
    lawyer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="值守律师", on_delete=models.PROTECT,
                               related_name="hall_duties")
    day = models.DateField("值守日期")
    visitors = models.PositiveIntegerField("接待人数", default=0)
    general_disputes = models.PositiveIntegerField("参与化解一般信访纠纷（件）", default=0)
    difficult_disputes = models.PositiveIntegerField("参与化解疑难信访纠纷（件）", default=0)
    advice = models.TextField("主要事项和法律意见", blank=True)

    scope_owner = "unit"
    scope_person = "lawyer"

    class Meta:
        verbose_name = "信访大厅律师值守"
        verbose_name_plural = verbose_name
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.lawyer}"
