"""The full-process record (全过程记录): append-only, hash-chained per case (RULES.md §5, 行政处罚法第47条).

Each ``CaseRecord`` stores the SHA-256 of its attachment and a hash over its own content and the
previous record's hash of the same case; the case keeps the chain's head (count and last hash), so
editing any stored row, deleting one in the middle or deleting the last one breaks verification.
``verify_case`` checks one case, ``verify_all`` every case (``manage.py verify_records``).
"""
import datetime
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.files.storage import default_storage
from django.utils import timezone

from fazhi.core import uploads
from fazhi.core.errors import DomainError

from .choices import AV_KINDS, MANDATORY_AV_ACTS, Act, FileKind
from .models import Case, CaseRecord

GENESIS = "0" * 64
HASHED = ("case_id", "seq", "step", "act", "at", "occurred_on", "actor_id", "actor_name", "officers", "text",
          "file", "file_name", "file_kind", "file_sha256", "file_size")

UPLOAD_KIND = "evidence"  # fazhi.core.uploads: documents, photos, recordings
_FILE_KIND = {uploads.AUDIO: FileKind.AUDIO, uploads.VIDEO: FileKind.VIDEO, uploads.IMAGE: FileKind.PHOTO,
              uploads.DOCUMENT: FileKind.DOCUMENT}
AV_BASIS = "《中华人民共和国行政处罚法》第四十七条及国办发〔2018〕118号文件"


def check_upload(upload, *, field="upload", label="附件"):
    """The upload policy's check of an attachment; returns the ``FileKind`` its *content* shows."""
    checked = uploads.check(upload, kind=UPLOAD_KIND, field=field, label=label)
    return _FILE_KIND[checked.media]


def kind_of(upload):
    """The ``FileKind`` of an upload by its content (``""`` for no upload); refuses a file the policy refuses."""
    return check_upload(upload) if upload is not None else ""


