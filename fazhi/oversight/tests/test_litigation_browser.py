"""Browser journey: the market bureau's liaison records a hearing at which the head appeared; the leader's
dashboard shows the appearance rate change."""
import datetime

import pytest

from fazhi.oversight import services
from fazhi.testing.browser import screenshot
from fazhi.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)  # a leader lands on the dashboard, others on the workbench


def headline(page, base, year):
    page.goto(f"{base}/dashboard/?year={year}")
    return page.locator('[data-headline="oversight.appearance_rate"] .kpi-value').inner_text()


def test_liaison_records_the_heads_appearance_and_the_dashboard_rate_changes(page, live_server, county):
    from fazhi.core import clock

    today = clock.today()
    received = today - datetime.timedelta(days=20)
    hearing_day = today - datetime.timedelta(days=2)
    staff_case = services.litigation_register(
        actor=county.office, unit=county.market, instance="first", court="某县人民法院", case_number="（浏览器）行初1号",
        plaintiff_name="某公司", plaintiff_kind="organisation", received_on=received, act_text="罚款决定")
    services.hearing_record(actor=county.office, hearing=services.hearing_add(
        actor=county.office, case=staff_case, hearing_on=hearing_day), role="staff", appeared_name="甲",
        appeared_post="科员", on=hearing_day)
    case = services.litigation_register(
        actor=county.office, unit=county.market, instance="first", court="某县人民法院", case_number="（浏览器）行初2号",
        plaintiff_name="某公司", plaintiff_kind="organisation", received_on=received, act_text="责令停业决定")
    base = live_server.url
    login(page, base, "leader")
    assert headline(page, base, today.year) == "0"

    login(page, base, "liaison")
    page.goto(f"{base}/oversight/litigation/")
    page.click("a:has-text('（浏览器）行初2号')")
    page.click("[data-testid=litigation-actions] a:has-text('登记开庭')")
    page.fill("#id_hearing_on", hearing_day.isoformat())
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=hearings]")
    page.click("[data-testid=hearings] a")
    page.click(".toolbar a:has-text('登记出庭应诉情况')")
    page.select_option("#id_role", "lawyer")
    page.click("main button[type=submit]")
    assert "不视为" in page.locator("main").inner_text()
    page.select_option("#id_role", "head")
    page.fill("#id_appeared_name", "王局长")
    page.fill("#id_appeared_post", "局长")
    page.check("#id_identity_proof")
    page.fill("#id_statement", "同意在法院主持下协调，实质性化解争议。")
    page.fill("#id_on", hearing_day.isoformat())
    page.click("main button[type=submit]")
    try:
        page.wait_for_selector("[data-testid=head-appeared]", timeout=5000)
    except Exception:
        screenshot(page, "oversight_appearance_failed")
        raise AssertionError(page.locator("main").inner_text()) from None
    assert page.locator("[data-testid=head-appeared]").inner_text() == "负责人出庭"
    assert case.hearings.get().head_appeared

    login(page, base, "leader")
    assert headline(page, base, today.year) == "50"
