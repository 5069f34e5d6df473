"""Choice vocabularies of the enforcement module (GLOSSARY.md: Enforcement)."""
from django.db import models


class CertificateStatus(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "已过期"
    SUSPENDED = "suspended", "暂扣"
    WITHDRAWN = "withdrawn", "已收回"


class StaffingKind(models.TextChoices):
    ADMINISTRATIVE = "administrative", "行政编制"
    CIVIL_SERVICE_MANAGED = "civil_service_managed", "参公事业编制"
    INSTITUTION = "institution", "事业编制"
    WORKER = "worker", "工勤人员"
    CONTRACT = "contract", "编外聘用"


# Staff who may hold an enforcement certificate (持证上岗; 工勤/编外聘用人员不得申领执法证).
CERTIFIABLE_STAFFING = {StaffingKind.ADMINISTRATIVE, StaffingKind.CIVIL_SERVICE_MANAGED, StaffingKind.INSTITUTION}


class CaseKind(models.TextChoices):
    PENALTY = "penalty", "行政处罚"
    LICENSING = "licensing", "行政许可"
    COERCION = "coercion", "行政强制"
    INSPECTION = "inspection", "行政检查"
    LEVY = "levy", "行政征收"
    OTHER = "other", "其他"


class CaseStatus(models.TextChoices):
    REGISTERED = "registered", "已立案"
    INVESTIGATING = "investigating", "调查取证"
    NOTIFIED = "notified", "已告知"
    HEARING = "hearing", "陈述申辩/听证"
    REVIEW = "review", "法制审核中"
    REVIEWED = "reviewed", "法制审核通过"
    DECIDED = "decided", "已决定"
    SERVED = "served", "已送达"
    EXECUTED = "executed", "已执行"
    CLOSED = "closed", "已结案"


class Step(models.TextChoices):
    REGISTER = "register", "立案"
    INVESTIGATE = "investigate", "调查取证"
    NOTIFY = "notify", "告知"
    HEARING = "hearing", "陈述申辩/听证"
    REVIEW = "review", "法制审核"
    DECIDE = "decide", "决定"
    SERVE = "serve", "送达"
    EXECUTE = "execute", "执行"
    CLOSE = "close", "结案"
    PUBLICITY = "publicity", "公示"
    OTHER = "other", "其他"


class Act(models.TextChoices):
    """What was done on site; some acts must be recorded on audio-video (RULES.md §5)."""

    GENERAL = "general", "一般记录"
    SHOW_CERTIFICATE = "show_certificate", "出示执法证件"
    INSPECTION = "inspection", "现场检查"
    SEIZURE = "seizure", "查封扣押财产"
    DEMOLITION = "demolition", "强制拆除"
    CLOSURE = "closure", "责令停产停业（现场）"


MANDATORY_AV_ACTS = {Act.SEIZURE, Act.DEMOLITION, Act.CLOSURE}


class CoerciveMeasure(models.TextChoices):
    NONE = "", "无"
    SEIZURE = "seizure", "查封扣押财产"
    DEMOLITION = "demolition", "强制拆除"
    CLOSURE = "closure", "强制停产停业"


class FileKind(models.TextChoices):
    NONE = "", "无附件"
    DOCUMENT = "document", "文书"
    PHOTO = "photo", "照片"
    AUDIO = "audio", "录音"
    VIDEO = "video", "录像"


AV_KINDS = {FileKind.AUDIO, FileKind.VIDEO}


class PartyKind(models.TextChoices):
    """当事人 as the law knows them: a 个体工商户 is run by a natural person (its 经营者), whose name and
    personal data are masked like any natural person's; a legal person's or other organisation's name and
    credit code are public, the natural persons acting for it (法定代表人/负责人, 委托代理人) are masked."""

    PERSON = "person", "自然人"
    INDIVIDUAL_BUSINESS = "individual_business", "个体工商户"
    ORGANISATION = "organisation", "法人或其他组织"


# Kinds whose registered name and credit code are public as written.
REGISTERED_KINDS = {PartyKind.INDIVIDUAL_BUSINESS, PartyKind.ORGANISATION}


class PersonRole(models.TextChoices):
    """Other natural persons a case knows (named in the facts or the file); masked on every public page."""

    RELATIVE = "relative", "近亲属"
    WITNESS = "witness", "证人"
    EMPLOYEE = "employee", "从业人员"
    GUARDIAN = "guardian", "法定代理人/监护人"
    AGENT = "agent", "委托代理人"
    OTHER = "other", "其他相关人员"


class HearingKind(models.TextChoices):
    STATEMENT = "statement", "陈述申辩"
    HEARING = "hearing", "听证"


class MajorReason(models.TextChoices):
    PUBLIC_INTEREST = "public_interest", "涉及重大公共利益"
    SOCIAL_IMPACT = "social_impact", "可能造成重大社会影响或引发社会风险"
    PARTY_RIGHTS = "party_rights", "直接关系当事人或第三人重大权益"
    AFTER_HEARING = "after_hearing", "经过听证程序"
    COMPLEX = "complex", "案件情况疑难复杂、涉及多个法律关系"
    LARGE_AMOUNT = "large_amount", "罚没数额较大"
    OTHER_LAW = "other_law", "法律法规规定的其他情形"


class PublicationStatus(models.TextChoices):
    PENDING = "pending", "待公示"
    PUBLISHED = "published", "已公示"
    WITHDRAWN = "withdrawn", "已撤下"
    NOT_PUBLISHED = "not_published", "依法不公示"
