"""Choices of the public legal services module (RULES.md §14; seed 六(四是): the "二四六" model)."""
import datetime

from django.db import models


class Duty(models.TextChoices):
    """The six duties (六项职责) of a lawyer in the villages."""

    DISPUTES = "disputes", "化解矛盾纠纷"
    PETITION = "petition", "信访值守"
    PUBLICITY = "publicity", "法治宣传"
    ADVICE = "advice", "法律咨询"
    AID = "aid", "法律援助"
    GOVERNANCE = "governance", "依法治理"


class Place(models.TextChoices):
    """Where a lawyer serves under an assignment (包联): a village, a township's comprehensive-governance
    centre, or the county petition hall (访前法律工作室)."""

    VILLAGE = "village", "包联村（社区）"
    TOWNSHIP = "township", "乡镇综治中心"
    HALL = "hall", "县信访大厅"


class PetitionKind(models.TextChoices):
    NONE = "", "不涉及信访案件"
    GENERAL = "general", "一般信访纠纷"
    DIFFICULT = "difficult", "疑难信访案件"


class DocumentKind(models.TextChoices):
    NONE = "", "无"
    SUGGESTION = "suggestion", "依法决策建议"
    OPINION = "opinion", "法律意见书"


class LogStatus(models.TextChoices):
    SUBMITTED = "submitted", "待确认"
    CONFIRMED = "confirmed", "已确认"
    DISPUTED = "disputed", "有异议"
    CORRECTED = "corrected", "已更正待确认"


# Legal aid -----------------------------------------------------------------------------------------

LAW_2021_FROM = datetime.date(2022, 1, 1)


class LawVersion(models.TextChoices):
    REGS_2003 = "2003", "《法律援助条例》（2003年）"
    LAW_2021 = "2021", "《中华人民共和国法律援助法》"


def law_version_on(day):
    """The legal-aid law in force on ``day`` (the application date)."""
    return LawVersion.LAW_2021 if day >= LAW_2021_FROM else LawVersion.REGS_2003


class AidMatter(models.TextChoices):
    STATE_COMPENSATION = "state_compensation", "请求国家赔偿"
    SOCIAL_INSURANCE = "social_insurance", "请求给予社会保险待遇或者社会救助（最低生活保障）"
    PENSION = "pension", "请求发给抚恤金、救济金"
    SUPPORT = "support", "请求给付赡养费、抚养费、扶养费"
    WAGES = "wages", "请求支付劳动报酬"
    LABOUR_RELATION = "labour_relation", "请求确认劳动关系"
    CAPACITY = "capacity", "请求认定公民无民事行为能力或者限制民事行为能力"
    INJURY = "injury", "请求工伤、交通事故、食品药品安全、医疗事故人身损害赔偿"
    ENVIRONMENT = "environment", "请求环境污染、生态破坏损害赔偿"
    BRAVE = "brave", "主张因见义勇为行为产生的民事权益"
    CRIMINAL = "criminal", "刑事案件犯罪嫌疑人、被告人申请辩护"
    OTHER = "other", "其他事项"


AID_MATTERS = {
    LawVersion.REGS_2003: {AidMatter.STATE_COMPENSATION, AidMatter.SOCIAL_INSURANCE, AidMatter.PENSION,
                           AidMatter.SUPPORT, AidMatter.WAGES, AidMatter.BRAVE, AidMatter.CRIMINAL},
    LawVersion.LAW_2021: {AidMatter.STATE_COMPENSATION, AidMatter.SOCIAL_INSURANCE, AidMatter.PENSION,
                          AidMatter.SUPPORT, AidMatter.WAGES, AidMatter.LABOUR_RELATION, AidMatter.CAPACITY,
                          AidMatter.INJURY, AidMatter.ENVIRONMENT, AidMatter.BRAVE, AidMatter.CRIMINAL},
}
MATTER_RULE = {LawVersion.REGS_2003: "《法律援助条例》第十条、第十一条",
               LawVersion.LAW_2021: "《中华人民共和国法律援助法》第二十四条、第三十一条"}


class Exemption(models.TextChoices):
    """Grounds on which no economic-hardship proof is needed."""

    NONE = "", "不适用（提交经济困难证明）"
    MARTYR = "martyr", "英雄烈士近亲属维护英雄烈士名誉"
    BRAVE = "brave", "因见义勇为行为主张相关民事权益"
    RETRIAL = "retrial", "再审改判无罪请求国家赔偿"
    VICTIM = "victim", "遭受虐待、遗弃或者家庭暴力的受害人主张权益"
    DEPENDANT = "dependant", "无固定生活来源的未成年人、老年人、残疾人等特定群体"
    ASSISTED = "assisted", "社会救助、司法救助或者优抚对象"
    MIGRANT = "migrant", "农民工请求支付劳动报酬或者工伤赔偿"


EXEMPTIONS = {
    LawVersion.REGS_2003: set(),
    LawVersion.LAW_2021: {Exemption.MARTYR, Exemption.BRAVE, Exemption.RETRIAL, Exemption.VICTIM,
                          Exemption.DEPENDANT, Exemption.ASSISTED, Exemption.MIGRANT},
}
EXEMPTION_RULE = {LawVersion.REGS_2003: "《法律援助条例》第十八条（申请人应当提交经济困难的证明）",
                  LawVersion.LAW_2021: "《中华人民共和国法律援助法》第三十二条、第四十二条"}


class AidStatus(models.TextChoices):
    APPLIED = "applied", "待审查"
    MATERIALS = "materials", "待补充材料"
    APPROVED = "approved", "已决定给予援助"
    REFUSED = "refused", "已决定不予援助"
    OBJECTED = "objected", "异议审查中"
    ASSIGNED = "assigned", "已指派承办"
    TERMINATED = "terminated", "已终止援助"
    WITHDRAWN = "withdrawn", "视为撤回"
    CLOSED = "closed", "已结案"


class TerminationGround(models.TextChoices):
    """法律援助法第四十八条 (2021); the 2003 regulations' art. 23 grounds are a subset."""

    NO_LONGER_POOR = "no_longer_poor", "受援人以欺骗或者其他不正当手段获得法律援助"
    CONCEALED = "concealed", "受援人故意隐瞒与案件有关的重要事实或者提供虚假证据"
    MISUSE = "misuse", "受援人利用法律援助从事违法活动"
    MEANS_CHANGED = "means_changed", "受援人的经济状况发生变化，不再符合法律援助条件"
    CASE_ENDED = "case_ended", "案件终止审理或者已经被撤销"
    OWN_LAWYER = "own_lawyer", "受援人自行委托律师或者其他代理人"
    REQUESTED = "requested", "受援人有正当理由要求终止法律援助"
    OTHER = "other", "法律法规规定的其他情形"


TERMINATION_GROUNDS = {
    LawVersion.REGS_2003: {TerminationGround.MEANS_CHANGED, TerminationGround.CASE_ENDED,
                           TerminationGround.OWN_LAWYER, TerminationGround.REQUESTED},
    LawVersion.LAW_2021: set(TerminationGround.values),
}
TERMINATION_RULE = {LawVersion.REGS_2003: "《法律援助条例》第二十三条",
                    LawVersion.LAW_2021: "《中华人民共和国法律援助法》第四十八条"}
