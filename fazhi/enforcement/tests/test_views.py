"""Staff pages: list query budget, record page with the verified chain and the workflow's buttons, import, export."""
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fazhi.enforcement import services
from fazhi.enforcement.choices import CaseKind
from fazhi.enforcement.models import CaseRecord, Officer, Training

from .factories import penalty_case, step, to_decision

pytestmark = pytest.mark.django_db
D = datetime.date


def _inspections(enf, n):
    for i in range(n):
        services.case_register(actor=enf.officer, body=enf.body, kind=CaseKind.INSPECTION, title=f"检查{i}",
                               registered_on=D(2025, 3, 3))


def test_case_list_query_count_does_not_grow_with_rows(client, enf):
    client.force_login(enf.liaison)
    _inspections(enf, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("enforcement:case_list")).status_code == 200
    _inspections(enf, 15)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("enforcement:case_list"))
    assert response.content.decode().count("检查1") >= 5
    assert len(many) == len(few)


def test_case_list_marks_overdue_rows_and_exports_the_filtered_list(client, enf):
    penalty_case(enf, enf.body, enf.colleague, on=D(2025, 1, 6))  # undecided long after 90 days
    _inspections(enf, 1)
    client.force_login(enf.liaison)
    html = client.get(reverse("enforcement:case_list")).content.decode()
    assert html.count('class="overdue"') == 2
    response = client.get(reverse("enforcement:case_list") + "?kind=penalty&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if any(r)]
    assert len(rows) == 1 and "张三丰" in rows[0][1]


def test_case_page_shows_the_chain_verified_and_detects_tampering(client, enf):
    case = to_decision(enf, penalty_case(enf, enf.body, enf.colleague))
    client.force_login(enf.officer)
    html = client.get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert "记录未被改动（已校验 4 条）" in html
    assert reverse("enforcement:case_step", args=[case.pk, "serve"]) in html
    assert reverse("enforcement:case_step", args=[case.pk, "close"]) not in html  # not allowed now
    CaseRecord.objects.filter(case=case, seq=3).update(text="改写")
    html = client.get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert "记录可能被改动" in html and "第 3 条" in html


def test_step_form_moves_the_case_and_shows_refusals_next_to_the_form(client, enf):
    case = penalty_case(enf, enf.body, enf.colleague)
    client.force_login(enf.officer)
    url = reverse("enforcement:case_step", args=[case.pk, "investigate"])
    response = client.post(url, {"on": "2025-03-04", "text": "现场检查"})
    assert "请填写补录理由" in response.content.decode()  # an act dated long ago needs a reason
    response = client.post(url, {"on": "2025-03-04", "text": "现场检查", "backdate_reason": "根据纸质案卷补录"})
    assert response.status_code == 302
    url = reverse("enforcement:case_step", args=[case.pk, "decide"])
    response = client.post(url, {"on": "2025-03-05", "text": "决定", "decision": "罚款"})
    assert response.status_code == 200 and "应当告知" in response.content.decode()
    # leader reads, cannot act
    client.force_login(enf.leader)
    html = client.get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert "case_step" not in html and "/step/" not in html


def test_uncertified_officer_sees_why_on_the_register_page(client, enf):
    from fazhi.enforcement.choices import CertificateStatus

    services.officer_set_status(actor=enf.office, officer=enf.me, status=CertificateStatus.SUSPENDED, reason="暂扣")
    client.force_login(enf.officer)
    html = client.get(reverse("enforcement:case_create")).content.decode()
    assert "暂扣，不能从事执法活动" in html


def _sheet(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "单位代码", "职务/岗位", "编制类别", "执法证号", "发证日期", "有效期至", "资格考试成绩",
               "法律职业资格", "培训学时", "培训名称"])
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "换证.xlsx"
    return buf


