"""Real browser journeys in Chromium: sign in to a Chinese workbench; lockout after 5 bad passwords."""
import pytest

from fazhi.testing.browser import screenshot
from fazhi.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username, password):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def test_sign_in_and_see_the_workbench_in_chinese(page, live_server, county):
    login(page, live_server.url, "office", PASSWORD)
    page.wait_for_url(f"{live_server.url}/workbench/")
    assert page.locator("h1").inner_text() == "工作台"
    assert page.get_by_test_id("current-unit").inner_text() == "某县司法局"
    nav = page.locator("nav.app-nav").inner_text()
    for label in ["我的工作台", "组织机构", "用户与角色", "操作审计日志", "节假日与调休"]:
        assert label in nav
    # Bootstrap came from our own static files: the header has its colour, not the browser default.
    assert page.locator(".app-header").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(166, 27, 27)"
    screenshot(page, "workbench")
    page.click("text=组织机构")
    page.wait_for_url(f"{live_server.url}/orgs/units/")
    assert page.locator("table").inner_text().count("有效") >= 9
    assert page.console_errors == [] and page.external_requests == []


def test_liaison_menu_has_no_system_pages(page, live_server, county):
    login(page, live_server.url, "liaison", PASSWORD)
    page.wait_for_url(f"{live_server.url}/workbench/")
    nav = page.locator("nav.app-nav").inner_text()
    assert "组织机构" in nav and "操作审计日志" not in nav


def test_five_bad_passwords_lock_the_account(page, live_server, county):
    for remaining in [4, 3, 2, 1]:
        login(page, live_server.url, "office", "wrong-password")
        assert f"还可尝试{remaining}次" in page.locator(".alert-danger").inner_text()
    login(page, live_server.url, "office", "wrong-password")
    message = page.locator(".alert-danger").inner_text()
    assert "账户已锁定" in message and "15分钟" in message
    login(page, live_server.url, "office", PASSWORD)  # right password, still locked
    assert "账户已锁定" in page.locator(".alert-danger").inner_text()
    assert page.url.endswith("/login/")
    screenshot(page, "locked")


def test_retiring_a_unit_asks_for_reason_and_confirmation(page, live_server, county):
    login(page, live_server.url, "office", PASSWORD)
    page.wait_for_url(f"{live_server.url}/workbench/")
    page.goto(f"{live_server.url}/orgs/units/{county.village_west.pk}/")
    page.click("main a:has-text('撤销')")
    page.fill("#id_reason", "村庄合并")
    page.click("main button[type=submit]")
    assert "请勾选确认" in page.content()
    assert page.input_value("#id_reason") == "村庄合并"  # what was typed is kept
    page.check("#id_confirm")
    page.click("main button[type=submit]")
    assert "已撤销" in page.locator("h1").inner_text()
    # restoring is a POST behind a confirmation dialog
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("text=恢复")
    page.wait_for_selector("text=已恢复")
    assert "有效" in page.locator("h1").inner_text()
