"""Browser journey: the petition office registers and routes a petition; the competent unit's liaison accepts
it, answers it and downloads the opinion letter (.docx)."""
import io

import pytest

from fazhi.disputes.models import Petition
from fazhi.testing.browser import screenshot
from fazhi.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/workbench/")


def submit(page):
    page.click("main button[type=submit]")
    try:
        page.wait_for_selector("[data-testid=petition-status]", timeout=5000)
    except Exception:
        screenshot(page, "disputes_step_failed")
        raise AssertionError(page.locator("main").inner_text()) from None


def test_petition_registered_routed_accepted_answered_with_opinion_letter(page, live_server, county):
    base = live_server.url
    login(page, base, "office")
    page.click("nav.app-nav >> text=信访事项")
    page.wait_for_url(f"{base}/disputes/petitions/")
    page.click(".toolbar a:has-text('登记信访事项')")
    page.select_option("#id_channel", "visit")
    page.fill("#id_petitioner_name", "周大福")
    page.fill("#id_phone", "13907195555")
    page.fill("#id_event_on", "2024-01-15")
    page.select_option("#id_category", "claim")
    page.fill("#id_request", "请求商品房开发商按期交房")
    page.fill("#id_facts", "合同约定2023年12月交房，至今未交。")
    submit(page)
    assert page.locator("[data-testid=petition-status]").inner_text() == "已登记（待转送）"
    petition = Petition.objects.get(petitioner_name="周大福")

    page.click("[data-testid=petition-actions] a:has-text('转送办理单位')")
    page.select_option("#id_unit", str(county.market.pk))
    submit(page)
    assert page.locator("[data-testid=petition-status]").inner_text() == "已转送（待受理）"

    login(page, base, "liaison")
    page.goto(f"{base}/disputes/petitions/{petition.pk}/")
    page.click("[data-testid=petition-actions] a:has-text('受理并书面告知')")
    submit(page)
    assert page.locator("[data-testid=petition-status]").inner_text() == "已受理（办理中）"
    page.click("[data-testid=petition-actions] a:has-text('出具处理意见书')")
    page.select_option("#id_outcome", "support")
    page.fill("#id_facts", "经核查，开发商逾期交房属实。")
    page.fill("#id_reasons", "商品房买卖合同约定明确。")
    page.fill("#id_decision", "责成开发商于三个月内交房并按合同支付违约金。")
    page.fill("#id_legal_basis", "《中华人民共和国民法典》第五百七十七条")
    submit(page)
    assert page.locator("[data-testid=petition-status]").inner_text() == "已出具处理意见"
    screenshot(page, "disputes_petition_answered")
    with page.expect_download() as info:
        page.click("[data-testid=letter]")
    from docx import Document

    doc = Document(io.BytesIO(open(info.value.path(), "rb").read()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "信访事项处理意见书" in text and "责成开发商于三个月内交房" in text and "周大福" in text
    assert page.console_errors == [] and page.external_requests == []
