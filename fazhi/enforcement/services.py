"""Every write of the enforcement module: one transaction, one audit entry, Chinese refusals.

Rules enforced here (RULES.md §5, §6, §6.1, §7): 持证上岗 (only officers with a valid certificate
are put on a case or sign a step), two certified officers for a penalty, the notice and hearing
deadlines in working days, legal review of major decisions by a qualified reviewer, the
append-only full-process record with mandatory audio-video steps, publication of decisions within
7/20 working days (masked, never for minors) and withdrawal within 3 working days.
"""
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum

from fazhi.core import audit, audit_events, masking, numbering, search, workdays
from fazhi.core.errors import CalendarMissing, DomainError, NotFound, PermissionDenied
from fazhi.core.rules import get_setting
from fazhi.core.spreadsheets import RowError
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit
from fazhi.powers import selectors as power_selectors

from . import policies, records
from . import search as search_fields
from .choices import (
    AV_KINDS,
    CERTIFIABLE_STAFFING,
    Act,
    CaseKind,
    CaseStatus,
    CertificateStatus,
    CoerciveMeasure,
    HearingKind,
    MajorReason,
    PartyKind,
    PublicationStatus,
    StaffingKind,
    Step,
)
from .models import (
    Case,
    CaseFileEvaluation,
    CaseParty,
    CertificateIssue,
    EnforcementBody,
    InspectionItem,
    MajorReview,
    Officer,
    Publication,
    Training,
)
from .permissions import EnforcementPerm as P
from .workflows import CASE_FLOW, STEP_OF_ACTION

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
E(660, "enforcement.evaluation_added", "案卷评查")

BODY_FIELDS = ["name", "body_type", "legal_basis", "powers", "procedures", "remedies", "major_catalogue",
               "major_fine_threshold", "is_active"]
OFFICER_FIELDS = ["unit", "user", "name", "id_number", "post", "staffing", "certificate_no", "certificate_type",
                  "issuer", "issued_on", "valid_until", "exam_score", "legal_qualification"]
INSPECTION_FIELDS = ["body", "name", "basis", "targets", "method", "ratio", "year"]


# Helpers ------------------------------------------------------------------------------------

def _require(actor, perm, obj=None, *, read=False):
    if actor is None or not actor.has_perm(perm):
        raise PermissionDenied()
    if obj is not None:
        allowed = scope.can_see(actor, obj, perm=perm) if read else scope.can_change(actor, obj, perm=perm)
        if not allowed:
            raise NotFound()


def _unit_allowed(actor, unit, perm):
    if not scope.can_change(actor, unit, perm=perm):
        raise DomainError(f"您不能管理“{unit}”的记录。", field="unit")


def _today():
    return policies.today()


def _act_date(on, case=None, *, field="on"):
    real_today = policies.timezone.localdate()
    on = on or real_today
    if on > real_today:
        raise DomainError("日期不能晚于今天。", field=field)
    if case is not None and on < case.registered_on:
        raise DomainError("日期不能早于立案日期。", field=field)
    return on


def _add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _add_months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=d)
        except ValueError:
            continue
    raise ValueError(day)


def decision_due(registered_on):
    """90 (configurable) calendar days from 立案, rolled forward past rest days (行政处罚法第60条).

    When next year's calendar is not entered yet the day is not rolled (the earlier, stricter date).
    """
    days = get_setting("enforcement.decision_days")
    try:
        return workdays.add_calendar_days(registered_on, days)
    except CalendarMissing:
        return workdays.add_calendar_days(registered_on, days, roll_forward=False)


def officers_text(case):
    return "、".join(f"{o.name}（{o.certificate_no}）" for o in case.officers.all())


def hearing_qualifies(case):
    """Art. 63: large fines (configurable by party type), confiscation, licence revocation, closure."""
    if case.kind != CaseKind.PENALTY:
        return False
    if case.confiscation or case.licence_revocation or case.closure:
        return True
    organisation = any(p.kind == PartyKind.ORGANISATION for p in case.parties.all())
    key = "enforcement.hearing_fine_org" if organisation else "enforcement.hearing_fine_person"
    return case.fine_amount >= get_setting(key)


def major_fine_threshold(body):
    return body.major_fine_threshold if body.major_fine_threshold is not None else get_setting("enforcement.major_fine")


def _lock(case):
    return Case.objects.select_for_update().get(pk=case.pk)


