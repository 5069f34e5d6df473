"""Reader for power lists as departments really publish them (messy .xls/.xlsx), with a preview.

Real files have title rows above the header, header variants (``事项\\n名称``, ``职权类型``), old
OLE .xls workbooks (some named .xlsx: the format is detected from the content), merged cells
(only the top cell holds the value, so the rows below are continuation rows), sub-items on
continuation rows, categories written with spaces or line breaks (``行政 处罚``), numbers
stored as ``1.0`` and footnote rows. ``read_workbook`` turns such a file into the same row dicts
as our own template import (``fazhi.powers.spreadsheets``), plus a ``Preview``: items, sub-items,
categories, counts per sheet and every doubtful row named — nothing is saved.

The bytes are read by the platform's one Excel reader (``fazhi.core.spreadsheets.read_sheets``):
format detection from the content, the size and decompression checks made before any parser runs,
the per-cell limit. Old .xls needs the ``xlrd`` package; without it such a file is refused with a
clear message. Cell text and headers are normalised with ``fazhi.core.text``.
"""
import re
from collections import Counter
from dataclasses import dataclass, field

from fazhi.core import spreadsheets
from fazhi.core.errors import DomainError
from fazhi.core.text import clean_text, compare_key

from .choices import CATEGORY_BY_LABEL, PowerCategory
from .services import parse_bases

OLE_MAGIC = spreadsheets._OLE_MAGIC
ZIP_MAGIC = spreadsheets._ZIP_MAGIC

# field → header spellings (whitespace removed before matching)
HEADERS = {
    "seq": ("序号",),
    "name": ("事项名称", "权力事项名称", "职权名称", "项目", "项目名称", "事项"),
    "sub": ("子项名称", "子项"),
    "category": ("权力类型", "职权类型", "事项类型", "权力类别"),
    "bases": ("实施依据", "设定依据", "法定依据"),
    "body": ("行使主体", "实施主体", "责任主体"),
    "office": ("承办机构", "承办科室", "内设机构"),
    "level": ("实施层级及权限", "实施层级"),
    "dept_duty": ("部门职责",),
    "duties": ("责任事项内容", "责任事项"),
    "duty_basis": ("责任事项依据", "责任事项的依据"),
    "acc_scope": ("追责对象范围",),
    "accountability": ("追责情形",),
    "remarks": ("备注", "救助渠道", "诉求渠道"),
    "code": ("职权编码", "事项编码", "权力编码"),
    "time_limit": ("法定期限（天/日）", "法定期限", "法定办理时限", "办理时限"),
}


def _norm(value):
    """A header or category as a comparison key without any whitespace."""
    return re.sub(r"\s+", "", compare_key(value)) if value else ""


_ALIAS = {_norm(alias): f for f, aliases in HEADERS.items() for alias in aliases}
#: Columns that decide whether a row counts as a data row (the long text columns do not).
SHORT = ("seq", "name", "sub", "category", "body", "office", "level", "code")
CATEGORY_LETTER = {"licensing": "XK", "penalty": "CF", "coercion": "QZ", "levy": "ZS", "benefit": "JF",
                   "inspection": "JC", "confirmation": "QR", "reward": "JL", "adjudication": "CJ", "other": "QT"}
PREVIEW_ONLY = {"sheet_row", "category_label"}
_FOOTNOTE_RE = re.compile(r"^(备注|注|说明)[:：]")


def _text(value):
    """A cell as text: numbers stored as 1.0 become 1; ``clean_text`` (trimmed, no zero-width characters)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return clean_text(value)


def item_name(text):
    """An item name as one line: real files break long names inside the cell (``对拒绝\n配合统\n计调查…``); the
    lines are joined (a space kept only between two Latin letters or digits)."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    name = ""
    for line in lines:
        if name and re.match(r"[A-Za-z0-9]", line[0]) and re.match(r"[A-Za-z0-9]", name[-1]):
            name += " "
        name += line
    return re.sub(r"[ \t\u3000]{2,}", " ", name)