def test_certificate_campaign_import_reports_every_bad_row_and_saves_nothing(client, enf):
    client.force_login(enf.office)
    url = reverse("enforcement:officer_import")
    before = Officer.objects.count()
    bad = _sheet([
        ["刘一", "420322198501010011", "P-SCJ", "科员", "行政编制", "420300190001", "2019-09-30", "", 80, "否", 24, "换证培训"],
        ["刘二", "420322198501010022", "P-SCJ", "工人", "工勤人员", "420300190002", "2019-09-30", "", 80, "否", 24, ""],
        ["刘三", "420322198501010033", "P-SCJ", "科员", "行政编制", "420300190003", "2019-09-30", "", 45, "否", 24, ""],
        ["刘四", "420322198501010044", "P-NOSUCH", "科员", "行政编制", "420300190004", "2019-09-30", "", 75, "否", 24, ""],
    ])
    response = client.post(url, {"file": bad})
    html = response.content.decode()
    assert "工勤人员不得申领" in html and "考试成绩须达到60分" in html and "P-NOSUCH" in html
    assert "第 3 行" in html and "第 4 行" in html and "第 5 行" in html
    assert Officer.objects.count() == before
    good = _sheet([
        ["刘一", "420322198501010011", "P-SCJ", "科员", "行政编制", "420300190001", "2019-09-30", "", 80, "否", 24, "换证培训"],
        ["孙某某", enf.me.id_number, "P-SCJ-CG", "科员", "行政编制", "420300190009", "2019-09-30", "", 90, "否", 24, ""],
    ])
    response = client.post(url, {"file": good})
    assert response.status_code == 302
    assert Officer.objects.count() == before + 1
    me = Officer.objects.get(pk=enf.me.pk)
    assert me.certificate_no == "420300190009" and me.valid_until == D(2024, 9, 30)
    assert Training.objects.filter(officer=me, hours=Decimal("24")).exists()


def test_officer_list_export_and_template(client, enf):
    client.force_login(enf.office)
    response = client.get(reverse("enforcement:officer_list") + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(1, 1).value == "姓名"
    assert client.get(reverse("enforcement:officer_template")).status_code == 200


def test_record_upload_and_download(client, enf):
    from django.core.files.uploadedfile import SimpleUploadedFile

    MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom mp4 data"

    case = penalty_case(enf, enf.body, enf.colleague)
    client.force_login(enf.officer)
    url = reverse("enforcement:case_record_add", args=[case.pk])
    response = client.post(url, {"step": "register", "act": "seizure", "occurred_on": "2025-03-03", "text": "查封",
                                 "upload": SimpleUploadedFile("现场.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")})
    assert "须全程音像记录" in response.content.decode()
    response = client.post(url, {"step": "register", "act": "seizure", "occurred_on": "2025-03-03", "text": "查封",
                                 "upload": SimpleUploadedFile("现场.mp4", MP4)})
    assert response.status_code == 302
    record = case.records.order_by("-seq").first()
    download = client.get(reverse("enforcement:record_file", args=[record.pk]))
    assert b"".join(download.streaming_content) == MP4
    client.force_login(enf.outsider)
    assert client.get(reverse("enforcement:record_file", args=[record.pk])).status_code == 404


def test_publish_page_refuses_late_publication_without_reason(client, enf):
    case = to_decision(enf, penalty_case(enf, enf.body, enf.colleague))
    client.force_login(enf.officer)
    url = reverse("enforcement:case_publish", args=[case.pk])
    response = client.post(url, {"on": "2025-06-01"})
    assert "已超过公示期限" in response.content.decode()
    assert client.post(url, {"on": "2025-06-01", "late_reason": "漏报"}).status_code == 302
    step  # noqa: B018 (imported for symmetry with the service tests)


def test_public_decision_search_query_count_does_not_grow(client, enf):
    def publish(n):
        for _ in range(n):
            case = to_decision(enf, penalty_case(enf, enf.body, enf.colleague))
            services.decision_publish(actor=enf.officer, case=case, on=case.decided_on)

    url = reverse("enforcement:public_decisions")
    publish(1)
    counts = []
    for extra in (0, 4):
        publish(extra)
        for params in ({}, {"q": "过期食品"}, {"q": "罚款", "kind": "penalty"}):
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url, params)
            assert response.content.decode().count("张某销售过期食品案") == 1 + extra
            counts.append(len(ctx))
    assert counts[:3] == counts[3:]