# Bodies and inspection lists ----------------------------------------------------------------

@transaction.atomic
def body_save(*, actor, body=None, unit=None, **fields):
    _require(actor, P.MANAGE, body)
    if body is None:
        if unit is None:
            raise DomainError("请选择所属单位。", field="unit")
        _unit_allowed(actor, unit, P.MANAGE)
        body = EnforcementBody(unit=unit)
        before = {}
    else:
        before = audit.snapshot(body, BODY_FIELDS)
    for name in BODY_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(body, name, value.strip() if isinstance(value, str) else value)
    if not body.name:
        raise DomainError("执法主体名称不能为空。", field="name")
    if not body.legal_basis:
        raise DomainError("请填写设立及执法依据。", field="legal_basis")
    if EnforcementBody.objects.filter(name=body.name).exclude(pk=body.pk).exists():
        raise DomainError(f"执法主体“{body.name}”已存在。", field="name")
    body.save()
    audit.record(actor=actor, event="enforcement.body_saved", obj=body,
                 changes=audit.diff(before, audit.snapshot(body, BODY_FIELDS)))
    return body


@transaction.atomic
def inspection_save(*, actor, item=None, **fields):
    _require(actor, P.MANAGE, item)
    body = fields.get("body") or (item.body if item else None)
    if body is None:
        raise DomainError("请选择执法主体。", field="body")
    _require(actor, P.MANAGE, body)
    before = audit.snapshot(item, INSPECTION_FIELDS) if item else {}
    item = item or InspectionItem()
    for name in INSPECTION_FIELDS:
        if name in fields:
            setattr(item, name, fields[name])
    if not (item.name or "").strip():
        raise DomainError("请填写抽查事项。", field="name")
    item.save()
    audit.record(actor=actor, event="enforcement.inspection_saved", obj=item,
                 changes=audit.diff(before, audit.snapshot(item, INSPECTION_FIELDS)))
    return item


# Officers and certificates (RULES.md §7) ----------------------------------------------------

def qualification_refusal(staffing, exam_score):
    """The qualification check of one person (编制 and exam), as a ``DomainError`` or ``None``."""
    if staffing not in CERTIFIABLE_STAFFING:
        return DomainError(f"{StaffingKind(staffing).label}不得申领行政执法证（持证上岗资格审核）。", field="staffing")
    pass_score = get_setting("enforcement.pass_score")
    if exam_score is None or exam_score < pass_score:
        return DomainError(f"执法资格考试成绩须达到{pass_score}分，未经考试合格不得授予执法资格。", field="exam_score")
    return None


def _check_officer(officer):
    if not (officer.name or "").strip():
        raise DomainError("姓名不能为空。", field="name")
    refusal = qualification_refusal(officer.staffing, officer.exam_score)
    if refusal:
        raise refusal
    if not officer.valid_until:
        officer.valid_until = _add_years(officer.issued_on, get_setting("enforcement.certificate_years"))
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
    _require(actor, P.MANAGE)
    _unit_allowed(actor, unit, P.MANAGE)
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
    _require(actor, P.MANAGE, officer)
    if "unit" in fields:
        _unit_allowed(actor, fields["unit"], P.MANAGE)
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
    _require(actor, P.CERTIFY, officer)
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
    _require(actor, P.MANAGE, officer)
    if not (title or "").strip():
        raise DomainError("请填写培训名称。", field="title")
    hours = Decimal(str(hours or 0))
    if hours <= 0 or hours > 200:
        raise DomainError("学时应大于0且不超过200。", field="hours")
    if held_on > _today():
        raise DomainError("培训日期不能晚于今天。", field="held_on")
    training = Training.objects.create(officer=officer, title=title.strip(), held_on=held_on, hours=hours,
                                       provider=provider or "")
    audit.record(actor=actor, event="enforcement.training_added", obj=officer,
                 changes={"training": [None, f"{held_on} {title} {hours}学时"]})
    return training


def training_hours(officer_ids, year):
    rows = (Training.objects.filter(officer_id__in=officer_ids, held_on__year=year)
            .values("officer_id").annotate(total=Sum("hours")))
    return {r["officer_id"]: r["total"] for r in rows}


