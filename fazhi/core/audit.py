"""The audit trail: ``record`` appends a hash-chained entry inside the caller's transaction.

One chain per county
--------------------
The trail is a set of chains: one per county (the top-level unit of the entry's unit, asked through
``fazhi.core.access.audit_chain`` — ``orgs`` installs the answer) and the installation's own chain ``""`` for
writes without a unit. Every entry made before chains were split stays on ``""`` (migration 0009 keeps their
numbers and hashes). An append locks only its chain's head (``AuditChainHead`` of that key), so writes in two
counties never wait for each other. ``seq`` numbers the entries of the whole installation (from a PostgreSQL
sequence, or the next number on SQLite, whose writes are serialised anyway) and is the number people see; each entry
names the previous entry of its chain (``prev_seq``) and its hash covers its own content (and its chain key) and the
previous entry's hash, so editing or deleting any row breaks its chain, and the break is named by number.

A signed root (``AuditRoot``: every chain's last ``seq``/hash, HMAC-SHA256 with ``FAZHI_AUDIT_ROOT_KEY``, by default
derived from ``SECRET_KEY``) is recorded by ``manage.py verify_audit`` and by the sysadmin's periodic check when the
chains are intact and have moved on; ``verify`` checks the newest root, so deleting a whole chain — its entries and
its head — is found too. ``verify`` walks every chain and names the first broken entry of each
(``manage.py verify_audit``).
"""
import datetime
import hashlib
import hmac
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import access, audit_events
from .models import AuditChainHead, AuditEntry, AuditRoot

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
        **({"chain": e.chain} if e.chain else {}),  # entries of the installation's chain keep their old hashes
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


def _locked_head(key):
    """The head of chain ``key``, locked until the caller's transaction ends (created on the chain's first entry)."""
    head = AuditChainHead.objects.select_for_update().filter(key=key).first()
    if head is None:
        try:
            with transaction.atomic():
                AuditChainHead.objects.create(key=key, label=access.audit_chain_name(key))
        except IntegrityError:  # another transaction created it first
            pass
        head = AuditChainHead.objects.select_for_update().get(key=key)
    return head


NUMBER_SEQUENCE = "core_auditentry_number"  # PostgreSQL (migration 0009)


def _next_number():
    """The next entry number: lock-free on PostgreSQL; on SQLite the transaction already holds the write lock."""
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(f"SELECT nextval('{NUMBER_SEQUENCE}')")
        else:
            cur.execute(f"SELECT COALESCE(MAX(seq), 0) + 1 FROM {AuditEntry._meta.db_table}")
        return cur.fetchone()[0]


