"""Choices of the legal-education module (普法 and the online law exam)."""
from django.db import models


class QuestionKind(models.TextChoices):
    SINGLE = "single", "单选题"
    MULTIPLE = "multiple", "多选题"
    JUDGE = "judge", "判断题"


class PaperMode(models.TextChoices):
    RANDOM = "random", "随机组卷（每次考试一套，选项乱序）"
    FIXED = "fixed", "固定试卷"


class ExamStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class AttemptStatus(models.TextChoices):
    OPEN = "open", "作答中"
    SUBMITTED = "submitted", "已交卷"
    EXPIRED = "expired", "到时自动交卷"


class DutyListStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    RETURNED = "returned", "已退回"
    ACCEPTED = "accepted", "已通过"


class PlanCycle(models.TextChoices):
    SEVENTH = "7", "“七五”普法（2016—2020年）"
    EIGHTH = "8", "“八五”普法（2021—2025年）"


CYCLE_YEARS = {PlanCycle.SEVENTH: (2016, 2020), PlanCycle.EIGHTH: (2021, 2025)}


def cycle_of(year):
    for cycle, (first, last) in CYCLE_YEARS.items():
        if first <= year <= last:
            return cycle
    return None


class ActivityKind(models.TextChoices):
    ORGANS = "organs", "法律进机关"
    VILLAGES = "villages", "法律进乡村"
    COMMUNITIES = "communities", "法律进社区"
    SCHOOLS = "schools", "法律进学校"
    ENTERPRISES = "enterprises", "法律进企业"
    UNITS = "units", "法律进单位"
    OTHER = "other", "其他普法活动"


SIX_KINDS = [k for k in ActivityKind.values if k != ActivityKind.OTHER]


class SiteLevel(models.TextChoices):
    NATIONAL = "national", "国家级"
    PROVINCIAL = "provincial", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"


class StudyKind(models.TextChoices):
    EXECUTIVE = "executive", "常务会会前学法"
    CENTRAL_GROUP = "central_group", "党委（党组）中心组学法"
    TRAINING = "training", "专题法治培训"
    LECTURE = "lecture", "法治讲座"


class CaseStatus(models.TextChoices):
    DRAFT = "draft", "未公开"
    PUBLISHED = "published", "已公开"