_LEVEL_RE = re.compile(r"(自治区|省|地州市|地州|州|市|区县|县市区|县区|县|乡镇)(级|本级)")
_LEVEL_NAMES = {"地州市": "地州级", "地州": "地州级", "州": "地州级", "市": "市级", "区县": "区县级", "县市区": "区县级",
                "县区": "区县级", "县": "区县级", "自治区": "自治区级", "省": "省级", "乡镇": "乡镇级"}


def level_of(text):
    """The administrative level a sheet name or a 实施层级 cell names (``地州级``, ``区县级``…), or ``""``."""
    m = _LEVEL_RE.search(_norm(text))
    return _LEVEL_NAMES[m.group(1)] if m else ""


def category_of(text):
    return CATEGORY_BY_LABEL.get(_norm(text))


@dataclass
class SheetPreview:
    name: str
    header_row: int = 0
    rows: int = 0  # data rows (any short column filled), as SOURCES.md counts them
    items: int = 0
    sub_items: int = 0
    row_categories: Counter = field(default_factory=Counter)
    item_categories: Counter = field(default_factory=Counter)
    skipped: str = ""


@dataclass
class Doubt:
    sheet: str
    row: int
    message: str
    blocking: bool = False  # the row cannot be saved as it is (no category, no legal basis)

    def __str__(self):
        return f"“{self.sheet}”第 {self.row} 行：{self.message}"


@dataclass
class Preview:
    filename: str
    file_format: str
    sheets: list = field(default_factory=list)
    doubts: list = field(default_factory=list)
    items: list = field(default_factory=list)  # row dicts, as the template import gives
    department: str = ""  # the department the file belongs to, as its title or file name says
    unit_note: str = ""  # set by ``imports.preview`` when the file's department decides the unit
    unit: object = None

    def levels(self):
        """[(level, item count)] when the file holds the lists of more than one administrative level (e.g. a
        两级 guidance catalogue with sheets 地州级 and 区县级): each level holding at least 5% of the items.
        One level (or none stated) → []."""
        counts = Counter(it.get("_level_key", "") for it in self.items)
        found = [(lv, n) for lv, n in counts.items() if lv and n * 20 >= len(self.items)]
        return sorted(found, key=lambda x: -x[1]) if len(found) > 1 else []

    def only_level(self, level):
        """The items of one level (the person's choice when the file has several)."""
        self.items = [it for it in self.items if it.get("_level_key") == level]
        return self

    @property
    def blocking(self):
        return [d for d in self.doubts if d.blocking]

    @property
    def item_count(self):
        return len(self.items)

    @property
    def sub_item_count(self):
        return sum(s.sub_items for s in self.sheets)

    @property
    def row_count(self):
        return sum(s.rows for s in self.sheets)

    def row_categories(self):
        total = Counter()
        for s in self.sheets:
            total.update(s.row_categories)
        return total

    def item_categories(self):
        total = Counter()
        for s in self.sheets:
            total.update(s.item_categories)
        return total

    def category_table(self):
        rows, items = self.row_categories(), self.item_categories()
        return [(label, items.get(value, 0), rows.get(value, 0)) for value, label in PowerCategory.choices
                if rows.get(value) or items.get(value)]


# Reading the workbook ------------------------------------------------------------------------

def detect_format(data: bytes):
    """"xls" or "xlsx" from the content (the shared reader's detection)."""
    try:
        return spreadsheets.detect_format(data)
    except DomainError:
        raise DomainError("文件不是 Excel 工作簿（.xls 或 .xlsx）。", field="file") from None


xls_supported = spreadsheets.xls_supported


def _sheets(data):
    """(format, [(sheet name, [[cell, …], …])]) whatever the real format is, through the shared reader."""
    detect_format(spreadsheets.read_file_bytes(data))
    return spreadsheets.read_sheets(data)


