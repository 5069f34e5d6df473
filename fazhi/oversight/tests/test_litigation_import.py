"""Excel import of court cases and reconsideration applications: all or nothing, every error at its row and column,
units by name, case numbers and dates as the forms take them, legacy rows as counties keep them (full-width digits,
names with spaces), imported records marked and counted as the figures' definitions say."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.core.registry import figures
from fazhi.oversight.models import LitigationCase, ReconsiderationCase
from fazhi.oversight.services import litigation as services
from fazhi.oversight.spreadsheets.litigation import litigation_import_sheet, recon_import_sheet

from .factories_litigation import D

pytestmark = pytest.mark.django_db

LIT_HEADERS = ["案号", "审级", "审理法院", "被告行政机关", "原告", "原告类型", "被诉行政行为", "收到起诉状副本日期",
               "负责人应当出庭的情形"]
RECON_HEADERS = ["案号", "本县的身份", "复议机关", "被申请人", "申请人", "申请人类型", "事项类型", "被申请复议的行政行为",
                 "申请日期", "收到申请日期"]


def xlsx(headers, rows, name="导入.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(["某县行政应诉案件台账（2019年）"])  # a title row above the headers, as county lists have
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(),
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def errors_of(response):
    return {(e.row, e.column): e.message for e in response.context["result"].errors}


def lit_row(number="（２０１９）鄂0322行初１号", unit="某县 市场监督管理局", received="２０１９－０３－０５", **kw):
    row = {"number": number, "instance": "一审", "court": "某县人民法院", "unit": unit, "plaintiff": "张 三",
           "kind": "自然人", "act": "罚款决定", "received": received, "must": ""}
    row.update(kw)
    return list(row.values())


@pytest.fixture
def at_2019(lit_at):
    return lit_at(D(2019, 12, 20))


def test_the_unit_imports_its_legacy_court_cases(client, county, at_2019):
    client.force_login(county.liaison)
    assert "从Excel导入" in client.get(reverse("oversight:litigation_list")).content.decode()
    url = reverse("oversight:litigation_import")
    assert client.get(url).status_code == 200
    template = client.get(reverse("oversight:litigation_import_template"))
    assert template.status_code == 200
    assert [c.value for c in next(load_workbook(io.BytesIO(template.content)).active.iter_rows(max_row=1))] == LIT_HEADERS
    response = client.post(url, {"file": xlsx(LIT_HEADERS, [
        lit_row(),
        lit_row(number="(2019)鄂03行终5号", unit="某县市场监督管理局", received="2019年11月2日", instance="二审",
                must="社会高度关注", kind="法人或其他组织", plaintiff="某某 商贸有限公司"),
    ])})
    assert response.status_code == 302
    first = LitigationCase.objects.get(case_number="（2019）鄂0322行初1号")
    assert first.imported and first.unit == county.market and first.received_on == D(2019, 3, 5)
    assert first.defence_due == D(2019, 3, 20) and first.plaintiff_name == "张 三" and first.status == "received"
    second = LitigationCase.objects.get(case_number="（2019）鄂03行终5号")
    assert second.instance == "appeal" and second.must_appear == "public_concern" and second.imported
    assert AuditEntry.objects.filter(event_name="oversight.litigation_imported").count() == 1
    page = client.get(first.get_absolute_url()).content.decode()
    assert "由Excel导入" in page
    assert "Excel导入" in client.get(reverse("oversight:litigation_list")).content.decode()
    hand = services.litigation_register(
        actor=county.liaison, unit=county.market, instance="first", court="某县人民法院", case_number="(2019)鄂0322行初9号",
        plaintiff_name="李四", plaintiff_kind="person", received_on=D(2019, 6, 1), act_text="责令停产停业")
    assert not hand.imported
    # the figure counts imported and hand-registered cases together, as its definition says
    figure = figures()["oversight.litigation_cases"]
    assert figure.compute(year=2019).value == 3 and "Excel导入" in figure.imported


def test_one_bad_row_refuses_the_whole_file_and_every_error_is_listed(client, county, at_2019):
    services.litigation_register(
        actor=county.liaison, unit=county.market, instance="first", court="某县人民法院", case_number="(2019)鄂0322行初2号",
        plaintiff_name="李四", plaintiff_kind="person", received_on=D(2019, 6, 1), act_text="罚款")
    client.force_login(county.liaison)
    response = client.post(reverse("oversight:litigation_import"), {"file": xlsx(LIT_HEADERS, [
        lit_row(number="(2019)鄂0322行初3号"),                        # row 3: fine
        lit_row(number="(2019)鄂0322行初4号", unit="某县不存在局"),      # row 4: unknown unit
        lit_row(number="(2019)鄂0322行初5号", received="2020-01-05"),   # row 5: a future date
        lit_row(number="（2019）鄂0322行初2号"),                        # row 6: already registered (other brackets)
        lit_row(number="(2019)鄂0322行初3号"),                         # row 7: twice in the file
        lit_row(number="", instance="三审"),                           # row 8: no case number, unknown instance
        lit_row(number="(2019)鄂0322行初6号", received="2019-02-30"),   # row 9: no such day
    ])})
    assert response.status_code == 200 and LitigationCase.objects.count() == 1
    assert "未导入任何数据" in response.content.decode()
    errors = errors_of(response)
    assert set(errors) == {(4, "被告行政机关"), (5, "收到起诉状副本日期"), (6, "案号"), (7, "案号"), (8, "案号"),
                           (8, "审级"), (9, "收到起诉状副本日期")}
    assert "组织机构中没有名为“某县不存在局”的单位" in errors[4, "被告行政机关"]
    assert "日期不能晚于今天" in errors[5, "收到起诉状副本日期"] and "已经登记" in errors[6, "案号"]
    assert "与第 3 行重复" in errors[7, "案号"] and "日期不存在" in errors[9, "收到起诉状副本日期"]


def test_rows_refused_by_the_service_are_all_reported_and_nothing_is_saved(county, at_2019):
    """A unit outside the importer's reach is refused by the same service as the form, at its row and column."""
    spec = litigation_import_sheet(actor=county.liaison)
    result = sheets.import_file(spec, xlsx(LIT_HEADERS, [
        lit_row(number="(2019)鄂0322行初11号"),
        lit_row(number="(2019)鄂0322行初12号", unit="某县水利和湖泊局"),
        lit_row(number="(2019)鄂0322行初13号", unit="某县水利和湖泊局"),
    ]))
    assert not result.ok and LitigationCase.objects.count() == 0
    assert [(e.row, e.column) for e in result.errors] == [(4, "被告行政机关"), (5, "被告行政机关")]
    assert "不能为“某县水利和湖泊局”登记" in result.errors[0].message


