"""Normative documents (行政规范性文件): identity, dated versions, reviews, filings and cleanup campaigns.

``NormativeDocument`` is the identity (issuing organ, 文号); ``DocumentVersion`` holds each text with the
dates it was in force. Whether a document is in force on a day is computed from its dates
(``NormativeDocumentQuerySet.in_force_on``): a document lapses by itself on its validity end date.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.comments import PublicCommentBase

from .choices import (
    CampaignScope,
    CampaignStatus,
    CleanupOutcome,
    DocStatus,
    Effect,
    FilingStatus,
    Opinion,
)

ISSUED = [DocStatus.PUBLISHED, DocStatus.REPEALED, DocStatus.INVALIDATED]
# an issued document whose register entry needs completing (待补充)
INCOMPLETE_Q = Q(status__in=ISSUED) & (Q(number="") | Q(valid_until__isnull=True, valid_years__isnull=True))


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class IssuerPrefix(models.Model):
    """The numbering prefix (文号前缀) of an issuing organ, e.g. 郧西政规 / 郧西市监规."""

    unit = models.OneToOneField("orgs.OrgUnit", verbose_name="制定机关", on_delete=models.PROTECT,
                                related_name="+")
    prefix = models.CharField("文号前缀", max_length=30)

    scope_owner = "unit"

    class Meta:
        verbose_name = "规范性文件编号前缀"
        verbose_name_plural = verbose_name

    def __str__(self):
        return f"{self.unit} · {self.prefix}"


class NormativeDocumentQuerySet(models.QuerySet):
    def issued(self):
        return self.filter(status__in=ISSUED, published_on__isnull=False)

    def in_force_on(self, day):
        return self.issued().filter(
            Q(effective_from__lte=day) | Q(effective_from__isnull=True, published_on__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
            Q(ended_on__isnull=True) | Q(ended_on__gt=day),
        )

    def needs_completion(self):
        """Documents whose register entry lacks something a register should have (待补充): no 文号, or no
        known validity (neither a period nor an end date)."""
        return self.filter(INCOMPLETE_Q)

    def past_validity_marked_in_force(self, day):
        return self.filter(status=DocStatus.PUBLISHED, valid_until__lt=day)


class NormativeDocument(models.Model):
    title = models.CharField("文件名称", max_length=300)
    issuer = models.ForeignKey("orgs.OrgUnit", verbose_name="制定机关", on_delete=models.PROTECT,
                               related_name="+", help_text="以哪个行政机关的名义发布；内设机构不得作为制定机关")
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="起草单位", on_delete=models.PROTECT, related_name="+")
    status = models.CharField("状态", max_length=20, choices=DocStatus.choices, default=DocStatus.DRAFT)
    affects_public = models.BooleanField("涉及公众权利义务（须公开征求意见）", default=True)
    market_related = models.BooleanField("与市场主体生产经营活动密切相关", default=False)
    # public comment
    comment_started_on = models.DateField("征求意见开始日期", null=True, blank=True)
    comment_min_end = models.DateField("征求意见最早截止日期", null=True, blank=True)
    comment_closed_on = models.DateField("征求意见结束日期", null=True, blank=True)
    comment_summary = models.TextField("意见采纳情况", blank=True)
    # collective deliberation, signature
    deliberated_on = models.DateField("集体审议日期", null=True, blank=True)
    meeting = models.CharField("审议会议", max_length=200, blank=True)
    signed_on = models.DateField("签发日期", null=True, blank=True)
    signer = models.CharField("签发人", max_length=50, blank=True)
    # 统一登记、统一编号
    number_prefix = models.CharField("文号前缀", max_length=30, blank=True)
    number_year = models.PositiveIntegerField("文号年份", null=True, blank=True)
    number_seq = models.PositiveIntegerField("文号序号", null=True, blank=True)
    number = models.CharField("文号", max_length=60, blank=True)
    registered_on = models.DateField("登记日期", null=True, blank=True)
    written_on = models.DateField("成文日期", null=True, blank=True,
                                  help_text="文件落款日期；可能早于公布日期")
    # 统一公布, validity
    published_on = models.DateField("公布日期", null=True, blank=True)
    published_in = models.CharField("公布载体", max_length=200, blank=True)
    effective_from = models.DateField("施行日期", null=True, blank=True)
    valid_years = models.PositiveSmallIntegerField("有效期（年）", null=True, blank=True)
    valid_until = models.DateField("有效期至", null=True, blank=True)
    ended_on = models.DateField("废止/宣布失效日期", null=True, blank=True)
    end_reason = models.CharField("废止/失效理由", max_length=500, blank=True)
    imported = models.BooleanField("由台账导入", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = NormativeDocumentQuerySet.as_manager()

    scope_owner = "unit"
    status_tags = {DocStatus.DRAFT: "blue", DocStatus.COMMENTING: "orange", DocStatus.REVIEWING: "orange",
                   DocStatus.DELIBERATED: "blue", DocStatus.SIGNED: "blue", DocStatus.REGISTERED: "blue",
                   DocStatus.PUBLISHED: "green", DocStatus.REPEALED: "red", DocStatus.INVALIDATED: "grey",
                   DocStatus.NOT_NORMATIVE: "grey"}
    # the document's effect today (``{% status_tag doc "effect" %}``)
    effect_tags = {Effect.PENDING: "blue", Effect.NOT_YET: "blue", Effect.IN_FORCE: "green", Effect.EXPIRED: "grey",
                   Effect.REPEALED: "red", Effect.INVALIDATED: "grey", Effect.NOT_NORMATIVE: "grey"}

    class Meta:
        verbose_name = "行政规范性文件"
        verbose_name_plural = verbose_name
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["number"], condition=~Q(number=""), name="nd_document_number_unique"),
            models.UniqueConstraint(fields=["number_prefix", "number_year", "number_seq"],
                                    condition=Q(number_seq__isnull=False), name="nd_document_seq_unique"),
        ]

    def __str__(self):
        return f"{self.title}（{self.number}）" if self.number else self.title

    def get_absolute_url(self):
        return reverse("normative_docs:doc_detail", args=[self.pk])

    def get_public_url(self):
        return f'{reverse("normative_docs:public_detail")}?id={self.pk}'

    def get_public_draft_url(self):
        return f'{reverse("normative_docs:public_draft")}?id={self.pk}'

    @property
    def missing_info(self):
        """What the register entry lacks (待补充), in words: ["文号", "有效期"]."""
        if self.status not in ISSUED:
            return []
        missing = []
        if not self.number:
            missing.append("文号")
        if self.valid_until is None and self.valid_years is None:
            missing.append("有效期")
        return missing

    @property
    def is_issued(self):
        return self.status in ISSUED and self.published_on is not None

    def effect_on(self, day) -> str:
        """What the document is on ``day``: not yet published, in force, lapsed, repealed…"""
        if self.status == DocStatus.NOT_NORMATIVE:
            return Effect.NOT_NORMATIVE
        if not self.published_on or day < self.published_on:
            return Effect.PENDING
        if self.ended_on and day >= self.ended_on:
            return Effect.REPEALED if self.status == DocStatus.REPEALED else Effect.INVALIDATED
        if self.valid_until and day > self.valid_until:
            return Effect.EXPIRED
        if self.effective_from and day < self.effective_from:
            return Effect.NOT_YET
        return Effect.IN_FORCE

    def effect_label(self, day=None):
        return Effect(self.effect_on(day or clock.today())).label

    @property
    def effect(self):
        """What the document is today (``Effect``)."""
        return self.effect_on(clock.today())

    def get_effect_display(self):
        return Effect(self.effect).label

    @property
    def in_force_today(self):
        return self.effect == Effect.IN_FORCE

    @property
    def expired_today(self):
        return self.effect == Effect.EXPIRED

    def version_on(self, day):
        for v in self.versions.all():
            if v.valid_from and v.valid_from <= day and (v.valid_to is None or v.valid_to >= day):
                return v
        return None

    @property
    def current_version(self):
        versions = list(self.versions.all())
        return versions[-1] if versions else None


class DocumentVersion(models.Model):
    """One text of a document; ``valid_from``/``valid_to`` are set when it is published / superseded."""

    document = models.ForeignKey(NormativeDocument, verbose_name="文件", on_delete=models.CASCADE,
                                 related_name="versions")
    version_no = models.PositiveSmallIntegerField("版本")
    text = models.TextField("正文")
    drafting_explanation = models.TextField("起草说明", blank=True)
    legal_basis = models.TextField("制定依据", blank=True)
    note = models.CharField("修改说明", max_length=500, blank=True)
    amendment_number = models.CharField("修改决定文号", max_length=60, blank=True)
    valid_from = models.DateField("本版本施行日期", null=True, blank=True)
    valid_to = models.DateField("本版本截止日期", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    scope_owner = "document__unit"

    class Meta:
        verbose_name = "规范性文件版本"
        verbose_name_plural = verbose_name
        ordering = ["document", "version_no"]
        constraints = [
            models.UniqueConstraint(fields=["document", "version_no"], name="nd_version_unique"),
        ]

    def __str__(self):
        return f"{self.document.title} 第{self.version_no}版"


class LegalityReview(models.Model):
    """A legality review (合法性审核) round: submitted with a time allowed, answered with a written opinion."""

    document = models.ForeignKey(NormativeDocument, verbose_name="文件", on_delete=models.CASCADE,
                                 related_name="reviews")
    submitted_on = models.DateField("送审日期")
    due_on = models.DateField("审核期限")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="送审人", null=True,
                                     on_delete=models.PROTECT, related_name="+")
    review_unit = models.ForeignKey("orgs.OrgUnit", verbose_name="审核机构", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+",
                                    help_text="县政府文件由司法局审核；部门、乡镇文件由制定机关的法制审核机构审核")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    opinion = models.CharField("审核意见", max_length=30, choices=Opinion.choices, blank=True)
    reasons = models.TextField("理由", blank=True)
    opinion_on = models.DateField("出具意见日期", null=True, blank=True)

    # the review body sees and answers its reviews (the drafting unit sees them on the document's page)
    scope_owner = "review_unit"
    opinion_tags = {Opinion.LAWFUL: "green", Opinion.LAWFUL_AFTER_CHANGES: "green", Opinion.UNLAWFUL: "red"}

    class Meta:
        verbose_name = "合法性审核"
        verbose_name_plural = verbose_name
        ordering = ["document", "submitted_on", "id"]

    def __str__(self):
        return f"{self.document.title} 合法性审核（{self.get_opinion_display() or '审核中'}）"

    def overdue_on(self, day):
        return not self.opinion and day > self.due_on


class Filing(models.Model):
    """报备: the package sent to the filing body, and the filing review's result."""

    document = models.OneToOneField(NormativeDocument, verbose_name="文件", on_delete=models.CASCADE,
                                    related_name="filing")
    filed_to = models.CharField("备案机关", max_length=100)
    filed_on = models.DateField("报备日期")
    due_on = models.DateField("报备期限")
    has_cover_letter = models.BooleanField("备案报告", default=False)
    has_text = models.BooleanField("正式文本", default=False)
    has_explanation = models.BooleanField("起草说明", default=False)
    has_legal_basis = models.BooleanField("制定依据", default=False)
    has_publication_proof = models.BooleanField("公布证明", default=False)
    status = models.CharField("状态", max_length=20, choices=FilingStatus.choices)
    reviewed_on = models.DateField("审查日期", null=True, blank=True)
    review_note = models.TextField("审查意见", blank=True)
    correction_due = models.DateField("纠正期限", null=True, blank=True)
    corrected_on = models.DateField("纠正日期", null=True, blank=True)

    scope_owner = "document__unit"
    status_tags = {FilingStatus.INCOMPLETE: "orange", FilingStatus.SUBMITTED: "blue", FilingStatus.PASSED: "green",
                   FilingStatus.CORRECTION: "red", FilingStatus.CORRECTED: "green"}

    PACKAGE = ["has_cover_letter", "has_text", "has_explanation", "has_legal_basis", "has_publication_proof"]

    class Meta:
        verbose_name = "规范性文件报备"
        verbose_name_plural = verbose_name

    def __str__(self):
        return f"{self.document.title} 报备"

    @property
    def missing(self):
        return [self._meta.get_field(f).verbose_name for f in self.PACKAGE if not getattr(self, f)]

    @property
    def on_time(self):
        return self.filed_on <= self.due_on


