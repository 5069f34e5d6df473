"""The shared Excel mechanism (``fazhi.core.spreadsheets``), tested with a small local sheet."""
import datetime
import io
import itertools
import pathlib
import zipfile
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError

KINDS = [("county", "县级"), ("township", "乡镇"), ("village", "村（社区）")]


def make_spec(*, saved=None, save_rows=None, validate_row=None):
    """代码 (required, key), 名称 (required, ≤ 10), 类型 (choices), 日期 (date), 备注."""
    if save_rows is None and saved is not None:
        def save_rows(rows):
            saved.extend(rows)
            return len(rows)

    return sheets.SheetSpec(
        title="测试单位",
        key="code",
        columns=[
            sheets.Column("代码", "code", required=True, width=12),
            sheets.Column("名称", "name", required=True, max_length=10, help="不超过 10 个字"),
            sheets.Column("类型", "kind", choices=KINDS),
            sheets.Column("日期", "day", parser=sheets.parse_date),
            sheets.Column("备注", "note"),
        ],
        validate_row=validate_row,
        save_rows=save_rows,
    )


def xlsx(*rows, title="测试单位"):
    """An .xlsx (bytes) whose first sheet holds ``rows`` from A1."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


HEADER = ("代码", "名称", "类型", "日期", "备注")


def errors_of(result):
    return [(e.row, e.column, e.message) for e in result.errors]


# Round trip and export ---------------------------------------------------------------------

OBJECTS = [
    SimpleNamespace(code="0012", name="县司法局", kind="county", day=datetime.date(2024, 3, 15), note="=SUM(A1:A9)"),
    SimpleNamespace(code="B-2", name="城关镇", kind="township", day=None, note="-1"),
    SimpleNamespace(code="C3", name="东村", kind="village", day=datetime.date(2023, 12, 31), note=None),
]
EXPECTED_ROWS = [
    {"code": "0012", "name": "县司法局", "kind": "county", "day": datetime.date(2024, 3, 15), "note": "=SUM(A1:A9)"},
    {"code": "B-2", "name": "城关镇", "kind": "township", "day": None, "note": "-1"},
    {"code": "C3", "name": "东村", "kind": "village", "day": datetime.date(2023, 12, 31), "note": None},
]


@pytest.mark.django_db
def test_round_trip_export_then_import_gives_the_same_rows():
    saved = []
    data = sheets.export_workbook(make_spec(), OBJECTS)

    result = sheets.import_file(make_spec(saved=saved), data)

    assert result.ok, result.errors
    assert result.rows == EXPECTED_ROWS
    assert saved == EXPECTED_ROWS
    assert result.saved == 3
    assert [row.row for row in saved] == [2, 3, 4]


def test_round_trip_of_dict_rows_and_odd_text():
    rows = [{"code": "A1", "name": "'=x", "kind": None, "day": None, "note": "@list\n第二行"}]
    result = sheets.read_rows(make_spec(), sheets.export_workbook(make_spec(), rows))
    assert result.rows == rows


def test_export_writes_exact_columns_labels_dates_bold_frozen_header():
    data = sheets.export_workbook(make_spec(), OBJECTS)
    sheet = load_workbook(io.BytesIO(data))["测试单位"]

    assert [c.value for c in sheet[1]] == list(HEADER)
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 12
    assert sheet["C2"].value == "县级"
    assert sheet["C4"].value == "村（社区）"
    assert sheet["D2"].is_date and sheet["D2"].value.date() == datetime.date(2024, 3, 15)
    assert sheet["A2"].value == "0012" and sheet["A2"].data_type == "s"
    assert sheet.max_row == 4


def test_export_neutralises_formula_like_text():
    data = sheets.export_workbook(make_spec(), OBJECTS)
    sheet = load_workbook(io.BytesIO(data))["测试单位"]

    assert sheet["E2"].value == "'=SUM(A1:A9)"
    assert sheet["E2"].data_type == "s"  # a string, not a formula
    assert sheet["E3"].value == "'-1"
    assert sheet["B3"].value == "城关镇"


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"),
    ("+86 123", "'+86 123"),
    ("-5", "'-5"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=cmd", "'\t=cmd"),
    ("\r=cmd", "'\r=cmd"),
    ("'=already", "''=already"),
    ("普通文本", "普通文本"),
    ("a=b", "a=b"),
    ("", ""),
    (-5, -5),
    (None, None),
])
def test_neutralise(value, expected):
    assert sheets.neutralise(value) == expected


def test_export_accepts_custom_export_callables_and_aware_datetimes():
    spec = sheets.SheetSpec("导出", [
        sheets.Column("名称", "name", export=lambda o: o.name.upper()),
        sheets.Column("时间", "at"),
        sheets.Column("启用", "on", parser=sheets.parse_bool),
    ])
    at = datetime.datetime(2024, 1, 1, 0, 30, tzinfo=datetime.UTC)
    data = sheets.export_workbook(spec, [SimpleNamespace(name="abc", at=at, on=True)])
    sheet = load_workbook(io.BytesIO(data))["导出"]
    assert sheet["A2"].value == "ABC"
    assert sheet["B2"].value == datetime.datetime(2024, 1, 1, 8, 30)  # Asia/Shanghai
    assert sheet["C2"].value == "是"


# Template ----------------------------------------------------------------------------------

def test_template_has_headers_notes_and_drop_downs():
    data = sheets.template_workbook(make_spec())
    sheet = load_workbook(io.BytesIO(data))["测试单位"]

    assert [c.value for c in sheet[1]] == list(HEADER)
    assert sheet.max_row == 1
    assert "必填" in sheet["A1"].comment.text
    assert "必填" in sheet["B1"].comment.text and "不超过 10 个字" in sheet["B1"].comment.text
    assert sheet["D1"].comment is None
    validations = sheet.data_validations.dataValidation
    assert len(validations) == 1
    assert validations[0].type == "list"
    assert validations[0].formula1 == '"县级,乡镇,村（社区）"'
    assert str(validations[0].sqref).startswith("C2:C")


def test_template_puts_long_choice_lists_on_a_hidden_sheet():
    choices = [(f"v{i}", f"很长的选项名称第{i}项") for i in range(40)]
    spec = sheets.SheetSpec("长列表", [sheets.Column("事项", "item", choices=choices)])
    workbook = load_workbook(io.BytesIO(sheets.template_workbook(spec)))

    hidden = workbook["选项"]
    assert hidden.sheet_state == "hidden"
    assert [r[0].value for r in hidden.iter_rows()] == [label for _, label in choices]
    (validation,) = workbook["长列表"].data_validations.dataValidation
    assert validation.formula1 == "'选项'!$A$1:$A$40"


def test_empty_template_is_refused_as_having_no_data():
    with pytest.raises(DomainError, match="没有数据"):
        sheets.read_rows(make_spec(), sheets.template_workbook(make_spec()))


# Row checks --------------------------------------------------------------------------------

def test_every_error_is_reported_with_excel_row_and_chinese_header():
    data = xlsx(
        HEADER,
        ("A1", "名称正常", "乡镇", "2024-01-02", None),
        (None, None, "市级", "2024-02-30", None),  # row 3: four problems
        ("A3", "这个名称实在是太长了超过十个字", "county", "明天", None),  # row 4: value "county" is fine
        ("A1", "重复", None, None, None),  # row 5: duplicate key
    )
    result = sheets.read_rows(make_spec(), data)

    assert not result.ok
    assert errors_of(result) == [
        (3, "代码", "必填"),
        (3, "名称", "必填"),
        (3, "类型", "应为以下之一：县级、乡镇、村（社区）"),
        (3, "日期", "日期不存在：2024-02-30"),
        (4, "名称", "不能超过 10 个字符（现有 15 个）"),
        (4, "日期", "日期格式不正确，请填写如 2024-03-15 的日期"),
        (5, "代码", "与第 2 行重复"),
    ]
    assert result.rows == [
        {"code": "A1", "name": "名称正常", "kind": "township", "day": datetime.date(2024, 1, 2), "note": None},
    ]
    assert result.total_rows == 4
    assert str(result.errors[0]) == "第 3 行“代码”：必填"


def test_duplicate_key_is_reported_on_each_later_row():
    data = xlsx(HEADER, ("K", "一"), ("K", "二"), ("L", "三"), ("K", "四"))
    result = sheets.read_rows(make_spec(), data)
    assert errors_of(result) == [(3, "代码", "与第 2 行重复"), (5, "代码", "与第 2 行重复")]


def test_numbers_in_text_columns_become_plain_text():
    data = xlsx(HEADER, (1.0, 12345, None, None, 2.5), (7, "名", None, None, 1e17))
    result = sheets.read_rows(make_spec(), data)
    assert result.ok, result.errors
    assert [r["code"] for r in result.rows] == ["1", "7"]
    assert result.rows[0]["name"] == "12345"
    assert [r["note"] for r in result.rows] == ["2.5", "100000000000000000"]


def test_choice_cell_may_hold_the_label_or_the_value():
    data = xlsx(HEADER, ("A", "一", "县级"), ("B", "二", "village"), ("C", "三", " 乡镇 "))
    result = sheets.read_rows(make_spec(), data)
    assert [r["kind"] for r in result.rows] == ["county", "village", "township"]


def test_dates_from_date_cells_text_and_serial_numbers():
    data = xlsx(
        HEADER,
        ("A", "一", None, datetime.datetime(2024, 5, 6)),
        ("B", "二", None, "2024/5/6"),
        ("C", "三", None, "2024年5月6日"),
        ("D", "四", None, 45418),  # Excel serial for 2024-05-06
        ("E", "五", None, "20240506"),
    )
    result = sheets.read_rows(make_spec(), data)
    assert result.ok, result.errors
    assert {r["day"] for r in result.rows} == {datetime.date(2024, 5, 6)}


def test_title_rows_above_the_header_are_skipped_and_rows_keep_excel_numbers():
    data = xlsx(
        ("某县单位名录（2024 年）",),
        ("填表单位：司法局", None, None, "填表日期：2024-01-01"),
        (),
        HEADER,
        ("A", "一"),
        (),
        ("B", None),
    )
    result = sheets.read_rows(make_spec(), data)
    assert [r.row for r in result.rows] == [5]
    assert errors_of(result) == [(7, "名称", "必填")]
    assert result.total_rows == 2


def test_headers_match_despite_whitespace_newlines_order_and_extra_columns():
    data = xlsx(("  名称\n", "序号", "代 码", "类型\r\n", "无关列"), ("一", 1, "A", "乡镇", "忽略"))
    result = sheets.read_rows(make_spec(), data)
    assert result.rows == [{"code": "A", "name": "一", "kind": "township", "day": None, "note": None}]


def test_missing_required_column_is_one_error_naming_it():
    data = xlsx(("代码", "类型"), ("A", "乡镇"))
    with pytest.raises(DomainError) as caught:
        sheets.read_rows(make_spec(), data)
    assert caught.value.field == "file"
    assert "缺少必填列：名称" in caught.value.message
    assert "代码" not in caught.value.message.split("。")[0]


def test_header_below_the_first_ten_rows_is_not_found():
    data = xlsx(*[("标题",)] * 10, HEADER, ("A", "一"))
    with pytest.raises(DomainError, match="缺少必填列：代码、名称"):
        sheets.read_rows(make_spec(), data)


def test_repeated_header_column_is_refused():
    data = xlsx(("代码", "名称", "名称"), ("A", "一", "二"))
    with pytest.raises(DomainError, match="名称”出现了不止一次"):
        sheets.read_rows(make_spec(), data)


def test_validate_row_errors_land_on_the_named_column_or_the_first():
    def validate_row(row):
        if row["kind"] == "village" and row["day"] is None:
            raise DomainError("村（社区）须填写日期", field="day")
        if row["name"] == row["code"]:
            raise ValueError("名称不能与代码相同")

    data = xlsx(HEADER, ("A", "一", "村（社区）"), ("B", "B"), ("C", "三", "县级"))
    result = sheets.read_rows(make_spec(validate_row=validate_row), data)
    assert errors_of(result) == [(2, "日期", "村（社区）须填写日期"), (3, "代码", "名称不能与代码相同")]
    assert [r["code"] for r in result.rows] == ["C"]


def test_validate_row_is_not_called_for_rows_with_cell_errors():
    seen = []
    data = xlsx(HEADER, ("A", None), ("B", "二"))
    sheets.read_rows(make_spec(validate_row=lambda row: seen.append(row.row)), data)
    assert seen == [3]


def test_formulas_are_never_evaluated():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["A", "=1+1"])  # openpyxl stores a formula without a cached value
    sheet.append(["B", "二", None, None, "#N/A"])  # an Excel error value
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = sheets.read_rows(make_spec(), buffer.getvalue())
    assert errors_of(result) == [(2, "名称", "必填"), (3, "备注", "单元格是公式错误值 #N/A，请填写实际内容")]


# Saving ------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_one_bad_row_means_save_rows_is_never_called():
    calls = []
    data = xlsx(HEADER, ("A", "一"), ("B", None), ("C", "三"))
    result = sheets.import_file(make_spec(save_rows=calls.append), data)
    assert calls == []
    assert not result.ok
    assert result.saved is None
    assert errors_of(result) == [(3, "名称", "必填")]


@pytest.mark.django_db
def test_domain_error_from_save_rows_rolls_everything_back():
    def save_rows(rows):
        for row in rows:
            Group.objects.create(name=row["code"])
        raise sheets.RowError("上级单位不存在", row=rows[1], field="name")

    data = xlsx(("导入单位",), HEADER, ("A", "一"), ("B", "二"))
    result = sheets.import_file(make_spec(save_rows=save_rows), data)

    assert not Group.objects.exists()
    assert result.saved is None
    assert errors_of(result) == [(4, "名称", "上级单位不存在")]


@pytest.mark.django_db
def test_plain_domain_error_from_save_rows_is_reported_for_the_whole_file():
    def save_rows(rows):
        Group.objects.create(name="x")
        raise DomainError("导入期间数据已变化，请重新导入")

    result = sheets.import_file(make_spec(save_rows=save_rows), xlsx(HEADER, ("A", "一")))
    assert not Group.objects.exists()
    assert errors_of(result) == [(0, "", "导入期间数据已变化，请重新导入")]
    assert str(result.errors[0]) == "导入期间数据已变化，请重新导入"


# Files -------------------------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("wrap", ["bytes", "path", "fileobj", "upload"])
def test_accepted_file_kinds(wrap, tmp_path):
    data = xlsx(HEADER, ("A", "一"))
    if wrap == "path":
        path = tmp_path / "单位.xlsx"
        path.write_bytes(data)
        file = str(path)
    elif wrap == "fileobj":
        file = io.BytesIO(data)
        file.read(10)  # a file already read from is rewound
    elif wrap == "upload":
        file = SimpleUploadedFile("单位.xlsx", data)
    else:
        file = data
    saved = []
    result = sheets.import_file(make_spec(saved=saved), file)
    assert result.ok and saved == [{"code": "A", "name": "一", "kind": None, "day": None, "note": None}]


def assert_refused(file, *fragments):
    with pytest.raises(DomainError) as caught:
        sheets.read_rows(make_spec(), file)
    assert caught.value.field == "file"
    for fragment in fragments:
        assert fragment in caught.value.message
    return caught.value


def test_text_file_renamed_xlsx_is_refused_clearly(tmp_path):
    path = tmp_path / "单位.xlsx"
    path.write_text("代码,名称\nA,一\n", encoding="utf-8")
    assert_refused(str(path), "不是有效的 Excel（.xlsx）文件", "另存为 .xlsx")


def test_legacy_xls_is_refused_clearly():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    assert_refused(data, ".xls", "另存为 .xlsx")


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "不是表格")
    assert_refused(buffer.getvalue(), "不是有效的 Excel（.xlsx）文件")
    assert_refused(b"PK\x03\x04 truncated", "不是有效的 Excel（.xlsx）文件")


def test_empty_file_is_refused(tmp_path):
    assert_refused(b"", "文件为空")
    path = tmp_path / "空.xlsx"
    path.write_bytes(b"")
    assert_refused(path, "文件为空")
    assert_refused(SimpleUploadedFile("空.xlsx", b""), "文件为空")


def test_oversized_file_is_refused(settings):
    data = xlsx(HEADER, ("A", "一"))
    settings.FAZHI_IMPORT_MAX_BYTES = 2048
    assert len(data) > 2048
    error = assert_refused(data, "文件过大", "最大允许 2 KB")
    assert error.code == "file_too_large"
    assert_refused(SimpleUploadedFile("大.xlsx", data), "文件过大", "最大允许 2 KB")
    assert_refused(io.BytesIO(data), "文件过大")


def test_too_many_rows_is_refused_naming_the_limit(settings):
    settings.FAZHI_IMPORT_MAX_ROWS = 3
    rows = [(f"K{i}", "名") for i in range(4)]
    assert sheets.read_rows(make_spec(), xlsx(HEADER, *rows[:3], (), ())).ok
    assert_refused(xlsx(HEADER, *rows), "最多导入 3 行")


# Declaration -------------------------------------------------------------------------------

def test_spec_declaration_mistakes_fail_early():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        sheets.SheetSpec("x", [sheets.Column("代码", "code")], key="missing")
    with pytest.raises(ImproperlyConfigured):
        sheets.SheetSpec("x", [sheets.Column("代码", "code"), sheets.Column("代 码", "other")])


@pytest.mark.parametrize("parser, value, expected", [
    (sheets.parse_int, "1,234", 1234),
    (sheets.parse_int, 3.0, 3),
    (sheets.parse_int, "3.0", 3),
    (sheets.parse_decimal, 0.1, __import__("decimal").Decimal("0.1")),
    (sheets.parse_decimal, "12.50", __import__("decimal").Decimal("12.50")),
    (sheets.parse_bool, "是", True),
    (sheets.parse_bool, "FALSE", False),
    (sheets.parse_bool, 0, False),
    (sheets.parse_text, datetime.datetime(2024, 1, 2), "2024-01-02"),
])
def test_helper_parsers(parser, value, expected):
    assert parser(value) == expected


@pytest.mark.parametrize("parser, value, message", [
    (sheets.parse_int, "3.5", "应为整数"),
    (sheets.parse_int, "abc", "应为整数"),
    (sheets.parse_decimal, "一百", "应为数字"),
    (sheets.parse_decimal, "NaN", "应为数字"),
    (sheets.parse_bool, "也许", "应为“是”或“否”"),
    (sheets.parse_date, "2024-13-01", "日期不存在"),
])
def test_helper_parsers_refuse_with_chinese_messages(parser, value, message):
    with pytest.raises(ValueError, match=message):
        parser(value)


# The one reader: decompression guard, per-cell limit, .xls -----------------------------------------

def bomb_xlsx(unpacked_bytes: int, *, declare: int | None = None) -> bytes:
    """A valid .xlsx whose one cell (A2, inline text of "A"s) unpacks to about ``unpacked_bytes``.

    ``declare``: forge the member's declared uncompressed size (central directory and local header)."""
    base = zipfile.ZipFile(io.BytesIO(xlsx(HEADER)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in base.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(info.filename, base.read(info.filename))
                continue
            head = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                    b'<row r="1"><c r="A1" t="inlineStr"><is><t>\xe4\xbb\xa3\xe7\xa0\x81</t></is></c></row>'
                    b'<row r="2"><c r="A2" t="inlineStr"><is><t>')
            with archive.open(info.filename, "w", force_zip64=True) as member:
                member.write(head)
                chunk = b"A" * (1024 * 1024)
                left = unpacked_bytes
                while left > 0:
                    member.write(chunk[:left])
                    left -= len(chunk)
                member.write(b"</t></is></c></row></sheetData></worksheet>")
    data = out.getvalue()
    if declare is not None:
        data = _forge_size(data, "xl/worksheets/sheet1.xml", declare)
    return data


def _forge_size(data: bytes, name: str, size: int) -> bytes:
    import struct

    buffer = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    assert info.file_size < 0xFFFFFFFF, "forging needs a member without zip64 sizes"
    struct.pack_into("<I", buffer, info.header_offset + 22, size)  # local header: uncompressed size
    encoded = name.encode()
    central = 0
    while True:
        central = buffer.find(b"PK\x01\x02", central)
        assert central >= 0
        name_length = struct.unpack_from("<H", buffer, central + 28)[0]
        if bytes(buffer[central + 46:central + 46 + name_length]) == encoded:
            break
        central += 4
    struct.pack_into("<I", buffer, central + 24, size)  # central directory: uncompressed size
    return bytes(buffer)


@pytest.fixture
def no_parsing(monkeypatch):
    """Fail if openpyxl is ever asked to open the workbook."""
    def refuse(*args, **kwargs):
        raise AssertionError("the workbook was parsed")

    monkeypatch.setattr(sheets, "load_workbook", refuse)


def test_a_bomb_is_refused_from_its_declared_size_before_parsing(settings, no_parsing):
    settings.FAZHI_IMPORT_MAX_UNPACKED_BYTES = 4 * 1024 * 1024
    data = bomb_xlsx(8 * 1024 * 1024)  # 8 MB of "A"s in about 8 KB
    assert len(data) < 64 * 1024
    error = assert_refused(data, "解压后过大", "最多允许 4 MB")
    assert error.code == "unpacks_too_large"


def test_a_member_unpacking_far_beyond_its_compressed_size_is_refused(no_parsing):
    data = bomb_xlsx(3 * 1024 * 1024)  # under the total limit, but about 1,000 times its compressed size
    error = assert_refused(data, "解压后过大", "xl/worksheets/sheet1.xml")
    assert error.code == "unpacks_too_large"


def test_a_member_inflating_beyond_what_it_declares_is_refused(no_parsing):
    data = bomb_xlsx(3 * 1024 * 1024, declare=1000)  # claims 1,000 bytes: passes the size checks
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml").file_size == 1000
    error = assert_refused(data, "超过其声明的 1000 字节")
    assert error.code == "unpacks_too_large"


def test_the_power_list_reader_uses_the_same_guard(settings, no_parsing):
    from fazhi.powers import realimport

    settings.FAZHI_IMPORT_MAX_UNPACKED_BYTES = 4 * 1024 * 1024
    with pytest.raises(DomainError, match="解压后过大"):
        realimport.read_workbook(bomb_xlsx(8 * 1024 * 1024))


def test_an_ordinary_workbook_passes_the_guard():
    sheets.check_archive(xlsx(HEADER, *[(f"K{i}", "名称" * 4) for i in range(2000)]))


def with_text(data: bytes, placeholder: str, text: str) -> bytes:
    """``data`` with ``placeholder`` replaced by ``text`` in every member (openpyxl cuts what it writes at
    32,767 characters, so a longer cell has to be put into the XML directly)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info.filename).replace(placeholder.encode(), text.encode()))
    return out.getvalue()


@pytest.mark.django_db
def test_a_cell_over_excels_limit_is_a_cell_error_naming_row_and_column():
    long_text = "长" * (sheets.EXCEL_MAX_CELL_CHARS + 1)
    data = with_text(xlsx(HEADER, ("A", "一"), ("B", "二", None, None, "LONGCELL")), "LONGCELL", long_text)
    result = sheets.read_rows(make_spec(), data)
    assert errors_of(result) == [(3, "备注", "内容有 32768 个字符，超过 Excel 单元格上限 32767 个字符")]
    exact = sheets.read_rows(make_spec(), xlsx(HEADER, ("A", "一", None, None, "长" * sheets.EXCEL_MAX_CELL_CHARS)))
    assert exact.ok


def test_an_over_long_cell_is_refused_by_the_whole_sheet_readers():
    data = with_text(xlsx(("标题",), HEADER, ("A", "一", "LONGCELL")), "LONGCELL", "x" * 40000)
    with pytest.raises(sheets.CellTooLong) as caught:
        sheets.read_sheets(data)
    assert (caught.value.row, caught.value.column, caught.value.length) == (3, 2, 40000)
    assert "第 3 行第 C 列" in caught.value.message and "32767" in caught.value.message
    assert caught.value.field == "file"


REAL_XLS = sorted(
    (pathlib.Path(__file__).resolve().parents[4] / "shared" / "data" / "realworld"
     / "karamay_quanze_qingdan_2024_2025" / "original_excel").glob("*.xls"))


@pytest.mark.skipif(not REAL_XLS, reason="真实数据目录不存在")
def test_xls_is_still_read_by_the_one_reader():
    pytest.importorskip("xlrd")
    path = next(p for p in REAL_XLS if "统计局" not in p.name)
    with sheets.open_book(path) as book:
        assert book.kind == "xls" and book.sheets
        rows = list(itertools.islice(book.sheets[0].rows(), 12))
    texts = "".join(str(v) for row in rows for v in row if v is not None)
    assert "事项" in texts and ("权力类型" in texts or "职权类型" in texts or "事项类型" in texts)
