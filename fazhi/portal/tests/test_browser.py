"""The public site on a phone (390×844, Chromium): navigation, site search, a register as cards, folded filters and
the comment form with its question. Saves docs/screenshots/public-phone.png."""
import datetime
from pathlib import Path

import pytest

from fazhi.core import clock
from fazhi.decisions import services
from fazhi.decisions.tests import factories as df
from fazhi.testing.challenge import solve

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def test_a_citizen_on_a_phone_finds_a_draft_and_comments(browser, live_server, county):
    today = clock.today()
    d = df.decision(county, title="某县城区养犬管理规定")
    services.comment_open(actor=county.office, decision=d, comment_start=today - datetime.timedelta(days=2),
                          comment_end=today + datetime.timedelta(days=28))
    base = live_server.url
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(15000)
    errors = []  # every failed load except the comment refused on purpose (400) and the browser's own favicon
    page.on("response", lambda r: r.status >= 400 and r.status != 400 and not r.url.endswith("/favicon.ico")
            and errors.append(f"{r.status} {r.url}"))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/")

    # The home page: drafts open for comment first, every public register one tap away.
    drafts = page.get_by_test_id("open-drafts")
    assert "某县城区养犬管理规定" in drafts.inner_text() and "发表意见" in drafts.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "public-phone.png"), full_page=True)

    # The navigation folds behind one button; it lists every register and the site search.
    nav = page.get_by_test_id("public-nav")
    assert not nav.is_visible()
    page.click("button.navbar-toggler")
    nav.wait_for(state="visible")
    for title in ["权责清单", "行政规范性文件库", "重大行政决策征求意见", "行政执法公示", "法治政府建设年度报告"]:
        assert nav.get_by_role("link", name=title).is_visible(), title
    nav.locator("input[name=q]").fill("养犬")
    nav.locator("button[type=submit]").click()
    page.wait_for_url("**/search/?q=*")
    assert "全站检索" in page.locator("h1").inner_text()

    # A register on a phone: rows are cards with their labels; the filters are folded away.
    page.goto(f"{base}/public/decisions/")
    assert page.locator("details.filter-fold").evaluate("e => e.open") is False
    assert page.locator("main thead").evaluate("e => e.getBoundingClientRect().height") <= 1
    cell = page.locator("main tbody tr td").first
    assert cell.evaluate("e => getComputedStyle(e).display") == "block"
    label = page.locator("main tbody td[data-label='承办单位']").first
    assert "承办单位" in label.evaluate("e => getComputedStyle(e, '::before').content")
    page.locator("details.filter-fold summary").click()
    assert page.locator("details.filter-fold form").is_visible()

    # The comment form answers the question; a wrong answer is refused with the reason.
    page.click("main a:has-text('某县城区养犬管理规定')")
    page.fill("#id_body", "建议划定遛狗区域，并要求出门牵绳。")
    page.fill("#id_challenge", "99")
    page.wait_for_timeout(3300)
    page.click("main form button[type=submit]")
    assert "回答错误" in page.locator(".field-errors").inner_text()
    assert page.input_value("#id_body") == "建议划定遛狗区域，并要求出门牵绳。"
    solve(page)
    page.click("main form button[type=submit]")
    assert "感谢您的意见" in page.locator(".alert-success").inner_text()
    assert errors == []
    context.close()
