"""Browser journey: a unit's liaison reports progress on its task with evidence, the office accepts it, and the
leaders' dashboard shows the tasks by area and unit."""
import pytest

from fazhi.assessment.models import PlanTask
from fazhi.core import clock
from fazhi.testing.browser import screenshot
from fazhi.testing.personas import PASSWORD

from .factories_leadership import group, task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" * 4


def login(page, base, username):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/workbench/")


def test_liaison_reports_progress_with_evidence_and_the_office_accepts_it(page, live_server, county,
                                                                          leadership_media, tmp_path):
    group(county)
    t = task(county)
    evidence = tmp_path / "电子营业执照截图.pdf"
    evidence.write_bytes(PDF)
    base = live_server.url

    login(page, base, "liaison")
    page.click("nav.app-nav >> text=任务分解与进展")
    page.wait_for_url(f"{base}/assessment/tasks/")
    page.click(f"text={t.title}")
    page.click(".toolbar a:has-text('报送进展')")
    page.fill("#id_period", "第四季度")
    page.fill("#id_text", "已全面推行电子营业执照，实现零见面办照。")
    page.check("#id_completed")
    page.set_input_files("#id_evidence", str(evidence))
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=reports]")
    reports = page.locator("[data-testid=reports]").inner_text()
    assert "第四季度" in reports and "待审核" in reports and "下载" in reports
    assert "待法治办审核通过" in reports or "下一步" in reports
    screenshot(page, "assessment_progress_reported")
    page.context.clear_cookies()

    login(page, base, "office")
    assert "审核第四季度进展" in page.locator("main").inner_text()  # the workbench's to-do
    page.click("main a:has-text('审核第四季度进展')")
    page.wait_for_selector("[data-testid=reports]")
    page.click("[data-testid=reports] a:has-text('审核通过')")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=reports]")
    assert "已通过" in page.locator("[data-testid=reports]").inner_text()
    assert "已完成" in page.locator("h1").inner_text()
    t = PlanTask.objects.get(pk=t.pk)
    assert t.done_on == clock.today() and t.on_time

    page.goto(f"{base}/dashboard/?year={clock.today().year}")
    table = page.locator("[data-testid=crosstab]").inner_text()
    assert "依法全面履行政府职能" in table and "某县市场监督管理局" in table
    page.click("[data-testid=crosstab] tbody a")
    page.wait_for_selector("main table")
    assert t.title in page.locator("main").inner_text()
    screenshot(page, "assessment_dashboard_tasks")
    assert page.console_errors == [] and page.external_requests == []
