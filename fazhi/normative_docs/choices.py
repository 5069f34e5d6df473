from django.db import models


class DocStatus(models.TextChoices):
    DRAFT = "draft", "起草"
    COMMENTING = "commenting", "征求意见"
    REVIEWING = "reviewing", "合法性审核"
    DELIBERATED = "deliberated", "已集体审议"
    SIGNED = "signed", "已签发"
    REGISTERED = "registered", "已登记编号"
    PUBLISHED = "published", "已公布"
    REPEALED = "repealed", "已废止"
    INVALIDATED = "invalidated", "已宣布失效"
    NOT_NORMATIVE = "not_normative", "不属于规范性文件"


# What a reader is told about a document on a given day (computed from dates: see models.effective_state).
class Effect(models.TextChoices):
    PENDING = "pending", "未公布"
    NOT_YET = "not_yet", "尚未施行"
    IN_FORCE = "in_force", "有效"
    EXPIRED = "expired", "已失效（有效期届满）"
    REPEALED = "repealed", "已废止"
    INVALIDATED = "invalidated", "已宣布失效"
    NOT_NORMATIVE = "not_normative", "不属于规范性文件"


class Opinion(models.TextChoices):
    LAWFUL = "lawful", "合法"
    LAWFUL_AFTER_CHANGES = "lawful_after_changes", "修改后合法"
    UNLAWFUL = "unlawful", "不合法"


PASSING_OPINIONS = {Opinion.LAWFUL, Opinion.LAWFUL_AFTER_CHANGES}


class FilingStatus(models.TextChoices):
    INCOMPLETE = "incomplete", "材料不全"
    SUBMITTED = "submitted", "已报备待审查"
    PASSED = "passed", "审查通过"
    CORRECTION = "correction", "责令纠正"
    CORRECTED = "corrected", "已纠正"


# in the order published cleanup notices list them: 继续有效、修改/修订、宣布失效、废止
class CleanupOutcome(models.TextChoices):
    KEEP = "keep", "继续有效"
    AMEND = "amend", "修改/修订"
    INVALIDATE = "invalidate", "宣布失效"
    REPEAL = "repeal", "废止"


class CampaignScope(models.TextChoices):
    """Which issuers' documents a cleanup covers: the county government's, its departments' (and townships'), or all."""

    ALL = "all", "县政府及其部门、乡镇"
    GOVERNMENT = "government", "仅县政府文件"
    DEPARTMENTS = "departments", "仅县政府部门、乡镇文件"


class CampaignStatus(models.TextChoices):
    OPEN = "open", "清理中"
    APPROVED = "approved", "已审定"
    PUBLISHED = "published", "已公布"