def officers_import(*, actor, rows):
    """The certificate campaign: check a whole list, re-issue or issue certificates, record the training.

    One bad row and nothing is saved (``spreadsheets.import_file`` runs this in one transaction); the
    campaign is one administrative act, so it is written in bulk with one audit entry listing every
    certificate. Returns ``{"created": n, "renewed": n, "trained": n}``.
    """
    _require(actor, P.CERTIFY)
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
    _require(actor, P.CERTIFY)
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


# Cases --------------------------------------------------------------------------------------

def _check_team(officers, day, body, kind):
    for o in officers:
        refusal = policies.certificate_refusal(o, day)
        if refusal:
            raise DomainError(f"{refusal}。", field="officers")
        if not o.unit.path.startswith(body.unit.path):
            raise DomainError(f"{o.name}不属于{body.name}，不能办理本主体的案件。", field="officers")
    if kind == CaseKind.PENALTY and len(officers) < 2:
        raise DomainError("行政处罚应当由两名以上持有效执法证的执法人员实施（行政处罚法第42条）。", field="officers")


@transaction.atomic
def case_register(*, actor, body, kind, title, registered_on=None, facts="", power_code="", power_name="",
                  officers=(), parties=(), coercive_measure="", major_reasons=()):
    """立案: the actor (a certified officer of the body) registers and signs; the team is checked."""
    _require(actor, P.HANDLE)
    if not scope.can_see(actor, body, perm=P.VIEW) and not (
            policies.officer_of(actor) and policies.officer_of(actor).unit.path.startswith(body.unit.path)):
        raise NotFound()
    registered_on = _act_date(registered_on, field="registered_on")
    if kind not in CaseKind.values:
        raise DomainError("请选择案件类别。", field="kind")
    if not (title or "").strip():
        raise DomainError("请填写案由。", field="title")
    me = policies.officer_of(actor)
    refusal = policies.certificate_refusal(me, registered_on)
    if refusal:
        raise DomainError(f"{refusal}。", field="officers")
    team = list(dict.fromkeys([me, *officers]))
    _check_team(team, registered_on, body, kind)
    if coercive_measure not in CoerciveMeasure.values:
        raise DomainError("行政强制措施不正确。", field="coercive_measure")
    reasons = [r for r in major_reasons if r in MajorReason.values]
    power_item, power_code = None, (power_code or "").strip()
    if power_code:
        # 执法须有清单依据: a cited power must be on the body's unit's list on the day of 立案 (RULES.md §1, §5).
        content = power_selectors.item_in_force(unit=body.unit, code=power_code, day=registered_on)
        if content is None:
            raise DomainError(f"权责事项编码“{power_code}”不在{body.unit.name}{registered_on:%Y-%m-%d}有效的权责清单中，"
                              f"不能据此立案。", field="power_code")
        power_item, power_name = content.item, content.name
    prefix = f"{body.unit.short_name or body.unit.name}立案"
    case = Case(unit=body.unit, body=body, handler=actor, kind=kind, title=title.strip(), facts=facts or "",
                power_item=power_item, power_code=power_code, power_name=power_name or "", registered_on=registered_on,
                decision_due=decision_due(registered_on), coercive_measure=coercive_measure,
                major_reasons=reasons)
    _number, case.number = numbering.next_number(actor=actor, prefix=prefix, year=registered_on.year)
    case.save()
    case.officers.set(team)
    for party in parties:
        _party_create(case, party)
    records.append(case=case, actor=actor, step=Step.REGISTER, occurred_on=registered_on,
                   text=f"立案。案由：{case.title}。{facts or ''}", officers=officers_text(case))
    case.save()
    search.index(case, source="enforcement.case", **search_fields.case_fields(case))
    audit.record(actor=actor, event="enforcement.case_registered", obj=case, changes={
        "number": [None, case.number], "kind": [None, kind], "officers": [None, [str(o) for o in team]]})
    return case


def _party_create(case, data):
    name = (data.get("name") or "").strip()
    if not name:
        raise DomainError("请填写当事人姓名或名称。", field="name")
    kind = data.get("kind") or PartyKind.PERSON
    if kind not in PartyKind.values:
        raise DomainError("当事人类型不正确。", field="kind")
    return CaseParty.objects.create(case=case, kind=kind, name=name, id_number=data.get("id_number") or "",
                                    phone=data.get("phone") or "", address=data.get("address") or "",
                                    is_minor=bool(data.get("is_minor")) and kind == PartyKind.PERSON)