def _header(rows):
    """(index of the header row, {field: [column indexes]}) or (None, None)."""
    for i, row in enumerate(rows[:12]):
        columns = {}
        for j, cell in enumerate(row):
            f = _ALIAS.get(_norm(cell)) or _ALIAS.get(_norm(cell).replace("/", ""))
            if f:
                columns.setdefault(f, []).append(j)
        if "name" in columns and "category" in columns:
            return i, columns
    return None, None


def read_workbook(data: bytes, *, filename="", code_prefix="ITEM"):
    """Parse every sheet of a real published list; return a ``Preview`` (nothing is saved)."""
    kind, sheets = _sheets(data)
    preview = Preview(filename=filename, file_format=kind)
    used_codes = set()
    for sheet_name, rows in sheets:
        sp = SheetPreview(sheet_name)
        preview.sheets.append(sp)
        hi, columns = _header(rows)
        if hi is None:
            if any(_text(c) for r in rows for c in r):
                sp.skipped = "没有找到表头（需要“事项名称”和“权力类型”列），已跳过"
                preview.doubts.append(Doubt(sheet_name, 1, sp.skipped))
            else:
                sp.skipped = "空白工作表"
            continue
        sp.header_row = hi + 1
        if not preview.department:
            preview.department = _department(rows[:hi])
        _read_sheet(preview, sp, rows, hi, columns, code_prefix, used_codes)
    if not preview.items:
        raise DomainError("文件中没有找到任何权责事项。请确认表头包含“事项名称”和“权力类型”。", field="file")
    preview.department = preview.department or _department([[filename]])
    return preview


_DEPT_RE = re.compile(r"([\u4e00-\u9fff（）()]{2,40}?(局|委员会|委|办公室|办|部|厅|中心|支队|大队|系统))")


def _department(rows):
    """The department a list belongs to, from its title rows (or its file name): ``克拉玛依市统计局``."""
    for row in rows:
        for cell in row:
            text = re.sub(r"^(附件[:：]?\d*)", "", _norm(_text(cell)))
            text = re.sub(r"^\d{4}年", "", text)
            m = _DEPT_RE.search(text)
            if m:
                return re.sub(r"\d{4}年.*$", "", m.group(1))
    return ""


