"""The audit trail: ``record`` appends a hash-chained entry inside the caller's transaction.

Each entry's hash covers its own content and the previous entry's hash, so editing or
deleting any row in the database breaks the chain; ``verify`` finds the first broken link
(``manage.py verify_audit``).
"""
import datetime
import hashlib
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from . import audit_events
from .models import AuditChainHead, AuditEntry

GENESIS = "0" * 64


def _plain(value):
    """A JSON-safe copy: dates, decimals and model instances become strings."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str, sort_keys=True))


def _hash_payload(entry_fields: dict, prev_hash: str) -> str:
    payload = json.dumps({**entry_fields, "prev_hash": prev_hash}, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _entry_fields(e: AuditEntry) -> dict:
    at = e.at.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    return {
        "seq": e.seq,
        "at": at,
        "actor_id": e.actor_id,
        "actor_name": e.actor_name,
        "unit_id": e.unit_id,
        "unit_name": e.unit_name,
        "event_code": e.event_code,
        "event_name": e.event_name,
        "object_type": e.object_type,
        "object_id": e.object_id,
        "object_repr": e.object_repr,
        "changes": _plain(e.changes),
        "ip": e.ip,
    }


def snapshot(obj, fields):
    """The current values of ``fields`` on ``obj``, foreign keys as their text."""
    data = {}
    for name in fields:
        value = getattr(obj, name)
        if hasattr(value, "pk"):
            value = str(value)
        data[name] = value
    return _plain(data)


def diff(before: dict, after: dict) -> dict:
    """``{field: [old, new]}`` for every field whose value changed."""
    keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def record(*, actor, event, obj=None, changes=None, unit=None, ip=None, object_repr=None):
    """Append one audit entry. Must run inside the transaction of the change it records."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must be called inside the service's transaction.atomic block")
    ev = audit_events.get(event)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if unit is None and actor is not None:
        unit = getattr(actor, "unit", None)
    head, _ = AuditChainHead.objects.get_or_create(pk=1)
    head = AuditChainHead.objects.select_for_update().get(pk=1)
    entry = AuditEntry(
        seq=head.last_seq + 1,
        at=timezone.now(),
        actor=actor,
        actor_name=(actor.get_full_name() or actor.get_username()) if actor else "系统",
        unit=unit,
        unit_name=unit.name if unit else "",
        event_code=ev.code,
        event_name=ev.name,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=(object_repr if object_repr is not None else (str(obj) if obj is not None else ""))[:300],
        changes=_plain(changes or {}),
        ip=ip or None,
        prev_hash=head.last_hash,
    )
    entry.hash = _hash_payload(_entry_fields(entry), entry.prev_hash)
    entry.save()
    head.last_seq = entry.seq
    head.last_hash = entry.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return entry


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""

    def message(self):
        if self.ok:
            return f"审计链完整：共校验 {self.checked} 条记录。"
        return f"审计链在第 {self.broken_seq} 条处断开：{self.reason}"


def verify(batch_size=2000) -> VerifyResult:
    """Walk the chain in order and report the first entry that was edited or removed."""
    prev_hash = GENESIS
    expected_seq = 1
    checked = 0
    last_pk = 0
    while True:
        batch = list(AuditEntry.objects.filter(pk__gt=last_pk).order_by("pk")[:batch_size])
        if not batch:
            break
        for e in sorted(batch, key=lambda x: x.seq):
            if e.seq != expected_seq:
                return VerifyResult(False, checked, expected_seq, f"第 {expected_seq} 条记录缺失（已被删除）。")
            if e.prev_hash != prev_hash:
                return VerifyResult(False, checked, e.seq, "与前一条记录的链接不符（前面的记录被删除或修改）。")
            if _hash_payload(_entry_fields(e), e.prev_hash) != e.hash:
                return VerifyResult(False, checked, e.seq, "记录内容与哈希不符（记录被修改）。")
            prev_hash = e.hash
            expected_seq += 1
            checked += 1
        last_pk = batch[-1].pk
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_seq != checked or head.last_hash != prev_hash):
        return VerifyResult(False, checked, checked + 1, f"链尾应为第 {head.last_seq} 条，末尾的记录被删除。")
    return VerifyResult(True, checked)


# Incremental verification (the sysadmin's alert) ----------------------------------------------------------

