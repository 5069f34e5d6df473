"""Browser journey: the office creates a dispute cluster, adds a household and a leading-group meeting, marks the
household resolved and sees the progress reach 1/1."""
import pytest

from fazhi.disputes.models import DisputeCluster
from fazhi.testing.browser import screenshot

from .test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page, testid="cluster-status"):
    page.click("main button[type=submit]")
    try:
        page.wait_for_selector(f"[data-testid={testid}]", timeout=5000)
    except Exception:
        screenshot(page, "disputes_cluster_failed")
        raise AssertionError(page.locator("main").inner_text()) from None


def test_office_creates_a_cluster_adds_a_household_and_a_meeting_and_sees_progress(page, live_server, county):
    base = live_server.url
    login(page, base, "office")
    page.click("nav.app-nav >> text=矛盾纠纷专项")
    page.wait_for_url(f"{base}/disputes/clusters/")
    page.click(".toolbar a:has-text('新建专项')")
    page.fill("#id_name", "某花园小区逾期交房专项")
    page.select_option("#id_kind", "housing")
    page.select_option("#id_unit", str(county.justice.pk))
    page.fill("#id_leading_group", "某花园小区矛盾纠纷化解领导小组")
    page.select_option("#id_leader", str(county.leader.pk))
    page.select_option("#id_member_units", [str(county.market.pk)])
    page.fill("#id_set_up_on", "2024-03-01")
    submit(page)
    cluster = DisputeCluster.objects.get(name="某花园小区逾期交房专项")
    assert "尚未登记涉及户" in page.locator("[data-testid=households]").inner_text()

    page.click("[data-testid=cluster-actions] a:has-text('登记涉及户')")
    page.fill("#id_name", "陈 小 红")
    page.fill("#id_request", "请求支付逾期交房违约金")
    page.fill("#id_amount", "15000")
    page.select_option("#id_handler", str(county.market.pk))
    page.select_option("#id_status", "handling")
    submit(page)
    assert "陈小红" in page.locator("[data-testid=households]").inner_text()
    assert "已化解 0 户 / 共 1 户" in page.locator("[data-testid=progress]").inner_text()

    page.click("[data-testid=cluster-actions] a:has-text('登记会议')")
    page.fill("#id_chair", "常务副县长")
    page.fill("#id_attendees", "领导小组全体成员")
    page.fill("#id_topics", "逐户研判化解方案")
    page.fill("#id_decisions", "包户单位一周内入户")
    submit(page)
    assert "逐户研判化解方案" in page.locator("[data-testid=meetings]").inner_text()

    page.click("[data-testid=households] a:has-text('更新')")
    page.select_option("#id_status", "resolved")
    page.fill("#id_note", "违约金已兑付")
    submit(page)
    assert "已化解 1 户 / 共 1 户（100.0%）" in page.locator("[data-testid=progress]").inner_text()
    assert page.locator("[data-testid=progress-bar]").get_attribute("value") == "1"
    assert cluster.households.get().status == "resolved"