class CleanupCampaign(models.Model):
    """A cleanup (清理) of the documents in force: each issuing unit marks each document, the office approves
    and publishes the result lists."""

    title = models.CharField("清理名称", max_length=200)
    opened_on = models.DateField("启动日期")
    status = models.CharField("状态", max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.OPEN)
    approved_on = models.DateField("审定日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="组织单位", on_delete=models.PROTECT, related_name="+")
    issuer_scope = models.CharField("清理范围（制定机关）", max_length=20, choices=CampaignScope.choices,
                                    default=CampaignScope.ALL)
    published_from = models.DateField("公布日期起", null=True, blank=True,
                                      help_text="只清理在此日期及以后公布的文件；留空不限")
    published_to = models.DateField("公布日期止", null=True, blank=True,
                                    help_text="只清理在此日期及以前公布的文件；留空不限")
    revision_due = models.DateField("修改/修订完成期限", null=True, blank=True,
                                    help_text="清理意见为“修改/修订”的文件须在此日期前完成修改")
    unlisted_lapse = models.BooleanField("未列入继续有效目录的文件一律失效", default=False,
                                         help_text="公布清理结果时，清理范围内未列入目录的有效文件宣布失效")

    scope_owner = "unit"
    status_tags = {CampaignStatus.OPEN: "blue", CampaignStatus.APPROVED: "orange", CampaignStatus.PUBLISHED: "green"}

    class Meta:
        verbose_name = "规范性文件清理"
        verbose_name_plural = verbose_name
        ordering = ["-opened_on", "-id"]

    def __str__(self):
        return self.title


class CleanupItem(models.Model):
    campaign = models.ForeignKey(CleanupCampaign, verbose_name="清理", on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(NormativeDocument, verbose_name="文件", on_delete=models.PROTECT,
                                 related_name="cleanup_items")
    outcome = models.CharField("清理意见", max_length=20, choices=CleanupOutcome.choices, blank=True)
    reason = models.CharField("理由", max_length=500, blank=True)

    scope_owner = "document__unit"
    outcome_tags = {CleanupOutcome.KEEP: "green", CleanupOutcome.AMEND: "blue", CleanupOutcome.INVALIDATE: "grey",
                    CleanupOutcome.REPEAL: "red"}

    class Meta:
        verbose_name = "清理意见"
        verbose_name_plural = verbose_name
        ordering = ["campaign", "document__issuer__path", "document__number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "document"], name="nd_cleanup_item_unique"),
        ]

    def __str__(self):
        return f"{self.document} · {self.get_outcome_display() or '待清理'}"


class DocumentComment(PublicCommentBase):
    """A comment from the public on a draft in 征求意见 (the shared mechanism: ``fazhi.core.comments``)."""

    document = models.ForeignKey(NormativeDocument, verbose_name="文件", on_delete=models.PROTECT,
                                 related_name="comments")

    scope_owner = "document__unit"

    class Meta:
        verbose_name = "规范性文件公众意见"
        verbose_name_plural = verbose_name
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="nd_comment_number")]
