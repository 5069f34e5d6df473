"""Enforcement bodies, officers and certificates, cases and the three systems (RULES.md §5–§7).

A case cites the power item it exercises (``power_item``, a listed item of the body's unit in force
on the day of 立案); its code and name are also kept as text, as they read on that day.
"""

from django.conf import settings
from django.db import models

from fazhi.core import clock

from .choices import (
    Act,
    CaseKind,
    CaseStatus,
    CertificateStatus,
    CoerciveMeasure,
    FileKind,
    HearingKind,
    PartyKind,
    PersonRole,
    PublicationStatus,
    StaffingKind,
    Step,
)


class EnforcementBody(models.Model):
    """执法主体: a unit that enforces in its own name, its legal basis and the powers it exercises."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="所属单位", on_delete=models.PROTECT,
                             related_name="enforcement_bodies")
    name = models.CharField("执法主体名称", max_length=200)
    body_type = models.CharField("主体类别", max_length=50, default="法定行政机关")
    legal_basis = models.TextField("设立及执法依据")
    powers = models.TextField("行使的执法职权", blank=True, help_text="权责清单中的事项，每行一项")
    procedures = models.TextField("执法程序", blank=True)
    remedies = models.TextField("救济途径", blank=True,
                                default="对行政执法决定不服的，可以依法申请行政复议或者提起行政诉讼。")
    major_catalogue = models.TextField("重大执法决定法制审核目录", blank=True)
    major_fine_threshold = models.DecimalField("重大案件罚没金额标准（元）", max_digits=14, decimal_places=2,
                                               null=True, blank=True, help_text="留空则采用全县统一标准")
    is_active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    scope_owner = "unit"

    class Meta:
        verbose_name = "执法主体"
        verbose_name_plural = verbose_name
        ordering = ["unit__path", "name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="enforcement_body_name_unique")]

    def __str__(self):
        return self.name


class OfficerQuerySet(models.QuerySet):
    def certified_on(self, day):
        return self.filter(status=CertificateStatus.VALID, valid_until__gte=day, issued_on__lte=day)

    def with_current_status(self, day):
        """Annotate ``current_status`` (a valid certificate past its date counts as expired on ``day``) and
        ``is_overdue`` (such a lapsed certificate, the row mark of the officer list)."""
        lapsed = models.Q(status=CertificateStatus.VALID, valid_until__lt=day)
        return self.annotate(
            current_status=models.Case(models.When(lapsed, then=models.Value(CertificateStatus.EXPIRED.value)),
                                       default=models.F("status"), output_field=models.CharField()),
            is_overdue=models.ExpressionWrapper(lapsed, output_field=models.BooleanField()))


class Officer(models.Model):
    """行政执法人员 and the certificate he or she holds (one current certificate per person)."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="所在单位", on_delete=models.PROTECT,
                             related_name="enforcement_officers")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name="平台账号", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="officer_profile")
    name = models.CharField("姓名", max_length=50)
    id_number = models.CharField("身份证号", max_length=18, unique=True, help_text="不公开，仅用于资格审核")
    post = models.CharField("职务/岗位", max_length=100, blank=True)
    staffing = models.CharField("编制类别", max_length=30, choices=StaffingKind.choices,
                                default=StaffingKind.ADMINISTRATIVE)
    certificate_no = models.CharField("执法证号", max_length=40, unique=True)
    certificate_type = models.CharField("证件类型", max_length=50, default="湖北省人民政府行政执法证")
    issuer = models.CharField("发证机关", max_length=100, default="郧西县人民政府")
    issued_on = models.DateField("发证日期")
    valid_until = models.DateField("有效期至")
    exam_score = models.PositiveSmallIntegerField("资格考试成绩", null=True, blank=True)
    legal_qualification = models.BooleanField("具有法律职业资格", default=False)
    status = models.CharField("证件状态", max_length=20, choices=CertificateStatus.choices,
                              default=CertificateStatus.VALID)
    status_reason = models.CharField("状态说明", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = OfficerQuerySet.as_manager()

    scope_owner = "unit"
    scope_person = "user"
    status_tags = {CertificateStatus.VALID: "green", CertificateStatus.EXPIRED: "red",
                   CertificateStatus.SUSPENDED: "orange", CertificateStatus.WITHDRAWN: "grey"}
    current_status_tags = status_tags  # the status as of today (``OfficerQuerySet.with_current_status``)

    class Meta:
        verbose_name = "行政执法人员"
        verbose_name_plural = verbose_name
        ordering = ["unit__path", "name"]

    def __str__(self):
        return f"{self.name}（{self.certificate_no}）"

    def is_certified(self, day=None):
        day = day or clock.today()
        return self.status == CertificateStatus.VALID and self.issued_on <= day <= self.valid_until

    def get_current_status_display(self):
        return CertificateStatus(self.current_status).label

    def effective_status(self, day=None):
        """The status as of ``day``: a valid certificate past its date counts as expired."""
        day = day or clock.today()
        if self.status == CertificateStatus.VALID and self.valid_until < day:
            return CertificateStatus.EXPIRED
        return CertificateStatus(self.status)


class CertificateIssue(models.Model):
    """Each issue or re-issue of an officer's certificate (申领、换发), kept for the yearly figures."""

    officer = models.ForeignKey(Officer, verbose_name="执法人员", on_delete=models.CASCADE, related_name="issues")
    certificate_no = models.CharField("执法证号", max_length=40)
    issued_on = models.DateField("发证日期", db_index=True)
    valid_until = models.DateField("有效期至")
    renewal = models.BooleanField("换发", default=False)

    scope_owner = "officer__unit"
    scope_person = "officer__user"

    class Meta:
        verbose_name = "执法证发证记录"
        verbose_name_plural = verbose_name
        ordering = ["-issued_on", "-id"]

    def __str__(self):
        return f"{self.certificate_no} {self.issued_on}"


class Training(models.Model):
    """执法培训: hours an officer attended (the annual requirement is a rule setting)."""

    officer = models.ForeignKey(Officer, verbose_name="执法人员", on_delete=models.CASCADE, related_name="trainings")
    title = models.CharField("培训名称", max_length=200)
    held_on = models.DateField("培训日期")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    provider = models.CharField("组织单位", max_length=100, blank=True)

    scope_owner = "officer__unit"
    scope_person = "officer__user"

    class Meta:
        verbose_name = "执法培训"
        verbose_name_plural = verbose_name
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.officer.name} {self.title} {self.hours}学时"


