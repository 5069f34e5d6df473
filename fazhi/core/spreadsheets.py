"""Excel import and export from one declared template per sheet.

A module describes a sheet once, in its own ``spreadsheets.py``, as a ``SheetSpec``: a
Chinese title, the ``Column``s (Chinese header, row-dict field, required, parser, choices,
maximum length, width, how to export, help text), an optional unique ``key`` column, an
optional cross-field ``validate_row`` and the ``save_rows`` callable that hands clean rows to
the module's service. Everything else is done here, the same way for every module:

``template_workbook(spec)``
    An empty sheet with the headers (bold, frozen; required headers in red with a note
    saying 必填, ``help`` in the note) and an Excel drop-down for every column with choices.

``export_workbook(spec, objects)``
    The same columns filled from objects (``Column.export`` or ``getattr``): choice values as
    their labels, dates as date cells, formula-like text neutralised (``neutralise``). The
    export is itself a valid import file: importing it gives back the same row dicts.

``read_rows(spec, file)``
    Checks the file (size, not empty, really .xlsx, row count) and raises ``DomainError``
    (``field="file"``) when the file as a whole is unusable. Otherwise it finds the header
    row (the first of the first 10 rows holding every required header; title rows above it
    are skipped, extra columns ignored), parses and checks *every* row and returns an
    ``ImportResult`` whose ``errors`` list each problem as (Excel row, Chinese header,
    message). It never saves.

``import_file(spec, file)``
    ``read_rows``; only when there is no error at all, ``spec.save_rows(rows)`` inside one
    ``transaction.atomic()``. A ``DomainError`` from ``save_rows`` rolls everything back and
    is reported like a cell error (its row is taken from ``error.row``; see ``RowError``);
    ``RowErrors([...])`` reports several rows' refusals at once.

Cell values are read with ``data_only=True``: a formula is never evaluated, only the value
Excel cached for it is seen. Parsers receive the cell's value (text stripped, never an empty
cell: an empty cell is ``None`` without calling the parser) and raise ``ValueError`` or
``DomainError`` with a Chinese message. ``parse_text`` is the default; ``parse_date``,
``parse_int``, ``parse_decimal`` and ``parse_bool`` cover the usual cases.

Reading any Excel file (the one reader every import uses)
--------------------------------------------------------
``open_book(file)`` detects the real format from the content (an .xls named .xlsx is read as
.xls), refuses an unusable file *before* any parser runs and returns a ``Book`` whose ``Sheet``s
stream their rows as lists of values. Before openpyxl sees an .xlsx (a zip):

- the file is at most ``FAZHI_IMPORT_MAX_BYTES``;
- the members' declared uncompressed sizes add up to at most ``FAZHI_IMPORT_MAX_UNPACKED_BYTES``
  (default 100 MB), there are at most ``MAX_ZIP_MEMBERS`` members, and no member larger than
  ``RATIO_FLOOR`` declares more than ``MAX_MEMBER_RATIO`` times its compressed size;
- every member is then inflated in 64 KB chunks (output thrown away) and refused as soon as it
  yields more than it declared: a forged size is caught without holding the data.

While rows are streamed a text cell longer than Excel's own limit (``EXCEL_MAX_CELL_CHARS``,
32,767 characters) is refused, naming its sheet, row and column. ``read_sheets(file)`` gives
every sheet's rows as lists (for readers such as the power-list reader that look back and
forth); ``SheetSpec`` imports stream. Every imported text passes ``fazhi.core.text.clean_text``
(zero-width characters removed, trimmed, full-width letters/digits folded) in ``parse_text``.

Limits come from ``settings.FAZHI_IMPORT_MAX_BYTES``, ``FAZHI_IMPORT_MAX_UNPACKED_BYTES`` and
``FAZHI_IMPORT_MAX_ROWS``, read at call time.
"""
from __future__ import annotations

import datetime
import io
import itertools
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation

from .errors import DomainError
from .text import clean_text, compare_key

__all__ = [
    "XLSX_CONTENT_TYPE",
    "Column",
    "SheetSpec",
    "Row",
    "RowError",
    "RowErrors",
    "CellError",
    "ImportResult",
    "read_rows",
    "import_file",
    "export_workbook",
    "template_workbook",
    "neutralise",
    "parse_text",
    "parse_date",
    "parse_int",
    "parse_decimal",
    "parse_bool",
    "EXCEL_MAX_CELL_CHARS",
    "ExcelError",
    "TooLongCell",
    "CellTooLong",
    "Book",
    "Sheet",
    "read_file_bytes",
    "detect_format",
    "check_archive",
    "open_book",
    "read_sheets",
    "xls_supported",
]

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: The header row must be among the first rows (title rows may sit above it).
HEADER_SEARCH_ROWS = 10
#: Excel's own limit on the characters of one cell; a longer cell was not written by Excel.
EXCEL_MAX_CELL_CHARS = 32767
#: Default of ``FAZHI_IMPORT_MAX_UNPACKED_BYTES``: what an .xlsx may unpack to, all members together.
DEFAULT_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
#: A member of an .xlsx larger than ``RATIO_FLOOR`` may not unpack to more than this many times its
#: compressed size (real workbooks stay below 25; deflate's ceiling is about 1,030).
MAX_MEMBER_RATIO = 200
RATIO_FLOOR = 1024 * 1024
#: An .xlsx has about ten members per sheet; thousands of members is not a workbook.
MAX_ZIP_MEMBERS = 10000
_INFLATE_CHUNK = 64 * 1024
#: Last row Excel has; drop-downs cover the whole column below the header.
EXCEL_LAST_ROW = 1048576

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97–2003) and encrypted .xlsx

