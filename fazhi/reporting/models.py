"""The annual report (法治政府建设年度报告), its parts, and the figure values it was written from."""
from django.conf import settings
from django.db import models

from fazhi.core.models import TimeStampedModel

from .choices import ReportStatus


class Report(TimeStampedModel):
    """One unit's report for one year. The county government's report is the platform's main one."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="报告单位", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度")
    title = models.CharField("标题", max_length=200)
    status = models.CharField("状态", max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    drafted_at = models.DateTimeField("指标取数时间", null=True, blank=True)
    submitted_on = models.DateField("报送上级日期", null=True, blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    signed_on = models.DateField("成文日期", null=True, blank=True,
                                 help_text="落款的成文日期；未填写时导出的文本留空待填")
    signing_organ = models.CharField("落款机关", max_length=100, blank=True,
                                     help_text="落款的发文机关署名；未填写时使用报告单位的名称")
    withheld = models.BooleanField("部分内容涉密不公开", default=False)
    withheld_note = models.CharField("不公开内容说明", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="起草人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    public_docx = models.BinaryField("公开版（Word）", null=True, blank=True, editable=False)
    public_pdf = models.BinaryField("公开版（PDF）", null=True, blank=True, editable=False)

    scope_owner = "unit"
    status_tags = {ReportStatus.DRAFT: "grey", ReportStatus.SUBMITTED: "blue", ReportStatus.PUBLISHED: "green"}

    class Meta:
        verbose_name = "法治政府建设年度报告"
        verbose_name_plural = verbose_name
        ordering = ["-year", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="reporting_one_report_per_unit_year")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("reporting:report_detail", args=[self.pk])

    @property
    def signer(self):
        """The organ that signs the report (落款): the one entered, else the reporting unit's name."""
        return self.signing_organ or self.unit.name

    @property
    def is_published(self):
        return self.status == ReportStatus.PUBLISHED


class ReportSection(models.Model):
    """A part of the report (一、…) or a theme within the first part (（一）…). ``body`` is prose with
    placeholders ``{{<figure key>}}`` where numbers go; the numbers themselves always come from figures."""

    report = models.ForeignKey(Report, verbose_name="报告", on_delete=models.CASCADE, related_name="sections")
    code = models.CharField("部分代码", max_length=30)
    level = models.PositiveSmallIntegerField("层级", default=1)
    position = models.PositiveSmallIntegerField("顺序")
    heading = models.CharField("标题", max_length=200)
    body = models.TextField("正文", blank=True)

    scope_owner = "report__unit"

    class Meta:
        verbose_name = "报告部分"
        verbose_name_plural = verbose_name
        ordering = ["report", "position"]
        constraints = [models.UniqueConstraint(fields=["report", "code"], name="reporting_section_code_unique")]

    def __str__(self):
        return self.heading


class FigureSnapshot(models.Model):
    """A figure's value as the report uses it: taken when drafting or refreshing, frozen on publication."""

    report = models.ForeignKey(Report, verbose_name="报告", on_delete=models.CASCADE, related_name="snapshots")
    key = models.CharField("指标", max_length=100)
    label = models.CharField("名称", max_length=200)
    unit_label = models.CharField("计量单位", max_length=20, blank=True)
    chapter = models.CharField("所属部分", max_length=200, blank=True)
    value = models.JSONField("数值", null=True)
    link = models.CharField("记录链接", max_length=500, blank=True)
    breakdown = models.JSONField("分项", default=dict, blank=True)
    records_digest = models.CharField("记录摘要", max_length=64, blank=True)
    record_count = models.PositiveIntegerField("记录数", null=True, blank=True)
    computed_at = models.DateTimeField("取数时间")
    frozen = models.BooleanField("已冻结", default=False)
    error = models.CharField("取数错误", max_length=300, blank=True)

    scope_owner = "report__unit"

    class Meta:
        verbose_name = "指标快照"
        verbose_name_plural = verbose_name
        ordering = ["report", "key"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="reporting_snapshot_key_unique")]

    def __str__(self):
        return f"{self.key}={self.value}"
