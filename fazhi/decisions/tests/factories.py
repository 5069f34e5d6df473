"""Scenario helpers: decisions moved through the real services (no shortcuts around the rules)."""
import datetime

from fazhi.decisions import services
from fazhi.decisions.choices import Category, MemberRole, Position, ReviewOpinion, StepCode

D = datetime.date


def adviser(county, **overrides):
    data = dict(name="陈律师", kind="lawyer", firm="某某律师事务所", license_no="14203200910000001",
                practice_since=2008, client_unit=county.gov, contract_start=D(2026, 1, 1),
                contract_end=D(2027, 12, 31))
    data.update(overrides)
    return services.adviser_register(actor=county.office, **data)


def decision(county, *, actor=None, lead_unit=None, **overrides):
    data = dict(title="城区农贸市场升级改造实施方案", category=Category.PROJECT, organ=county.gov,
                lead_unit=lead_unit or county.market, proposer="县市场监督管理局", year=2026,
                draft_text="第一条 为规范农贸市场……", explanation="起草说明：……")
    data.update(overrides)
    return services.decision_create(actor=actor or county.office, **data)


def step(decision, code):
    return decision.steps.get(code=code)


def resolve_preliminary(county, d, *, actor=None):
    """Public participation, experts and risk: the first two not applicable, risk controllable."""
    actor = actor or county.office
    services.step_mark_not_applicable(actor=actor, step=step(d, StepCode.PUBLIC_PARTICIPATION),
                                      reason="依法不予公开的事项")
    services.step_mark_not_applicable(actor=actor, step=step(d, StepCode.EXPERT_CONSULTATION),
                                      reason="不属于专业性技术性较强的事项")
    services.step_record(actor=actor, step=step(d, StepCode.RISK_ASSESSMENT), complete=True,
                         risk_points="摊位调整可能引发经营户不满", risk_level="low", risk_controllable=True,
                         risk_measures="提前公示、分批过渡", contingency_plan="成立应急处置专班", assessor="县市场监管局")


def to_review(county, d, *, actor=None):
    resolve_preliminary(county, d, actor=actor)
    return services.review_submit(actor=actor or county.office, decision=d, review_unit=county.justice,
                                  submitted_on=D(2026, 6, 1), due_on=D(2026, 6, 10))


def opinion_give(county, d, *, opinion=ReviewOpinion.LAWFUL, exploratory_risk="", adv=None):
    adv = adv or adviser(county)
    return services.review_opinion_give(actor=county.reviewer, step=step(d, StepCode.LEGALITY_REVIEW),
                                        opinion=opinion, opinion_text="经审查，该草案……", adviser=adv,
                                        reviewed_on=D(2026, 6, 8), exploratory_risk=exploratory_risk)


VIEWS = [
    {"member": "张副县长", "role": MemberRole.MEMBER, "position": Position.AGREE, "view": "同意"},
    {"member": "李副县长", "role": MemberRole.MEMBER, "position": Position.AGREE, "view": "同意，建议加强宣传"},
    {"member": "王县长", "role": MemberRole.HEAD, "position": Position.AGREE, "view": "同意实施"},
]


def to_discussion(county, d):
    d = to_review(county, d)
    opinion_give(county, d)
    return services.decision_act(actor=county.office, decision=d, action="discussion_submit")


def record_meeting(county, d, views=None, **kw):
    data = dict(meeting_type="standing", meeting_on=D(2026, 6, 20), meeting_name="县政府第12次常务会议",
                attendees="王县长、张副县长、李副县长", outcome="adopted", views=views or VIEWS,
                decision_text="同意实施城区农贸市场升级改造。")
    data.update(kw)
    return services.meeting_record(actor=county.office, decision=d, **data)


def to_decided(county, d):
    d = to_discussion(county, d)
    record_meeting(county, d)
    return services.decision_decide(actor=county.office, decision=d)