class InspectionItem(models.Model):
    """随机抽查事项清单 (双随机、一公开): published before any inspection."""

    body = models.ForeignKey(EnforcementBody, verbose_name="执法主体", on_delete=models.PROTECT,
                             related_name="inspection_items")
    name = models.CharField("抽查事项", max_length=200)
    basis = models.TextField("抽查依据")
    targets = models.CharField("抽查对象", max_length=200)
    method = models.CharField("抽查方式", max_length=100, default="双随机、一公开")
    ratio = models.CharField("抽查比例和频次", max_length=100, blank=True)
    year = models.PositiveSmallIntegerField("年度")

    scope_owner = "body__unit"

    class Meta:
        verbose_name = "随机抽查事项"
        verbose_name_plural = verbose_name
        ordering = ["-year", "body__name", "name"]

    def __str__(self):
        return self.name


OPEN_STATUSES = [CaseStatus.REGISTERED, CaseStatus.INVESTIGATING, CaseStatus.NOTIFIED, CaseStatus.HEARING,
                 CaseStatus.REVIEW, CaseStatus.REVIEWED]


class CaseQuerySet(models.QuerySet):
    def undecided(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today):
        return self.undecided().filter(decision_due__lt=today)


class Case(models.Model):
    """执法案件 and where it stands in its procedure."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="办案单位", on_delete=models.PROTECT,
                             related_name="enforcement_cases")
    body = models.ForeignKey(EnforcementBody, verbose_name="执法主体", on_delete=models.PROTECT, related_name="cases")
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="主办人", on_delete=models.PROTECT,
                                related_name="enforcement_cases")
    officers = models.ManyToManyField(Officer, verbose_name="执法人员", related_name="cases", blank=True)
    number = models.CharField("案号", max_length=80, unique=True)
    kind = models.CharField("案件类别", max_length=20, choices=CaseKind.choices)
    # The power item as text until the power list's models settle (then: FK to powers.PowerItem).
    power_item = models.ForeignKey("powers.PowerItem", verbose_name="权责事项", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="cases")
    power_code = models.CharField("权责事项编码", max_length=60, blank=True)
    power_name = models.CharField("权责事项名称", max_length=200, blank=True)
    title = models.CharField("案由", max_length=300)
    facts = models.TextField("基本事实", blank=True)
    status = models.CharField("状态", max_length=20, choices=CaseStatus.choices, default=CaseStatus.REGISTERED,
                              db_index=True)
    registered_on = models.DateField("立案日期", db_index=True)
    decision_due = models.DateField("决定期限", null=True, blank=True)
    # intended penalty (告知)
    fine_amount = models.DecimalField("罚没金额（元）", max_digits=14, decimal_places=2, default=0)
    confiscation = models.BooleanField("没收较大数额违法所得或非法财物", default=False)
    licence_revocation = models.BooleanField("降低资质等级或吊销许可证件", default=False)
    closure = models.BooleanField("责令停产停业、关闭或限制从业", default=False)
    coercive_measure = models.CharField("行政强制措施", max_length=20, choices=CoerciveMeasure.choices,
                                        blank=True, default="")
    notified_on = models.DateField("告知日期", null=True, blank=True)
    statement_due = models.DateField("陈述申辩/听证申请期限", null=True, blank=True)
    rights_waived = models.BooleanField("当事人放弃陈述申辩和听证", default=False)
    hearing_kind = models.CharField("陈述申辩/听证", max_length=20, choices=HearingKind.choices, blank=True)
    hearing_requested_on = models.DateField("申请日期", null=True, blank=True)
    hearing_notice_on = models.DateField("听证通知日期", null=True, blank=True)
    hearing_on = models.DateField("听证日期", null=True, blank=True)
    major_reasons = models.JSONField("重大执法决定情形", default=list, blank=True)
    decision_number = models.CharField("决定书文号", max_length=80, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True, db_index=True)
    decision = models.TextField("决定内容", blank=True)
    service_due = models.DateField("送达期限", null=True, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    executed_on = models.DateField("执行日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    revoked_on = models.DateField("决定变更/撤销日期", null=True, blank=True)
    revoke_reason = models.CharField("变更/撤销原因", max_length=300, blank=True)
    # head of the full-process record chain (detects deletion of the last record)
    record_count = models.PositiveIntegerField("记录条数", default=0)
    record_head = models.CharField("记录链尾校验值", max_length=64, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    scope_owner = "unit"
    scope_person = "handler"
    status_tags = {
        CaseStatus.REGISTERED: "blue", CaseStatus.INVESTIGATING: "blue", CaseStatus.NOTIFIED: "orange",
        CaseStatus.HEARING: "orange", CaseStatus.REVIEW: "orange", CaseStatus.REVIEWED: "blue",
        CaseStatus.DECIDED: "green", CaseStatus.SERVED: "green", CaseStatus.EXECUTED: "green",
        CaseStatus.CLOSED: "grey",
    }

    class Meta:
        verbose_name = "执法案件"
        verbose_name_plural = verbose_name
        ordering = ["-registered_on", "-id"]
        indexes = [models.Index(fields=["unit", "-registered_on", "-id"], name="enf_case_unit_reg")]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def is_major(self):
        return bool(self.major_reasons)

    def major_reason_labels(self):
        from .choices import MajorReason

        labels = dict(MajorReason.choices)
        return [labels.get(r, r) for r in self.major_reasons]

    @property
    def has_minor_party(self):
        return any(p.is_minor for p in self.parties.all())


class CaseParty(models.Model):
    """当事人: a natural person, a 个体工商户 (with its operator, a natural person) or a legal person/other
    organisation (with its legal representative or person in charge and an authorised agent). Every natural
    person here is private and masked on public pages (``persons_known``); registered names and credit
    codes are public."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="parties")
    kind = models.CharField("当事人类型", max_length=20, choices=PartyKind.choices, default=PartyKind.PERSON)
    name = models.CharField("姓名/名称", max_length=200)
    aliases = models.CharField("别名/简称", max_length=200, blank=True,
                               help_text="文书中可能出现的其他写法，如小名、简称，用逗号分隔；公开时一并脱敏")
    id_number = models.CharField("身份证号/统一社会信用代码", max_length=30, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    address = models.CharField("住址/住所", max_length=200, blank=True)
    is_minor = models.BooleanField("未成年人", default=False)
    operator_name = models.CharField("经营者姓名", max_length=50, blank=True, help_text="个体工商户的经营者")
    operator_id_number = models.CharField("经营者身份证号", max_length=30, blank=True)
    representative_name = models.CharField("法定代表人/负责人", max_length=50, blank=True)
    agent_name = models.CharField("委托代理人", max_length=50, blank=True)
    agent_id_number = models.CharField("委托代理人身份证号", max_length=30, blank=True)

    scope_owner = "case__unit"
    scope_person = "case__handler"

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = verbose_name
        ordering = ["id"]

    def __str__(self):
        return self.name

    @property
    def is_registered(self):
        from .choices import REGISTERED_KINDS

        return self.kind in REGISTERED_KINDS

    @property
    def public_name(self):
        """The party as published: a natural person's name masked; a registered name as it is, with the
        credit code, and a 个体工商户's operator masked."""
        from fazhi.core.masking import mask_name

        if not self.is_registered:
            return mask_name(self.name)
        extra = []
        if self.kind == PartyKind.INDIVIDUAL_BUSINESS and self.operator_name:
            extra.append(f"经营者：{mask_name(self.operator_name)}")
        if self.id_number:
            extra.append(f"统一社会信用代码：{self.id_number}")
        return f"{self.name}（{'，'.join(extra)}）" if extra else self.name

    def persons_known(self):
        """The natural persons this party stands for or names (``masking.Person``)."""
        from fazhi.core.masking import Person, split_aliases

        people = []
        if self.kind == PartyKind.PERSON:
            people.append(Person(self.name, split_aliases(self.aliases), (self.id_number, self.phone),
                                 (self.address,)))
        elif self.kind == PartyKind.INDIVIDUAL_BUSINESS and self.operator_name:
            people.append(Person(self.operator_name, split_aliases(self.aliases),
                                 (self.operator_id_number, self.phone), (self.address,)))
        elif self.phone:
            people.append(Person("", (), (self.phone,), ()))
        if self.representative_name:
            people.append(Person(self.representative_name))
        if self.agent_name:
            people.append(Person(self.agent_name, (), (self.agent_id_number,), ()))
        return [p for p in people if p.name or p.numbers]


class CasePerson(models.Model):
    """Another natural person a case knows (a spouse or child named in the facts, a witness, an employee):
    kept so that every public text masks him or her too."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="persons")
    role = models.CharField("身份", max_length=20, choices=PersonRole.choices, default=PersonRole.RELATIVE)
    relation = models.CharField("与当事人关系", max_length=50, blank=True, help_text="如：当事人之妻、当事人之子")
    name = models.CharField("姓名", max_length=50)
    aliases = models.CharField("别名/简称", max_length=200, blank=True, help_text="用逗号分隔")
    id_number = models.CharField("身份证号", max_length=30, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    address = models.CharField("住址", max_length=200, blank=True)

    scope_owner = "case__unit"
    scope_person = "case__handler"

    class Meta:
        verbose_name = "案件相关人员"
        verbose_name_plural = verbose_name
        ordering = ["id"]

    def __str__(self):
        return f"{self.get_role_display()} {self.name}"

    def persons_known(self):
        from fazhi.core.masking import Person, split_aliases

        return [Person(self.name, split_aliases(self.aliases), (self.id_number, self.phone), (self.address,))]


def record_upload_to(instance, filename):
    return f"enforcement/records/{instance.case_id}/{instance.seq:04d}-{filename}"


class CaseRecord(models.Model):
    """全过程记录: one append-only, hash-chained entry of a case's record (see records.py)."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="records")
    seq = models.PositiveIntegerField("序号")
    step = models.CharField("环节", max_length=20, choices=Step.choices)
    act = models.CharField("行为", max_length=20, choices=Act.choices, default=Act.GENERAL)
    at = models.DateTimeField("记录时间")
    occurred_on = models.DateField("发生日期")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField("记录人姓名", max_length=100, blank=True)
    officers = models.CharField("在场执法人员及证号", max_length=300, blank=True)
    text = models.TextField("文字记录")
    file = models.FileField("附件", upload_to=record_upload_to, blank=True, max_length=300)
    file_name = models.CharField("附件名称", max_length=200, blank=True)
    file_kind = models.CharField("附件类型", max_length=20, choices=FileKind.choices, blank=True)
    file_sha256 = models.CharField("附件指纹", max_length=64, blank=True)
    file_size = models.PositiveBigIntegerField("附件大小", default=0)
    prev_hash = models.CharField("前一条记录的校验值", max_length=64)
    hash = models.CharField("校验值", max_length=64)

    scope_owner = "case__unit"
    scope_person = "case__handler"

    class Meta:
        verbose_name = "全过程记录"
        verbose_name_plural = verbose_name
        ordering = ["case", "seq"]
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="enforcement_record_case_seq")]

    def __str__(self):
        return f"{self.case_id}#{self.seq} {self.get_step_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("全过程记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("全过程记录只能追加，不能删除。")

    @property
    def is_av(self):
        from .choices import AV_KINDS

        return self.file_kind in AV_KINDS


