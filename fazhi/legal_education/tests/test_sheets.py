"""Excel import/export of a unit's duty list items and of the question bank (templates, all-or-nothing, errors
per row)."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fazhi.legal_education.models import DutyList, Question

from . import factories
from .contract import ITEM, _duty

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(header, rows, name="清单.xlsx"):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type=XLSX)


DUTY_HEADER = ["普法的法律法规", "普法内容", "普法对象", "普法措施", "责任岗位", "时间安排"]
ROW = ["《中华人民共和国食品安全法》", "食品安全责任", "食品经营者", "以案释法", "法规科", "全年"]


def test_duty_list_template_import_and_export(county, client):
    client.force_login(county.liaison)
    r = client.get(reverse("legal_education:duty_template"))
    assert r.status_code == 200 and [c.value for c in load_workbook(io.BytesIO(r.content)).active[1]] == DUTY_HEADER
    url = reverse("legal_education:duty_import")
    assert client.get(url).status_code == 200
    # one bad row refuses the whole file, naming the row and the column
    r = client.post(url, {"unit": county.market.pk, "year": 2020,
                          "file": _xlsx(DUTY_HEADER, [ROW, ROW[:2] + [None] + ROW[3:]])})
    page = r.content.decode()
    assert r.status_code == 200 and "普法对象" in page and "3" in page
    assert not DutyList.objects.filter(unit=county.market, year=2020).exists()
    r = client.post(url, {"unit": county.market.pk, "year": 2020, "file": _xlsx(DUTY_HEADER, [ROW, ROW])})
    dl = DutyList.objects.get(unit=county.market, year=2020)
    assert r.status_code == 302 and r["Location"] == dl.get_absolute_url() and dl.items.count() == 2
    # importing again replaces the draft's items
    client.post(url, {"unit": county.market.pk, "year": 2020, "file": _xlsx(DUTY_HEADER, [ROW])})
    assert dl.items.count() == 1
    r = client.get(reverse("legal_education:duty_export", args=[dl.pk]))
    rows = list(load_workbook(io.BytesIO(r.content)).active.values)
    assert r["Content-Type"] == XLSX and list(rows[1]) == ROW


def test_duty_import_refused_outside_reach_and_after_submission(county, client):
    from fazhi.legal_education import services

    dl = _duty(county)
    services.duty_list_step(actor=county.liaison, duty_list=dl, action="submit")
    client.force_login(county.liaison)
    r = client.post(reverse("legal_education:duty_import"), {"unit": county.market.pk, "year": 2019,
                                                            "file": _xlsx(DUTY_HEADER, [ROW])})
    assert r.status_code == 200 and "已报送" in r.content.decode()
    assert list(dl.items.values_list("content", flat=True)) == [ITEM["content"]]
    client.force_login(county.outsider)  # the market bureau is not in the water bureau's unit picker
    r = client.post(reverse("legal_education:duty_import"), {"unit": county.market.pk, "year": 2021,
                                                            "file": _xlsx(DUTY_HEADER, [ROW])})
    assert r.status_code == 200 and not DutyList.objects.filter(year=2021).exists()
    assert client.get(reverse("legal_education:duty_export", args=[dl.pk])).status_code == 404
    client.force_login(county.leader)
    assert client.get(reverse("legal_education:duty_import")).status_code == 403


Q_HEADER = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "考点", "解析", "法律法规", "条款",
            "法律版本（施行日期）", "标签", "难度"]


def _q(kind, stem, options, answer, **extra):
    return [kind, stem, *(options + [None] * (6 - len(options))), answer, extra.get("point"), None,
            extra.get("law"), None, extra.get("version"), None, extra.get("difficulty")]


def test_question_bank_template_import_all_or_nothing(county, client):
    bank = factories.bank(county, n_single=1, n_multiple=0, n_judge=0)
    client.force_login(county.office)
    r = client.get(reverse("legal_education:bank_template"))
    assert [c.value for c in load_workbook(io.BytesIO(r.content)).active[1]] == Q_HEADER
    url = reverse("legal_education:bank_excel_import", args=[bank.pk])
    assert client.get(url).status_code == 200
    good = [_q("单选题", "人民调解委员会调解民间纠纷，收费吗？", ["收费", "不收费"], "B", law="中华人民共和国人民调解法",
               version="2011-01-01", difficulty="易"),
            _q("多选题", "行政处罚的种类包括（ ）", ["警告", "罚款", "表扬"], "A,B"),
            _q("判断题", "行政机关负责人应当出庭应诉。", [], "正确")]
    bad_rows = [
        _q("单选题", "单选两个答案", ["甲", "乙"], "AB"),
        _q("多选题", "多选一个答案", ["甲", "乙"], "A"),
        _q("单选题", "答案超出选项", ["甲", "乙"], "D"),
        _q("单选题", "只有一个选项", ["甲"], "A"),
        _q("单选题", "答案写错", ["甲", "乙"], "X"),
        _q("填空题", "题型不对", ["甲", "乙"], "A"),
    ]
    r = client.post(url, {"file": _xlsx(Q_HEADER, good + bad_rows)})
    page = r.content.decode()
    assert r.status_code == 200 and Question.objects.filter(bank=bank).count() == 1
    for msg in ("单选题只能有一个答案", "多选题至少要有两个答案", "答案字母超出", "至少要有两个选项", "填写选项字母", "应为以下之一"):
        assert msg in page
    dup = [_q("单选题", "单选题0：依法行政的要求是（ ）", ["甲", "乙"], "A")]  # already in the bank
    r = client.post(url, {"file": _xlsx(Q_HEADER, good + dup)})
    assert "题库中已有相同的试题" in r.content.decode() and Question.objects.filter(bank=bank).count() == 1
    r = client.post(url, {"file": _xlsx(Q_HEADER, good)})
    assert r.status_code == 302
    qs = {q.stem: q for q in Question.objects.filter(bank=bank)}
    assert qs["行政处罚的种类包括（ ）"].answer == "AB" and qs["行政处罚的种类包括（ ）"].options == ["警告", "罚款", "表扬"]
    assert qs["行政机关负责人应当出庭应诉。"].options == ["正确", "错误"] and qs["行政机关负责人应当出庭应诉。"].answer == "A"
    single = qs["人民调解委员会调解民间纠纷，收费吗？"]
    assert single.difficulty == 1 and str(single.law_version) == "2011-01-01"
    # the export is itself a valid import file
    r = client.get(reverse("legal_education:bank_export", args=[bank.pk]))
    rows = list(load_workbook(io.BytesIO(r.content)).active.values)
    assert len(rows) == 5 and "正确" in rows[1:][[r[0] for r in rows[1:]].index("判断题")]
    client.force_login(county.liaison)
    assert client.get(url).status_code == 403
    assert client.get(reverse("legal_education:bank_template")).status_code == 403