def test_who_may_import_court_cases(client, county, at_2019):
    client.force_login(county.leader)
    assert client.get(reverse("oversight:litigation_import")).status_code == 403
    assert client.get(reverse("oversight:litigation_import_template")).status_code == 403
    assert "从Excel导入" not in client.get(reverse("oversight:litigation_list")).content.decode()
    # another unit's liaison imports only its own unit's cases
    client.force_login(county.outsider)
    response = client.post(reverse("oversight:litigation_import"), {"file": xlsx(LIT_HEADERS, [lit_row()])})
    assert errors_of(response) == {(3, "被告行政机关"): "您不能为“某县市场监督管理局”登记应诉案件。"}
    assert LitigationCase.objects.count() == 0
    row = {"unit": county.market, "instance": "first", "court": "法院", "case_number": "(2019)鄂1号",
           "plaintiff_name": "张三", "plaintiff_kind": "person", "received_on": D(2019, 3, 1), "act_text": "罚款",
           "must_appear": None}
    with pytest.raises(DomainError):
        services.litigation_import(actor=county.leader, rows=[row])


def recon_row(number="郧政复〔２０１９〕３号", unit="某县 市场监督管理局", applied="２０１９－０４－０１", received="2019/4/3", **kw):
    row = {"number": number, "role": "县人民政府为复议机关", "body": "某县人民政府", "unit": unit, "applicant": "王 五",
           "kind": "自然人", "matter": "行政处罚", "act": "罚款决定", "applied": applied, "received": received}
    row.update(kw)
    return list(row.values())


def test_the_office_imports_reconsideration_applications(client, county, at_2019):
    client.force_login(county.office)
    assert "从Excel导入" in client.get(reverse("oversight:recon_list")).content.decode()
    url = reverse("oversight:recon_import")
    assert client.get(url).status_code == 200
    template = client.get(reverse("oversight:recon_import_template"))
    assert [c.value for c in next(load_workbook(io.BytesIO(template.content)).active.iter_rows(max_row=1))] == RECON_HEADERS
    response = client.post(url, {"file": xlsx(RECON_HEADERS, [recon_row(), recon_row(number="郧政复〔2019〕4号",
                                                                                      matter="政府信息公开")])})
    assert response.status_code == 302
    case = ReconsiderationCase.objects.get(number="郧政复〔2019〕3号")
    assert case.imported and case.unit == county.market and case.applied_on == D(2019, 4, 1)
    assert case.received_on == D(2019, 4, 3) and case.accept_due > case.received_on and case.status == "received"
    assert "由Excel导入" in client.get(case.get_absolute_url()).content.decode()
    assert figures()["oversight.recon_received"].compute(year=2019).value == 2
    assert "Excel导入" in figures()["oversight.recon_received"].imported
    # received before applied, an unknown unit, a duplicate: nothing saved, each at its place
    response = client.post(url, {"file": xlsx(RECON_HEADERS, [
        recon_row(number="郧政复〔2019〕5号", applied="2019-05-02", received="2019-05-01"),
        recon_row(number="郧政复〔2019〕6号", unit="某县 环保局"),
        recon_row(number="郧政复〔2019〕3号"),
    ])})
    assert response.status_code == 200 and ReconsiderationCase.objects.count() == 2
    errors = errors_of(response)
    assert set(errors) == {(3, "收到申请日期"), (4, "被申请人"), (5, "案号")}
    assert "不能早于申请日期" in errors[3, "收到申请日期"]
    for persona in ("liaison", "leader", "outsider"):
        client.force_login(getattr(county, persona))
        assert client.get(url).status_code == 403
        assert client.get(reverse("oversight:recon_import_template")).status_code == 403
    with pytest.raises(DomainError):
        services.recon_import(actor=county.liaison, rows=[])


def test_a_name_two_units_share_is_refused(county, at_2019):
    from fazhi.orgs.models import OrgUnit, UnitKind

    OrgUnit.objects.create(code="P-DUP1", name="某县重名局", kind=UnitKind.DEPARTMENT, parent=county.gov)
    OrgUnit.objects.create(code="P-DUP2", name="某县 重名局", kind=UnitKind.DEPARTMENT, parent=county.gov)
    result = sheets.read_rows(recon_import_sheet(actor=county.office), xlsx(RECON_HEADERS, [recon_row(unit="某县重名局")]))
    assert [(e.row, e.column) for e in result.errors] == [(3, "被申请人")] and "有2个名为" in result.errors[0].message
