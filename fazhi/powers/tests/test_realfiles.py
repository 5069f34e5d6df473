"""Power lists from real files (issue 12): names broken inside the cell are joined, the file's own department
decides the unit and the generated codes, a file holding two levels' lists asks which level to import."""
import io
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import Workbook

from fazhi.powers import imports, realimport
from fazhi.powers.models import ListAdjustment

pytestmark = pytest.mark.django_db

REAL = Path(__file__).resolve().parents[4] / "shared" / "data" / "realworld" / "karamay_quanze_qingdan_2024_2025"
FORESTRY = REAL / "original_excel" / "克拉玛依市林业和草原系统2024年地县两级权责清单指导目录.xls"


def workbook(title, sheets, filename="清单.xlsx"):
    wb = Workbook()
    wb.remove(wb.active)
    for sheet_name, items in sheets.items():
        ws = wb.create_sheet(sheet_name)
        ws.append([title])
        ws.append(["序号", "事项名称", "子项名称", "权力类型", "实施依据", "实施层级"])
        for i, (name, level) in enumerate(items, start=1):
            ws.append([i, name, "", "行政处罚", "《中华人民共和国统计法》第四十一条", level])
    buf = io.BytesIO()
    wb.save(buf)
    upload = io.BytesIO(buf.getvalue())
    upload.name = filename
    return upload


def test_names_broken_inside_the_cell_are_joined():
    data = workbook("某县统计局权责清单", {"Sheet1": [("对拒绝\n配合统\n计调查的处罚", ""),
                                                    ("对违反 GB\n2312 标准的处罚", "")]}).getvalue()
    preview = realimport.read_workbook(data)
    assert [i["name"] for i in preview.items] == ["对拒绝配合统计调查的处罚", "对违反 GB 2312 标准的处罚"]


@pytest.mark.skipif(not FORESTRY.exists(), reason="真实数据目录不存在")
def test_real_file_names_have_no_line_breaks():
    pytest.importorskip("xlrd")
    for path in sorted((REAL / "original_excel").glob("*.xls*")):
        preview = realimport.read_workbook(path.read_bytes(), filename=path.name)
        assert not any("\n" in i["name"] for i in preview.items), path.name


def test_codes_use_the_files_department_not_the_importing_unit(client, county):
    client.force_login(county.office)  # the justice bureau imports the market bureau's published file
    upload = workbook("某县市场监督管理局2024年权责清单", {"Sheet1": [("对甲行为的处罚", "")]})
    page = client.post(reverse("powers:real_import"), {"file": upload, "unit": county.office.unit_id}).content.decode()
    assert "文件属于“某县市场监督管理局”" in page
    assert client.session[imports.SESSION_KEY]["unit"] == county.market.pk
    assert f"{county.market.code}-CF-0001" in page and f"{county.office.unit.code}-CF-" not in page


@pytest.mark.skipif(not FORESTRY.exists(), reason="真实数据目录不存在")
def test_the_real_two_level_file_is_detected():
    pytest.importorskip("xlrd")
    preview = realimport.read_workbook(FORESTRY.read_bytes(), filename=FORESTRY.name)
    assert dict(preview.levels()) == {"地州级": 149, "区县级": 161}
    assert preview.only_level("区县级").item_count == 161


def test_two_level_file_asks_which_level(client, county):
    client.force_login(county.liaison)
    upload = workbook("某县市场监督管理局权责清单指导目录",
                      {"地州级": [("对甲行为的处罚", "地州市级"), ("对乙行为的处罚", "地州市级")],
                       "区县级": [("对甲行为的处罚", "县市区级")]})
    page = client.post(reverse("powers:real_import"), {"file": upload, "unit": county.market.pk}).content.decode()
    assert 'data-testid="levels"' in page and "地州级（2 项）" in page and "区县级（1 项）" in page
    token = client.session[imports.SESSION_KEY]["token"]
    r = client.post(reverse("powers:real_import"), {"token": token, "confirm": "1"})
    assert "请选择导入哪一级" in r.content.decode() and not ListAdjustment.objects.exists()
    r = client.post(reverse("powers:real_import"), {"token": token, "confirm": "1", "level": "区县级"})
    adj = ListAdjustment.objects.get()
    assert adj.lines.count() == 1


def test_one_level_file_does_not_ask(client, county):
    client.force_login(county.liaison)
    upload = workbook("某县市场监督管理局权责清单", {"Sheet1": [("对甲行为的处罚", "地州市级"), ("对乙行为的处罚", "地州市级")]})
    page = client.post(reverse("powers:real_import"), {"file": upload, "unit": county.market.pk}).content.decode()
    assert 'data-testid="levels"' not in page