def _require_signer(actor, case, day=None):
    _require(actor, P.HANDLE, case)
    refusal = policies.signer_refusal(actor, case, day)
    if refusal:
        raise DomainError(f"{refusal}。")
    if case.status == CaseStatus.CLOSED:
        raise DomainError("案件已结案，不能再修改。")


@transaction.atomic
def party_add(*, actor, case, **data):
    case = _lock(case)
    _require_signer(actor, case)
    if case.decided_on:
        raise DomainError("已作出决定的案件不能再增加当事人。")
    party = _party_create(case, data)
    audit.record(actor=actor, event="enforcement.party_added", obj=case,
                 changes={"party": [None, masking.mask_name(party.name) if party.kind == PartyKind.PERSON
                                    else party.name]})
    return party


@transaction.atomic
def officer_assign(*, actor, case, officer, on=None):
    """增派执法人员: only an officer with a valid certificate can be put on a case."""
    case = _lock(case)
    _require(actor, P.HANDLE, case)
    on = _act_date(on, case)
    me = policies.officer_of(actor)
    refusal = policies.certificate_refusal(me, on)
    if refusal or not case.officers.filter(pk=me.pk).exists():
        raise DomainError(f"{refusal or '您不是本案的执法人员，不能增派执法人员'}。")
    refusal = policies.certificate_refusal(officer, on)
    if refusal:
        raise DomainError(f"{refusal}。", field="officer")
    if not officer.unit.path.startswith(case.body.unit.path):
        raise DomainError(f"{officer.name}不属于{case.body.name}。", field="officer")
    if case.officers.filter(pk=officer.pk).exists():
        raise DomainError(f"{officer.name}已是本案执法人员。", field="officer")
    if case.status == CaseStatus.CLOSED:
        raise DomainError("案件已结案，不能再修改。")
    case.officers.add(officer)
    records.append(case=case, actor=actor, step=Step.OTHER, occurred_on=on,
                   text=f"增派执法人员：{officer.name}（执法证号 {officer.certificate_no}）。",
                   officers=officers_text(case))
    case.save(update_fields=["record_count", "record_head"])
    audit.record(actor=actor, event="enforcement.officer_assigned", obj=case, changes={"officer": [None, str(officer)]})
    return case


@transaction.atomic
def major_set(*, actor, case, reasons, note=""):
    """认定重大执法决定情形 (the body's catalogue; RULES.md §5, 行政处罚法第58条)."""
    case = _lock(case)
    _require_signer(actor, case)
    if case.status in (CaseStatus.REVIEW, CaseStatus.REVIEWED) or case.decided_on:
        raise DomainError("法制审核开始后不能再变更重大执法决定情形。")
    reasons = [r for r in reasons if r in MajorReason.values]
    before = list(case.major_reasons)
    case.major_reasons = reasons
    labels = "、".join(case.major_reason_labels()) or "不属于重大执法决定"
    records.append(case=case, actor=actor, step=Step.REVIEW, occurred_on=_today(),
                   text=f"重大执法决定情形认定：{labels}。{note or ''}", officers=officers_text(case))
    case.save(update_fields=["major_reasons", "record_count", "record_head"])
    audit.record(actor=actor, event="enforcement.major_set", obj=case, changes={"major_reasons": [before, reasons]})
    return case


@transaction.atomic
def record_add(*, actor, case, step, text, occurred_on=None, act=Act.GENERAL, upload=None):
    """追加全过程记录 (evidence, on-site acts with their recordings)."""
    case = _lock(case)
    occurred_on = _act_date(occurred_on, case, field="occurred_on")
    _require_signer(actor, case, occurred_on)
    if step not in Step.values:
        raise DomainError("请选择环节。", field="step")
    if act not in Act.values:
        raise DomainError("请选择行为。", field="act")
    record = records.append(case=case, actor=actor, step=step, act=act, text=text, occurred_on=occurred_on,
                            upload=upload, officers=officers_text(case))
    case.save(update_fields=["record_count", "record_head"])
    audit.record(actor=actor, event="enforcement.record_added", obj=case,
                 changes={"record": [None, f"#{record.seq} {record.get_step_display()}"],
                          "sha256": [None, record.file_sha256]})
    return record


