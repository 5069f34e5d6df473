"""Choices of the disputes module: mediation (人民调解、行政调解、司法调解) and petitions (信访)."""
import datetime

from django.db import models

#: the 信访工作条例 (2022) applies to matters whose event falls on or after this day; earlier ones keep the
#: 信访条例 (国务院令第431号, 2005) — judged by the event's date, never by today's date
RULES_2022_FROM = datetime.date(2022, 5, 1)


class MediationKind(models.TextChoices):
    PEOPLE = "people", "人民调解"
    ADMINISTRATIVE = "administrative", "行政调解"
    JUDICIAL = "judicial", "司法调解"


class OrgCategory(models.TextChoices):
    VILLAGE = "village", "村（居）民委员会人民调解委员会"
    TOWNSHIP = "township", "乡镇（街道）人民调解委员会"
    INDUSTRY = "industry", "行业性、专业性人民调解委员会"
    DEPARTMENT = "department", "行政机关（行政调解）"
    COURT = "court", "人民法院（司法调解）"


PEOPLE_CATEGORIES = {OrgCategory.VILLAGE, OrgCategory.TOWNSHIP, OrgCategory.INDUSTRY}
KIND_OF_CATEGORY = {OrgCategory.VILLAGE: MediationKind.PEOPLE, OrgCategory.TOWNSHIP: MediationKind.PEOPLE,
                    OrgCategory.INDUSTRY: MediationKind.PEOPLE, OrgCategory.DEPARTMENT: MediationKind.ADMINISTRATIVE,
                    OrgCategory.COURT: MediationKind.JUDICIAL}


class Gender(models.TextChoices):
    FEMALE = "female", "女"
    MALE = "male", "男"


class DisputeType(models.TextChoices):
    NEIGHBOUR = "neighbour", "邻里纠纷"
    FAMILY = "family", "婚姻家庭纠纷"
    LAND = "land", "土地权属纠纷"
    HOUSING = "housing", "房产（商品房）纠纷"
    LABOUR = "labour", "劳资纠纷"
    MEDICAL = "medical", "医患纠纷"
    PROPERTY_MGMT = "property", "物业管理纠纷"
    LENDING = "lending", "民间借贷纠纷"
    POVERTY = "poverty", "精准扶贫相关纠纷"
    POLLUTION = "pollution", "污染防治纠纷"
    PLANNING = "planning", "城乡规划纠纷"
    FOOD_DRUG = "food_drug", "食品药品纠纷"
    OTHER = "other", "其他纠纷"


class CaseSource(models.TextChoices):
    WALK_IN = "walk_in", "当事人申请"
    POLICE = "police", "公安机关移送"
    COURT = "court", "人民法院委托"
    PETITION = "petition", "信访部门移送"
    DEPARTMENT = "department", "行政机关移送"
    SCREENING = "screening", "排查发现"


class CaseStatus(models.TextChoices):
    REGISTERED = "registered", "已受理"
    MEDIATING = "mediating", "调解中"
    REFUSED = "refused", "当事人拒绝调解"
    AGREED = "agreed", "已达成协议（待签章）"
    EFFECTIVE = "effective", "调解成功（协议生效）"
    FAILED = "failed", "调解不成"
    REFERRED = "referred", "已移交（待接收）"


OPEN_CASE_STATUSES = (CaseStatus.REGISTERED, CaseStatus.MEDIATING, CaseStatus.AGREED, CaseStatus.REFERRED)


class Channel(models.TextChoices):
    VISIT = "visit", "走访"
    LETTER = "letter", "来信"
    PHONE = "phone", "来电"
    ONLINE = "online", "网上信访"
    MAILBOX = "mailbox", "领导信箱"
    TRANSFERRED = "transferred", "上级转交办"


class Category(models.TextChoices):
    # 信访工作条例 (2022) 第二十九条至第三十一条
    SUGGESTION = "suggestion", "建议意见类"
    ACCUSATION = "accusation", "检举控告类"
    CLAIM = "claim", "申诉求决类"
    # 信访条例 (2005)
    # 信访条例 (2005) 第二条: 反映情况，提出建议、意见或者投诉请求 — the 2005 rules name no 检举揭发 class
    OLD_SUGGESTION = "old_suggestion", "提出建议、意见（《信访条例》）"
    OLD_COMPLAINT = "old_complaint", "投诉请求（《信访条例》）"
    OLD_REPORT = "old_report", "反映情况（《信访条例》）"


CATEGORIES_2022 = (Category.SUGGESTION, Category.ACCUSATION, Category.CLAIM)
CATEGORIES_2005 = (Category.OLD_SUGGESTION, Category.OLD_COMPLAINT, Category.OLD_REPORT)


class PetitionStatus(models.TextChoices):
    REGISTERED = "registered", "已登记（待转送）"
    ROUTED = "routed", "已转送（待受理）"
    ACCEPTED = "accepted", "已受理（办理中）"
    NOT_ACCEPTED = "not_accepted", "不予受理"
    ANSWERED = "answered", "已出具处理意见"
    REVIEW = "review", "复查中"
    REVIEWED = "reviewed", "已复查"
    RECHECK = "recheck", "复核中"
    FINAL = "final", "已复核（终结）"


OPEN_PETITION_STATUSES = (PetitionStatus.REGISTERED, PetitionStatus.ROUTED, PetitionStatus.ACCEPTED,
                          PetitionStatus.REVIEW, PetitionStatus.RECHECK)


class Outcome(models.TextChoices):
    SUPPORT = "support", "支持"
    EXPLAIN = "explain", "解释说明"
    NOT_SUPPORT = "not_support", "不支持"


class PetitionLevel(models.TextChoices):
    GENERAL = "general", "一般信访"
    DIFFICULT = "difficult", "疑难信访"


class NoteKind(models.TextChoices):
    MEETING = "meeting", "包案会议"
    PROGRESS = "progress", "入户走访和化解进展"


class ClusterKind(models.TextChoices):
    HOUSING = "housing", "房地产开发企业与购房户纠纷"
    LENDING = "lending", "民间借贷·非法集资风险"
    LAND = "land", "征地拆迁纠纷"
    LABOUR = "labour", "劳资纠纷"
    OTHER = "other", "其他群体性矛盾纠纷"


class ClusterStatus(models.TextChoices):
    HANDLING = "handling", "处置中"
    RESOLVED = "resolved", "已化解"


class GroupPost(models.TextChoices):
    LEADER = "leader", "组长"
    DEPUTY = "deputy", "副组长"
    MEMBER = "member", "成员"


class HouseholdStatus(models.TextChoices):
    OPEN = "open", "未化解"
    HANDLING = "handling", "化解中"
    RESOLVED = "resolved", "已化解"
