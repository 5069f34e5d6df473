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


def case_submit(page, name):
    page.click("main button[type=submit]")
    try:
        page.wait_for_selector("[data-testid=case-status]", timeout=5000)
    except Exception:
        screenshot(page, name)
        raise AssertionError(page.locator("main").inner_text()) from None


def test_mediation_registered_session_agreement_with_scan_effective_then_referral_history(page, live_server, county,
                                                                                        tmp_path):
    """A village committee's mediator (the office here) registers a dispute, records a session, a written agreement
    and its signed, sealed scan — the case shows as effective; a second case is referred to the market bureau's
    administrative mediation and taken over there, keeping one history."""
    import datetime

    from fazhi.core import clock
    from fazhi.disputes import services
    from fazhi.disputes.models import MediationCase

    village = services.org_create(actor=county.office, unit=county.village_east, name="东坪村人民调解委员会",
                                  category="village", term_start=datetime.date(2024, 1, 1))
    department = services.org_create(actor=county.office, unit=county.market, name="市场监管局行政调解",
                                     category="department")
    today = clock.today().isoformat()
    base = live_server.url
    login(page, base, "office")
    page.click("nav.app-nav >> text=调解案件")
    page.wait_for_url(f"{base}/disputes/cases/")
    page.click(".toolbar a:has-text('受理调解案件')")
    page.select_option("#id_org", str(village.pk))
    page.fill("#id_title", "宅基地边界纠纷")
    page.select_option("#id_dispute_type", "neighbour")
    page.select_option("#id_source", "walk_in")
    page.fill("#id_parties", "张某甲\n李某乙")
    page.fill("#id_registered_on", today)
    case_submit(page, "disputes_case_register_failed")
    assert page.locator("[data-testid=case-status]").inner_text() == "已受理"

    page.click("[data-testid=case-actions] a:has-text('登记调解')")
    page.fill("#id_text", "组织双方现场勘界，释明《中华人民共和国民法典》相邻关系规定")
    case_submit(page, "disputes_case_session_failed")
    assert page.locator("[data-testid=case-status]").inner_text() == "调解中"

    page.click("[data-testid=case-actions] a:has-text('登记调解协议')")
    page.fill("#id_issues", "双方对宅基地东侧界址有争议")
    page.fill("#id_responsibilities", "双方均有越界搭建")
    page.fill("#id_terms", "以勘界结果为准，各自拆除越界部分")
    page.fill("#id_performance", "十日内各自拆除")
    case_submit(page, "disputes_case_agree_failed")
    assert page.locator("[data-testid=case-status]").inner_text() == "已达成协议（待签章）"

    scan = tmp_path / "协议书.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.click("[data-testid=case-actions] a:has-text('协议签章生效')")
    page.check("#id_parties_signed")
    page.check("#id_mediator_signed")
    page.check("#id_sealed")
    page.set_input_files("#id_scan", str(scan))
    case_submit(page, "disputes_case_effective_failed")
    assert page.locator("[data-testid=case-status]").inner_text() == "调解成功（协议生效）"
    assert page.locator("a:has-text('协议书扫描件')").count() == 1
    assert "申请期限" in page.locator("main").inner_text()
    screenshot(page, "disputes_mediation_effective")

    # a second dispute is referred to administrative mediation (三调联动) and taken over there
    other = services.case_register(actor=county.office, org=village, title="购买过期食品赔偿纠纷",
                                   dispute_type="food_drug", source="walk_in", parties=["王某", "某超市"])
    page.goto(f"{base}/disputes/cases/{other.pk}/")
    page.click("[data-testid=case-actions] a:has-text('移交调解')")
    page.select_option("#id_to_org", str(department.pk))
    page.fill("#id_reason", "涉及食品安全，属市场监管部门行政调解")
    case_submit(page, "disputes_case_refer_failed")
    assert page.locator("[data-testid=case-status]").inner_text() == "已移交（待接收）"

    login(page, base, "liaison")
    page.goto(f"{base}/disputes/cases/{other.pk}/")
    page.click("[data-testid=case-actions] a:has-text('接收移交')")
    case_submit(page, "disputes_case_takeover_failed")
    assert page.locator("[data-testid=case-status]").inner_text() == "已受理"
    history = page.locator("[data-testid=history]").inner_text()
    assert "东坪村人民调解委员会" in history and "市场监管局行政调解" in history and "接收移交" in history
    assert MediationCase.objects.get(pk=other.pk).org == department
    assert page.console_errors == [] and page.external_requests == []
