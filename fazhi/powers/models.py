"""Power and responsibility lists (权责清单): stable items, dated content, adjustments, published versions.

- ``PowerItem`` is the stable identity (职权编码, owning department); its content lives in
  ``PowerItemVersion`` rows, each valid from a date until the next one (``valid_to`` exclusive).
- ``ListAdjustment`` is a batch of ``AdjustmentLine``s (新增/取消/变更/下放/承接) with its reason,
  triggering document and effective date; approved by the office, it writes the versions.
- ``ListVersion`` is a published snapshot of the whole list (``ListVersionEntry`` rows). Published
  versions are immutable: the model and its querysets refuse every update and delete.
- ``LawChange`` marks a law (or an article) amended or repealed; ``ItemFlag`` flags each item citing it.
- ``ApprovalItem`` is the administrative approval catalogue (行政审批事项目录), with ``ApprovalChange`` history.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q

from .choices import (
    AdjustmentKind,
    AdjustmentStatus,
    ApprovalChangeKind,
    ApprovalStatus,
    LawChangeKind,
    PowerCategory,
)

#: The content of an item, the same in a dated version, an adjustment line and a published entry.
CONTENT_FIELDS = ("name", "category", "sub_items", "implementing_body", "bases", "duties", "accountability",
                  "time_limit", "remarks")
FIELD_LABELS = {"name": "事项名称", "category": "权力类型", "sub_items": "子项", "implementing_body": "实施主体",
                "bases": "实施依据", "duties": "责任事项", "accountability": "追责情形", "time_limit": "法定办理时限",
                "remarks": "备注", "unit_name": "所属单位"}


class ItemContent(models.Model):
    name = models.CharField("事项名称", max_length=500)
    category = models.CharField("权力类型", max_length=20, choices=PowerCategory.choices, db_index=True)
    sub_items = models.TextField("子项", blank=True, help_text="每行一个子项")
    implementing_body = models.CharField("实施主体", max_length=300, blank=True)
    # [{"law": "中华人民共和国食品安全法", "article": "第一百二十二条"}, …]
    bases = models.JSONField("实施依据", default=list, blank=True)
    duties = models.TextField("责任事项", blank=True)
    accountability = models.TextField("追责情形", blank=True)
    time_limit = models.CharField("法定办理时限", max_length=200, blank=True)
    remarks = models.TextField("备注", blank=True)

    class Meta:
        abstract = True

    def content(self):
        return {f: getattr(self, f) for f in CONTENT_FIELDS}

    @property
    def sub_item_list(self):
        return [s for s in (self.sub_items or "").splitlines() if s.strip()]

    @property
    def bases_text(self):
        return basis_lines(self.bases)


def basis_lines(bases):
    return [f"《{b.get('law', '')}》{b.get('article', '')}" for b in bases or []]


class PowerItem(models.Model):
    """The stable identity of a power item: its code and the department whose list it is on."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="所属单位", on_delete=models.PROTECT,
                             related_name="power_items")
    code = models.CharField("职权编码", max_length=60, unique=True)
    ended_on = models.DateField("移出清单日期", null=True, blank=True)
    end_kind = models.CharField("移出方式", max_length=20, choices=AdjustmentKind.choices, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    scope_owner = "unit"

    class Meta:
        verbose_name = "权责事项"
        verbose_name_plural = verbose_name
        ordering = ["unit__sort_order", "code"]

    def __str__(self):
        return self.code


class VersionQuerySet(models.QuerySet):
    def in_force_on(self, day):
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day), valid_from__lte=day)


