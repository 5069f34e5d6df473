"""Models of the evaluation part: demonstration pilots (示范创建) and the annual assessment (依法行政考评).

- ``Pilot``: a unit chosen as a demonstration pilot for a year; ``PilotIndicator``: the province's indicator
  system as a three-level tree (points and evidence on every indicator); ``PilotAssessment``: a pilot's
  self-assessment of one indicator with its evidence, and the office's score.
- ``EvalIndicator``: the annual assessment's indicators of a year, for departments and townships separately;
  automatic ones name a registered unit measure (``fazhi.core.registry.register_unit_measure``), manual ones are
  scored by the office on the unit's evidence. ``EvalCard``: a unit's score card of a year; ``EvalScore``: one
  indicator's score on it, with the records behind it kept as they were counted (frozen on publication).
"""
from django.db import models
from django.urls import reverse


class PilotKind(models.TextChoices):
    TOWNSHIP = "township", "乡镇（场、区）"
    DEPARTMENT = "department", "县直部门"


class PilotAssessmentStatus(models.TextChoices):
    SUBMITTED = "submitted", "已自评"
    SCORED = "scored", "已评分"


class EvalCardStatus(models.TextChoices):
    COMPUTED = "computed", "已计分"
    OBJECTED = "objected", "已申诉"
    REPLIED = "replied", "已答复"
    PUBLISHED = "published", "已公布"


def pilot_evidence_to(instance, filename):
    return f"assessment/pilots/{instance.pilot_id}/{filename}"


def eval_evidence_to(instance, filename):
    return f"assessment/scores/{instance.card_id}/{filename}"


class Pilot(models.Model):
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="试点单位", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类别", max_length=20, choices=PilotKind.choices)
    year = models.PositiveIntegerField("年度")
    note = models.CharField("说明", max_length=200, blank=True)

    scope_owner = "unit"

    class Meta:
        verbose_name = "示范创建试点单位"
        verbose_name_plural = verbose_name
        ordering = ["-year", "kind", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="assessment_pilot_unit_year")]

    def __str__(self):
        return f"{self.unit.name}（{self.year}年示范创建试点）"

    def get_absolute_url(self):
        return reverse("assessment:pilot_detail", args=[self.pk])


class PilotIndicator(models.Model):
    code = models.CharField("编码", max_length=30, unique=True)
    parent = models.ForeignKey("self", verbose_name="上级指标", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    level = models.PositiveSmallIntegerField("级别")
    name = models.CharField("指标名称", max_length=200)
    points = models.DecimalField("分值", max_digits=6, decimal_places=1)
    evidence = models.CharField("佐证材料要求", max_length=300, blank=True)
    order = models.PositiveIntegerField("顺序", default=0)

    scope_exempt = "全县统一的示范创建指标体系（省里发布），所有单位共用"

    class Meta:
        verbose_name = "示范创建指标"
        verbose_name_plural = verbose_name
        ordering = ["order", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def is_leaf(self):
        return not self.children.exists()


class PilotAssessment(models.Model):
    pilot = models.ForeignKey(Pilot, verbose_name="试点单位", on_delete=models.CASCADE, related_name="assessments")
    indicator = models.ForeignKey(PilotIndicator, verbose_name="指标", on_delete=models.PROTECT, related_name="+")
    self_points = models.DecimalField("自评分", max_digits=6, decimal_places=1)
    self_note = models.TextField("自评说明", blank=True)
    evidence = models.FileField("佐证材料", upload_to=pilot_evidence_to, blank=True, max_length=300)
    evidence_name = models.CharField("佐证材料文件名", max_length=200, blank=True)
    office_points = models.DecimalField("评定分", max_digits=6, decimal_places=1, null=True, blank=True)
    office_comment = models.TextField("评定意见", blank=True)
    status = models.CharField("状态", max_length=20, choices=PilotAssessmentStatus.choices,
                              default=PilotAssessmentStatus.SUBMITTED)

    scope_owner = "pilot__unit"
    status_tags = {PilotAssessmentStatus.SUBMITTED: "blue", PilotAssessmentStatus.SCORED: "green"}

    class Meta:
        verbose_name = "示范创建自评"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["pilot", "indicator"], name="assessment_pilot_indicator")]

    def __str__(self):
        return f"{self.pilot.unit.name}：{self.indicator.name}"

    def get_absolute_url(self):
        return reverse("assessment:pilot_detail", args=[self.pilot_id])


