"""Importing a department's published power list (the real file, not our template): preview, confirm, cancel.

The upload is read once for the preview (``fazhi.powers.realimport.read_workbook``, through the shared Excel
reader with its size and decompression checks) and must wait until the person confirms. It waits in the
platform's holding area for uploads (``fazhi.core.uploads.hold``: storage ``tmp/powers-import/<token>``, never
the database or the session: a list can be megabytes); the session only keeps the token, the unit, the file
name and the date. The held file is removed

- when the import is confirmed (whether it is saved or refused),
- when the person cancels, or uploads another file in the same session,
- when it is older than a day (``uploads.hold`` sweeps the area on every upload).

A confirmation re-reads the held file (nothing from the browser but the token is trusted), and hands the rows to
``services.items_import`` inside one transaction: a refused row saves nothing.
"""
import datetime
import os
from dataclasses import dataclass

from django.db import transaction

from fazhi.core import clock, uploads
from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError

from . import realimport, services

SESSION_KEY = "powers_import"
HOLD_AREA = "powers-import"

MSG_EXPIRED = "预览已过期或已取消，请重新上传文件。"


@dataclass
class Pending:
    """What the session remembers between the preview and the confirmation."""

    token: str
    unit: int
    filename: str
    effective_on: str

    def as_dict(self):
        return {"token": self.token, "unit": self.unit, "filename": self.filename, "effective_on": self.effective_on}


def pending(session) -> Pending | None:
    stash = session.get(SESSION_KEY)
    if not isinstance(stash, dict):
        return None
    try:
        return Pending(**stash)
    except TypeError:
        return None


def file_unit(department, units):
    """The unit among ``units`` that a file's department (its title or file name) names, or ``None``."""
    key = realimport._norm(department)
    if not key:
        return None
    for u in units:
        for name in (u.name, getattr(u, "short_name", "")):
            n = realimport._norm(name)
            if n and len(n) >= 3 and (n in key or key in n):
                return u
    return None


def preview(*, session, upload, unit, effective_on=None, units=None) -> realimport.Preview:
    """Read ``upload`` for ``unit``, keep it until confirmed, return the preview (nothing is saved).

    The file's own department (its title or file name) decides the unit when it is one of ``units`` (the units
    the person may import for): the items and the codes generated for them belong to that department, not to
    the unit picked in the form (``preview.unit_note`` says so). A previous pending upload of the same session
    is discarded. Raises ``DomainError(field="file")`` when the file cannot be used.
    """
    cancel(session=session)
    data = sheets.read_file_bytes(upload)
    filename = os.path.basename(getattr(upload, "name", "") or "")[:200] or "清单.xlsx"
    result = realimport.read_workbook(data, filename=filename, code_prefix=unit.code)
    owner = file_unit(result.department, units) if units is not None else None
    if owner is not None and owner.pk != unit.pk:
        note = f"文件属于“{owner.name}”（据文件标题），已按该单位导入，编码使用该单位的代码，而不是所选的“{unit.name}”。"
        unit = owner
        result = realimport.read_workbook(data, filename=filename, code_prefix=unit.code)
        result.unit_note = note
    elif owner is None and result.department and file_unit(result.department, [unit]) is None:
        result.unit_note = f"文件标题中的单位“{result.department}”与所选单位“{unit.name}”不一致，请核对后再确认。"
    result.unit = unit
    token = uploads.hold(HOLD_AREA, data)
    session[SESSION_KEY] = Pending(token, unit.pk, filename, (effective_on or clock.today()).isoformat()).as_dict()
    return result


def confirm(*, actor, session, token, units, level=""):
    """Save the pending upload named by ``token`` as a draft adjustment; the stored file is removed either way.

    ``units``: the units the actor may edit (the unit of the preview must still be one of them). ``level``: for
    a file holding the lists of several administrative levels (``Preview.levels``), the one to import — without
    it such a file is refused (the held file is kept, so the person can choose). Returns what
    ``services.items_import`` returns.
    """
    stash = pending(session)
    if stash is not None and token and stash.token == token:
        data = uploads.held(HOLD_AREA, token)
        if data is not None:
            levels = [lv for lv, _ in realimport.read_workbook(data, filename=stash.filename).levels()]
            if levels and level not in levels:
                raise DomainError(f"该文件包含{'、'.join(levels)}{len(levels)}个层级的清单，请选择导入哪一级。",
                                  field="level", code="level_required")
    stash = pending(session)
    if stash is None or not token or stash.token != token:
        raise DomainError(MSG_EXPIRED, code="import_expired")
    try:
        unit = units.filter(pk=stash.unit).first()
        if unit is None:
            raise DomainError("您不能再向该单位导入清单，请重新选择单位。", field="unit")
        data = uploads.held(HOLD_AREA, token)
        if data is None:
            raise DomainError(MSG_EXPIRED, code="import_expired")
        result = realimport.read_workbook(data, filename=stash.filename, code_prefix=unit.code)
        if result.levels():
            result.only_level(level)
        if result.blocking:
            raise DomainError("文件中有必须先修正的行：" + "；".join(str(d) for d in result.blocking[:5]))
        rows = realimport.rows_for_import(result, unit)
        try:
            with transaction.atomic():  # items_import saves row by row: all of them or none
                return services.items_import(actor=actor, rows=rows,
                                             effective_on=datetime.date.fromisoformat(stash.effective_on),
                                             title=f"{unit.name}权责清单导入（{stash.filename[:60]}）",
                                             trigger_document=stash.filename[:300])
        except sheets.RowError as e:
            where = next((it["sheet_row"] for it in result.items if it["_row"] == e.row), f"第 {e.row} 行")
            raise DomainError(f"{where}：{e.message}（未导入任何事项）", field=e.field, code=e.code) from None
    finally:
        uploads.release(HOLD_AREA, token)
        session.pop(SESSION_KEY, None)


def cancel(*, session) -> bool:
    """Forget the session's pending upload and remove its file; True if there was one."""
    stash = pending(session)
    session.pop(SESSION_KEY, None)
    if stash is None:
        return False
    uploads.release(HOLD_AREA, stash.token)
    return True