def _apply_notify(case, on, data):
    case.notified_on = on
    case.statement_due = workdays.add_working_days(on, get_setting("enforcement.statement_days"))
    for name in ("confiscation", "licence_revocation", "closure"):
        if name in data:
            setattr(case, name, bool(data[name]))
    fine = data.get("fine_amount")
    if fine is not None:
        fine = Decimal(str(fine))
        if fine < 0:
            raise DomainError("罚没金额不能为负数。", field="fine_amount")
        case.fine_amount = fine
    case.rights_waived = bool(data.get("rights_waived"))
    if case.fine_amount >= major_fine_threshold(case.body) and MajorReason.LARGE_AMOUNT not in case.major_reasons:
        case.major_reasons = [*case.major_reasons, MajorReason.LARGE_AMOUNT]


def _apply_hearing(case, on, data):
    kind = data.get("hearing_kind") or HearingKind.STATEMENT
    if kind not in HearingKind.values:
        raise DomainError("请选择陈述申辩或听证。", field="hearing_kind")
    if case.statement_due and on > case.statement_due:
        raise DomainError(f"当事人应在告知后{get_setting('enforcement.statement_days')}个工作日内"
                          f"（{case.statement_due:%Y-%m-%d}前）提出，已超过期限（行政处罚法第64条）。", field="on")
    if case.rights_waived:
        raise DomainError("当事人已放弃陈述申辩和听证。", field="hearing_kind")
    if kind == HearingKind.HEARING:
        if not hearing_qualifies(case):
            raise DomainError("拟作出的处罚不属于听证范围（较大数额罚没、吊销许可证件、责令停产停业等，"
                              "较大数额标准见规则参数）；当事人可以陈述申辩。", field="hearing_kind")
        hearing_on = data.get("hearing_on")
        if hearing_on:
            earliest = workdays.add_working_days(on, get_setting("enforcement.hearing_notice_days"))
            if hearing_on < earliest:
                raise DomainError(f"应当在举行听证的{get_setting('enforcement.hearing_notice_days')}个工作日前"
                                  f"通知当事人，听证日期不得早于{earliest:%Y-%m-%d}。", field="hearing_on")
            case.hearing_on = hearing_on
            case.hearing_notice_on = on
        if MajorReason.AFTER_HEARING not in case.major_reasons:
            case.major_reasons = [*case.major_reasons, MajorReason.AFTER_HEARING]
    case.hearing_kind = kind
    case.hearing_requested_on = on


def _publication_due(kind, decided_on):
    key = ("enforcement.publish_days_main" if kind in (CaseKind.PENALTY, CaseKind.LICENSING)
           else "enforcement.publish_days_other")
    return workdays.add_working_days(decided_on, get_setting(key))


def _apply_decide(case, on, data, actor):
    decision = (data.get("decision") or "").strip()
    if not decision:
        raise DomainError("请填写决定内容。", field="decision")
    case.decision = decision
    case.decided_on = on
    case.service_due = workdays.add_working_days(on, get_setting("enforcement.service_days"))
    number = (data.get("decision_number") or "").strip()
    if not number:
        short = case.body.unit.short_name or case.body.unit.name
        _n, number = numbering.next_number(actor=actor, prefix=f"{short}决字", year=on.year, obj=case)
    case.decision_number = number
    search.index(case, source="enforcement.case", **search_fields.case_fields(case))
    minor = case.parties.filter(is_minor=True).exists()
    Publication.objects.create(
        case=case, due_on=_publication_due(case.kind, on),
        status=PublicationStatus.NOT_PUBLISHED if minor else PublicationStatus.PENDING)


def _apply_execute(case, on, data, upload):
    needs_av = case.coercive_measure in (CoerciveMeasure.SEIZURE, CoerciveMeasure.DEMOLITION, CoerciveMeasure.CLOSURE)
    if needs_av and (upload is None or records.kind_of(upload.name) not in AV_KINDS):
        raise DomainError(f"“{CoerciveMeasure(case.coercive_measure).label}”须全程音像记录：请上传执行现场的录音或录像"
                          "（RULES.md §5 全过程记录）。", field="upload")
    case.executed_on = on