def _plain(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def compute_hash(values: dict, prev_hash: str) -> str:
    payload = {k: _plain(values[k]) for k in HASHED}
    payload["prev_hash"] = prev_hash
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _values(record):
    return {**{k: getattr(record, k) for k in HASHED if k != "file"}, "file": record.file.name or ""}


def file_sha256(fileobj):
    digest = hashlib.sha256()
    size = 0
    for chunk in fileobj.chunks() if hasattr(fileobj, "chunks") else iter(lambda: fileobj.read(1 << 20), b""):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def append(*, case: Case, actor, step, text, occurred_on, act=Act.GENERAL, upload=None, officers=""):
    """Append one record to ``case`` (already locked by the caller's transaction); update the chain head.

    The caller saves ``case`` (``record_count``/``record_head``) in the same transaction.
    """
    text = (text or "").strip()
    if not text:
        raise DomainError("请填写本环节的文字记录。", field="text")
    kind = kind_of(upload)
    if act in MANDATORY_AV_ACTS and kind not in AV_KINDS:
        raise DomainError(f"“{Act(act).label}”须全程音像记录：请在“附件”上传内容为录音或录像的文件后再完成本环节"
                          f"（{AV_BASIS}）。", field="upload")
    record = CaseRecord(case=case, seq=case.record_count + 1, step=step, act=act, at=timezone.now(),
                        occurred_on=occurred_on, actor=actor if getattr(actor, "pk", None) else None,
                        actor_name=(actor.get_full_name() if actor is not None else "系统"),
                        officers=officers[:300], text=text, prev_hash=case.record_head or GENESIS)
    if upload is not None:
        sha, size = file_sha256(upload)
        upload.seek(0)
        name = PurePath(upload.name).name[-150:]
        record.file.name = default_storage.save(f"enforcement/records/{case.pk}/{record.seq:04d}-{sha[:12]}-{name}",
                                                upload)
        record.file_name, record.file_kind, record.file_sha256, record.file_size = name, kind, sha, size
    record.hash = compute_hash(_values(record), record.prev_hash)
    record.save()
    case.record_count = record.seq
    case.record_head = record.hash
    return record


@dataclass
class Verification:
    ok: bool
    cases: int = 0
    records: int = 0
    problems: list = field(default_factory=list)  # (case number, seq, message)

    @property
    def files_only(self):
        """Every problem is a missing attachment (the rows themselves are intact)."""
        return bool(self.problems) and all(p[2] == FILE_MISSING for p in self.problems)

    def message(self):
        if self.ok:
            return f"全过程记录完整：共校验 {self.cases} 个案件、{self.records} 条记录。"
        first = self.problems[0]
        prefix = "全过程记录不完整" if self.files_only else "全过程记录被篡改"
        return (f"{prefix}：发现 {len(self.problems)} 处问题，首处为案件 {first[0]} "
                f"第 {first[1]} 条：{first[2]}")


FILE_MISSING = "附件文件缺失（文件存储中找不到该文件）。"


def _file_present(name):
    try:
        return default_storage.exists(name)
    except Exception:  # an unreachable storage counts as missing, never as complete
        return False


FIELDS = ("case_id", "seq", "step", "act", "at", "occurred_on", "actor_id", "actor_name", "officers", "text",
          "file", "file_name", "file_kind", "file_sha256", "file_size", "prev_hash", "hash")


def _check_chain(number, count, head, rows, result, check_files):
    prev = GENESIS
    expected = 1
    for row in rows:
        values = dict(zip(FIELDS, row, strict=True))
        seq = values["seq"]
        if seq != expected:
            result.problems.append((number, expected, "记录缺失（已被删除）。"))
            return
        if values["prev_hash"] != prev:
            result.problems.append((number, seq, "与前一条记录的链接不符。"))
            return
        if compute_hash(values, values["prev_hash"]) != values["hash"]:
            result.problems.append((number, seq, "记录内容与校验值不符（记录被修改）。"))
            return
        if check_files == "exists" and values["file"] and not _file_present(values["file"]):
            result.problems.append((number, seq, FILE_MISSING))
            return
        if check_files and check_files != "exists" and values["file"]:
            try:
                with default_storage.open(values["file"], "rb") as fh:
                    sha, _size = file_sha256(fh)
            except OSError:
                result.problems.append((number, seq, FILE_MISSING))
                return
            if sha != values["file_sha256"]:
                result.problems.append((number, seq, "附件内容与登记时的附件指纹不符（附件被替换或修改）。"))
                return
        prev = values["hash"]
        expected += 1
        result.records += 1
    if expected - 1 != count or prev != (head or GENESIS):
        result.problems.append((number, expected, f"链尾应为第 {count} 条，末尾的记录被删除。"))


def verify_case(case, *, check_files=False) -> Verification:
    """``check_files``: ``False`` rows only; ``"exists"`` also that each attachment is in storage (the case
    page); ``True`` also recompute each attachment's SHA-256 (``manage.py verify_records --files``)."""
    result = Verification(ok=True, cases=1)
    head = Case.objects.filter(pk=case.pk).values_list("number", "record_count", "record_head").get()
    rows = CaseRecord.objects.filter(case_id=case.pk).order_by("seq").values_list(*FIELDS)
    _check_chain(head[0], head[1], head[2], rows, result, check_files)
    result.ok = not result.problems
    return result


def verify_all(*, check_files=False, batch=500, stop_at_first=False) -> Verification:
    result = Verification(ok=True)
    last = 0
    while True:
        heads = list(Case.objects.filter(pk__gt=last).order_by("pk").values_list("pk", "number", "record_count",
                                                                                  "record_head")[:batch])
        if not heads:
            break
        ids = [h[0] for h in heads]
        grouped = {i: [] for i in ids}
        for row in CaseRecord.objects.filter(case_id__in=ids).order_by("case_id", "seq").values_list(*FIELDS):
            grouped[row[0]].append(row)
        for pk, number, count, head in heads:
            _check_chain(number, count, head, grouped[pk], result, check_files)
            result.cases += 1
        if stop_at_first and result.problems:
            break
        last = ids[-1]
    result.ok = not result.problems
    return result


RECORDS_CHECKPOINT = "enforcement.records"


def verify_incremental(*, new_records=5000, sweep=200) -> Verification:
    """Bounded verification for the alert: the cases that got records since the stored checkpoint, the cases
    found broken last time, and the next ``sweep`` cases of a rolling re-check (attachments checked for
    presence). Problems are kept on the checkpoint as ``{"ref": case id, "label": number, "seq", "message"}``."""
    from fazhi.core.models import IntegrityCheckpoint

    cp, _ = IntegrityCheckpoint.objects.get_or_create(key=RECORDS_CHECKPOINT)
    added = list(CaseRecord.objects.filter(pk__gt=cp.position).order_by("pk")
                 .values_list("pk", "case_id")[:new_records])
    position = added[-1][0] if added else cp.position
    swept = list(Case.objects.filter(pk__gt=cp.sweep_position).order_by("pk").values_list("pk", flat=True)[:sweep])
    sweep_position = swept[-1] if len(swept) == sweep else 0
    ids = {case_id for _pk, case_id in added} | set(swept) | {p["ref"] for p in cp.problems or []}
    result = Verification(ok=True)
    found = []
    heads = Case.objects.filter(pk__in=ids).order_by("pk").values_list("pk", "number", "record_count", "record_head")
    for pk, number, count, head in heads:
        rows = CaseRecord.objects.filter(case_id=pk).order_by("seq").values_list(*FIELDS)
        before = len(result.problems)
        _check_chain(number, count, head, rows, result, "exists")
        result.cases += 1
        found += [{"ref": pk, "label": p[0], "seq": p[1], "message": p[2]} for p in result.problems[before:]]
    result.ok = not result.problems
    IntegrityCheckpoint.objects.filter(pk=cp.pk).update(position=position, sweep_position=sweep_position,
                                                        problems=found[:50], checked_at=timezone.now())
    return result
