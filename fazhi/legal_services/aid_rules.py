"""The legal-aid rules by version (RULES.md §14): which law applies, what it covers, who is exempt from the
means test, and its clocks. An application is judged under the law in force on its application date."""
import datetime

from fazhi.core import workdays
from fazhi.core.rules import get_setting

from .choices import AID_MATTERS, EXEMPTION_RULE, EXEMPTIONS, MATTER_RULE, AidMatter, LawVersion, law_version_on

RULE_REVIEW_2021 = "《中华人民共和国法律援助法》第四十三条"
URGENT_DAYS = 7  # 法律援助法第四十四条: "距法定时效或者期限届满不足七日"


def version_of(app):
    return app.law_version or law_version_on(app.applied_on)


def is_2021(app):
    return version_of(app) == LawVersion.LAW_2021


def eligibility_refusal(app):
    """``None`` when the matter is covered and the means test is met or exempted, else why not."""
    version = version_of(app)
    if app.matter not in AID_MATTERS[version]:
        return (f"“{AidMatter(app.matter).label}”不属于{LawVersion(version).label}规定的法律援助事项"
                f"（{MATTER_RULE[version]}）")
    if app.hardship_proof:
        return None
    if app.exemption and app.exemption in EXEMPTIONS[version]:
        return None
    if app.exemption:
        return f"所选情形在{LawVersion(version).label}下不免予核查经济困难状况（{EXEMPTION_RULE[version]}）"
    return f"申请人未提交经济困难证明，也不属于免予核查经济困难状况的情形（{EXEMPTION_RULE[version]}）"


def is_urgent(app):
    return (app.limitation_on is not None
            and (app.limitation_on - app.applied_on).days < URGENT_DAYS)


def urgent_refusal(app):
    if not is_2021(app):
        return "《法律援助条例》未规定先行提供法律援助，应当审查后决定"
    if not is_urgent(app):
        return "距法定时效或者期限届满不足七日的，方可先行提供法律援助"
    return None


def review_due(app, start=None):
    """7 days from the application (or from the day the materials were completed) under the 2021 law; the
    province's period before 2022 (the 2003 regulations say only 及时)."""
    start = start or app.materials_received_on or app.applied_on
    days = 7 if is_2021(app) else get_setting("legal_services.aid_review_days_2003")
    return workdays.add_calendar_days(start, days)


def assign_due(app, decided_on):
    days = 3 if is_2021(app) else get_setting("legal_services.aid_assign_days_2003")
    return workdays.add_calendar_days(decided_on, days)


def objection_due(app, objected_on):
    """5 working days under the 2003 regulations (art. 19); 5 days under the 2021 law (art. 49)."""
    if is_2021(app):
        return workdays.add_calendar_days(objected_on, 5)
    return workdays.add_working_days(objected_on, 5)


def materials_due(app, requested_on):
    return workdays.add_calendar_days(requested_on, get_setting("legal_services.aid_materials_days"))


def clock_rule(app, which):
    r2021 = {"review": "《中华人民共和国法律援助法》第四十三条：自收到申请之日起七日内审查",
             "assign": "《中华人民共和国法律援助法》第四十三条：决定之日起三日内指派",
             "objection": "《中华人民共和国法律援助法》第四十九条：收到异议之日起五日内审查",
             "materials": RULE_REVIEW_2021 + "：材料不齐全的一次性告知补充"}
    r2003 = {"review": "《法律援助条例》第十八条：及时审查",
             "assign": "《法律援助条例》第二十一条：及时指派",
             "objection": "《法律援助条例》第十九条：收到异议之日起五个工作日内审查",
             "materials": "《法律援助条例》第十八条：补充有关证件、证明材料"}
    return (r2021 if is_2021(app) else r2003)[which]


def days_left(due, today):
    return (due - today).days if isinstance(due, datetime.date) else None
