"""Browser journey: a liaison submits an adjustment, the office approves and publishes, the public sees it."""
import datetime

import pytest

from fazhi.powers import services
from fazhi.testing.browser import screenshot
from fazhi.testing.personas import PASSWORD

from .factories import approved_list

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/workbench/")


def test_adjust_review_publish_and_see_it_in_public(page, live_server, county):
    base = live_server.url
    approved_list(county)
    services.version_publish(actor=county.office, title="2019年初版", published_on=datetime.date(2019, 1, 1))
    page.on("dialog", lambda dialog: dialog.accept())

    # the liaison drafts and submits an adjustment
    login(page, base, "liaison")
    page.goto(f"{base}/powers/adjustments/new/")
    page.fill("#id_title", "2019年6月集中动态调整")
    page.fill("#id_reason", "《无证无照经营查处办法》施行，新增处罚事项")
    page.fill("#id_trigger_document", "国务院令第684号")
    page.fill("#id_effective_on", "2019-06-30")
    page.click("main button[type=submit]")
    page.click("main a:has-text('新增事项')")
    page.fill("#id_code", "SCJ-CF-201906")
    page.fill("#id_name", "对无照经营行为的处罚")
    page.select_option("#id_category", "penalty")
    page.fill("#id_bases", "《无证无照经营查处办法》第十三条")
    page.click("main button[type=submit]:has-text('添加')")
    assert "对无照经营行为的处罚" in page.locator("main table").first.inner_text()
    page.get_by_test_id("submit").click()
    assert "待审核" in page.locator("h1").inner_text()

    # the office approves and publishes
    login(page, base, "office")
    page.goto(f"{base}/powers/adjustments/")
    page.click("text=2019年6月集中动态调整")
    page.get_by_test_id("approve").click()
    assert "已批准" in page.locator("h1").inner_text()
    page.goto(f"{base}/powers/versions/publish/")
    page.fill("#id_title", "2019年6月集中动态调整版")
    page.fill("#id_published_on", "2019-06-30")
    page.click("main button[type=submit]")
    assert "新增 1 项" in page.get_by_test_id("comparison-summary").inner_text()

    # the public sees the new version and its changelog
    page.context.clear_cookies()
    page.goto(f"{base}/public/powers/")
    assert "2019年6月集中动态调整版" in page.get_by_test_id("current-version").inner_text()
    assert "对无照经营行为的处罚" in page.locator("main table").inner_text()
    page.click("text=调整说明")
    assert "新增 1 项" in page.get_by_test_id("comparison-summary").inner_text()
    assert "对无照经营行为的处罚" in page.locator("main").inner_text()
    assert "国务院令第684号" in page.locator("main").inner_text()
    page.goto(f"{base}/public/powers/")
    page.click("text=对无照经营行为的处罚")
    assert "《无证无照经营查处办法》第十三条" in page.locator("main").inner_text()
    screenshot(page, "powers-public-item")
    assert page.console_errors == [] and page.external_requests == []