@transaction.atomic
def case_transition(*, actor, case, action, text, on=None, upload=None, reason="", **data):
    """Move a case one step along its procedure; the step's record is appended in the same transaction."""
    t = CASE_FLOW.transition(action)
    on = _act_date(on, case)
    act = Act.GENERAL
    if action == "execute" and case.coercive_measure:
        act = case.coercive_measure

    def effect(locked):
        if locked.decided_on and action in ("serve", "execute", "close") and on < locked.decided_on:
            raise DomainError("日期不能早于决定日期。", field="on")
        if action == "notify":
            _apply_notify(locked, on, data)
        elif action == "request_hearing":
            _apply_hearing(locked, on, data)
        elif action in ("review_pass", "review_reject"):
            MajorReview.objects.create(case=locked, reviewer=actor, reviewer_name=actor.get_full_name(),
                                       opinion=text.strip() or reason, passed=action == "review_pass",
                                       reviewed_on=on)
        elif action == "decide":
            _apply_decide(locked, on, data, actor)
        elif action == "serve":
            locked.served_on = on
        elif action == "execute":
            _apply_execute(locked, on, data, upload)
        elif action == "close":
            locked.closed_on = on
        records.append(case=locked, actor=actor, step=STEP_OF_ACTION[action], act=act,
                       text=f"{t.label}：{text}" if text else "", occurred_on=on, upload=upload,
                       officers=officers_text(locked))

    with policies.acting_on(on):
        return CASE_FLOW.apply(actor=actor, obj=case, action=action,
                               reason=reason or (text if t.needs_reason else ""), effect=effect,
                               changes={"on": [None, on.isoformat()]})


# Publicity (RULES.md §5, §6.1) --------------------------------------------------------------

def _masked(case):
    names = [p.name for p in case.parties.all() if p.kind == PartyKind.PERSON]
    extra = [v for p in case.parties.all() for v in (p.id_number, p.phone, p.address) if v]

    def clean(text):
        text = masking.mask_text(text, names=names)
        for value in extra:
            text = text.replace(value, masking.HIDDEN)
        return text

    party = "、".join(p.public_name for p in case.parties.all())
    return party, clean(case.title), clean(case.decision)


@transaction.atomic
def decision_publish(*, actor, case, on=None, late_reason=""):
    """事后公开: masked, within 7/20 working days of the decision; never a minor's case."""
    case = _lock(case)
    _require(actor, P.HANDLE if actor.has_perm(P.HANDLE) else P.MANAGE, case)
    publication = Publication.objects.select_for_update().filter(case=case).first()
    if publication is None:
        raise DomainError("案件尚未作出决定，不能公示。")
    if publication.status == PublicationStatus.NOT_PUBLISHED or case.has_minor_party:
        raise DomainError("当事人为未成年人的案件依法不予公开（RULES.md §6.1）。")
    if publication.status != PublicationStatus.PENDING:
        raise DomainError(f"该决定{publication.get_status_display()}，不能再次公示。")
    if case.revoked_on:
        raise DomainError("决定已变更或撤销，不能公示原决定。")
    on = _act_date(on, case)
    if on < case.decided_on:
        raise DomainError("公示日期不能早于决定日期。", field="on")
    late_reason = (late_reason or "").strip()
    if on > publication.due_on and not late_reason:
        raise DomainError(f"已超过公示期限（{publication.due_on:%Y-%m-%d}，决定后"
                          f"{workdays.working_days_between(case.decided_on, publication.due_on)}个工作日），"
                          "请说明逾期原因，本次公示将记为逾期。", field="late_reason")
    party, title, content = _masked(case)
    publication.status = PublicationStatus.PUBLISHED
    publication.published_on = on
    publication.late_reason = late_reason if on > publication.due_on else ""
    publication.display_until = _add_months(on, get_setting("enforcement.display_months"))
    publication.body_name = case.body.name
    publication.decision_number = case.decision_number
    publication.kind = case.kind
    publication.party, publication.title, publication.content = party, title, content
    publication.decided_on = case.decided_on
    publication.build_search_text()
    leaks = masking.find_leaks(" ".join([party, title, content]),
                               names=[p.name for p in case.parties.all() if p.kind == PartyKind.PERSON])
    if leaks:
        raise DomainError("公示内容仍含有未脱敏的个人信息，请修改决定内容后再公示。")
    publication.save()
    records.append(case=case, actor=actor, step=Step.PUBLICITY, occurred_on=on,
                   text=f"公示执法决定{case.decision_number}（期限 {publication.due_on:%Y-%m-%d}"
                        f"{'，逾期：' + late_reason if publication.late_reason else ''}）。",
                   officers=officers_text(case))
    case.save(update_fields=["record_count", "record_head"])
    search.index(publication, source="enforcement.decision", **search_fields.publication_fields(publication))
    audit.record(actor=actor, event="enforcement.decision_published", obj=case,
                 changes={"published_on": [None, on.isoformat()], "due_on": [None, publication.due_on.isoformat()],
                          "late": [None, bool(publication.late_reason)]})
    return publication


