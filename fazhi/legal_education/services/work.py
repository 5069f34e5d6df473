"""普法 work: duty lists (with the office's review), activities, culture sites, study sessions."""
from django.db import transaction

from fazhi.core import audit, clock
from fazhi.core.errors import DomainError
from fazhi.orgs import scope

from ..choices import cycle_of
from ..models import Activity, CultureSite, DutyItem, DutyList, StudySession
from ..permissions import LegalEducationPerm as P
from ..workflows import DUTY_FLOW
from ._base import check


def _unit_allowed(actor, unit):
    if not scope.can_change(actor, unit, perm=P.KEEP):
        raise DomainError(f"您不能管理“{unit}”的记录。", field="unit")


def duty_list_save(*, actor, unit, year, items, duty_list=None):
    """Create or replace the items of ``unit``'s list for ``year`` (while a draft or returned)."""
    from ..policies import DutyListPolicy

    policy = DutyListPolicy()
    if duty_list is None:
        check(policy, actor, "create")
        _unit_allowed(actor, unit)
        if DutyList.objects.filter(unit=unit, year=year).exists():
            raise DomainError(f"{unit.name}{year}年的普法责任清单已经存在。", field="year")
    else:
        check(policy, actor, "edit", duty_list)
    cycle = cycle_of(year)
    if cycle is None:
        raise DomainError("该年度不在“七五”“八五”普法规划期内。", field="year")
    if not items:
        raise DomainError("请至少填写一项普法责任事项。", field="items")
    with transaction.atomic():
        if duty_list is None:
            duty_list = DutyList.objects.create(unit=unit, year=year, cycle=cycle)
        duty_list.items.all().delete()
        DutyItem.objects.bulk_create([DutyItem(duty_list=duty_list, **item) for item in items])
        audit.record(actor=actor, event="legal_education.duty_list_saved", obj=duty_list,
                     changes={"items": [None, len(items)]})
    return duty_list


def duty_list_step(*, actor, duty_list, action, reason="", on=None):
    on = on or clock.today()

    def effect(obj):
        if action == "submit":
            obj.submitted_on = on
        else:
            obj.reviewed_on = on
            obj.review_note = reason

    return DUTY_FLOW.apply(actor=actor, obj=duty_list, action=action, reason=reason, effect=effect, on=on,
                           not_before=duty_list.submitted_on if action != "submit" else None)


def _simple_save(policy, model, event, *, actor, unit, fields):
    check(policy, actor, "create")
    _unit_allowed(actor, unit)
    with transaction.atomic():
        obj = model.objects.create(unit=unit, **fields)
        audit.record(actor=actor, event=event, obj=obj)
    return obj


def activity_save(*, actor, unit, **fields):
    from ..policies import ActivityPolicy

    if fields.get("held_on") and fields["held_on"] > clock.today():
        raise DomainError("活动日期不能晚于今天。", field="held_on")
    return _simple_save(ActivityPolicy(), Activity, "legal_education.activity_saved", actor=actor, unit=unit,
                        fields=fields)


def site_save(*, actor, unit, **fields):
    from ..policies import SitePolicy

    return _simple_save(SitePolicy(), CultureSite, "legal_education.site_saved", actor=actor, unit=unit,
                        fields=fields)


def study_save(*, actor, unit, attendees=(), **fields):
    from ..policies import StudyPolicy

    obj = _simple_save(StudyPolicy(), StudySession, "legal_education.study_saved", actor=actor, unit=unit,
                       fields=fields)
    obj.attendees.set(attendees)
    return obj
