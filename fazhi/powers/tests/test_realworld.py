"""Import every real published list in ../shared/data/realworld and check the counts against SOURCES.md.

SOURCES.md counts one row per non-empty data row of the 20 standard-layout files (the fire brigade's
file has its own layout and is counted separately: 68 行政处罚, 6 行政强制, 1 行政许可). Our reader counts a
row when one of the short columns (序号, 事项名称, 子项, 权力类型, 行使主体, 承办机构, 实施层级, 职权编码)
is filled, and it does not count footnotes. Three differences follow, all explained by looking at the rows:

- 科技局 rows 4 and 6 hold only a second paragraph of 追责对象范围/追责情形 under items 1 and 2 (merged
  cells to the left): text of the item above, not rows of their own. SOURCES counts them (行政处罚 −1,
  行政确认 −1 for us).
- 财政局 row 23 is the footnote “备注：包括市、区两级行使行政权力事项数量。”; SOURCES forward-fills the
  category of the row above onto it (其他行政权力 −1 for us). We name it as a doubtful row.
- 文旅局: 32 continuation rows (e.g. row 282) give the 县市区级 行使主体/承办机构/实施层级 of a 行政处罚
  item above them. SOURCES' index left them out; we count them as rows of that item (行政处罚 +32).
  They add no items: the item count of 文旅局 is 301, the figure SOURCES gives for its rows.
"""
import os
from collections import Counter
from pathlib import Path

import pytest

from fazhi.powers import realimport

DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "realworld" / "karamay_quanze_qingdan_2024_2025"
FILES = sorted((DATA / "original_excel").glob("*.xls*")) if DATA.exists() else []
FIRE = "克拉玛依市2025年消防监督执法权责清单.xlsx"

# SOURCES.md, “By 权力类型, after removing whitespace”
SOURCES_ROWS = {"行政处罚": 2127, "行政检查": 203, "行政许可": 176, "行政强制": 125, "其他行政权力": 122,
                "行政确认": 41, "行政奖励": 40, "行政征收": 10, "行政裁决": 9, "行政给付": 7}
EXPLAINED = {"行政处罚": -1 + 32, "行政确认": -1, "其他行政权力": -1}  # see the module docstring
ROWS_PER_FILE = {"农业农村局": 312, "统计局": 3, "人力资源和社会保障局": 108, "住房和城乡建设局": 327,
                 "医疗保障局": 17, "发展和改革委员会": 57, "商务局": 21, "宣传部": 1, "应急管理局": 149,
                 "文化体育广播电视和旅游局": 301, "机关事务管理局": 10, "林业和草原": 310, "档案局": 12,
                 "生态环境局": 217, "科学技术局": 6, "自然资源局": 169, "国动办": 18, "交通运输局": 360,
                 "市场监督管理局": 442, "财政局": 20}
FILE_EXPLAINED = {"科学技术局": -2, "财政局": -1, "文化体育广播电视和旅游局": +32}

pytestmark = pytest.mark.skipif(not FILES, reason="真实数据目录不存在")


def _read(path):
    data = path.read_bytes()
    if data.startswith(realimport.OLE_MAGIC):
        pytest.importorskip("xlrd", reason="读取旧版 .xls 需要 xlrd（requirements/base.txt: xlrd==2.0.1）")
    return realimport.read_workbook(data, filename=path.name)


def _label(value):
    from fazhi.powers.choices import PowerCategory

    return PowerCategory(value).label


def test_format_is_detected_from_content_not_extension():
    assert len(FILES) == 21
    wrong = [f.name for f in FILES if f.suffix == ".xlsx" and realimport.detect_format(f.read_bytes()) == "xls"]
    assert sorted(wrong) == sorted(["附件：克拉玛依市财政局2025年权责清单 (1).xlsx", FIRE])


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_every_file_imports_with_a_preview(path):
    preview = _read(path)
    assert preview.item_count > 0 and all(i["category"] for i in preview.items)
    assert all(i["name"] and i["code"] for i in preview.items)
    assert len({i["code"] for i in preview.items}) == preview.item_count  # codes are unique
    if path.name == FIRE:
        assert Counter(_label(i["category"]) for i in preview.items) == {"行政处罚": 68, "行政强制": 6, "行政许可": 1}
        assert preview.items[0]["code"] == "650200207XK01600"
        return
    key = next(k for k in ROWS_PER_FILE if k in path.name)
    assert preview.row_count == ROWS_PER_FILE[key] + FILE_EXPLAINED.get(key, 0), key


def test_counts_per_category_match_sources_md():
    if not realimport.xls_supported():
        pytest.skip("读取旧版 .xls 需要 xlrd（requirements/base.txt: xlrd==2.0.1）")
    rows, items = Counter(), Counter()
    for path in FILES:
        if path.name == FIRE:
            continue
        preview = _read(path)
        rows.update({_label(k): v for k, v in preview.row_categories().items()})
        items.update({_label(k): v for k, v in preview.item_categories().items()})
    expected = {k: v + EXPLAINED.get(k, 0) for k, v in SOURCES_ROWS.items()}
    assert dict(rows) == expected
    assert sum(rows.values()) == 2860 + 32 - 3
    assert sum(items.values()) == 2830  # items once continuation rows and sub-items are folded in


