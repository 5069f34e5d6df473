"""The leaders' journey in Chromium: open the dashboard, click a chart element, land on the records."""
import pytest

from fazhi.orgs.tests.test_browser import login
from fazhi.testing.browser import screenshot
from fazhi.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def click_bar(page, chart_id, index):
    """Click the ``index``-th element of an ECharts chart where it is drawn."""
    point = page.evaluate("""([id, i]) => {
        const el = document.getElementById(id);
        el.scrollIntoView({block: "center", behavior: "instant"});
        const chart = echarts.getInstanceByDom(el);
        const value = chart.getOption().series[0].data[i].value;
        const [x, y] = chart.convertToPixel({seriesIndex: 0}, [i, value / 2]);
        const box = el.getBoundingClientRect();
        return [box.left + x, box.top + y];
    }""", [chart_id, index])
    page.mouse.click(*point)


def test_dashboard_chart_drills_down_to_the_records(page, live_server, county, test_figures):
    login(page, live_server.url, "leader", PASSWORD)
    page.wait_for_url(f"{live_server.url}/dashboard/")  # a leader lands on the dashboard
    page.click("[data-testid=all-figures] > summary")  # every figure's chart sits below the headline indicators
    page.wait_for_selector("#module-testmod-1[data-ready='1'] canvas")
    assert "村（社区）" in page.locator(".dash-module").first.inner_text()
    screenshot(page, "dashboard")
    # one chart per unit of measure: 件 (月度事项…) and 个 (村（社区）); the 个 chart's bar opens the villages
    click_bar(page, "module-testmod-1", 0)
    page.wait_for_url(f"{live_server.url}/orgs/units/?kind=village")
    table = page.locator("table").inner_text()
    assert "东坪村" in table and "西坪村" in table
    assert page.console_errors == [] and page.external_requests == []


def test_alert_severity_chart_opens_the_alerts_centre(page, live_server, county, broken_provider):
    login(page, live_server.url, "office", PASSWORD)
    page.wait_for_url(f"{live_server.url}/workbench/")
    page.goto(f"{live_server.url}/dashboard/?year=2019")
    page.click("[data-testid=all-figures] > summary")
    page.wait_for_selector("#alerts-severity[data-ready='1'] canvas")
    click_bar(page, "alerts-severity", 2)
    page.wait_for_url(f"{live_server.url}/alerts/?severity=overdue")
    assert "某县司法局有文件逾期未报备" in page.locator("table").inner_text()
    assert "坏的检查" in page.get_by_test_id("failed-checks").inner_text()
    assert page.console_errors == [] and page.external_requests == []


def test_office_drafts_the_report_and_a_number_opens_its_records(page, live_server, county, test_figures):
    login(page, live_server.url, "office", PASSWORD)
    page.wait_for_url(f"{live_server.url}/workbench/")
    page.goto(f"{live_server.url}/reports/")
    page.click("main a:has-text('新增')")
    page.select_option("#id_year", "2019")
    page.select_option("#id_unit", label="某县人民政府")
    page.click("main button[type=submit]")
    page.wait_for_selector("article.report-doc")
    assert "（六）创新工作方法，防范和化解社会矛盾" in page.locator("article").inner_text()
    screenshot(page, "report_draft")
    page.click("a.figure[data-figure='testmod.villages']")
    page.wait_for_url(f"{live_server.url}/orgs/units/?kind=village")
    assert "东坪村" in page.locator("table").inner_text()
    assert page.console_errors == [] and page.external_requests == []