class MajorReview(models.Model):
    """重大执法决定法制审核意见: by a reviewer with legal-professional qualification."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", on_delete=models.PROTECT,
                                 related_name="+")
    reviewer_name = models.CharField("审核人姓名", max_length=50)
    opinion = models.TextField("审核意见")
    passed = models.BooleanField("审核通过")
    reviewed_on = models.DateField("审核日期")

    scope_owner = "case__unit"
    scope_person = "case__handler"

    class Meta:
        verbose_name = "重大执法决定法制审核"
        verbose_name_plural = verbose_name
        ordering = ["-reviewed_on", "-id"]

    def __str__(self):
        return f"{self.case.number} {'通过' if self.passed else '不通过'}"


class PublicationQuerySet(models.QuerySet):
    def on_display(self, today):
        return self.filter(status=PublicationStatus.PUBLISHED, published_on__lte=today, display_until__gte=today)


class Publication(models.Model):
    """事后公开: a decision published (masked), its deadline in working days, its withdrawal."""

    case = models.OneToOneField(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="publication")
    status = models.CharField("公示状态", max_length=20, choices=PublicationStatus.choices,
                              default=PublicationStatus.PENDING, db_index=True)
    due_on = models.DateField("公示期限")
    published_on = models.DateField("公示日期", null=True, blank=True, db_index=True)
    late_reason = models.CharField("逾期公示说明", max_length=300, blank=True)
    display_until = models.DateField("公示截止", null=True, blank=True)
    withdraw_due = models.DateField("撤下期限", null=True, blank=True)
    withdrawn_on = models.DateField("撤下日期", null=True, blank=True)
    # the published, masked text (frozen when published)
    body_name = models.CharField("执法主体", max_length=200, blank=True)
    decision_number = models.CharField("决定书文号", max_length=80, blank=True)
    kind = models.CharField("类别", max_length=20, choices=CaseKind.choices, blank=True)
    party = models.CharField("当事人（已脱敏）", max_length=200, blank=True)
    title = models.CharField("违法行为类型/事由", max_length=300, blank=True)
    content = models.TextField("处理结果（已脱敏）", blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    search_text = models.TextField("检索文本", blank=True, editable=False)
    # the leak check when published: what it still found, and why it was published anyway
    edited = models.BooleanField("公开文本经人工修改", default=False)
    findings = models.JSONField("公示时的疑似个人信息", default=list, blank=True)
    findings_reason = models.CharField("疑似个人信息仍予公示的理由", max_length=300, blank=True)

    objects = PublicationQuerySet.as_manager()

    scope_owner = "case__unit"
    scope_person = "case__handler"
    status_tags = {PublicationStatus.PENDING: "orange", PublicationStatus.PUBLISHED: "green",
                   PublicationStatus.WITHDRAWN: "grey", PublicationStatus.NOT_PUBLISHED: "grey"}

    class Meta:
        verbose_name = "执法决定公示"
        verbose_name_plural = verbose_name
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["status", "display_until", "published_on"], name="enf_pub_display")]

    def __str__(self):
        return f"{self.decision_number or self.case_id} {self.get_status_display()}"

    def build_search_text(self):
        self.search_text = " ".join([self.decision_number, self.body_name, self.party, self.title, self.content])

    @property
    def on_time(self):
        return self.published_on is not None and self.published_on <= self.due_on


class CaseFileEvaluation(models.Model):
    """案卷评查: a reviewer's scoring sheet for one case."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="evaluations")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="评查人", on_delete=models.PROTECT,
                                  related_name="+")
    evaluated_on = models.DateField("评查日期")
    subject_score = models.PositiveSmallIntegerField("主体合法（20分）")
    facts_score = models.PositiveSmallIntegerField("事实证据（25分）")
    law_score = models.PositiveSmallIntegerField("适用法律（20分）")
    procedure_score = models.PositiveSmallIntegerField("程序合法（25分）")
    documents_score = models.PositiveSmallIntegerField("文书规范（10分）")
    total = models.PositiveSmallIntegerField("总分")
    comments = models.TextField("评查意见", blank=True)

    scope_owner = "case__unit"
    scope_person = "case__handler"

    class Meta:
        verbose_name = "案卷评查"
        verbose_name_plural = verbose_name
        ordering = ["-evaluated_on", "-id"]

    def __str__(self):
        return f"{self.case.number} {self.total}分"

    @property
    def grade(self):
        if self.total >= 90:
            return "优秀"
        if self.total >= 75:
            return "合格"
        return "不合格"
