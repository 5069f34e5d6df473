"""Choices of the power lists (权责清单). English values, Chinese labels."""
from django.db import models


class PowerCategory(models.TextChoices):
    LICENSING = "licensing", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LEVY = "levy", "行政征收"
    BENEFIT = "benefit", "行政给付"
    INSPECTION = "inspection", "行政检查"
    CONFIRMATION = "confirmation", "行政确认"
    REWARD = "reward", "行政奖励"
    ADJUDICATION = "adjudication", "行政裁决"
    OTHER = "other", "其他行政权力"


CATEGORY_BY_LABEL = {str(label): value for value, label in PowerCategory.choices}
# Short forms seen in real lists.
CATEGORY_BY_LABEL.update({"其他": PowerCategory.OTHER, "其他权力": PowerCategory.OTHER,
                          "其它行政权力": PowerCategory.OTHER, "其它": PowerCategory.OTHER})


class AdjustmentKind(models.TextChoices):
    ADD = "add", "新增"
    CANCEL = "cancel", "取消"
    CHANGE = "change", "变更"
    DELEGATE = "delegate", "下放"
    TAKE_OVER = "take_over", "承接"


class AdjustmentStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    RETURNED = "returned", "已退回"
    APPROVED = "approved", "已批准"


class LawChangeKind(models.TextChoices):
    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"


class ApprovalStatus(models.TextChoices):
    ACTIVE = "active", "保留"
    CANCELLED = "cancelled", "已取消"
    DELEGATED = "delegated", "已下放"


class ApprovalChangeKind(models.TextChoices):
    ADD = "add", "新增"
    CANCEL = "cancel", "取消"
    CHANGE = "change", "变更"
    DELEGATE = "delegate", "下放"
