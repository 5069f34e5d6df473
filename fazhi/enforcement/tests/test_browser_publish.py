"""Browser journey: the officer opens the publish page of a decided case, reads the exact public text and
the leak check, edits the public text, is stopped by a finding, and publishes with a recorded reason."""
import pytest

from fazhi.core.models import AuditEntry
from fazhi.enforcement.models import Publication
from fazhi.testing.browser import screenshot

from .test_browser import login
from .test_masking_decisions import DECISIONS, _decided

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_previews_edits_and_publishes_with_a_reason(page, live_server, enf):
    case = _decided(enf, DECISIONS[2])  # a spouse and a child named in the facts
    base = live_server.url
    login(page, base, "officer")
    page.goto(f"{base}/enforcement/cases/{case.pk}/")
    page.click("[data-testid=case-actions] a:has-text('公示')")
    preview = page.locator("[data-testid=public-preview]").inner_text()
    assert "其妻刘某、其子王某（12岁）" in preview and "刘秀兰" not in preview and "王建军" not in preview
    assert "未发现疑似个人信息" in page.locator("[data-testid=leak-findings]").inner_text()
    screenshot(page, "enforcement_publish_preview")

    page.fill("#id_on", case.decided_on.isoformat())
    content = page.input_value("#id_content")
    page.fill("#id_content", content + "\n当事人之妻刘秀兰对处理无异议。")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=leak-findings] li")
    findings = page.locator("[data-testid=leak-findings]").inner_text()
    assert "疑似姓名：刘秀兰" in findings
    assert "刘秀兰对处理无异议" in page.locator("[data-testid=public-preview]").inner_text()  # the exact text
    assert Publication.objects.get(case=case).status == "pending"
    screenshot(page, "enforcement_publish_findings")

    page.fill("#id_findings_reason", "当事人之妻书面同意公开其姓名")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=publication]")
    assert "疑似个人信息仍予公示" in page.locator("[data-testid=publication]").inner_text()
    publication = Publication.objects.get(case=case)
    assert publication.status == "published" and publication.edited
    assert publication.findings_reason == "当事人之妻书面同意公开其姓名"
    edit = AuditEntry.objects.get(event_name="enforcement.public_text_edited")
    assert edit.changes["content"][1].endswith("当事人之妻刘秀兰对处理无异议。")

    page.goto(f"{base}/public/enforcement/decisions/")
    page.click(f"[data-testid=public-decisions] a:has-text('{case.decision_number}')")
    detail = page.locator("[data-testid=public-decision]").inner_text()
    assert "其妻刘某" in detail and "王建军" not in detail and "王子轩" not in detail
    screenshot(page, "enforcement_public_decision_detail")
    assert page.console_errors == [] and page.external_requests == []
