"""Browser journey: the office computes the annual assessment from the records, a unit objects to its score
card, the office replies and publishes; the public site shows the ranking."""
from decimal import Decimal

import pytest

from fazhi.assessment.models import EvalCard
from fazhi.assessment.services import evaluation as services
from fazhi.testing.browser import screenshot
from fazhi.testing.personas import PASSWORD

from .factories_evaluation import YEAR, certified_officer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/workbench/")


def test_office_computes_unit_objects_office_replies_and_publishes(page, live_server, county):
    base = live_server.url
    certified_officer(county, name="持证员甲")
    services.eval_indicator_save(actor=county.office, year=YEAR, unit_kind="department", name="执法人员持证率",
                                 points=Decimal(30), source="enforcement.certificates_held", rule="按比例计分")
    login(page, base, "office")
    page.click("nav.app-nav >> text=依法行政考评")
    page.goto(f"{base}/assessment/annual/?year={YEAR}")
    page.click(".toolbar a:has-text('计算得分')")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=eval-indicators]")
    card = EvalCard.objects.get(year=YEAR, unit=county.market)
    assert card.total == Decimal("30.00")

    login(page, base, "liaison")
    page.goto(f"{base}/assessment/scorecards/{card.pk}/")
    page.click("[data-testid=scores] summary")  # the drill-down: the records behind the score
    assert "持证员甲（持有效证件）" in page.locator("[data-testid=drilldown]").inner_text()
    page.click("[data-testid=card-actions] a:has-text('提出申诉')")
    page.fill("#id_text", "本局执法人员台账尚有一人未录入")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=objection]")
    assert page.locator("[data-testid=card-status]").inner_text() == "已申诉"

    login(page, base, "office")
    page.goto(f"{base}/assessment/scorecards/?objected=on")
    page.click("[data-testid=cards] a:has-text('某县市场监督管理局')")
    page.click("[data-testid=card-actions] a:has-text('答复申诉')")
    page.fill("#id_text", "经核实，请补录执法人员台账，已重新计分")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=reply]")
    assert "待法治办公布考评结果" in page.locator("main").inner_text()
    page.goto(f"{base}/assessment/annual/?year={YEAR}")
    page.click(".toolbar a:has-text('公布结果')")
    page.once("dialog", lambda dialog: dialog.accept())  # publication freezes the results: the page asks first
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=cards]")
    card.refresh_from_db()
    assert card.published_on is not None
    screenshot(page, "assessment_results_published")

    page.goto(f"{base}/public/assessment/results/")
    ranking = page.locator("[data-testid=ranking]").inner_text()
    assert "某县市场监督管理局" in ranking and "30.00" in ranking
    assert page.console_errors == [] and page.external_requests == []
