"""Enforcement bodies (执法主体) and their random-inspection lists (随机抽查事项清单)."""
from django.db import transaction

from fazhi.core import audit
from fazhi.core.errors import DomainError

from .. import policies
from ..models import EnforcementBody, InspectionItem
from ..permissions import EnforcementPerm as P
from ._base import check, in_reach, unit_allowed

BODY_FIELDS = ["name", "body_type", "legal_basis", "powers", "procedures", "remedies", "major_catalogue",
               "major_fine_threshold", "is_active"]
INSPECTION_FIELDS = ["body", "name", "basis", "targets", "method", "ratio", "year"]


@transaction.atomic
def body_save(*, actor, body=None, unit=None, **fields):
    if body is None:
        check(policies.bodies, actor, "create")
        if unit is None:
            raise DomainError("请选择所属单位。", field="unit")
        unit_allowed(actor, unit, P.MANAGE)
        body = EnforcementBody(unit=unit)
        before = {}
    else:
        check(policies.bodies, actor, "edit", body)
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
    if item is None:
        check(policies.inspections, actor, "create")
    else:
        check(policies.inspections, actor, "edit", item)
    body = fields.get("body") or (item.body if item else None)
    if body is None:
        raise DomainError("请选择执法主体。", field="body")
    in_reach(actor, body, P.MANAGE)
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