class EvalIndicator(models.Model):
    year = models.PositiveIntegerField("年度")
    unit_kind = models.CharField("考评对象", max_length=20, choices=PilotKind.choices)
    name = models.CharField("指标名称", max_length=200)
    points = models.DecimalField("分值（权重）", max_digits=6, decimal_places=1)
    source = models.CharField("自动计分来源", max_length=80, blank=True,
                              help_text="留空为人工评分指标（由法治办根据单位上传的佐证材料评分）")
    rule = models.CharField("评分规则", max_length=300, blank=True)
    order = models.PositiveIntegerField("顺序", default=0)

    scope_exempt = "全县统一的年度考评指标，由法治办制定，所有单位共用"

    class Meta:
        verbose_name = "依法行政考评指标"
        verbose_name_plural = verbose_name
        ordering = ["year", "unit_kind", "order", "pk"]

    def __str__(self):
        return f"{self.year}年 {self.get_unit_kind_display()}：{self.name}"

    @property
    def automatic(self):
        return bool(self.source)


class EvalCard(models.Model):
    year = models.PositiveIntegerField("年度")
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="被考评单位", on_delete=models.PROTECT, related_name="+")
    unit_kind = models.CharField("考评对象", max_length=20, choices=PilotKind.choices)
    total = models.DecimalField("总分", max_digits=7, decimal_places=2, default=0)
    rank = models.PositiveIntegerField("排名", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=EvalCardStatus.choices, default=EvalCardStatus.COMPUTED)
    computed_on = models.DateField("计分日期", null=True, blank=True)
    objection_due = models.DateField("申诉期限", null=True, blank=True,
                                     help_text="计分结果反馈（计分）时按规则参数计算并保存；节假日安排确认后重新计算")
    objection = models.TextField("申诉理由", blank=True)
    objected_on = models.DateField("申诉日期", null=True, blank=True)
    reply = models.TextField("答复意见", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)

    scope_owner = "unit"
    status_tags = {EvalCardStatus.COMPUTED: "blue", EvalCardStatus.OBJECTED: "orange",
                   EvalCardStatus.REPLIED: "blue", EvalCardStatus.PUBLISHED: "green"}

    class Meta:
        verbose_name = "依法行政考评计分卡"
        verbose_name_plural = verbose_name
        ordering = ["-year", "unit_kind", "rank", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["year", "unit"], name="assessment_card_year_unit")]

    def __str__(self):
        return f"{self.unit.name} {self.year}年依法行政考评"

    def get_absolute_url(self):
        return reverse("assessment:card_detail", args=[self.pk])


class EvalScore(models.Model):
    card = models.ForeignKey(EvalCard, verbose_name="计分卡", on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(EvalIndicator, verbose_name="指标", on_delete=models.PROTECT, related_name="+")
    numerator = models.PositiveIntegerField("达标数", null=True, blank=True)
    denominator = models.PositiveIntegerField("应考核数", null=True, blank=True)
    score = models.DecimalField("得分", max_digits=6, decimal_places=2, null=True, blank=True)
    previous_score = models.DecimalField("上次得分", max_digits=6, decimal_places=2, null=True, blank=True)
    records = models.JSONField("计分依据的记录", default=list, blank=True)
    evidence = models.FileField("佐证材料", upload_to=eval_evidence_to, blank=True, max_length=300)
    evidence_name = models.CharField("佐证材料文件名", max_length=200, blank=True)
    comment = models.TextField("评分意见", blank=True)

    scope_owner = "card__unit"

    class Meta:
        verbose_name = "依法行政考评得分"
        verbose_name_plural = verbose_name
        ordering = ["indicator__order", "indicator_id"]
        constraints = [models.UniqueConstraint(fields=["card", "indicator"], name="assessment_score_indicator")]

    def __str__(self):
        return f"{self.card.unit.name}：{self.indicator.name}"

    def get_absolute_url(self):
        return reverse("assessment:card_detail", args=[self.card_id])

    @property
    def changed(self):
        return self.previous_score is not None and self.previous_score != self.score
