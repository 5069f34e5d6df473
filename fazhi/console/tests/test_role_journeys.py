"""A journey per role in Chromium: each person signs in, finds the to-do that waits for him or her on the
workbench, acts on it through the record's page, and sees it leave the list. The leader lands on the
dashboard; a citizen uses the public site on a phone."""
import datetime

import pytest

from fazhi.testing.browser import screenshot
from fazhi.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = datetime.date


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def login(page, base, username, lands="/workbench/"):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}{lands}")


def todos(page, base):
    page.goto(f"{base}/workbench/")
    return page.get_by_test_id("todos").inner_text()


def open_todo(page, base, text):
    """Find the to-do on the workbench and follow its link to the record."""
    assert text in todos(page, base)
    page.click(f"[data-testid=todos] td a:has-text('{text}')")


def submit(page, toolbar_label, fields=None):
    page.click(f"main a:has-text('{toolbar_label}')")
    for selector, value in (fields or {}).items():
        page.fill(selector, value)
    page.click("main form button[type=submit].btn-primary")


def clean(page):
    assert page.console_errors == [] and page.external_requests == []


def test_reviewer_gives_the_legality_opinion_that_waits(page, live_server, county):
    from fazhi.normative_docs import services
    from fazhi.normative_docs.tests import factories

    doc = factories.draft(county, title="某县城区道路挖掘管理办法", issuer=county.gov)
    services.review_submit(actor=county.liaison, doc=doc, on=D(2019, 3, 1))
    base = live_server.url
    login(page, base, "reviewer")
    open_todo(page, base, "出具合法性审核意见：某县城区道路挖掘管理办法")
    page.select_option("#id_opinion", "lawful")
    page.fill("#id_reasons", "制定主体、权限和程序符合规定，内容合法。")
    page.click("main form button[type=submit].btn-primary")
    assert page.get_by_test_id("review-opinion").inner_text() == "合法"
    assert "某县城区道路挖掘管理办法" not in todos(page, base)
    clean(page)


def test_office_registers_the_number_then_sees_the_next_step_waiting(page, live_server, county):
    from fazhi.normative_docs.tests import factories

    factories.signed(county, title="某县农村集体资产管理办法", issuer=county.gov)
    base = live_server.url
    login(page, base, "office")
    screenshot(page, "workbench")
    open_todo(page, base, "统一登记编号：某县农村集体资产管理办法")
    page.on("dialog", lambda dialog: dialog.accept())  # the number cannot be taken back: the page asks first
    submit(page, "统一登记编号")
    page.wait_for_selector("[data-testid=doc-number]")
    left = todos(page, base)
    assert "统一登记编号：某县农村集体资产管理办法" not in left
    assert "统一公布：某县农村集体资产管理办法" in left  # the office's next step is now on the list
    clean(page)


def test_liaison_files_the_published_document_for_the_record(page, live_server, county):
    from fazhi.normative_docs.tests import factories

    factories.published(county, title="某县农贸市场管理暂行办法", on=D(2019, 3, 20))
    base = live_server.url
    login(page, base, "liaison")
    open_todo(page, base, "报送备案：某县农贸市场管理暂行办法")
    page.click("main .toolbar a:text-is('报备')")
    page.wait_for_selector("main form")
    for box in page.locator("main form input[type=checkbox]").all():
        box.check()
    page.click("main form button[type=submit].btn-primary")
    page.wait_for_selector("[data-testid=doc-status]")
    assert "报送备案：某县农贸市场管理暂行办法" not in todos(page, base)
    clean(page)


def test_officer_publishes_the_decision_that_waits(page, live_server, county):
    from fazhi.core import clock
    from fazhi.enforcement.tests import factories

    body, _me, colleague, _reviewer = factories.setup(county)
    case = factories.to_decision(county, factories.penalty_case(county, body, colleague))
    base = live_server.url
    login(page, base, "officer")
    open_todo(page, base, f"{case.number} {case.title}：公示执法决定")
    page.click("[data-testid=case-actions] a:has-text('公示')")
    if not page.input_value("#id_on"):
        page.fill("#id_on", clock.today().isoformat())
    page.fill("#id_late_reason", "纸质案卷补录，补办公示")  # the decision dates from 2025: the page asks why late
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("main button[type=submit]")
    try:
        page.wait_for_selector("[data-testid=publication]")
    except Exception:
        raise AssertionError(page.url + page.locator("body").inner_text()) from None
    assert "已公示" in page.get_by_test_id("publication").inner_text()
    assert "公示执法决定" not in todos(page, base)
    clean(page)


def test_lawyer_corrects_the_disputed_service_log(page, live_server, county):
    from fazhi.core import clock
    from fazhi.legal_services import services
    from fazhi.legal_services.tests import factories

    factories.setup(county)
    served = clock.today() - datetime.timedelta(days=3)
    log = factories.log(county, served_on=served, people=50)
    services.log_dispute(actor=county.office, log=log, reason="接待人数与签到表不符", on=clock.today())
    base = live_server.url
    login(page, base, "lawyer")
    open_todo(page, base, "服务日志有异议")
    page.fill("#id_people", "5")
    page.click("main form button[type=submit].btn-primary")
    page.wait_for_url(f"{base}{log.get_absolute_url()}")
    assert "服务日志有异议" not in todos(page, base)
    log.refresh_from_db()
    assert log.people == 5
    clean(page)


def test_leader_lands_on_the_headline_indicators_of_a_year_with_data(page, live_server, county):
    from fazhi.normative_docs.tests import factories

    factories.published(county, title="某县农贸市场管理暂行办法", on=D(2019, 3, 20))
    base = live_server.url
    login(page, base, "leader", lands="/dashboard/")
    headlines = page.get_by_test_id("headlines")
    headlines.wait_for()
    assert headlines.locator(".card, .headline, article, li").count() >= 1
    assert "2019" in page.locator("main").inner_text()  # the latest year with records, not an empty one
    menu = page.locator("nav.app-nav").inner_text()
    assert "新增" not in menu and "导入" not in menu  # a read-only role sees no entry it cannot use
    clean(page)


def test_citizen_on_a_phone_searches_and_opens_a_published_document(browser, live_server, county):
    from fazhi.normative_docs.tests import factories

    factories.published(county, title="某县城区房屋拆迁管理办法", on=D(2019, 3, 20))
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    external = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("http://127.0.0.1", "http://localhost", "data:")) else (external.append(route.request.url), route.abort()))
    base = live_server.url
    page.goto(f"{base}/")
    assert page.get_by_test_id("public-nav").count() == 1
    page.goto(f"{base}/search/?q=拆迁")
    hits = page.get_by_test_id("search-hits")
    assert "某县城区房屋拆迁管理办法" in hits.inner_text()
    hits.locator("a:has-text('某县城区房屋拆迁管理办法')").first.click()
    page.wait_for_load_state()
    assert "某县城区房屋拆迁管理办法" in page.locator("main").inner_text()
    # nothing wider than the phone: no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert external == []
    context.close()
