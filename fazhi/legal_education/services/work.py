"""普法 work: duty lists (with the office's review), activities, culture sites, study sessions."""
from django.db import transaction

from fazhi.core import audit, clock, search, uploads
from fazhi.core.errors import DomainError
from fazhi.orgs import scope

from .. import search as search_fields
from ..choices import CaseStatus, cycle_of
from ..models import (
    Activity,
    ActivityFile,
    CaseExplanation,
    CasePerson,
    CultureSite,
    DutyItem,
    DutyList,
    Honour,
    Programme,
    SitePhoto,
    StudySession,
)
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


def _record_save(policy, model, event, *, actor, unit, fields, obj=None):
    """Create (``obj`` None) or edit a unit's record; the unit may change only within the actor's reach."""
    if obj is None:
        check(policy, actor, "create")
    else:
        check(policy, actor, "edit", obj)
    _unit_allowed(actor, unit)
    changes = {}
    with transaction.atomic():
        if obj is None:
            obj = model.objects.create(unit=unit, **fields)
        else:
            for name, value in {"unit": unit, **fields}.items():
                old = getattr(obj, name)
                if old != value:
                    changes[name] = [str(old), str(value)]
                setattr(obj, name, value)
            obj.save()
        audit.record(actor=actor, event=event, obj=obj, changes=changes)
    return obj


def _check_files(files, *, kind, field, label):
    for upload in files:
        uploads.check(upload, kind=kind, field=field, label=label)


def activity_save(*, actor, unit, partners=(), photos=(), signins=(), activity=None, **fields):
    """Record (or correct) a 普法 activity with its partner units, photos and sign-in sheets."""
    from ..policies import ActivityPolicy

    fields["held_on"] = clock.check_act_date(fields.get("held_on"), backdate_reason=None, field="held_on")
    if unit in partners:
        raise DomainError("协办单位不能与组织单位相同。", field="partners")
    _check_files(photos, kind="image", field="photos", label="活动照片")
    _check_files(signins, kind="material", field="signins", label="签到表")
    with transaction.atomic():
        obj = _record_save(ActivityPolicy(), Activity, "legal_education.activity_saved", actor=actor, unit=unit,
                           fields=fields, obj=activity)
        obj.partners.set(partners)
        search.index(obj, source="legal_education.activity", **search_fields.activity_fields(obj))
        for kind, batch in (("photo", photos), ("signin", signins)):
            for upload in batch:
                ActivityFile.objects.create(activity=obj, kind=kind, file=upload)
    return obj


def site_save(*, actor, unit, photos=(), site=None, **fields):
    from ..policies import SitePolicy

    year = fields.get("designated_year")
    if year and year > clock.today().year:
        raise DomainError("命名年度不能晚于今年。", field="designated_year")
    _check_files(photos, kind="image", field="photos", label="阵地照片")
    with transaction.atomic():
        obj = _record_save(SitePolicy(), CultureSite, "legal_education.site_saved", actor=actor, unit=unit,
                           fields=fields, obj=site)
        for upload in photos:
            SitePhoto.objects.create(site=obj, file=upload)
        search.index(obj, source="legal_education.site", **search_fields.site_fields(obj))
    return obj


def study_save(*, actor, unit, attendees=(), study=None, **fields):
    from ..policies import StudyPolicy

    fields["held_on"] = clock.check_act_date(fields.get("held_on"), backdate_reason=None, field="held_on")
    outside = [u for u in attendees if not u.is_active]
    if outside:
        raise DomainError(f"“{outside[0]}”已停用，不能登记为参学人员。", field="attendees")
    with transaction.atomic():
        obj = _record_save(StudyPolicy(), StudySession, "legal_education.study_saved", actor=actor, unit=unit,
                           fields=fields, obj=study)
        obj.attendees.set(attendees)
        search.index(obj, source="legal_education.study", **search_fields.study_fields(obj))
    return obj


def _county_wide_save(policy, model, event, *, actor, obj, fields):
    policy.check(actor, "create" if obj is None else "edit", obj)
    with transaction.atomic():
        if obj is None:
            obj = model.objects.create(**fields)
        else:
            for name, value in fields.items():
                setattr(obj, name, value)
            obj.save()
        audit.record(actor=actor, event=event, obj=obj)
    return obj


def programme_save(*, actor, units, programme=None, **fields):
    """A creation programme (e.g. “四个100”) with its participating units and outcome (the office)."""
    from ..policies import ProgrammePolicy

    if not units:
        raise DomainError("请至少选择一个参与单位。", field="units")
    if fields["year"] > clock.today().year:
        raise DomainError("年度不能晚于今年。", field="year")
    with transaction.atomic():
        obj = _county_wide_save(ProgrammePolicy(), Programme, "legal_education.programme_saved", actor=actor,
                                obj=programme, fields=fields)
        obj.units.set(units)
    return obj


def honour_save(*, actor, honour=None, **fields):
    """An honour received by the county (no unit) or by one of its units (the office)."""
    from ..policies import HonourPolicy

    if fields["year"] > clock.today().year:
        raise DomainError("年度不能晚于今年。", field="year")
    return _county_wide_save(HonourPolicy(), Honour, "legal_education.honour_saved", actor=actor, obj=honour,
                             fields=fields)


def _names(text):
    import re

    return [n for n in (x.strip() for x in re.split(r"[\s,，、;；]+", text or "")) if n]


def case_save(*, actor, unit, persons="", case=None, **fields):
    """A 以案释法 case with the persons it names (their names are masked wherever the case is published)."""
    from ..policies import CasePolicy

    names = _names(persons)
    if any(len(n) > 50 for n in names):
        raise DomainError("当事人姓名过长，请每行填写一个姓名。", field="persons")
    with transaction.atomic():
        obj = _record_save(CasePolicy(), CaseExplanation, "legal_education.case_saved", actor=actor, unit=unit,
                           fields=fields, obj=case)
        obj.persons.all().delete()
        CasePerson.objects.bulk_create([CasePerson(case=obj, name=n) for n in dict.fromkeys(names)])
    return obj


def case_publish(*, actor, case):
    """Publish the case on the public site (masked); irreversible from the page."""
    from ..policies import CasePolicy

    check(CasePolicy(), actor, "publish", case)
    with transaction.atomic():
        case.status = CaseStatus.PUBLISHED
        case.published_on = clock.today()
        case.save(update_fields=["status", "published_on"])
        audit.record(actor=actor, event="legal_education.case_published", obj=case)
    return case
