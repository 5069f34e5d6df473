"""Enforcement officers and their certificates (持证上岗, RULES.md §7): qualification, issue and renewal,
suspension and withdrawal, training."""
from decimal import Decimal

from django.db import transaction

from fazhi.core import audit, clock
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.rules import get_setting
from fazhi.core.spreadsheets import RowError
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from .. import policies, qualifications
from ..choices import CertificateStatus
from ..models import CertificateIssue, Officer, Training
from ..permissions import EnforcementPerm as P
from ._base import add_years, check, unit_allowed

OFFICER_FIELDS = ["unit", "user", "name", "id_number", "post", "staffing", "certificate_no", "certificate_type",
                  "issuer", "issued_on", "valid_until", "exam_score", "legal_qualification"]


def _check_officer(officer):
    if not (officer.name or "").strip():
        raise DomainError("姓名不能为空。", field="name")
    refusal = qualifications.qualification_refusal(officer.staffing, officer.exam_score)
    if refusal:
        raise refusal
    if not officer.valid_until:
        officer.valid_until = add_years(officer.issued_on, get_setting("enforcement.certificate_years"))
    if officer.valid_until <= officer.issued_on:
        raise DomainError("有效期至应晚于发证日期。", field="valid_until")
    if Officer.objects.filter(certificate_no=officer.certificate_no).exclude(pk=officer.pk).exists():
        raise DomainError(f"执法证号 {officer.certificate_no} 已被使用。", field="certificate_no")
    if Officer.objects.filter(id_number=officer.id_number).exclude(pk=officer.pk).exists():
        raise DomainError("该身份证号已登记为执法人员。", field="id_number")
    if officer.user_id and Officer.objects.filter(user_id=officer.user_id).exclude(pk=officer.pk).exists():
        raise DomainError("该账号已关联其他执法人员。", field="user")


@transaction.atomic
def officer_create(*, actor, unit, **fields):
    check(policies.officers, actor, "create")
    unit_allowed(actor, unit, P.MANAGE)
    officer = Officer(unit=unit, **{k: v for k, v in fields.items() if k in OFFICER_FIELDS})
    _check_officer(officer)
    officer.status = CertificateStatus.VALID
    officer.save()
    CertificateIssue.objects.create(officer=officer, certificate_no=officer.certificate_no,
                                    issued_on=officer.issued_on, valid_until=officer.valid_until)
    audit.record(actor=actor, event="enforcement.officer_created", obj=officer,
                 changes=audit.diff({}, audit.snapshot(officer, OFFICER_FIELDS)))
    return officer


@transaction.atomic
def officer_update(*, actor, officer, **fields):
    check(policies.officers, actor, "edit", officer)
    if "unit" in fields:
        unit_allowed(actor, fields["unit"], P.MANAGE)
    before = audit.snapshot(officer, OFFICER_FIELDS)
    for name in OFFICER_FIELDS:
        if name in fields:
            setattr(officer, name, fields[name])
    _check_officer(officer)
    officer.save()
    if before["issued_on"] != str(officer.issued_on) or before["certificate_no"] != officer.certificate_no:
        CertificateIssue.objects.create(officer=officer, certificate_no=officer.certificate_no, renewal=True,
                                        issued_on=officer.issued_on, valid_until=officer.valid_until)
    audit.record(actor=actor, event="enforcement.officer_updated", obj=officer,
                 changes=audit.diff(before, audit.snapshot(officer, OFFICER_FIELDS)))
    return officer


@transaction.atomic
def officer_set_status(*, actor, officer, status, reason=""):
    """Suspend, withdraw (transfer, retirement) or restore a certificate."""
    check(policies.officers, actor, "set_status", officer)
    if status not in CertificateStatus.values:
        raise DomainError("证件状态不正确。", field="status")
    reason = (reason or "").strip()
    if status in (CertificateStatus.SUSPENDED, CertificateStatus.WITHDRAWN) and not reason:
        raise DomainError("暂扣或收回执法证须说明原因（调离、退休、离开执法岗位等）。", field="reason")
    if officer.status == CertificateStatus.WITHDRAWN and status == CertificateStatus.VALID:
        raise DomainError("已收回的执法证不能恢复，请重新申领。", field="status")
    before = officer.status
    officer.status, officer.status_reason = status, reason
    officer.save(update_fields=["status", "status_reason", "updated_at"])
    audit.record(actor=actor, event="enforcement.officer_status_changed", obj=officer,
                 changes={"status": [before, status], "reason": [None, reason]})
    return officer


@transaction.atomic
def training_add(*, actor, officer, title, held_on, hours, provider=""):
    check(policies.officers, actor, "train", officer)
    if not (title or "").strip():
        raise DomainError("请填写培训名称。", field="title")
    hours = Decimal(str(hours or 0))
    if hours <= 0 or hours > 200:
        raise DomainError("学时应大于0且不超过200。", field="hours")
    if held_on > clock.today():
        raise DomainError("培训日期不能晚于今天。", field="held_on")
    training = Training.objects.create(officer=officer, title=title.strip(), held_on=held_on, hours=hours,
                                       provider=provider or "")
    audit.record(actor=actor, event="enforcement.training_added", obj=officer,
                 changes={"training": [None, f"{held_on} {title} {hours}学时"]})
    return training


