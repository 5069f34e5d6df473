"""A browser journey per role of the module beyond the lawyer and the village (test_browser.py):

- the rule-of-law office (法治办) finds a village without a lawyer on the coverage grid, assigns one through
  the lawyer's 登记包联 page and sees the gap close, then downloads a month's subsidy sheet for payment;
- the legal-aid agency (the justice bureau's office, which holds the module's legal-aid permission) registers
  an application under the 2021 law, is refused a refusal without reasons, approves and assigns a lawyer.
"""
import datetime
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fazhi.core import clock
from fazhi.legal_services import services
from fazhi.legal_services.tests import factories
from fazhi.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/workbench/")


def main_text(page):
    return page.locator("main").inner_text()


def clean(page):
    assert page.console_errors == [] and page.external_requests == []


def test_office_closes_a_coverage_gap_and_downloads_the_subsidy_sheet(page, live_server, county):
    # The lawyer serves 东坪村 only: 西坪村 has nobody.
    lawyer = services.lawyer_create(actor=county.office, user=county.lawyer, firm=county.firm,
                                    licence_no="14203201900000001", phone="0719-6200001")
    services.assignment_create(actor=county.office, lawyer=lawyer, unit=county.village_east,
                               start=factories.YEAR_START, end=factories.YEAR_END)
    village = factories.person("dongping", "东坪村文书", county.village_east)
    today = clock.today()
    days = sorted({today.replace(day=1), today})
    for day in days:
        log = factories.log(county, served_on=day, summary="村民张某咨询土地承包纠纷，李某反映赡养问题")
        services.log_confirm(actor=village, log=log, on=today)
    publicity = factories.log(county, served_on=today, duty="publicity", people=40,
                              summary="为村民王某等讲解民法典")
    services.log_confirm(actor=village, log=publicity, on=today)

    base = live_server.url
    login(page, base, "office")
    page.goto(f"{base}/legal-services/coverage/")
    assert "有1个村（社区）没有包联律师。" in main_text(page)
    gap = page.locator(".cov-grid .cov-gap")
    assert gap.inner_text() == "西坪村"
    assert "没有包联律师" in gap.get_attribute("title")
    assert "城关镇：1/2个村（社区）已包联" in main_text(page)

    page.click("main .nav-tabs a:has-text('包联律师')")
    page.click("main a:has-text('驻村律师周某')")
    page.click("main a:has-text('登记包联')")
    page.select_option("#id_unit", label="西坪村")
    page.select_option("#id_place", label="包联村（社区）")
    page.fill("#id_office_hours", "每周四上午")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/legal-services/lawyers/{lawyer.pk}/")
    assert "已登记包联。" in page.locator("body").inner_text()
    assert "西坪村" in page.locator("main table").inner_text()

    page.goto(f"{base}/legal-services/coverage/")
    assert "全部村（社区）均有包联律师。" in main_text(page)
    assert page.locator(".cov-grid .cov-gap").count() == 0
    assert "城关镇：2/2个村（社区）已包联" in main_text(page)

    # The month's subsidy sheet, on the page and as the Excel file for payment.
    page.click("main .nav-tabs a:has-text('律师补贴')")
    page.fill("input[name=year]", str(today.year))
    page.fill("input[name=month]", str(today.month))
    page.click("main form button:has-text('查询')")
    page.wait_for_url(f"{base}/legal-services/subsidy/?year={today.year}&month={today.month}")
    amount = 200 * len(days) + 100  # distinct days on site × 200 元 + one publicity event × 100 元
    assert f"{today.year}年{today.month}月律师补贴" in main_text(page)
    row = page.locator("main tbody tr").first.inner_text()
    assert "驻村律师周某" in row and "某某律师事务所" in row and str(amount) in row
    assert "张某" not in main_text(page)
    with page.expect_download() as info:
        page.click("main a:has-text('导出Excel')")
    download = info.value
    assert download.suggested_filename == f"律师补贴_{today.year}年{today.month}月.xlsx"
    sheet = load_workbook(io.BytesIO(Path(download.path()).read_bytes())).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["律师事务所", "律师", "执业证号", "驻点天数（200元/天）", "法治宣传场次（100元/场）",
                       "法律意见书份数（300元/份）", "补贴金额（元）"]
    body = [r for r in rows[1:] if any(c not in (None, "") for c in r)]
    assert [str(c) for c in body[0][:3]] == ["某某律师事务所", "驻村律师周某", "14203201900000001"]
    assert [float(c) for c in body[0][3:]] == [len(days), 1, 0, amount]
    assert body[1][:2] == ["某某律师事务所", "小计"] and float(body[1][6]) == amount
    assert len(body) == 2
    cells = " ".join(str(c) for r in rows for c in r if c is not None)
    for citizen in ("张某", "李某", "王某", "土地承包", "民法典"):
        assert citizen not in cells
    clean(page)


def test_legal_aid_agency_registers_approves_and_assigns_under_the_2021_law(page, live_server, county):
    factories.setup(county)
    base = live_server.url
    login(page, base, "office")
    page.goto(f"{base}/legal-services/aid/")
    page.click("main a:has-text('受理申请')")
    page.fill("#id_applicant", "陈某")
    page.select_option("#id_matter", label="请求支付劳动报酬")
    page.fill("#id_facts", "在县城建筑工地务工，被拖欠工资一万二千元")
    page.fill("#id_applied_on", "2022-01-04")
    page.select_option("#id_exemption", label="农民工请求支付劳动报酬或者工伤赔偿")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/legal-services/aid/*/")
    detail = page.url
    text = main_text(page)
    assert "适用：《中华人民共和国法律援助法》" in text
    assert "待审查" in text
    assert "2022-01-11" in text and "自收到申请之日起七日内审查" in text  # 7 days from 2022-01-04
    assert "指派期限" not in text

    # A refusal must give reasons in writing: without one the page says so beside the field.
    page.click("main a:has-text('决定不予法律援助')")
    page.click("main form button[type=submit]")
    beside = page.locator("main form .mb-3", has=page.locator("#id_reason"))
    assert "决定不予法律援助的，须填写理由，书面告知申请人。" in beside.inner_text()
    page.click("main form a:has-text('取消')")
    page.wait_for_url(detail)
    assert "待审查" in main_text(page)

    page.click("main a:has-text('决定给予法律援助')")
    page.click("main form button[type=submit]")
    page.wait_for_url(detail)
    text = main_text(page)
    today = clock.today()
    assert "已决定给予援助" in text
    assert f"指派期限\n{(today + datetime.timedelta(days=3)):%Y-%m-%d}" in text
    assert "决定之日起三日内指派" in text
    assert page.locator("main a:has-text('指派承办律师')").count() == 1
    assert page.locator("main a:has-text('决定给予法律援助')").count() == 0

    page.click("main a:has-text('指派承办律师')")
    page.select_option("#id_lawyer", label="驻村律师周某")
    page.click("main form button[type=submit]")
    page.wait_for_url(detail)
    text = main_text(page)
    assert "已指派承办" in text
    assert f"承办律师\n驻村律师周某 {today:%Y-%m-%d}" in text
    assert page.locator("main a:has-text('结案归档')").count() == 1
    assert page.locator("main a:has-text('指派承办律师')").count() == 0
    clean(page)