# OWASP "CSV injection": a cell starting with one of these may be read as a formula.
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISED_RE = re.compile(r"'+[=+\-@\t\r]")
_HEADER_NOISE_RE = re.compile(r"[\s\u200b\ufeff*＊]+")

_MSG_REQUIRED = "必填"
_MSG_NOT_XLSX = "文件不是有效的 Excel（.xlsx）文件。如果是 CSV、WPS 或其他格式，请用 Excel 另存为 .xlsx 后再导入。"
_MSG_LEGACY_XLS = (
    "文件是旧版 Excel（.xls）格式或设置了打开密码，无法读取。"
    "请用 Excel 另存为 .xlsx（并取消密码）后再导入。"
)
_MSG_EMPTY_FILE = "文件为空，请选择填写好的 Excel（.xlsx）文件。"
_MSG_BAD_XLS = "无法读取该 .xls 文件，文件可能已损坏或设置了打开密码。请用 Excel 另存为 .xlsx（并取消密码）后再导入。"
_MSG_NO_XLRD = ("这是旧版 Excel（.xls）文件，服务器未安装读取 .xls 所需的 xlrd 组件。"
                "请联系管理员安装，或用 Excel 另存为 .xlsx 后再导入。")
_MSG_BOMB = ("文件解压后过大：{detail}，最多允许 {limit}。正常的 Excel 表格不会这样，"
             "请检查文件是否完整，或拆分后分批导入。")
_MSG_NO_ROWS = "表格中没有数据：请在表头下方逐行填写后再导入。"

_HEADER_FONT = Font(bold=True)
_REQUIRED_HEADER_FONT = Font(bold=True, color="C00000")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
_NOTE_AUTHOR = "法治平台"
_CHOICES_SHEET = "选项"


# Declaration ------------------------------------------------------------------------------

@dataclass
class Column:
    """One column of a sheet.

    ``parser`` turns a non-empty cell value into the row value (default ``parse_text``) and
    raises ``ValueError``/``DomainError`` with a Chinese message. With ``choices`` the cell
    holds a label (or a value) and the row gets the value; the parser, if any, then receives
    that value. ``max_length`` applies to the cell's text. ``export`` maps an object to the
    cell value (default: ``getattr(obj, field)``, or ``obj.get(field)`` for a mapping).
    """

    header: str
    field: str
    required: bool = False
    parser: Callable[[Any], Any] | None = None
    choices: list[tuple[str, str]] | None = None
    max_length: int | None = None
    width: int = 16
    export: Callable[[Any], Any] | None = None
    help: str = ""

    @property
    def labels(self) -> list[str]:
        return [str(label) for _, label in self.choices or ()]  # str(): labels may be lazy

    def label_for(self, value):
        """The label a choice value is written as (the value itself when it is not a choice)."""
        for choice_value, label in self.choices or ():
            if choice_value == value:
                return str(label)
        return value

    def choice_for(self, text: str):
        """The choice value for a cell's text, matching labels first, then values."""
        for value, label in self.choices or ():
            if text == str(label):
                return value
        for value, _ in self.choices or ():
            if text == str(value):
                return value
        raise ValueError("应为以下之一：" + "、".join(self.labels))


@dataclass
class SheetSpec:
    """A declared sheet: the same columns for the template, the export and the import."""

    title: str
    columns: list[Column]
    key: str | None = None
    validate_row: Callable[[dict], None] | None = None
    save_rows: Callable[[list[dict]], Any] | None = None

    def __post_init__(self):
        fields = [c.field for c in self.columns]
        headers = [_normalise_header(c.header) for c in self.columns]
        if not self.columns:
            raise ImproperlyConfigured(f"SheetSpec {self.title!r} has no columns.")
        if len(set(fields)) != len(fields) or len(set(headers)) != len(headers):
            raise ImproperlyConfigured(f"SheetSpec {self.title!r} repeats a field or a header.")
        if self.key is not None and self.key not in fields:
            raise ImproperlyConfigured(f"SheetSpec {self.title!r}: key {self.key!r} is not a column field.")

    def column_for(self, field_name) -> Column | None:
        return next((c for c in self.columns if c.field == field_name), None)