@transaction.atomic
def decision_revoke(*, actor, case, reason, on=None):
    """The decision was changed or revoked: a published one must come down within 3 working days."""
    case = _lock(case)
    _require(actor, P.MANAGE if actor.has_perm(P.MANAGE) else P.HANDLE, case)
    if not case.decided_on:
        raise DomainError("案件尚未作出决定。")
    if case.revoked_on:
        raise DomainError("该决定已登记变更/撤销。")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写变更或撤销的原因（如复议撤销、诉讼撤销、自行纠正）。", field="reason")
    on = _act_date(on, case)
    case.revoked_on, case.revoke_reason = on, reason
    publication = Publication.objects.filter(case=case).first()
    if publication is not None:
        if publication.status == PublicationStatus.PUBLISHED:
            publication.withdraw_due = workdays.add_working_days(on, get_setting("enforcement.withdraw_days"))
        elif publication.status == PublicationStatus.PENDING:
            publication.status = PublicationStatus.NOT_PUBLISHED
        publication.save()
    records.append(case=case, actor=actor, step=Step.PUBLICITY, occurred_on=on,
                   text=f"执法决定变更/撤销：{reason}。", officers=officers_text(case))
    case.save(update_fields=["revoked_on", "revoke_reason", "record_count", "record_head"])
    audit.record(actor=actor, event="enforcement.decision_revoked", obj=case,
                 changes={"revoked_on": [None, on.isoformat()], "reason": [None, reason]})
    return case


@transaction.atomic
def publication_withdraw(*, actor, case, on=None, reason=""):
    case = _lock(case)
    _require(actor, P.MANAGE if actor.has_perm(P.MANAGE) else P.HANDLE, case)
    publication = Publication.objects.select_for_update().filter(case=case).first()
    if publication is None or publication.status != PublicationStatus.PUBLISHED:
        raise DomainError("该决定没有处于公示中的信息。")
    reason = (reason or case.revoke_reason or "").strip()
    if not reason:
        raise DomainError("请填写撤下原因。", field="reason")
    on = _act_date(on, case)
    publication.status, publication.withdrawn_on = PublicationStatus.WITHDRAWN, on
    publication.save(update_fields=["status", "withdrawn_on"])
    records.append(case=case, actor=actor, step=Step.PUBLICITY, occurred_on=on, text=f"撤下公示：{reason}。",
                   officers=officers_text(case))
    case.save(update_fields=["record_count", "record_head"])
    search.remove(publication)
    audit.record(actor=actor, event="enforcement.publication_withdrawn", obj=case,
                 changes={"withdrawn_on": [None, on.isoformat()], "reason": [None, reason]})
    return publication


# Case-file evaluation -----------------------------------------------------------------------

SCORE_LIMITS = {"subject_score": 20, "facts_score": 25, "law_score": 20, "procedure_score": 25, "documents_score": 10}


@transaction.atomic
def evaluation_add(*, actor, case, evaluated_on=None, comments="", **scores):
    _require(actor, P.EVALUATE, case, read=True)
    if not case.decided_on:
        raise DomainError("只有已作出决定的案卷才能评查。")
    evaluated_on = _act_date(evaluated_on, case, field="evaluated_on")
    values = {}
    for name, limit in SCORE_LIMITS.items():
        value = scores.get(name)
        if value is None or not (0 <= int(value) <= limit):
            label = CaseFileEvaluation._meta.get_field(name).verbose_name
            raise DomainError(f"“{label}”应在0到{limit}分之间。", field=name)
        values[name] = int(value)
    try:
        evaluation = CaseFileEvaluation.objects.create(case=case, evaluator=actor, evaluated_on=evaluated_on,
                                                       total=sum(values.values()), comments=comments or "", **values)
    except IntegrityError as e:  # pragma: no cover - no unique constraint today
        raise DomainError("保存失败。") from e
    audit.record(actor=actor, event="enforcement.evaluation_added", obj=case,
                 changes={"total": [None, evaluation.total]})
    return evaluation