def officers_import(*, actor, rows):
    """The certificate campaign: check a whole list, re-issue or issue certificates, record the training.

    One bad row and nothing is saved (``spreadsheets.import_file`` runs this in one transaction); the
    campaign is one administrative act, so it is written in bulk with one audit entry listing every
    certificate. Returns ``{"created": n, "renewed": n, "trained": n}``.
    """
    check(policies.officers, actor, "import")
    units = {u.code: u for u in OrgUnit.objects.filter(code__in={r["unit_code"] for r in rows})}
    existing = {o.id_number: o for o in Officer.objects.filter(id_number__in=[r["id_number"] for r in rows])}
    new, renewed, issues, trainings = [], [], [], []
    seen_ids, seen_numbers = set(), set()
    for row in rows:
        unit = units.get(row["unit_code"])
        if unit is None:
            raise RowError(f"单位代码“{row['unit_code']}”不存在。", row=row, field="unit_code")
        if not scope.can_change(actor, unit, perm=P.CERTIFY):
            raise RowError(f"您不能管理“{unit.name}”的执法人员。", row=row, field="unit_code")
        if row["id_number"] in seen_ids:
            raise RowError("身份证号在表中重复。", row=row, field="id_number")
        if row["certificate_no"] in seen_numbers:
            raise RowError("执法证号在表中重复。", row=row, field="certificate_no")
        seen_ids.add(row["id_number"])
        seen_numbers.add(row["certificate_no"])
        officer = existing.get(row["id_number"]) or Officer(id_number=row["id_number"])
        officer.unit = unit
        for name in ("name", "staffing", "certificate_no", "issued_on", "valid_until", "exam_score"):
            setattr(officer, name, row.get(name))
        officer.post = row.get("post") or ""
        officer.legal_qualification = bool(row.get("legal_qualification"))
        officer.status, officer.status_reason = CertificateStatus.VALID, ("换发新证" if officer.pk else "")
        try:
            _check_officer(officer)
        except DomainError as e:
            raise RowError(e.message, row=row, field=e.field) from e
        (renewed if officer.pk else new).append(officer)
        issues.append((officer, bool(officer.pk)))
        if row.get("training_hours"):
            hours = Decimal(str(row["training_hours"]))
            if hours <= 0 or hours > 200:
                raise RowError("学时应大于0且不超过200。", row=row, field="training_hours")
            trainings.append((officer, row.get("training_title") or "行政执法业务培训",
                              row.get("training_on") or officer.issued_on, hours))
    Officer.objects.bulk_create(new)
    if new and new[0].pk is None:  # databases that do not return ids from bulk inserts
        by_id = dict(Officer.objects.filter(id_number__in=[o.id_number for o in new]).values_list("id_number", "pk"))
        for o in new:
            o.pk = o.id = by_id[o.id_number]
    Officer.objects.bulk_update(renewed, ["unit", "name", "staffing", "certificate_no", "issued_on", "valid_until",
                                          "exam_score", "post", "legal_qualification", "status", "status_reason"])
    CertificateIssue.objects.bulk_create(
        CertificateIssue(officer=o, certificate_no=o.certificate_no, issued_on=o.issued_on, valid_until=o.valid_until,
                         renewal=renewal) for o, renewal in issues)
    Training.objects.bulk_create(Training(officer=o, title=t, held_on=d, hours=h, provider="县司法局")
                                 for o, t, d, h in trainings)
    result = {"created": len(new), "renewed": len(renewed), "trained": len(trainings)}
    with transaction.atomic():
        audit.record(actor=actor, event="enforcement.officers_imported", object_repr="执法证批量申领/换发",
                     changes={**{k: [None, v] for k, v in result.items()},
                              "certificates": [None, [o.certificate_no for o, _r in issues]]})
    return result


@transaction.atomic
def certificates_renew(*, actor, officers, issued_on, valid_until, number=lambda o: o.certificate_no):
    """A renewal round (换发): every listed officer with a valid certificate gets a new one; one audit entry."""
    check(policies.officers, actor, "import")
    officers = [o for o in officers if o.status != CertificateStatus.WITHDRAWN]
    for o in officers:
        if not scope.can_change(actor, o, perm=P.CERTIFY):
            raise NotFound()
        o.certificate_no, o.issued_on, o.valid_until = number(o), issued_on, valid_until
        o.status, o.status_reason = CertificateStatus.VALID, "换发新证"
    if valid_until <= issued_on:
        raise DomainError("有效期至应晚于发证日期。", field="valid_until")
    Officer.objects.bulk_update(officers, ["certificate_no", "issued_on", "valid_until", "status", "status_reason"])
    CertificateIssue.objects.bulk_create(CertificateIssue(officer=o, certificate_no=o.certificate_no, renewal=True,
                                                          issued_on=issued_on, valid_until=valid_until)
                                         for o in officers)
    audit.record(actor=actor, event="enforcement.officers_imported", object_repr="执法证换发",
                 changes={"renewed": [None, len(officers)], "issued_on": [None, issued_on.isoformat()]})
    return len(officers)