# Results ----------------------------------------------------------------------------------

class Row(dict):
    """A parsed data row (field → value) that also knows its Excel row number as ``.row``.

    It compares equal to a plain dict with the same items.
    """

    def __init__(self, values=(), *, row: int = 0):
        super().__init__(values)
        self.row = row

    def __repr__(self):
        return f"Row({dict.__repr__(self)}, row={self.row})"


class RowError(DomainError):
    """A ``DomainError`` raised by ``save_rows`` about one row (a ``Row`` or a row number)."""

    def __init__(self, message, *, row, field=None, code=None):
        super().__init__(message, field=field, code=code)
        self.row = getattr(row, "row", row)


class RowErrors(DomainError):
    """Several ``RowError``s raised together by ``save_rows`` (a service that checks each row in a savepoint
    collects every row's refusal); ``import_file`` lists each one at its row and column."""

    def __init__(self, errors):
        errors = list(errors)
        super().__init__(errors[0].message, field=errors[0].field)
        self.row_errors = errors


@dataclass
class CellError:
    """One problem: Excel row number as the user sees it (0: the whole file), Chinese header."""

    row: int
    column: str
    message: str

    def __str__(self):
        where = f"第 {self.row} 行" if self.row else ""
        if self.column:
            where += f"“{self.column}”"
        return f"{where}：{self.message}" if where else self.message


@dataclass
class ImportResult:
    """``rows``: the rows that passed every check; ``total_rows``: data rows read."""

    rows: list[dict] = dataclass_field(default_factory=list)
    errors: list[CellError] = dataclass_field(default_factory=list)
    saved: Any = None
    total_rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


# Reading any Excel file -------------------------------------------------------------------

class ExcelError(str):
    """A cell holding an Excel error value (``#DIV/0!``, ``#N/A`` …) instead of content."""


class TooLongCell:
    """Stands for a text cell longer than Excel allows (``Sheet.rows(strict=False)``)."""

    def __init__(self, length: int):
        self.length = length

    def __repr__(self):
        return f"TooLongCell({self.length})"


class CellTooLong(DomainError):
    """A text cell longer than ``EXCEL_MAX_CELL_CHARS``: named by sheet, Excel row and column."""

    def __init__(self, *, sheet: str, row: int, column: int, length: int, header: str = ""):
        self.sheet, self.row, self.column, self.length = sheet, row, column, length
        where = f"工作表“{sheet}”" if sheet else ""
        where += f"第 {row} 行第 {get_column_letter(column + 1)} 列"
        if header:
            where += f"（“{header}”）"
        super().__init__(f"{where}的内容有 {length} 个字符，超过 Excel 单元格上限 {EXCEL_MAX_CELL_CHARS} 个字符，"
                         "不是 Excel 能保存的表格。请检查该单元格后再导入。",
                         field="file", code="cell_too_long")


def _too_long_message(length: int) -> str:
    return f"内容有 {length} 个字符，超过 Excel 单元格上限 {EXCEL_MAX_CELL_CHARS} 个字符"


class Sheet:
    """One worksheet; ``rows()`` streams its rows from row 1 as lists of cell values.

    Values: ``None`` (empty), ``str``, ``int``/``float``, ``bool``, ``datetime``, ``ExcelError``. Rows
    are never skipped, so the n-th row yielded is Excel row n (an empty row is ``[]``).
    """

    def __init__(self, name: str, produce, *, max_cell_chars: int):
        self.name = name
        self._produce = produce
        self._max_cell_chars = max_cell_chars

    @property
    def title(self):
        return self.name

    def rows(self, *, strict: bool = True):
        """The rows. A text cell over ``EXCEL_MAX_CELL_CHARS`` raises ``CellTooLong`` (``strict``) or is
        replaced by a ``TooLongCell`` (so that a caller can report it as a cell error and go on)."""
        limit = self._max_cell_chars
        source = self._produce()
        try:
            number = 0
            while True:
                try:
                    values = next(source)
                except StopIteration:
                    return
                except DomainError:
                    raise
                except Exception as exc:  # a corrupt sheet XML
                    raise DomainError(_MSG_NOT_XLSX, field="file", code="not_xlsx") from exc
                number += 1
                values = list(values)
                for index, value in enumerate(values):
                    if isinstance(value, str) and len(value) > limit:
                        if strict:
                            raise CellTooLong(sheet=self.name, row=number, column=index, length=len(value))
                        values[index] = TooLongCell(len(value))
                yield values
        finally:
            close = getattr(source, "close", None)
            if close is not None:
                close()


