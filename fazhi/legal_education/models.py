"""Records of the legal-education module: the question bank and the online law exam (学法用法考试), and the
普法 registers (duty lists, activities, culture sites, creation programmes, study sessions)."""
from django.conf import settings
from django.db import models
from django.urls import reverse

from fazhi.orgs.models import OrgUnit

from .choices import (
    ActivityKind,
    AttemptStatus,
    CaseStatus,
    DutyListStatus,
    ExamStatus,
    PaperMode,
    PlanCycle,
    QuestionKind,
    SiteLevel,
    StudyKind,
)

LETTERS = "ABCDEFGHIJ"


# The question bank ---------------------------------------------------------------------------------

class QuestionBank(models.Model):
    scope_owner = "unit"
    name = models.CharField("题库名称", max_length=100)
    unit = models.ForeignKey(OrgUnit, verbose_name="管理单位", on_delete=models.PROTECT, related_name="+")
    description = models.CharField("说明", max_length=300, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "题库"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("legal_education:bank_detail", args=[self.pk])


class Question(models.Model):
    """``options`` is the list of option texts in the order written (A, B, C…); ``answer`` the correct
    letters in that order (``"AC"``). A true/false question has the options 正确 / 错误."""

    scope_owner = "bank__unit"
    bank = models.ForeignKey(QuestionBank, verbose_name="题库", on_delete=models.PROTECT, related_name="questions")
    kind = models.CharField("题型", max_length=10, choices=QuestionKind.choices)
    stem = models.TextField("题干")
    options = models.JSONField("选项", default=list)
    answer = models.CharField("答案", max_length=10)
    point = models.CharField("考点", max_length=200, blank=True)
    explanation = models.TextField("解析", blank=True)
    law = models.CharField("法律法规", max_length=100, blank=True)
    article = models.CharField("条款", max_length=50, blank=True)
    law_version = models.DateField("法律版本（施行日期）", null=True, blank=True)
    tags = models.CharField("标签", max_length=200, blank=True)
    difficulty = models.PositiveSmallIntegerField("难度", default=2, choices=[(1, "易"), (2, "中"), (3, "难")])
    key = models.CharField("查重键", max_length=200, db_index=True, editable=False)
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "试题"
        ordering = ["pk"]

    def __str__(self):
        return self.stem[:40]

    def option_pairs(self):
        return list(zip(LETTERS, self.options, strict=False))


# Exams ----------------------------------------------------------------------------------------------

class Exam(models.Model):
    """An online exam. ``rules`` is the paper composition: ``[{"kind": "single", "count": 25, "points": 2}, …]``;
    ``fixed_questions`` the question ids of a fixed paper, in order. A make-up exam (``makeup_of``) admits only
    those eligible for the original who failed it or did not sit it."""

    scope_owner = "unit"
    title = models.CharField("考试名称", max_length=200)
    unit = models.ForeignKey(OrgUnit, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+")
    bank = models.ForeignKey(QuestionBank, verbose_name="题库", on_delete=models.PROTECT, related_name="exams")
    starts_at = models.DateTimeField("开考时间")
    ends_at = models.DateTimeField("截止时间")
    duration_minutes = models.PositiveIntegerField("答题时长（分钟）", default=60)
    attempts_allowed = models.PositiveSmallIntegerField("允许考试次数", default=1)
    eligible_units = models.ManyToManyField(OrgUnit, verbose_name="参考单位", blank=True, related_name="+")
    eligible_users = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name="参考人员", blank=True,
                                            related_name="+")
    makeup_of = models.ForeignKey("self", verbose_name="补考的原考试", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="makeups")
    paper_mode = models.CharField("组卷方式", max_length=10, choices=PaperMode.choices, default=PaperMode.RANDOM)
    rules = models.JSONField("组卷规则", default=list)
    fixed_questions = models.JSONField("固定试卷试题", default=list, blank=True)
    pass_mark = models.DecimalField("合格分数", max_digits=6, decimal_places=1, default=60)
    multiple_partial = models.BooleanField("多选题少选得一半分", default=False)
    status = models.CharField("状态", max_length=10, choices=ExamStatus.choices, default=ExamStatus.DRAFT)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    status_tags = {ExamStatus.DRAFT: "grey", ExamStatus.PUBLISHED: "green"}

    class Meta:
        verbose_name = "考试"
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("legal_education:exam_detail", args=[self.pk])

    @property
    def total_points(self):
        return sum(r["count"] * r["points"] for r in self.rules)


class Attempt(models.Model):
    """One sitting of an exam by one person. ``paper`` is the drawn paper: ``[{"q": id, "order": [2, 0, 1, 3],
    "points": 2}, …]`` — ``order`` lists the original option indexes in the order shown. ``token`` identifies
    the browser that holds the attempt (a second browser takes it over). ``deadline`` is decided by the server
    at the start: the earlier of start + duration and the window's end."""

    scope_owner = "unit"
    scope_person = "user"
    exam = models.ForeignKey(Exam, verbose_name="考试", on_delete=models.PROTECT, related_name="attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="考生", on_delete=models.PROTECT,
                             related_name="exam_attempts")
    unit = models.ForeignKey(OrgUnit, verbose_name="考生单位", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField("第几次", default=1)
    started_at = models.DateTimeField("开始时间")
    deadline = models.DateTimeField("交卷截止")
    submitted_at = models.DateTimeField("交卷时间", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=AttemptStatus.choices, default=AttemptStatus.OPEN)
    paper = models.JSONField("试卷", default=list)
    token = models.CharField("作答凭据", max_length=64, blank=True)
    score = models.DecimalField("得分", max_digits=6, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField("合格", null=True)

    status_tags = {AttemptStatus.OPEN: "blue", AttemptStatus.SUBMITTED: "green", AttemptStatus.EXPIRED: "orange"}

    class Meta:
        verbose_name = "考试记录"
        ordering = ["-started_at"]
        constraints = [models.UniqueConstraint(fields=["exam", "user", "number"], name="le_attempt_once")]
        indexes = [models.Index(fields=["exam", "status"])]

    def __str__(self):
        return f"{self.exam} · {self.user}"

    def get_absolute_url(self):
        return reverse("legal_education:attempt_take", args=[self.pk])


class Answer(models.Model):
    """The option letters (original order) chosen for one question of an attempt. One row per question
    (database constraint); a save updates it, a save older than the stored one (``seq``) is ignored."""

    scope_owner = "attempt__unit"
    scope_person = "attempt__user"
    attempt = models.ForeignKey(Attempt, verbose_name="考试记录", on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, verbose_name="试题", on_delete=models.PROTECT, related_name="+")
    chosen = models.CharField("所选", max_length=10, blank=True)
    seq = models.PositiveBigIntegerField("保存序号", default=0)  # the browser sends Date.now()-based numbers
    saved_at = models.DateTimeField("保存时间")
    correct = models.BooleanField("正确", null=True)

    class Meta:
        verbose_name = "答题记录"
        constraints = [models.UniqueConstraint(fields=["attempt", "question"], name="le_answer_once")]

    def __str__(self):
        return f"{self.attempt_id}-{self.question_id}: {self.chosen}"


# 普法 ------------------------------------------------------------------------------------------------

class DutyList(models.Model):
    """A unit's 普法责任清单 for a plan cycle and year (谁执法谁普法)."""

    scope_owner = "unit"
    unit = models.ForeignKey(OrgUnit, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    cycle = models.CharField("普法规划", max_length=2, choices=PlanCycle.choices)
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField("状态", max_length=10, choices=DutyListStatus.choices, default=DutyListStatus.DRAFT)
    submitted_on = models.DateField("报送日期", null=True, blank=True)
    reviewed_on = models.DateField("审核日期", null=True, blank=True)
    review_note = models.CharField("审核意见", max_length=500, blank=True)

    status_tags = {DutyListStatus.DRAFT: "grey", DutyListStatus.SUBMITTED: "blue", DutyListStatus.RETURNED: "orange",
                   DutyListStatus.ACCEPTED: "green"}

    class Meta:
        verbose_name = "普法责任清单"
        ordering = ["-year", "unit__sort_order"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="le_duty_list_once")]

    def __str__(self):
        return f"{self.unit.name}{self.year}年普法责任清单"

    def get_absolute_url(self):
        return reverse("legal_education:duty_detail", args=[self.pk])


class DutyItem(models.Model):
    scope_owner = "duty_list__unit"
    duty_list = models.ForeignKey(DutyList, verbose_name="清单", on_delete=models.CASCADE, related_name="items")
    law = models.CharField("普法的法律法规", max_length=200)
    content = models.CharField("普法内容", max_length=500)
    audience = models.CharField("普法对象", max_length=200)
    measures = models.CharField("普法措施", max_length=500)
    post = models.CharField("责任岗位", max_length=100)
    timing = models.CharField("时间安排", max_length=100)

    class Meta:
        verbose_name = "普法责任事项"
        ordering = ["pk"]

    def __str__(self):
        return self.law


class Activity(models.Model):
    scope_owner = "unit"
    kind = models.CharField("活动类别", max_length=15, choices=ActivityKind.choices)
    title = models.CharField("活动名称", max_length=200)
    unit = models.ForeignKey(OrgUnit, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField("活动日期")
    place = models.ForeignKey(OrgUnit, verbose_name="活动地点（乡镇/村）", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    place_detail = models.CharField("具体地点", max_length=200, blank=True)
    audience = models.PositiveIntegerField("受众人数", default=0)
    laws = models.CharField("宣传的法律法规", max_length=300, blank=True)
    summary = models.TextField("活动简介", blank=True)
    partners = models.ManyToManyField(OrgUnit, verbose_name="协办单位", blank=True, related_name="+")

    class Meta:
        verbose_name = "普法活动"
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("legal_education:activity_detail", args=[self.pk])


def education_file_to(instance, filename):
    from fazhi.core import clock

    return f"legal_education/{clock.today():%Y}/{filename}"


class ActivityFile(models.Model):
    """A photo or a sign-in sheet (签到表) of an activity."""

    scope_owner = "activity__unit"
    activity = models.ForeignKey(Activity, verbose_name="普法活动", on_delete=models.CASCADE, related_name="files")
    kind = models.CharField("附件类别", max_length=10, choices=[("photo", "活动照片"), ("signin", "签到表")])
    file = models.FileField("文件", upload_to=education_file_to, max_length=300)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "普法活动附件"
        ordering = ["kind", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.file.name.rsplit('/', 1)[-1]}"


class CultureSite(models.Model):
    scope_owner = "unit"
    name = models.CharField("阵地名称", max_length=200)
    unit = models.ForeignKey(OrgUnit, verbose_name="建设单位", on_delete=models.PROTECT, related_name="+")
    place = models.ForeignKey(OrgUnit, verbose_name="所在乡镇/村", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    level = models.CharField("命名级别", max_length=12, choices=SiteLevel.choices)
    designation = models.CharField("命名称号", max_length=100)
    designated_year = models.PositiveSmallIntegerField("命名年度")
    place_detail = models.CharField("具体位置", max_length=200, blank=True)

    class Meta:
        verbose_name = "法治文化阵地"
        ordering = ["-designated_year", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("legal_education:site_detail", args=[self.pk])


class SitePhoto(models.Model):
    scope_owner = "site__unit"
    site = models.ForeignKey(CultureSite, verbose_name="法治文化阵地", on_delete=models.CASCADE,
                             related_name="photos")
    file = models.FileField("照片", upload_to=education_file_to, max_length=300)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "法治文化阵地照片"
        ordering = ["pk"]

    def __str__(self):
        return self.file.name.rsplit("/", 1)[-1]


class Programme(models.Model):
    """A creation programme (e.g. the province's “四个100”) and the units taking part."""

    scope_exempt = "county-wide programme: its participating units are public"
    name = models.CharField("创建活动", max_length=100)
    year = models.PositiveSmallIntegerField("年度")
    units = models.ManyToManyField(OrgUnit, verbose_name="参与单位", related_name="+")
    outcome = models.CharField("创建成果", max_length=300, blank=True)

    class Meta:
        verbose_name = "法治创建活动"
        ordering = ["-year", "name"]

    def __str__(self):
        return f"{self.year}年{self.name}"

    def get_absolute_url(self):
        return reverse("legal_education:programme_edit", args=[self.pk])


class Honour(models.Model):
    """An honour received by the county (no unit) or by one of its units, e.g. 七五普法中期先进县."""

    scope_exempt = "honours received by the county or its units are public"
    title = models.CharField("荣誉称号", max_length=200)
    unit = models.ForeignKey(OrgUnit, verbose_name="获得单位（不选为全县）", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    awarded_by = models.CharField("授予机关", max_length=100)
    year = models.PositiveSmallIntegerField("年度")

    class Meta:
        verbose_name = "普法荣誉"
        ordering = ["-year", "title"]

    def __str__(self):
        return f"{self.year}年{self.title}"

    def get_absolute_url(self):
        return reverse("legal_education:honour_edit", args=[self.pk])

    @property
    def recipient(self):
        return self.unit.name if self.unit_id else "全县"


class StudySession(models.Model):
    scope_owner = "unit"
    kind = models.CharField("学法形式", max_length=15, choices=StudyKind.choices)
    unit = models.ForeignKey(OrgUnit, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField("学法日期")
    meeting = models.CharField("会议或活动名称", max_length=200, blank=True)
    topic = models.CharField("学习的法律法规", max_length=200)
    presenter = models.CharField("主讲人", max_length=50, blank=True)
    hours = models.DecimalField("学时", max_digits=4, decimal_places=1, default=1)
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name="参学人员", blank=True,
                                       related_name="study_sessions")

    class Meta:
        verbose_name = "学法活动"
        ordering = ["-held_on"]

    def __str__(self):
        return f"{self.held_on} {self.topic}"

    def get_absolute_url(self):
        return reverse("legal_education:study_edit", args=[self.pk])


class CaseExplanation(models.Model):
    """以案释法: a case told to explain a law. The public sees it only once published, with the names of the
    persons involved (``persons``) masked and every ID, phone or account number hidden."""

    scope_owner = "unit"
    title = models.CharField("案例标题", max_length=200)
    unit = models.ForeignKey(OrgUnit, verbose_name="发布单位", on_delete=models.PROTECT, related_name="+")
    law = models.CharField("所释法律及条款", max_length=200)
    summary = models.TextField("案情简介")
    explanation = models.TextField("以案释法")
    status = models.CharField("状态", max_length=10, choices=CaseStatus.choices, default=CaseStatus.DRAFT)
    published_on = models.DateField("公开日期", null=True, blank=True)

    status_tags = {CaseStatus.DRAFT: "grey", CaseStatus.PUBLISHED: "green"}

    class Meta:
        verbose_name = "以案释法案例"
        ordering = ["-published_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("legal_education:case_detail", args=[self.pk])

    def public_text(self):
        """(summary, explanation) as they may be published: named persons masked, numbers hidden."""
        from fazhi.core.masking import mask_text

        names = [p.name for p in self.persons.all()]
        return mask_text(self.summary, names=names), mask_text(self.explanation, names=names)


class CasePerson(models.Model):
    """A natural person named in a 以案释法 case (never shown in full on the public site)."""

    scope_owner = "case__unit"
    case = models.ForeignKey(CaseExplanation, verbose_name="案例", on_delete=models.CASCADE, related_name="persons")
    name = models.CharField("姓名", max_length=50)

    class Meta:
        verbose_name = "案例中的当事人"
        ordering = ["pk"]

    def __str__(self):
        return self.name
