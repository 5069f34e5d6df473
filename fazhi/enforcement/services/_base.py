"""What every enforcement service shares: the audit events, the re-check of the policy, act dates."""
from fazhi.core import audit_events, clock
from fazhi.core.errors import DomainError, NotFound
from fazhi.orgs import scope

from ..models import Case

E = audit_events.register
E(601, "enforcement.body_saved", "保存执法主体")
E(602, "enforcement.inspection_saved", "保存随机抽查事项")
E(610, "enforcement.officer_created", "新增执法人员")
E(611, "enforcement.officer_updated", "修改执法人员")
E(612, "enforcement.officer_status_changed", "变更执法证状态")
E(613, "enforcement.officers_imported", "批量换发执法证")
E(614, "enforcement.training_added", "登记执法培训")
E(620, "enforcement.case_registered", "执法案件立案")
E(621, "enforcement.party_added", "登记当事人")
E(622, "enforcement.officer_assigned", "增派执法人员")
E(623, "enforcement.major_set", "认定重大执法决定情形")
E(624, "enforcement.record_added", "追加全过程记录")
E(630, "enforcement.case_investigated", "开始调查取证")
E(631, "enforcement.case_notified", "告知")
E(632, "enforcement.hearing_requested", "登记陈述申辩/听证申请")
E(633, "enforcement.review_submitted", "提交法制审核")
E(634, "enforcement.review_passed", "法制审核通过")
E(635, "enforcement.review_rejected", "法制审核不通过")
E(636, "enforcement.case_decided", "作出执法决定")
E(637, "enforcement.case_served", "送达执法决定")
E(638, "enforcement.case_executed", "执行")
E(639, "enforcement.case_closed", "结案")
E(650, "enforcement.decision_published", "公示执法决定")
E(651, "enforcement.decision_revoked", "执法决定变更/撤销")
E(652, "enforcement.publication_withdrawn", "撤下公示")
E(653, "enforcement.public_text_edited", "修改公开文本")
E(625, "enforcement.person_added", "登记案件相关人员")
E(660, "enforcement.evaluation_added", "案卷评查")


# Helpers ------------------------------------------------------------------------------------

def check(policy, actor, action, obj=None, *, on=None, field=None):
    """Re-check what the page asked the policy: a record out of the actor's sight is ``NotFound`` (the same
    answer as "does not exist"); any other refusal is a ``DomainError`` with the policy's reason."""
    if actor is None:
        raise DomainError("请先登录。", code="policy_refused")
    if obj is not None and not scope.can_see(actor, obj, perm=policy.view_permission):
        raise NotFound()
    reason = policy.refusal(actor, action, obj, on=on)
    if reason:
        raise DomainError(reason if reason.endswith("。") else f"{reason}。", field=field, code="policy_refused")


def in_reach(actor, obj, perm):
    """``obj`` (a body, an officer named in a form) lies in the reach of the actor's ``perm`` grant."""
    if not scope.can_change(actor, obj, perm=perm):
        raise NotFound()


def unit_allowed(actor, unit, perm):
    if not scope.can_change(actor, unit, perm=perm):
        raise DomainError(f"您不能管理“{unit}”的记录。", field="unit")


def act_date(on, case=None, *, field="on"):
    """The date of an act: not in the future, not before the case was registered."""
    return clock.check_act_date(on, not_before=case.registered_on if case is not None else None,
                                not_before_label="立案日期", backdate_reason=None, field=field)


def last_step_on(case):
    """The date of the case's latest step so far (a new step may not be dated before it)."""
    days = [case.registered_on, case.notified_on, case.hearing_requested_on, case.decided_on, case.served_on,
            case.executed_on]
    return max(d for d in days if d)


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=d)
        except ValueError:
            continue
    raise ValueError(day)


def officers_text(case):
    return "、".join(f"{o.name}（{o.certificate_no}）" for o in case.officers.all())


def lock(case):
    return Case.objects.select_for_update().get(pk=case.pk)