class Book:
    """An opened workbook: ``kind`` ("xlsx" or "xls") and its ``sheets``. Close it (or use ``with``)."""

    def __init__(self, kind: str, sheets: list[Sheet], close=None):
        self.kind = kind
        self.sheets = sheets
        self._close = close

    def close(self):
        if self._close is not None:
            self._close()
            self._close = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def read_file_bytes(file) -> bytes:
    """The file's content, refusing an empty or oversized file before anything is parsed.

    ``file`` is a Django ``UploadedFile``, a path, ``bytes`` or a binary file object.
    """
    max_bytes = _max_bytes()
    if isinstance(file, (bytes, bytearray, memoryview)):
        data = bytes(file)
    elif isinstance(file, (str, os.PathLike)):
        size = os.path.getsize(file)
        if size > max_bytes:
            raise _too_large(max_bytes, size)
        with open(file, "rb") as fh:
            data = fh.read(max_bytes + 1)
    else:
        size = getattr(file, "size", None)
        if isinstance(size, int) and size > max_bytes:
            raise _too_large(max_bytes, size)
        seekable = getattr(file, "seekable", None)
        if seekable is not None and seekable():
            file.seek(0)
        data = file.read(max_bytes + 1)
        if isinstance(data, str):
            raise TypeError("read_rows() needs a file opened in binary mode.")
    if len(data) > max_bytes:
        raise _too_large(max_bytes, None)
    if not data:
        raise DomainError(_MSG_EMPTY_FILE, field="file", code="empty_file")
    return data


_read_bytes = read_file_bytes  # the former private name


def detect_format(data: bytes) -> str:
    """"xlsx" or "xls" from the first bytes (never from the file name)."""
    if data.startswith(_OLE_MAGIC):
        return "xls"
    if data.startswith(_ZIP_MAGIC):
        return "xlsx"
    raise DomainError(_MSG_NOT_XLSX, field="file", code="not_xlsx")


def xls_supported() -> bool:
    try:
        import xlrd  # noqa: F401
    except ImportError:
        return False
    return True


def check_archive(data: bytes) -> None:
    """Refuse an .xlsx (zip) that is broken or unpacks to too much, without keeping what it unpacks to."""
    limit = _max_unpacked_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise DomainError(_MSG_NOT_XLSX, field="file", code="not_xlsx")
            declared = sum(info.file_size for info in members)
            if declared > limit:
                raise _bomb(f"声明解压后共 {_size_text(declared)}", limit)
            for info in members:
                if info.file_size > RATIO_FLOOR and info.file_size > MAX_MEMBER_RATIO * max(info.compress_size, 1):
                    raise _bomb(f"其中“{info.filename[:60]}”由 {_size_text(info.compress_size)} "
                                f"解压为 {_size_text(info.file_size)}", limit)
            for info in members:
                _inflate_within(data, info, limit)
    except zipfile.BadZipFile as exc:
        raise DomainError(_MSG_NOT_XLSX, field="file", code="not_xlsx") from exc


def _inflate_within(data: bytes, info: zipfile.ZipInfo, limit: int) -> None:
    """Inflate one member in chunks (output discarded); refuse it once it exceeds its declared size."""
    if info.flag_bits & 0x1:  # encrypted member
        raise DomainError(_MSG_LEGACY_XLS, field="file", code="not_xlsx")
    offset = info.header_offset
    header = data[offset:offset + 30]
    if len(header) < 30 or header[:4] != _ZIP_MAGIC:
        raise DomainError(_MSG_NOT_XLSX, field="file", code="not_xlsx")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start = offset + 30 + name_length + extra_length
    compressed = memoryview(data)[start:start + info.compress_size]
    if len(compressed) < info.compress_size:
        raise DomainError(_MSG_NOT_XLSX, field="file", code="not_xlsx")
    if info.compress_type == zipfile.ZIP_STORED:
        if info.compress_size != info.file_size:
            raise DomainError(_MSG_NOT_XLSX, field="file", code="not_xlsx")
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:  # Excel writes deflate only
        raise DomainError(_MSG_NOT_XLSX, field="file", code="not_xlsx")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced = 0
    allowed = info.file_size
    try:
        for at in range(0, len(compressed), _INFLATE_CHUNK):
            pending = compressed[at:at + _INFLATE_CHUNK]
            while pending:
                produced += len(inflater.decompress(pending, _INFLATE_CHUNK))
                if produced > allowed:
                    raise _bomb(f"其中“{info.filename[:60]}”解压后超过其声明的 {_size_text(allowed)}", limit)
                pending = inflater.unconsumed_tail
            if inflater.eof:
                break
        while not inflater.eof:
            chunk = inflater.decompress(b"", _INFLATE_CHUNK) or inflater.flush(_INFLATE_CHUNK)
            if not chunk:
                break
            produced += len(chunk)
            if produced > allowed:
                raise _bomb(f"其中“{info.filename[:60]}”解压后超过其声明的 {_size_text(allowed)}", limit)
    except zlib.error as exc:
        raise DomainError(_MSG_NOT_XLSX, field="file", code="not_xlsx") from exc


