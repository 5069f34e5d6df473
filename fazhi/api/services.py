"""Every write of the open API: the tokens (system administrator) and what an external system sends.

What a system sends goes through the module's own service (``fazhi.enforcement.services``,
``fazhi.disputes.services``) with the same rules and refusals as the pages; this module adds only the token's
unit binding (another unit's record is 404), idempotency by the system's own id (``ExternalRef``) and the
audit entry naming the system, method, path and status.
"""
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core import audit, audit_events, clock
from fazhi.core.errors import DomainError, NotFound

from .choices import RESOURCES, Access
from .models import ApiToken, ExternalRef, token_digest

E = audit_events.register
E(1901, "api.token_created", "创建接口令牌")
E(1902, "api.token_revoked", "吊销接口令牌")
E(1910, "api.case_received", "接口接收执法案件")
E(1911, "api.case_step_received", "接口接收执法案件办理环节")
E(1912, "api.case_record_received", "接口接收执法全过程记录")
E(1913, "api.petition_received", "接口接收转交的信访事项")


@transaction.atomic
def token_create(*, actor, system, units, scopes, expires_on=None, act_as=None):
    """A new token; returns ``(token, raw)`` — ``raw`` is shown once and never stored."""
    system = (system or "").strip()
    if not system:
        raise DomainError("请填写接入系统名称。", field="system")
    if not units:
        raise DomainError("请至少选择一个授权单位。", field="units")
    scopes = {key: scopes[key] for key, _label in RESOURCES if scopes.get(key) in Access.values}
    if not scopes:
        raise DomainError("请至少授予一项资源的权限。", field="scopes")
    if expires_on and expires_on < clock.today():
        raise DomainError("有效期不能早于今天。", field="expires_on")
    if scopes.get("petitions") == Access.WRITE and act_as is None:
        raise DomainError("接收信访事项须指定代办账号（以该账号的权限登记）。", field="act_as")
    raw = "fz_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(system=system, prefix=raw[:10], digest=token_digest(raw), scopes=scopes,
                                    expires_on=expires_on, act_as=act_as, created_by=actor)
    token.units.set(units)
    audit.record(actor=actor, event="api.token_created", obj=token, changes={
        "system": [None, system], "units": [None, [u.name for u in units]], "scopes": [None, scopes]})
    return token, raw


@transaction.atomic
def token_revoke(*, actor, token):
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if not token.is_active:
        raise DomainError("该令牌已吊销。")
    token.is_active, token.revoked_at = False, timezone.now()
    token.save(update_fields=["is_active", "revoked_at"])
    audit.record(actor=actor, event="api.token_revoked", obj=token, changes={"is_active": [True, False]})
    return token


def in_units(token, unit):
    """Whether ``unit`` lies within one of the token's units (each with its subtree)."""
    return any(unit.path.startswith(u.path) for u in token.units.all())


def check_unit(token, unit):
    if unit is None or not in_units(token, unit):
        raise NotFound()


def receive(*, token, kind, external_id, event, request_line, create, model):
    """Create once per (system, ``kind``, ``external_id``): ``create()`` calls the module's service and
    returns ``(record, unit, actor)``. Returns ``(record, created)``; a repeat returns the first record."""
    method, path = request_line
    existing = _existing(token, kind, external_id, model)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            record, unit, actor = create()
            ExternalRef.objects.create(system=token.system, kind=kind, external_id=external_id,
                                       object_id=record.pk, unit=unit)
            audit.record(actor=actor, event=event, obj=record, unit=unit, changes={
                "system": [None, token.system], "method": [None, method], "path": [None, path],
                "status": [None, 201], "external_id": [None, external_id]})
    except IntegrityError:
        # the same id arrived twice at once: the other request's record stands
        existing = _existing(token, kind, external_id, model)
        if existing is None:
            raise
        return existing, False
    return record, True


def _existing(token, kind, external_id, model):
    ref = ExternalRef.objects.filter(system=token.system, kind=kind, external_id=external_id).first()
    if ref is None:
        return None
    check_unit(token, ref.unit)
    return model.objects.get(pk=ref.object_id)