def record(*, actor, event, obj=None, changes=None, unit=None, ip=None, object_repr=None):
    """Append one audit entry to the chain of its unit's county. Must run inside the transaction of the change."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must be called inside the service's transaction.atomic block")
    ev = audit_events.get(event)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if unit is None and actor is not None:
        unit = getattr(actor, "unit", None)
    head = _locked_head(access.audit_chain(unit))
    entry = AuditEntry(
        seq=_next_number(),
        chain=head.key,
        prev_seq=head.last_seq,
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


# Verification ---------------------------------------------------------------------------------------------

MISSING = "第 {seq} 条记录缺失（已被删除）。"
RELINKED = "与前一条记录的链接不符（前面的记录被删除或修改）。"
EDITED = "记录内容与校验值不符（记录被修改）。"


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""
    chain: str = ""  # the name of the first broken chain ("" for the installation's own chain)
    problems: list = field(default_factory=list)  # every broken chain: [(name, seq, reason)]

    def message(self):
        if self.ok:
            return f"审计链完整：共校验 {self.checked} 条记录。"
        return "；".join(f"{_chain_title(name)}在第 {seq} 条处断开：{reason}" if seq else reason
                        for name, seq, reason in self.problems)


def _chain_title(name):
    return f"“{name}”审计链" if name else "审计链"


def _result(problems, checked):
    if not problems:
        return VerifyResult(True, checked)
    name, seq, reason = problems[0]
    return VerifyResult(False, checked, seq, reason, name, problems)


def _chain_names():
    """``{key: name}`` of every chain that has a head or entries."""
    names = dict(AuditChainHead.objects.values_list("key", "label"))
    for key in AuditEntry.objects.order_by().values_list("chain", flat=True).distinct():
        names.setdefault(key, access.audit_chain_name(key))
    return names


def _check(e, prev_seq, prev_hash):
    """The problem ``(seq, reason)`` of entry ``e`` following ``prev_seq``/``prev_hash`` in its chain, or ``None``."""
    if e.prev_seq != prev_seq:
        if e.prev_seq > prev_seq:  # the entry it names is gone
            return (e.prev_seq, MISSING.format(seq=e.prev_seq))
        return (e.seq, RELINKED)
    if e.prev_hash != prev_hash:
        return (e.seq, RELINKED)
    if _hash_payload(_entry_fields(e), e.prev_hash) != e.hash:
        return (e.seq, EDITED)
    return None


def _verify_chain(key, batch_size):
    """``(problem, checked)`` for one chain walked in order: ``problem`` is ``(seq, reason)`` or ``None``."""
    prev_seq, prev_hash, checked = 0, GENESIS, 0
    while True:
        batch = list(AuditEntry.objects.filter(chain=key, seq__gt=prev_seq).order_by("seq")[:batch_size])
        if not batch:
            break
        for e in batch:
            problem = _check(e, prev_seq, prev_hash)
            if problem is not None:
                return problem, checked
            prev_seq, prev_hash, checked = e.seq, e.hash, checked + 1
    head = AuditChainHead.objects.filter(key=key).first()
    if head is None:
        return (prev_seq, "链头缺失（审计链的指针被删除）。"), checked
    if head.last_seq != prev_seq or head.last_hash != prev_hash:
        return (head.last_seq, f"链尾应为第 {head.last_seq} 条，末尾的记录被删除。"), checked
    return None, checked


def verify(batch_size=2000) -> VerifyResult:
    """Walk every chain in order, report the first entry of each that was edited or removed, and check the newest
    signed root (a whole chain removed, or the root itself altered)."""
    problems, checked = [], 0
    names = _chain_names()
    for key in sorted(names):
        problem, n = _verify_chain(key, batch_size)
        checked += n
        if problem is not None:
            problems.append((names[key], *problem))
    problems += _root_problems()
    return _result(problems, checked)


# The signed root ---------------------------------------------------------------------------------------------

def _root_key():
    key = getattr(settings, "FAZHI_AUDIT_ROOT_KEY", "") or f"fazhi-audit-root:{settings.SECRET_KEY}"
    return key.encode("utf-8")


def _mac(heads, at):
    payload = json.dumps({"heads": heads, "at": at}, ensure_ascii=False, sort_keys=True)
    return hmac.new(_root_key(), payload.encode("utf-8"), hashlib.sha256).hexdigest()


def _root_at(root):
    return root.at.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def _current_heads():
    return {h.key: [h.last_seq, h.last_hash, h.label]
            for h in AuditChainHead.objects.order_by("key") if h.last_seq}


def sign_root():
    """Record the signed root over every chain's head, unless the newest root already says the same; returns it.
    Call it only after the chains verified (``manage.py verify_audit``, ``verify_incremental``)."""
    heads = _current_heads()
    latest = AuditRoot.objects.order_by("-id").first()
    if latest is not None and latest.heads == heads:
        return latest
    root = AuditRoot(at=timezone.now(), heads=heads)
    root.mac = _mac(heads, _root_at(root))
    root.save()
    return root


def _root_problems():
    """What the newest signed root finds: each chain it lists must still reach its recorded entry, unchanged."""
    root = AuditRoot.objects.order_by("-id").first()
    if root is None:
        return []
    if not hmac.compare_digest(root.mac, _mac(root.heads, _root_at(root))):
        return [("", 0, "审计链签名根与签名不符（签名根被修改）。")]
    problems = []
    for key, (seq, digest, name) in sorted(root.heads.items()):
        entry = AuditEntry.objects.filter(chain=key, seq=seq).only("hash").first()
        if entry is None:
            gone = not AuditEntry.objects.filter(chain=key).exists()
            problems.append((name, seq, "整条审计链已被删除。" if gone else MISSING.format(seq=seq)))
        elif entry.hash != digest:
            problems.append((name, seq, "与签名根记录的校验值不符（记录被修改或重写）。"))
    return problems


# Incremental verification (the sysadmin's alert) ----------------------------------------------------------

AUDIT_CHECKPOINT = "core.audit"


def checkpoint_key(chain):
    """The ``IntegrityCheckpoint`` key of a chain (the installation's chain keeps the original key)."""
    return f"{AUDIT_CHECKPOINT}:{chain}" if chain else AUDIT_CHECKPOINT


def _walk(chain, after_seq, after_hash, *, upto, limit):
    """Check the entries of ``chain`` after ``after_seq`` up to ``upto`` (at most ``limit``) against ``after_hash``.

    Returns ``(problem, last_good_seq, last_good_hash, checked)``; ``problem`` is ``(seq, reason)`` or ``None``.
    """
    prev, last, checked = after_hash, after_seq, 0
    for e in AuditEntry.objects.filter(chain=chain, seq__gt=after_seq, seq__lte=upto).order_by("seq")[:limit]:
        problem = _check(e, last, prev)
        if problem is not None:
            return problem, last, prev, checked
        prev, last, checked = e.hash, e.seq, checked + 1
    if last < upto and checked < limit:
        return (upto, MISSING.format(seq=upto)), last, prev, checked
    return None, last, prev, checked


def _anchor(chain, seq, expected_hash):
    """The entry a checkpoint points at must still be there, unchanged."""
    if not seq:
        return None
    e = AuditEntry.objects.filter(chain=chain, seq=seq).first()
    if e is None:
        return (seq, MISSING.format(seq=seq))
    if e.hash != expected_hash or _hash_payload(_entry_fields(e), e.prev_hash) != e.hash:
        return (seq, EDITED)
    return None


def _verify_chain_incremental(head, limit, sweep):
    """One chain from its checkpoint: ``(problems, checked)`` with ``problems`` as ``[(seq, reason)]``."""
    from .models import IntegrityCheckpoint

    chain, upto, tip_hash = head.key, head.last_seq, head.last_hash
    cp, _ = IntegrityCheckpoint.objects.get_or_create(key=checkpoint_key(chain))
    start, start_hash = cp.position, cp.position_hash or GENESIS
    problems, checked = [], 0
    position, position_hash = start, cp.position_hash
    if start > upto:
        problems.append((start, f"链尾应为第 {start} 条或更后，末尾的记录被删除。"))
    else:
        problem = _anchor(chain, start, start_hash)
        if problem is None:
            problem, last, last_hash, checked = _walk(chain, start, start_hash, upto=upto, limit=limit)
            position, position_hash = last, last_hash
            if problem is None and last == upto and last_hash != tip_hash:
                problem = (upto, "链尾校验值与记录不符（末尾的记录被修改或删除）。")
        if problem is not None:
            problems.append(problem)
    # the rolling re-check of entries verified before (edits there would not break the newer links)
    sweep_from, sweep_hash = cp.sweep_position, cp.sweep_hash or GENESIS
    if sweep_from >= start:
        sweep_from, sweep_hash = 0, GENESIS
    problem = _anchor(chain, sweep_from, sweep_hash)
    if problem is None and start:
        problem, last, last_hash, swept = _walk(chain, sweep_from, sweep_hash, upto=start, limit=sweep)
        checked += swept
        sweep_from, sweep_hash = (0, GENESIS) if problem is None and last >= start else (last, last_hash)
    if problem is not None:
        problems.append(problem)
    problems.sort()
    IntegrityCheckpoint.objects.filter(pk=cp.pk).update(
        position=position, position_hash=position_hash, sweep_position=sweep_from,
        sweep_hash="" if sweep_hash == GENESIS else sweep_hash, checked_at=timezone.now(),
        problems=[{"ref": seq, "label": head.label, "seq": seq, "message": reason} for seq, reason in problems])
    return problems, checked


def verify_incremental(*, limit=5000, sweep=2000) -> VerifyResult:
    """Verify, chain by chain, what was appended since each chain's stored checkpoint (at most ``limit`` entries),
    plus the next ``sweep`` older entries of a rolling re-check, so each call does bounded work and every entry is
    re-checked in turn; then the newest signed root, and sign a new one when everything held. A checkpoint never
    moves past a broken entry: the problem is found again on every call until the chain is repaired.
    ``manage.py verify_audit`` still walks every chain whole."""
    problems, checked = [], 0
    for head in AuditChainHead.objects.order_by("key"):
        found, n = _verify_chain_incremental(head, limit, sweep)
        checked += n
        problems += [(head.label, seq, reason) for seq, reason in found]
    problems += _root_problems()
    if not problems:
        sign_root()
    return _result(problems, checked)
