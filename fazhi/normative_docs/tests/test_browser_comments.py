"""In Chromium: a citizen on a phone finds a draft normative document on the portal home, sends a comment
through its form (answering the offline question), and the rule-of-law office finds it on its workbench,
handles it and sees it leave the list."""
import pytest

from fazhi.console.tests.test_role_journeys import login, todos
from fazhi.core import clock
from fazhi.testing.challenge import solve

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "某县城区农贸市场摊位管理办法"


def test_citizen_comments_on_a_phone_and_the_office_handles_it(browser, page, live_server, county):
    from fazhi.normative_docs.tests import factories

    factories.commenting(county, title=TITLE, on=clock.today())
    base = live_server.url
    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True,
                                has_touch=True)
    citizen = phone.new_page()
    citizen.set_default_timeout(15000)
    external = []
    citizen.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("http://127.0.0.1", "http://localhost", "data:")) else (external.append(route.request.url), route.abort()))
    citizen.goto(f"{base}/")
    drafts = citizen.get_by_test_id("open-drafts")
    assert "行政规范性文件" in drafts.inner_text()
    drafts.locator(f"a:has-text('{TITLE}')").first.click()
    citizen.wait_for_selector("[data-testid=comment-form]")
    citizen.fill("#id_body", "建议明确摊位租金调整须提前三十日公告，并听取经营户意见。")
    citizen.fill("#id_name", "周建华")
    solve(citizen)
    citizen.click("[data-testid=comment-form] button[type=submit]")
    citizen.wait_for_load_state()
    assert "感谢您的意见" in citizen.locator("main").inner_text() or "感谢您的意见" in citizen.content()
    assert "周建华" not in citizen.locator("main").inner_text()
    assert citizen.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert external == []
    phone.close()

    login(page, base, "office")
    assert f"处理公众意见：{TITLE}（1条待处理）" in todos(page, base)
    with page.expect_navigation():  # each click waits for its page to load before the next one
        page.click(f"[data-testid=todos] td a:has-text('处理公众意见：{TITLE}')")
    comments = page.get_by_test_id("comments")
    assert "周建华" in comments.inner_text() and "待处理" in comments.inner_text()
    with page.expect_navigation():
        comments.locator("a:has-text('处理')").first.click()
    page.select_option("#id_disposition", "adopted")
    with page.expect_navigation():
        page.click("main form button[type=submit].btn-primary")
    page.wait_for_selector("[data-testid=comments]")
    assert "采纳" in page.get_by_test_id("comments").inner_text()
    assert TITLE not in todos(page, base)
    assert page.console_errors == [] and page.external_requests == []
