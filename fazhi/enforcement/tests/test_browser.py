"""Browser journey: an officer runs a penalty case through to decision; the decision appears masked on the
public site within the deadline computed in working days."""
import datetime

import pytest

from fazhi.core import workdays
from fazhi.enforcement.models import Case
from fazhi.testing.browser import screenshot
from fazhi.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/workbench/")


def submit_step(page, label, text, **fields):
    page.click(f"[data-testid=case-actions] a:has-text('{label}')")
    page.fill("#id_text", text)
    for name, value in fields.items():
        if value is True:
            page.check(f"#id_{name}")
        else:
            page.fill(f"#id_{name}", value)
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=case-status]")


def test_officer_runs_a_penalty_case_to_decision_and_it_is_published_masked(page, live_server, enf):
    base = live_server.url
    login(page, base, "officer")
    page.click("nav.app-nav >> text=执法案件")
    page.wait_for_url(f"{base}/enforcement/cases/")
    page.click(".toolbar a:has-text('立案')")
    page.wait_for_url(f"{base}/enforcement/cases/new/")
    page.select_option("#id_body", str(enf.body.pk))
    page.select_option("#id_kind", "penalty")
    page.fill("#id_title", "张三丰销售过期食品案")
    page.fill("#id_facts", "张三丰（身份证420322199001011234，电话13907190001）在城关镇销售过期食品。")
    page.select_option("#id_officers", [str(enf.colleague.pk)])
    page.fill("#id_party_name", "张三丰")
    page.fill("#id_party_id_number", "420322199001011234")
    page.fill("#id_party_phone", "13907190001")
    page.click("main button[type=submit]")
    try:
        page.wait_for_selector("[data-testid=case-status]", timeout=5000)
    except Exception:
        screenshot(page, "enforcement_register_failed")
        raise AssertionError(page.locator("main").inner_text()) from None
    assert page.locator("[data-testid=case-status]").inner_text() == "已立案"
    submit_step(page, "开始调查取证", "现场检查，出示执法证件，制作询问笔录")
    submit_step(page, "告知", "拟罚款3000元，告知事实、理由、依据及陈述申辩、听证权利", fine_amount="3000",
                rights_waived=True)
    submit_step(page, "作出决定", "经负责人审批", decision="对张三丰罚款人民币3000元，没收过期食品。")
    assert page.locator("[data-testid=case-status]").inner_text() == "已决定"
    assert "记录未被改动（已校验 4 条）" in page.locator("[data-testid=chain-status]").inner_text()
    case = Case.objects.get(title="张三丰销售过期食品案")
    due = workdays.add_working_days(case.decided_on, 7)
    assert case.publication.due_on == due
    assert f"{due.year}年{due.month}月{due.day}日" in page.locator("[data-testid=publication]").inner_text()
    screenshot(page, "enforcement_case_decided")

    page.click("[data-testid=case-actions] a:has-text('公示')")
    page.once("dialog", lambda dialog: dialog.accept())  # publishing is irreversible: the page asks first
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=publication]")
    assert "已公示" in page.locator("[data-testid=publication]").inner_text()

    page.goto(f"{base}/public/enforcement/decisions/")
    table = page.locator("[data-testid=public-decisions]").inner_text()
    assert case.decision_number in table and "张某" in table
    html = page.content()
    assert "张三丰" not in html and "13907190001" not in html and "420322199001011234" not in html
    case.refresh_from_db()
    assert case.publication.published_on <= due and datetime.date.today() <= due
    screenshot(page, "enforcement_public_decision")
    assert page.console_errors == [] and page.external_requests == []