def open_book(file, *, max_cell_chars: int | None = None) -> Book:
    """Open an .xlsx or .xls (detected from the content) after every check; see the module docstring."""
    data = read_file_bytes(file)
    kind = detect_format(data)
    limit = max_cell_chars or EXCEL_MAX_CELL_CHARS
    if kind == "xls":
        return _open_xls(data, limit)
    check_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # any failure to open means "not a usable .xlsx"
        raise DomainError(_MSG_NOT_XLSX, field="file", code="not_xlsx") from exc

    def producer(ws):
        def produce():
            ws.reset_dimensions()  # some writers record a wrong size; read every row
            for row in ws.iter_rows(min_row=1):
                yield [ExcelError(cell.value) if getattr(cell, "data_type", None) == "e" and cell.value is not None
                       else getattr(cell, "value", None) for cell in row]
        return produce

    sheets = [Sheet(ws.title, producer(ws), max_cell_chars=limit) for ws in workbook.worksheets]
    return Book("xlsx", sheets, close=workbook.close)


def _open_xls(data: bytes, limit: int) -> Book:
    try:
        import xlrd
    except ImportError:
        raise DomainError(_MSG_NO_XLRD, field="file", code="xls_unsupported") from None
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception:
        raise DomainError(_MSG_BAD_XLS, field="file", code="not_xlsx") from None

    def producer(index):
        def produce():
            try:
                ws = book.sheet_by_index(index)
            except Exception:
                raise DomainError(_MSG_BAD_XLS, field="file", code="not_xlsx") from None
            for number in range(ws.nrows):
                yield [_xls_value(book, cell) for cell in ws.row(number)]
        return produce

    sheets = [Sheet(name, producer(i), max_cell_chars=limit) for i, name in enumerate(book.sheet_names())]
    return Book("xls", sheets, close=book.release_resources)


def _xls_value(book, cell):
    import xlrd

    kind, value = cell.ctype, cell.value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(value, book.datemode)
        except Exception:
            return value
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_ERROR:
        return ExcelError(xlrd.error_text_from_code.get(value, "#ERROR!"))
    return value


def read_sheets(file, *, max_rows: int | None = None) -> tuple[str, list[tuple[str, list[list]]]]:
    """``(kind, [(sheet name, [row values, …]), …])``: every sheet in memory, every check applied.

    A sheet of more than ``max_rows`` rows (default ``FAZHI_IMPORT_MAX_ROWS``) is refused.
    """
    max_rows = max_rows or _max_rows()
    with open_book(file) as book:
        result = []
        for sheet in book.sheets:
            rows = []
            for values in sheet.rows():
                rows.append(values)
                if len(rows) > max_rows:
                    raise DomainError(f"工作表“{sheet.name}”超过 {max_rows} 行，请拆分后分批导入。",
                                      field="file", code="too_many_rows")
            result.append((sheet.name, rows))
        return book.kind, result


# Import -----------------------------------------------------------------------------------

def read_rows(spec: SheetSpec, file) -> ImportResult:
    """Parse and check every row of ``file``; never saves.

    ``file`` is a Django ``UploadedFile``, a path, ``bytes`` or a binary file object. Raises
    ``DomainError(field="file")`` when the file as a whole cannot be used (too large, empty,
    not Excel, unpacking to too much, a required column missing, no data rows, too many rows);
    every problem with a single cell or row is returned in ``ImportResult.errors`` instead.
    """
    with open_book(file) as book:
        sheet, header_row, positions = _locate_header(spec, book)
        return _read_data(spec, sheet, header_row, positions)


def import_file(spec: SheetSpec, file) -> ImportResult:
    """``read_rows``, then — only if every row is clean — ``spec.save_rows`` in one transaction.

    If ``save_rows`` raises ``DomainError`` (or Django's ``ValidationError``) the transaction
    is rolled back, nothing is saved and the error is added to ``result.errors``.
    """
    if spec.save_rows is None:
        raise ImproperlyConfigured(f"SheetSpec {spec.title!r} has no save_rows; use read_rows().")
    result = read_rows(spec, file)
    if not result.ok:
        return result
    try:
        with transaction.atomic():
            result.saved = spec.save_rows(result.rows)
    except (DomainError, ValidationError) as exc:
        result.saved = None
        for error in getattr(exc, "row_errors", None) or [exc]:
            row = getattr(error, "row", None)
            row = getattr(row, "row", row)
            row = row if isinstance(row, int) else 0
            result.errors.extend(_errors_from_exception(spec, error, row=row, default_column=""))
    return result


