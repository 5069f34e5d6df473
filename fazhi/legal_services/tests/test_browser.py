"""Browser journey at phone width (390×844): the lawyer logs a day's service in the village, the village's
account signs it (签字确认)."""
import pytest

from fazhi.legal_services.models import ServiceLog
from fazhi.testing.browser import screenshot
from fazhi.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/workbench/")


def fits_the_phone(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 390 + 1


def test_lawyer_logs_a_service_on_the_phone_and_the_village_confirms_it(page, live_server, ls):
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, base, "lawyer")
    page.goto(f"{base}/legal-services/logs/new/")
    page.select_option("#id_unit", str(ls.village_east.pk))
    page.check("input[name=duty][value=advice]")
    page.fill("#id_people", "6")
    page.fill("#id_hours", "3")
    page.fill("#id_summary", "在村委会坐班，解答村民土地承包、赡养纠纷咨询")
    assert fits_the_phone(page)
    page.click("main button[type=submit]")
    try:
        page.wait_for_url(f"{base}/legal-services/logs/*/")
    except Exception:
        screenshot(page, "legal_services_log_failed")
        raise AssertionError(page.locator("main").inner_text()) from None
    log = ServiceLog.objects.get(lawyer__user=ls.lawyer)
    assert "待确认" in page.locator("main").inner_text()
    assert fits_the_phone(page)

    page.context.clear_cookies()
    login(page, base, "dongping")
    page.goto(f"{base}/legal-services/logs/")
    page.click(f"a[href='/legal-services/logs/{log.pk}/']")
    page.click("main a:has-text('签字确认')")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/legal-services/logs/{log.pk}/")
    assert "已确认" in page.locator("main").inner_text()
    assert "东坪村文书" in page.locator("main").inner_text()
    assert fits_the_phone(page)
    log.refresh_from_db()
    assert log.status == "confirmed" and log.confirmed_by.username == "dongping"
