"""Government legal advisers: retaining, changing, ending their contracts, and their services."""

from django.db import transaction

from fazhi.core import audit
from fazhi.core.errors import DomainError
from fazhi.core.rules import get_setting

from ..models import AdviserService, LegalAdviser
from ..policies import ADVISERS, SERVICES
from ..qualifications import SOURCE, qualification_problems

ADVISER_FIELDS = ["name", "kind", "firm", "license_no", "practice_since", "sanctioned", "criminal_record",
                  "client_unit", "full_time", "contract_start", "contract_end", "contract_no"]


def _clean_adviser(data):
    for f in ("license_no", "contract_no", "firm", "name"):
        if f in data and data[f] is None:
            data[f] = ""
    for f in ("sanctioned", "criminal_record", "full_time"):
        if f in data and data[f] is None:
            data[f] = f == "full_time"
    return data


def _check_adviser(data):
    if not (data.get("name") or "").strip():
        raise DomainError("请填写姓名。", field="name")
    start, end = data.get("contract_start"), data.get("contract_end")
    if not start or not end or end <= start:
        raise DomainError("聘期结束日期应晚于开始日期。", field="contract_end")
    max_years = get_setting("decisions.adviser_contract_max_years")
    try:
        limit = start.replace(year=start.year + max_years)
    except ValueError:
        limit = start.replace(year=start.year + max_years, day=28)
    if end > limit:
        raise DomainError(f"聘期不能超过{max_years}年。", field="contract_end")
    for field, message in qualification_problems(kind=data.get("kind"), practice_since=data.get("practice_since"),
                                                 sanctioned=data.get("sanctioned"),
                                                 criminal_record=data.get("criminal_record"), on=start):
        raise DomainError(f"{message}（{SOURCE}）", field=field)


@transaction.atomic
def adviser_register(*, actor, covered_units=(), **data):
    ADVISERS.check(actor, "create")
    data = _clean_adviser({f: data.get(f) for f in ADVISER_FIELDS if f in data})
    _check_adviser(data)
    adviser = LegalAdviser.objects.create(**data)
    if covered_units:
        adviser.covered_units.set(covered_units)
    audit.record(actor=actor, event="decisions.adviser_registered", obj=adviser,
                 changes=audit.diff({}, audit.snapshot(adviser, ADVISER_FIELDS)))
    return adviser


@transaction.atomic
def adviser_update(*, actor, adviser, covered_units=None, **data):
    ADVISERS.check(actor, "edit", adviser)
    before = audit.snapshot(adviser, ADVISER_FIELDS)
    merged = _clean_adviser({f: data.get(f, getattr(adviser, f)) for f in ADVISER_FIELDS})
    _check_adviser(merged)
    for f, v in merged.items():
        setattr(adviser, f, v)
    adviser.save()
    if covered_units is not None:
        adviser.covered_units.set(covered_units)
    audit.record(actor=actor, event="decisions.adviser_updated", obj=adviser,
                 changes=audit.diff(before, audit.snapshot(adviser, ADVISER_FIELDS)))
    return adviser


@transaction.atomic
def adviser_end(*, actor, adviser, reason):
    ADVISERS.check(actor, "end", adviser)
    if not (reason or "").strip():
        raise DomainError("请填写解聘原因。", field="reason")
    adviser.ended_reason = reason.strip()
    adviser.save(update_fields=["ended_reason"])
    audit.record(actor=actor, event="decisions.adviser_ended", obj=adviser, changes={"ended_reason": [None, reason]})
    return adviser


@transaction.atomic
def service_log(*, actor, adviser, unit, kind, served_on, subject, outcome="", decision=None):
    SERVICES.check(actor, "log")
    refusal = SERVICES.unit_refusal(actor, unit)
    if refusal:
        raise DomainError(refusal, field="unit")
    if not (subject or "").strip():
        raise DomainError("请填写服务事项。", field="subject")
    if not adviser.active_on(served_on):
        raise DomainError(f"{served_on:%Y-%m-%d}不在{adviser.name}的聘期内（{adviser.contract_start:%Y-%m-%d}至"
                          f"{adviser.contract_end:%Y-%m-%d}）。", field="served_on")
    row = AdviserService.objects.create(adviser=adviser, unit=unit, kind=kind, served_on=served_on,
                                        subject=subject.strip(), outcome=(outcome or "").strip(), decision=decision,
                                        created_by=actor)
    audit.record(actor=actor, event="decisions.service_logged", obj=row,
                 changes={"kind": [None, kind], "served_on": [None, str(served_on)]})
    return row