def _locate_header(spec: SheetSpec, book: Book):
    """(sheet, header row number, [(cell index, Column)]) for the first matching header row.

    The sheet named like the spec is tried first, then the others in order.
    """
    wanted = {_normalise_header(c.header): c for c in spec.columns}
    required = [c for c in spec.columns if c.required]
    sheets = list(book.sheets)
    sheets.sort(key=lambda s: s.name != _sheet_title(spec.title))
    best_found: dict = {}
    for sheet in sheets:
        rows = sheet.rows()
        try:
            for number, row in enumerate(itertools.islice(rows, HEADER_SEARCH_ROWS), start=1):
                found: dict[str, list[int]] = {}
                for index, value in enumerate(row):
                    name = _normalise_header(value)
                    if name in wanted:
                        found.setdefault(name, []).append(index)
                if len(found) > len(best_found):
                    best_found = found
                if not found or any(_normalise_header(c.header) not in found for c in required):
                    continue
                repeated = [wanted[name].header for name, places in found.items() if len(places) > 1]
                if repeated:
                    raise DomainError(
                        f"表头中“{'、'.join(repeated)}”出现了不止一次，请删除重复的列后再导入。",
                        field="file", code="duplicate_header",
                    )
                positions = sorted((places[0], wanted[name]) for name, places in found.items())
                return sheet, number, positions
        finally:
            rows.close()
    missing = [c.header for c in required if _normalise_header(c.header) not in best_found]
    if missing:
        message = f"缺少必填列：{'、'.join(missing)}。请使用导入模板，表头须在前 {HEADER_SEARCH_ROWS} 行内。"
    else:
        message = f"没有找到表头：应包含以下列：{'、'.join(c.header for c in spec.columns)}。"
    raise DomainError(message, field="file", code="missing_columns")


def _read_data(spec: SheetSpec, sheet: Sheet, header_row: int, positions) -> ImportResult:
    max_rows = _max_rows()
    order = {c.field: i for i, c in enumerate(spec.columns)}
    result = ImportResult()
    first_seen: dict[Any, int] = {}
    rows = sheet.rows(strict=False)  # an over-long cell becomes a cell error of its row
    try:
        for number, cells in enumerate(rows, start=1):
            if number <= header_row:
                continue
            raw = {}
            for index, column in positions:
                value = cells[index] if index < len(cells) else None
                raw[column.field] = (_cell_value(value), isinstance(value, ExcelError))
            if all(value is None for value, _ in raw.values()):
                continue
            result.total_rows += 1
            if result.total_rows > max_rows:
                raise DomainError(
                    f"数据行过多：一次最多导入 {max_rows} 行，请拆分后分批导入。",
                    field="file", code="too_many_rows",
                )
            row, errors = _parse_row(spec, raw, number, first_seen)
            errors.sort(key=lambda e: order.get(_field_of(spec, e.column), -1))
            result.errors.extend(errors)
            if not errors:
                result.rows.append(row)
    finally:
        rows.close()
    if not result.total_rows:
        raise DomainError(_MSG_NO_ROWS, field="file", code="no_rows")
    return result


def _parse_row(spec: SheetSpec, raw: dict, number: int, first_seen: dict):
    """The row dict and the list of its CellErrors."""
    row = Row(row=number)
    errors: list[CellError] = []
    for column in spec.columns:
        value, is_error = raw.get(column.field, (None, False))
        row[column.field] = None
        try:
            row[column.field] = _parse_cell(column, value, is_error)
        except (ValueError, DomainError, ValidationError) as exc:
            errors.append(CellError(number, column.header, _message_of(exc)))
    if spec.key is not None and not any(e.column == spec.column_for(spec.key).header for e in errors):
        key = row[spec.key]
        if key is not None:
            if key in first_seen:
                errors.append(CellError(number, spec.column_for(spec.key).header, f"与第 {first_seen[key]} 行重复"))
            else:
                first_seen[key] = number
    if spec.validate_row is not None and not errors:
        try:
            spec.validate_row(row)
        except (ValueError, DomainError, ValidationError) as exc:
            errors.extend(_errors_from_exception(spec, exc, row=number, default_column=spec.columns[0].header))
    return row, errors


def _parse_cell(column: Column, value, is_error: bool):
    if is_error:
        raise ValueError(f"单元格是公式错误值 {value}，请填写实际内容")
    if isinstance(value, TooLongCell):
        raise ValueError(_too_long_message(value.length))
    if value is None:
        if column.required:
            raise ValueError(_MSG_REQUIRED)
        return None
    text = parse_text(value)
    if column.max_length is not None and len(text) > column.max_length:
        raise ValueError(f"不能超过 {column.max_length} 个字符（现有 {len(text)} 个）")
    if column.choices is not None:
        value = column.choice_for(text)
    parser = column.parser or parse_text
    parsed = parser(value)
    if parsed is None and column.required:
        raise ValueError(_MSG_REQUIRED)
    return parsed


def _cell_value(value):
    """A cell's value; text is cleaned (``clean_text``) and un-neutralised, empty text becomes None."""
    if isinstance(value, str):
        value = clean_text(value)
        if _NEUTRALISED_RE.match(value):
            value = value[1:]
        return value or None
    return value