def test_the_known_traps_are_handled_and_named():
    if not realimport.xls_supported():
        pytest.skip("读取旧版 .xls 需要 xlrd")
    agri = _read(next(f for f in FILES if "农业农村局" in f.name))
    sheets = {s.name: s for s in agri.sheets}
    assert sheets["行政许可（11项）"].rows == 10  # one row numbered “2,3” covers two items …
    assert any("2,3" in d.message and d.row == 3 for d in agri.doubts)  # … and is named
    levy = sheets["行政征收（ 1 项）"]
    assert (levy.rows, levy.items) == (3, 1)  # one item exercised at three levels
    science = _read(next(f for f in FILES if "科学技术局" in f.name))
    assert Counter(i["category"] for i in science.items)["confirmation"] == 2  # “行政\n确认”
    assert all(i["code"].startswith("ITEM-") for i in science.items)
    civil = _read(next(f for f in FILES if "国动办" in f.name))
    assert {s.name: s.rows for s in civil.sheets}["行政许可（3项）"] == 4  # 3 items, one with a sub-item row
    housing = _read(next(f for f in FILES if "住房和城乡建设局" in f.name))
    first = housing.items[0]
    assert first["name"] == "建设类企业资质审核审批" and len(first["sub_items"].splitlines()) >= 2
    finance = _read(next(f for f in FILES if "财政局" in f.name))
    assert any("表尾说明" in d.message for d in finance.doubts)
    assert finance.item_count == 19


def test_statistics_bureau_xlsx_reads_without_xlrd():
    stats = _read(next(f for f in FILES if "统计局" in f.name))
    assert stats.item_count == 3 and stats.items[0]["category"] == "penalty"  # “行政\n处罚” in the file
    assert stats.items[0]["bases"], "《…》 bases were parsed"


def test_xls_without_xlrd_is_refused_in_chinese(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_xlrd(name, *args, **kwargs):
        if name == "xlrd":
            raise ImportError("no xlrd")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_xlrd)
    path = next(f for f in FILES if f.name.endswith(".xls"))
    from fazhi.core.errors import DomainError

    with pytest.raises(DomainError, match="xlrd"):
        realimport.read_workbook(path.read_bytes())
    assert not realimport.xls_supported()


def test_data_directory_is_where_the_brief_says():
    assert os.path.basename(DATA) == "karamay_quanze_qingdan_2024_2025"


def test_a_row_without_legal_basis_blocks_the_import():
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["某局权责清单"])
    ws.append(["序号", "事项\n名称", "子项名称", "权力\n类型", "实施依据"])
    ws.append([1.0, "对甲行为的处罚", "", "行政 处罚", "《中华人民共和国甲法》第十条"])
    ws.append([2.0, "对乙行为的处罚", "", "行政处罚", "依照有关规定"])
    ws.append([None, None, "乙的子项", None, None])
    buf = io.BytesIO()
    wb.save(buf)
    preview = realimport.read_workbook(buf.getvalue())
    assert preview.item_count == 2 and preview.sub_item_count == 1
    assert preview.items[0]["bases"] == [{"law": "中华人民共和国甲法", "article": "第十条"}]
    assert preview.items[1]["sub_items"] == "乙的子项"
    assert [(d.row, d.blocking) for d in preview.doubts] == [(4, True)]


@pytest.mark.django_db
def test_every_file_is_saved_as_a_draft_adjustment_and_can_take_effect(county):
    """All 21 files through the service: every item becomes a line; approving one file writes its list."""
    import datetime

    from fazhi.powers import services
    from fazhi.powers.models import ListAdjustment, PowerItemVersion

    if not realimport.xls_supported():
        pytest.skip("读取旧版 .xls 需要 xlrd")
    total = 0
    for n, path in enumerate(FILES):
        preview = realimport.read_workbook(path.read_bytes(), filename=path.name, code_prefix=f"F{n:02d}")
        assert not preview.blocking, (path.name, preview.blocking)
        saved = services.items_import(actor=county.office, rows=realimport.rows_for_import(preview, county.market),
                                      title=path.name, effective_on=datetime.date(2024, 1, 1))
        (adj,) = saved["adjustments"]
        assert adj.lines.count() == preview.item_count == saved["add"]
        total += preview.item_count
    assert total == 2830 + 75
    market = ListAdjustment.objects.get(title__contains="市场监督管理局")
    services.adjustment_submit(actor=county.office, adjustment=market)
    services.adjustment_approve(actor=county.office, adjustment=market)
    assert PowerItemVersion.objects.in_force_on(datetime.date(2024, 1, 1)).count() == 442