class PowerItemVersion(ItemContent):
    """The content of an item valid from ``valid_from`` until ``valid_to`` (exclusive; open when null)."""

    item = models.ForeignKey(PowerItem, verbose_name="事项", on_delete=models.CASCADE, related_name="versions")
    valid_from = models.DateField("生效日期", db_index=True)
    valid_to = models.DateField("失效日期", null=True, blank=True, db_index=True)
    line = models.ForeignKey("AdjustmentLine", verbose_name="调整事项", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")

    objects = VersionQuerySet.as_manager()
    scope_owner = "item__unit"

    class Meta:
        verbose_name = "权责事项内容（版本）"
        verbose_name_plural = verbose_name
        ordering = ["item_id", "valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                                   name="powers_version_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.item.code} {self.name}（{self.valid_from}起）"


class ListAdjustment(models.Model):
    """A batch of changes to one department's list (动态调整): reviewed by the office, effective on a date."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="调整单位", on_delete=models.PROTECT,
                             related_name="power_adjustments")
    title = models.CharField("调整名称", max_length=200)
    reason = models.TextField("调整理由")
    trigger_document = models.CharField("调整依据文件", max_length=300,
                                        help_text="如上级决定、法律法规修改的文件名称及文号")
    effective_on = models.DateField("生效日期")
    status = models.CharField("状态", max_length=20, choices=AdjustmentStatus.choices,
                              default=AdjustmentStatus.DRAFT, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    review_opinion = models.TextField("审核意见", blank=True)

    scope_owner = "unit"
    status_tags = {AdjustmentStatus.DRAFT: "grey", AdjustmentStatus.SUBMITTED: "blue",
                   AdjustmentStatus.RETURNED: "red", AdjustmentStatus.APPROVED: "green"}

    class Meta:
        verbose_name = "权责清单动态调整"
        verbose_name_plural = verbose_name
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title


class AdjustmentLine(ItemContent):
    """One change within an adjustment. For cancel/delegate the content fields are a copy of the item."""

    adjustment = models.ForeignKey(ListAdjustment, verbose_name="动态调整", on_delete=models.CASCADE,
                                   related_name="lines")
    kind = models.CharField("调整类型", max_length=20, choices=AdjustmentKind.choices)
    item = models.ForeignKey(PowerItem, verbose_name="事项", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="adjustment_lines")
    code = models.CharField("职权编码", max_length=60)
    note = models.CharField("说明", max_length=300, blank=True, help_text="如下放至何级、承接自何处")

    scope_owner = "adjustment__unit"
    kind_tags = {AdjustmentKind.ADD: "blue", AdjustmentKind.TAKE_OVER: "blue", AdjustmentKind.CHANGE: "orange",
                 AdjustmentKind.CANCEL: "red", AdjustmentKind.DELEGATE: "blue"}

    class Meta:
        verbose_name = "调整事项"
        verbose_name_plural = verbose_name
        ordering = ["adjustment_id", "id"]
        constraints = [models.UniqueConstraint(fields=["adjustment", "code"], name="powers_line_once_per_code")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.code} {self.name}"


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise RuntimeError("已公布的清单版本不能修改。")

    def delete(self):
        raise RuntimeError("已公布的清单版本不能删除。")


class _Immutable(models.Model):
    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError("已公布的清单版本不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("已公布的清单版本不能删除。")


class ListVersion(_Immutable):
    """A published version of the county's whole power list. Immutable once written."""

    title = models.CharField("版本名称", max_length=200, unique=True)
    published_on = models.DateField("公布日期", db_index=True)
    document = models.CharField("公布文件", max_length=300, blank=True)
    note = models.TextField("说明", blank=True)
    item_count = models.PositiveIntegerField("事项数", default=0)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="公布人", on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    scope_exempt = "公布的清单版本向社会公开，所有人可见"

    class Meta:
        verbose_name = "清单版本（公布）"
        verbose_name_plural = verbose_name
        ordering = ["-published_on", "-id"]

    def __str__(self):
        return self.title


class ListVersionEntry(ItemContent, _Immutable):
    """One item as published in a version (a frozen copy, so later changes never alter it)."""

    version = models.ForeignKey(ListVersion, verbose_name="清单版本", on_delete=models.PROTECT,
                                related_name="entries")
    item = models.ForeignKey(PowerItem, verbose_name="事项", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="所属单位", on_delete=models.PROTECT, related_name="+")
    unit_name = models.CharField("所属单位", max_length=200)
    code = models.CharField("职权编码", max_length=60)

    objects = ImmutableQuerySet.as_manager()
    scope_exempt = "公布的清单版本向社会公开，所有人可见"

    class Meta:
        verbose_name = "清单版本事项"
        verbose_name_plural = verbose_name
        ordering = ["version_id", "unit_name", "code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="powers_entry_once_per_code")]

    def __str__(self):
        return f"{self.code} {self.name}"


class LawChange(models.Model):
    """The office marks a law, or one of its articles, amended or repealed."""

    law = models.CharField("法律法规名称", max_length=300, db_index=True)
    article = models.CharField("条款", max_length=100, blank=True, help_text="留空表示整部法律法规")
    kind = models.CharField("变化", max_length=20, choices=LawChangeKind.choices)
    changed_on = models.DateField("修改/废止日期")
    document = models.CharField("依据文件", max_length=300, blank=True)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="标记人", on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    created_at = models.DateTimeField("标记时间", auto_now_add=True)

    scope_exempt = "法律法规的状态全县共用"
    kind_tags = {LawChangeKind.AMENDED: "orange", LawChangeKind.REPEALED: "red"}

    class Meta:
        verbose_name = "法律法规变化"
        verbose_name_plural = verbose_name
        ordering = ["-changed_on", "-id"]

    def __str__(self):
        return f"《{self.law}》{self.article}{self.get_kind_display()}"


class ItemFlag(models.Model):
    """An item cites a law marked amended or repealed: it must be adjusted (or confirmed)."""

    item = models.ForeignKey(PowerItem, verbose_name="事项", on_delete=models.CASCADE, related_name="flags")
    law_change = models.ForeignKey(LawChange, verbose_name="法律法规变化", on_delete=models.CASCADE,
                                   related_name="flags")
    basis = models.CharField("所引依据", max_length=500)
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)
    resolution = models.CharField("处理情况", max_length=300, blank=True)

    scope_owner = "item__unit"

    class Meta:
        verbose_name = "依据变化待调整事项"
        verbose_name_plural = verbose_name
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["item", "law_change"], name="powers_flag_once")]

    def __str__(self):
        return f"{self.item.code}：{self.law_change}"