def _read_sheet(preview, sp, rows, hi, columns, code_prefix, used_codes):
    def get(row, f, all_columns=False):
        idx = columns.get(f, [])
        values = [_text(row[j]) for j in idx if j < len(row)]
        if all_columns:
            return "；".join(v for v in values if v)
        return values[0] if values else ""

    item = None
    current_category = None
    last_name = ""
    sheet_level = level_of(sp.name)
    for r, row in enumerate(rows[hi + 1:], start=hi + 2):
        cells = [_text(c) for c in row]
        filled = [c for c in cells if c]
        if not filled:
            continue
        if len(filled) == 1 and _FOOTNOTE_RE.match(filled[0]):
            preview.doubts.append(Doubt(sp.name, r, f"表尾说明，不作为事项：{filled[0][:40]}"))
            continue
        seq, name, sub = get(row, "seq"), item_name(get(row, "name")), get(row, "sub")
        cat_text = get(row, "category")
        if _norm(cat_text) == _norm(next(iter(HEADERS["category"]))) and _norm(name) in HEADERS["name"]:
            continue  # the header repeated (printed pages)
        is_data = any(get(row, f) for f in SHORT)
        if is_data:
            sp.rows += 1
        category = category_of(cat_text) if cat_text else None
        if cat_text and category is None:
            preview.doubts.append(Doubt(sp.name, r, f"权力类型“{_norm(cat_text)}”不是十类之一"))
        if sub in ("无", "/", "-", "—"):
            sub = ""
        new_item = bool(name) and not (not seq and name == last_name) and not (
            item is not None and name == last_name and seq == item["_seq"])
        if new_item:
            current_category = category or current_category
            if category is None:
                preview.doubts.append(Doubt(sp.name, r, "缺少权力类型，沿用上一事项的类型"
                                            if current_category else "缺少权力类型", blocking=not current_category))
            if not seq:
                preview.doubts.append(Doubt(sp.name, r, "缺少序号"))
            elif not re.fullmatch(r"\d+", seq):
                preview.doubts.append(Doubt(sp.name, r, f"序号“{seq}”不是单个数字（一行可能包含多个事项）"))
            bases_text = get(row, "bases")
            item = {
                "_seq": seq, "_sheet": sp.name, "_row": r, "sheet_row": f"{sp.name} 第{r}行",
                "code": "" if get(row, "code") in ("/", "无", "-", "—") else get(row, "code"),
                "name": name,
                "category": current_category or "",
                "sub_items": sub,
                "implementing_body": get(row, "body"),
                "bases": parse_bases(bases_text),
                "_bases_text": bases_text,
                "duties": get(row, "duties"),
                "accountability": get(row, "accountability"),
                "time_limit": get(row, "time_limit"),
                "remarks": get(row, "remarks", all_columns=True),
                "_level": get(row, "level", all_columns=True),
                "_level_key": sheet_level or level_of(get(row, "level", all_columns=True)),
                "_office": get(row, "office"),
            }
            item["category_label"] = PowerCategory(item["category"]).label if item["category"] else "（未知）"
            if not item["bases"]:
                preview.doubts.append(Doubt(sp.name, r, "实施依据中没有找到《法律法规名称》，须补充后才能导入",
                                            blocking=True))
            if sub:
                sp.sub_items += 1
            preview.items.append(item)
            sp.items += 1
            sp.item_categories[item["category"] or "?"] += 1
            last_name = name
            if is_data:
                sp.row_categories[item["category"] or "?"] += 1
            continue
        # a continuation row: the cells above were merged, or another sub-item / level of the same item
        if item is None:
            preview.doubts.append(Doubt(sp.name, r, "表头下第一行缺少事项名称，已跳过"))
            continue
        if is_data:
            sp.row_categories[category or item["category"] or "?"] += 1
        if sub:
            item["sub_items"] = "\n".join(s for s in (item["sub_items"], sub) if s)
            sp.sub_items += 1
        for f in ("implementing_body", "duties", "accountability"):
            extra = get(row, {"implementing_body": "body"}.get(f, f))
            if extra and extra not in item[f]:
                item[f] = "\n".join(s for s in (item[f], extra) if s)
        extra_bases = get(row, "bases")
        if extra_bases:
            for b in parse_bases(extra_bases):
                if b not in item["bases"]:
                    item["bases"].append(b)
    for item in preview.items[-sp.items:] if sp.items else []:
        if not item["code"]:
            letter = CATEGORY_LETTER.get(item["category"], "QT")
            n = 1
            while f"{code_prefix}-{letter}-{n:04d}" in used_codes:
                n += 1
            item["code"] = f"{code_prefix}-{letter}-{n:04d}"
        elif item["code"] in used_codes:
            preview.doubts.append(Doubt(sp.name, item["_row"], f"职权编码 {item['code']} 重复，已加后缀区分"))
            n = 2
            while f"{item['code']}-{n}" in used_codes:
                n += 1
            item["code"] = f"{item['code']}-{n}"
        used_codes.add(item["code"])


def rows_for_import(preview, unit):
    """The preview's items as rows for ``services.items_import`` (the doubtful ones included)."""
    from fazhi.core.spreadsheets import Row

    rows = []
    for it in preview.items:
        row = Row({k: v for k, v in it.items() if not k.startswith("_") and k not in PREVIEW_ONLY}, row=it["_row"])
        row["unit"] = unit
        rows.append(row)
    return rows
