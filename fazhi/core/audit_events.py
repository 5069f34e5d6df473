"""The audit event registry: a stable number, a dotted name and a Chinese label per event.

Numbers are grouped by hundreds per module (core 1xx, orgs 2xx, …) and never reused, so a
stored entry keeps its meaning after code changes. Modules register their own events at
import time of their ``services.py``.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditEvent:
    code: int
    name: str
    label: str


_BY_NAME: dict[str, AuditEvent] = {}
_BY_CODE: dict[int, AuditEvent] = {}


def register(code, name, label):
    existing = _BY_NAME.get(name)
    if existing is not None:
        if existing.code != code:
            raise ValueError(f"审计事件 {name} 已以编号 {existing.code} 注册")
        return existing
    if code in _BY_CODE:
        raise ValueError(f"审计事件编号 {code} 已被 {_BY_CODE[code].name} 使用")
    event = AuditEvent(code, name, label)
    _BY_NAME[name] = event
    _BY_CODE[code] = event
    return event


def get(name) -> AuditEvent:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"未注册的审计事件：{name}") from None


def label_for(name):
    event = _BY_NAME.get(name)
    return event.label if event else name


def all_events():
    return sorted(_BY_CODE.values(), key=lambda e: e.code)


# core: 1xx
register(101, "core.number_issued", "分配统一编号")
register(102, "core.number_reserved", "登记已使用的编号（导入）")
register(110, "core.calendar_day_set", "设置节假日/调休")
register(111, "core.calendar_day_removed", "删除节假日/调休")
register(112, "core.calendar_year_set", "确认年度节假日安排")
register(113, "core.deadlines_recomputed", "按节假日安排重新计算期限")
register(120, "core.rule_setting_set", "修改规则参数")
# orgs: 2xx
register(201, "orgs.unit_created", "新增单位")
register(202, "orgs.unit_updated", "修改单位")
register(203, "orgs.unit_moved", "调整上级单位")
register(204, "orgs.unit_retired", "撤销单位")
register(205, "orgs.unit_reactivated", "恢复单位")
register(206, "orgs.units_imported", "导入单位")
register(210, "orgs.user_created", "新增用户")
register(211, "orgs.user_updated", "修改用户")
register(212, "orgs.role_granted", "授予角色")
register(213, "orgs.role_revoked", "撤销角色")
register(214, "orgs.user_unlocked", "解除账户锁定")
register(215, "orgs.password_changed", "修改密码")
register(216, "orgs.user_deactivated", "停用用户")
register(220, "orgs.login", "登录")
register(221, "orgs.login_failed", "登录失败")
register(222, "orgs.logout", "退出登录")
register(223, "orgs.account_locked", "账户锁定")