AUDIT_CHECKPOINT = "core.audit"


def _walk(after_seq, after_hash, *, upto, limit):
    """Check the entries ``after_seq + 1 … upto`` (at most ``limit``) against ``after_hash``.

    Returns ``(problem, last_good_seq, last_good_hash, checked)``; ``problem`` is ``(seq, reason)`` or ``None``.
    """
    prev, expected, checked = after_hash, after_seq + 1, 0
    for e in AuditEntry.objects.filter(seq__gt=after_seq, seq__lte=upto).order_by("seq")[:limit]:
        if e.seq != expected:
            return (expected, f"第 {expected} 条记录缺失（已被删除）。"), expected - 1, prev, checked
        if e.prev_hash != prev:
            return (e.seq, "与前一条记录的链接不符（前面的记录被删除或修改）。"), expected - 1, prev, checked
        if _hash_payload(_entry_fields(e), e.prev_hash) != e.hash:
            return (e.seq, "记录内容与哈希不符（记录被修改）。"), expected - 1, prev, checked
        prev, expected, checked = e.hash, expected + 1, checked + 1
    last = expected - 1
    if last < upto and checked < limit:
        return (last + 1, f"第 {last + 1} 条记录缺失（已被删除）。"), last, prev, checked
    return None, last, prev, checked


def _anchor(seq, expected_hash):
    """The entry a checkpoint points at must still be there, unchanged."""
    if not seq:
        return None
    e = AuditEntry.objects.filter(seq=seq).first()
    if e is None:
        return (seq, f"第 {seq} 条记录缺失（已被删除）。")
    if e.hash != expected_hash or _hash_payload(_entry_fields(e), e.prev_hash) != e.hash:
        return (seq, "记录内容与哈希不符（记录被修改）。")
    return None


def verify_incremental(*, limit=5000, sweep=2000) -> VerifyResult:
    """Verify what was appended since the stored checkpoint (at most ``limit`` entries), plus the next
    ``sweep`` older entries of a rolling re-check, so each call does bounded work and every entry is
    re-checked in turn. The checkpoint never moves past a broken entry: the problem is found again on
    every call until the chain is repaired. ``manage.py verify_audit`` still walks the whole chain."""
    from .models import IntegrityCheckpoint

    head = AuditChainHead.objects.filter(pk=1).first()
    upto, tip_hash = (head.last_seq, head.last_hash) if head else (0, GENESIS)
    cp, _ = IntegrityCheckpoint.objects.get_or_create(key=AUDIT_CHECKPOINT)
    start, start_hash = cp.position, cp.position_hash or GENESIS
    problems, checked = [], 0
    position, position_hash = start, cp.position_hash
    if start > upto:
        problems.append((upto + 1, f"链尾应为第 {start} 条或更后，末尾的记录被删除。"))
    else:
        problem = _anchor(start, start_hash)
        if problem is None:
            problem, last, last_hash, checked = _walk(start, start_hash, upto=upto, limit=limit)
            position, position_hash = last, last_hash
            if problem is None and last == upto and last_hash != tip_hash:
                problem = (upto, "链尾哈希与记录不符（末尾的记录被修改或删除）。")
        if problem is not None:
            problems.append(problem)
    # the rolling re-check of entries verified before (edits there would not break the newer links)
    sweep_from, sweep_hash = cp.sweep_position, cp.sweep_hash or GENESIS
    if sweep_from >= start:
        sweep_from, sweep_hash = 0, GENESIS
    problem = _anchor(sweep_from, sweep_hash)
    if problem is None and start:
        problem, last, last_hash, swept = _walk(sweep_from, sweep_hash, upto=start, limit=sweep)
        checked += swept
        sweep_from, sweep_hash = (0, GENESIS) if problem is None and last >= start else (last, last_hash)
    if problem is not None:
        problems.append(problem)
    problems.sort()
    IntegrityCheckpoint.objects.filter(pk=cp.pk).update(
        position=position, position_hash=position_hash, sweep_position=sweep_from,
        sweep_hash="" if sweep_hash == GENESIS else sweep_hash, checked_at=timezone.now(),
        problems=[{"ref": seq, "label": "", "seq": seq, "message": reason} for seq, reason in problems])
    if problems:
        return VerifyResult(False, checked, problems[0][0], problems[0][1])
    return VerifyResult(True, checked)