def _errors_from_exception(spec: SheetSpec, exc, *, row: int, default_column: str) -> list[CellError]:
    """CellErrors for a DomainError / ValidationError / ValueError, placed on its field's column."""
    def header(field_name):
        column = spec.column_for(field_name)
        return column.header if column is not None else default_column

    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        return [
            CellError(row, header(name), str(message))
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [CellError(row, header(getattr(exc, "field", None)), _message_of(exc))]


def _message_of(exc) -> str:
    if isinstance(exc, DomainError):
        return exc.message
    if isinstance(exc, ValidationError):
        return "；".join(str(m) for m in exc.messages)
    return str(exc)


def _field_of(spec: SheetSpec, header: str):
    return next((c.field for c in spec.columns if c.header == header), None)


def _normalise_header(value) -> str:
    """Header text as a comparison key (``compare_key``: NFKC, case-folded, no zero-width characters)
    without whitespace, line breaks or a required-marker asterisk."""
    if value is None or isinstance(value, TooLongCell):
        return ""
    return _HEADER_NOISE_RE.sub("", compare_key(value))


# Parsers ----------------------------------------------------------------------------------

def parse_text(value):
    """The default parser: the cell as text (1.0 → "1", a date → "2024-03-15"), None if empty.

    Text is cleaned with ``fazhi.core.text.clean_text``: zero-width characters removed, trimmed,
    full-width letters and digits folded (Chinese punctuation kept)."""
    if value is None:
        return None
    if isinstance(value, str):
        return clean_text(value) or None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(value, ".15g")
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


parse_text.number_format = "@"  # template/export: the column is formatted as text

_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_COMPACT_DATE_RE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MSG_BAD_DATE = "日期格式不正确，请填写如 2024-03-15 的日期"


def parse_date(value):
    """A ``datetime.date`` from a date cell, an Excel serial number or text such as
    2024-03-15, 2024/3/15, 2024.3.15, 2024年3月15日 or 20240315."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool):
        raise ValueError(_MSG_BAD_DATE)
    if isinstance(value, (int, float)):
        if float(value).is_integer() and 19000101 <= value <= 29991231:
            return _make_date(*_COMPACT_DATE_RE.fullmatch(str(int(value))).groups())
        if 1 <= value < 2958466:  # Excel serial day numbers up to 9999-12-31
            result = from_excel(value)
            return result.date() if isinstance(result, datetime.datetime) else result
        raise ValueError(_MSG_BAD_DATE)
    text = str(value).strip()
    match = _DATE_RE.fullmatch(text) or _COMPACT_DATE_RE.fullmatch(text)
    if not match:
        raise ValueError(_MSG_BAD_DATE)
    return _make_date(*match.groups())


parse_date.number_format = "yyyy-mm-dd"


def _make_date(year, month, day):
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f"日期不存在：{year}-{month}-{day}") from None


def parse_int(value):
    """An ``int`` from a number cell or text (thousands separators allowed); 3.0 → 3."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("应为整数")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError("应为整数")
    number = _decimal_or_none(value)
    if number is None or number != number.to_integral_value():
        raise ValueError("应为整数")
    return int(number)


parse_int.number_format = "0"


def parse_decimal(value):
    """A ``Decimal`` from a number cell or text; a float cell keeps Excel's 15 digits."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("应为数字")
    if isinstance(value, float):
        value = format(value, ".15g")
    number = _decimal_or_none(value)
    if number is None:
        raise ValueError("应为数字")
    return number


def _decimal_or_none(value):
    text = str(value).strip().replace(",", "").replace("，", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


_TRUE_TEXTS = {"是", "有", "对", "√", "✓", "y", "yes", "true", "1"}
_FALSE_TEXTS = {"否", "无", "不是", "×", "✗", "n", "no", "false", "0"}


def parse_bool(value):
    """``True``/``False`` from 是/否 (also TRUE/FALSE, Y/N, 1/0, √/×)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = parse_text(value).lower()
    if text in _TRUE_TEXTS:
        return True
    if text in _FALSE_TEXTS:
        return False
    raise ValueError("应为“是”或“否”")


# Export -----------------------------------------------------------------------------------

def neutralise(value):
    """Make formula-like text harmless in a spreadsheet (OWASP CSV-injection advice).

    A string starting with ``= + - @``, a tab or a carriage return gets a leading
    apostrophe, so Excel shows it as text instead of running it. Text that already starts
    with apostrophes before such a character gets one more, so the import (which removes
    exactly one) always gives back the original. Anything else is returned unchanged.
    """
    if isinstance(value, str) and (value.startswith(_FORMULA_TRIGGERS) or _NEUTRALISED_RE.match(value)):
        return "'" + value
    return value


def export_workbook(spec: SheetSpec, objects: Iterable) -> bytes:
    """An .xlsx with exactly ``spec.columns``, one row per object (streamed, any length)."""
    return _build_workbook(spec, objects)


def template_workbook(spec: SheetSpec) -> bytes:
    """The empty import template: headers with notes (必填, help) and choice drop-downs."""
    return _build_workbook(spec, ())


def _build_workbook(spec: SheetSpec, objects: Iterable) -> bytes:
    workbook = Workbook(write_only=True)
    title = _sheet_title(spec.title)
    sheet = workbook.create_sheet(title)
    for number, column in enumerate(spec.columns, start=1):
        dimension = sheet.column_dimensions[get_column_letter(number)]
        dimension.width = column.width
        number_format = _number_format(column)
        if number_format:
            dimension.number_format = number_format
    sheet.freeze_panes = "A2"
    sheet.append([_header_cell(sheet, column) for column in spec.columns])
    text_columns = [_number_format(column) == "@" for column in spec.columns]
    for obj in objects:
        values = [_export_value(column, obj) for column in spec.columns]
        sheet.append([
            _text_cell(sheet, value) if is_text and isinstance(value, str) else value
            for value, is_text in zip(values, text_columns, strict=True)
        ])
    _add_drop_downs(workbook, sheet, spec, avoid=title)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header_cell(sheet, column: Column):
    cell = WriteOnlyCell(sheet, value=column.header)
    cell.font = _REQUIRED_HEADER_FONT if column.required else _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.alignment = _HEADER_ALIGNMENT
    note = "；".join(part for part in (_MSG_REQUIRED if column.required else "", column.help) if part)
    if column.choices:
        note = "；".join(part for part in (note, "从下拉列表中选择") if part)
    if note:
        cell.comment = Comment(note, _NOTE_AUTHOR, width=220, height=90)
    return cell


def _text_cell(sheet, value: str):
    """A cell formatted as text, so that editing it in Excel keeps 0012 or an ID number intact."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = "@"
    return cell


def _number_format(column: Column):
    if column.choices is not None:
        return parse_text.number_format
    return getattr(column.parser or parse_text, "number_format", None)


def _export_value(column: Column, obj):
    if column.export is not None:
        value = column.export(obj)
    elif isinstance(obj, Mapping):
        value = obj.get(column.field)
    else:
        value = getattr(obj, column.field)
    if column.choices is not None and value is not None:
        value = column.label_for(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        return value
    if isinstance(value, (datetime.date, datetime.time, int, float, Decimal)):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return neutralise(text) if text else None


def _add_drop_downs(workbook, sheet, spec: SheetSpec, *, avoid: str):
    """A list validation per choice column: inline when short, else from a hidden sheet."""
    long_lists = []
    hidden = _CHOICES_SHEET if avoid != _CHOICES_SHEET else _CHOICES_SHEET + "_"
    for number, column in enumerate(spec.columns, start=1):
        if not column.choices:
            continue
        labels = column.labels
        inline = '"' + ",".join(labels) + '"'
        if len(inline) <= 255 and not any("," in label or '"' in label for label in labels):
            formula = inline
        else:
            long_lists.append(labels)
            letter = get_column_letter(len(long_lists))
            formula = f"'{hidden}'!${letter}$1:${letter}${len(labels)}"
        validation = DataValidation(
            type="list", formula1=formula, allow_blank=True,
            showErrorMessage=True, errorStyle="stop", errorTitle="输入无效",
            error=f"请从下拉列表中选择“{column.header}”。"[:255],
        )
        letter = get_column_letter(number)
        validation.add(f"{letter}2:{letter}{EXCEL_LAST_ROW}")
        sheet.data_validations.append(validation)
    if long_lists:
        hidden_sheet = workbook.create_sheet(hidden)
        hidden_sheet.sheet_state = "hidden"
        for labels in itertools.zip_longest(*long_lists):
            hidden_sheet.append([ILLEGAL_CHARACTERS_RE.sub("", label) if label else None for label in labels])


def _sheet_title(title: str) -> str:
    """An Excel-legal sheet name: no []:*?/\\ and at most 31 characters."""
    cleaned = re.sub(r"[\[\]:*?/\\]", "", str(title)).strip("'").strip()
    return cleaned[:31] or "Sheet1"


# Limits -----------------------------------------------------------------------------------

def _max_bytes() -> int:
    return int(getattr(settings, "FAZHI_IMPORT_MAX_BYTES", 10 * 1024 * 1024))


def _max_unpacked_bytes() -> int:
    return int(getattr(settings, "FAZHI_IMPORT_MAX_UNPACKED_BYTES", DEFAULT_MAX_UNPACKED_BYTES))


def _bomb(detail: str, limit: int) -> DomainError:
    return DomainError(_MSG_BOMB.format(detail=detail, limit=_size_text(limit)), field="file", code="unpacks_too_large")


def _max_rows() -> int:
    return int(getattr(settings, "FAZHI_IMPORT_MAX_ROWS", 20000))


def _too_large(max_bytes: int, size: int | None) -> DomainError:
    actual = f"{_size_text(size)}，" if size is not None else ""
    return DomainError(
        f"文件过大：{actual}最大允许 {_size_text(max_bytes)}。请拆分后分批导入。",
        field="file", code="file_too_large",
    )


def _size_text(size: int) -> str:
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} 字节"