class ApprovalItem(models.Model):
    """An entry of the administrative approval (licensing) catalogue (行政审批/许可事项目录)."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name="实施单位", on_delete=models.PROTECT,
                             related_name="approval_items")
    code = models.CharField("事项编码", max_length=80, unique=True)
    name = models.CharField("事项名称", max_length=300)
    power_item = models.ForeignKey(PowerItem, verbose_name="对应权责事项（行政许可）", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="approval_items")
    legal_days = models.PositiveIntegerField("法定办结时限（工作日）", null=True, blank=True)
    promised_days = models.PositiveIntegerField("承诺办结时限（工作日）", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=ApprovalStatus.choices, default=ApprovalStatus.ACTIVE)
    listed_on = models.DateField("列入目录日期")

    scope_owner = "unit"
    status_tags = {ApprovalStatus.ACTIVE: "green", ApprovalStatus.CANCELLED: "grey", ApprovalStatus.DELEGATED: "grey"}

    class Meta:
        verbose_name = "行政审批事项"
        verbose_name_plural = verbose_name
        ordering = ["unit__sort_order", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class ApprovalChange(models.Model):
    """One adjustment of the approval catalogue (mostly following the upper level)."""

    item = models.ForeignKey(ApprovalItem, verbose_name="审批事项", on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField("调整类型", max_length=20, choices=ApprovalChangeKind.choices)
    changed_on = models.DateField("调整日期")
    document = models.CharField("依据文件", max_length=300)
    note = models.TextField("说明", blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", on_delete=models.PROTECT,
                              null=True, blank=True, related_name="+")

    scope_owner = "item__unit"

    class Meta:
        verbose_name = "审批事项调整"
        verbose_name_plural = verbose_name
        ordering = ["-changed_on", "-id"]

    def __str__(self):
        return f"{self.item.code} {self.get_kind_display()}"
