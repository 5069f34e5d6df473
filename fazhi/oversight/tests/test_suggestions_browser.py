"""Browser journey: the office imports the year's suggestions from Excel and assigns one to the market bureau;
the bureau's liaison replies with the signed reply letter; the office records the deputy's satisfaction."""
import io

import pytest
from openpyxl import load_workbook

from fazhi.core import clock
from fazhi.core import spreadsheets as sheets
from fazhi.oversight.models import Suggestion
from fazhi.oversight.spreadsheets.suggestions import suggestion_sheet
from fazhi.testing.browser import screenshot
from fazhi.testing.personas import PASSWORD

from .contract_suggestions import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/workbench/")


def submit(page, name="suggestion_step_failed"):
    page.click("main button[type=submit]")
    try:
        page.wait_for_selector("[data-testid=suggestion-status], [data-testid=suggestions]", timeout=5000)
    except Exception:
        screenshot(page, name)
        raise AssertionError(page.locator("main").inner_text()) from None


def test_import_assign_reply_with_file_and_record_satisfaction(page, live_server, county, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    wb = load_workbook(io.BytesIO(sheets.template_workbook(suggestion_sheet())))
    today = clock.today().isoformat()
    wb.active.append(["人大代表建议", "101", "关于规范农贸市场秩序的建议", "陈代表", "农贸市场占道经营严重。", today])
    wb.active.append(["政协提案", "102", "关于加强校园食品安全的提案", "林委员", "学校食堂监管需加强。", today])
    book = tmp_path / "建议提案.xlsx"
    wb.save(book)
    letter = tmp_path / "答复函.pdf"
    letter.write_bytes(PDF)

    login(page, base, "office")
    page.click("nav.app-nav >> text=代表建议和政协提案")
    page.wait_for_url(f"{base}/oversight/suggestions/")
    page.click(".toolbar a:has-text('导入建议提案')")
    page.set_input_files("#id_file", str(book))
    submit(page, "suggestion_import_failed")
    assert "导入完成：2 件" in page.locator("body").inner_text()
    page.click("[data-testid=suggestions] a:has-text('101')")
    assert page.locator("[data-testid=suggestion-status]").inner_text() == "待交办"
    page.click("[data-testid=suggestion-actions] a:has-text('交办')")
    page.select_option("#id_unit", str(county.market.pk))
    submit(page)
    assert page.locator("[data-testid=suggestion-status]").inner_text() == "办理中"
    suggestion = Suggestion.objects.get(number="101")

    login(page, base, "liaison")
    page.goto(f"{base}/oversight/suggestions/{suggestion.pk}/")
    page.click("[data-testid=suggestion-actions] a:has-text('答复')")
    page.fill("#id_text", "已开展农贸市场专项整治，占道经营问题得到解决。")
    page.set_input_files("#id_file", str(letter))
    submit(page)
    assert page.locator("[data-testid=suggestion-status]").inner_text() == "已答复（待反馈）"
    assert page.locator("[data-testid=reply-file]").count() == 1

    login(page, base, "office")
    page.goto(f"{base}/oversight/suggestions/{suggestion.pk}/")
    page.click("[data-testid=suggestion-actions] a:has-text('满意或基本满意')")
    page.select_option("#id_satisfaction", "satisfied")
    submit(page)
    assert page.locator("[data-testid=suggestion-status]").inner_text() == "已办结"
    assert "满意" in page.locator("[data-testid=rounds]").inner_text()
    screenshot(page, "oversight_suggestion_closed")
    assert page.console_errors == [] and page.external_requests == []
