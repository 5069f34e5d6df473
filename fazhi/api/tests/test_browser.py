"""Browser journeys: the system administrator creates a token and sees it once; the API documentation (Swagger UI)
renders from our own static files under the site-wide Content-Security-Policy."""
import json
import urllib.request

import pytest

from fazhi.testing.browser import screenshot
from fazhi.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sysadmin_creates_a_token_sees_it_once_and_revokes_it(page, live_server, county):
    base = live_server.url
    page.goto(f"{base}/login/")
    page.fill("#id_username", "sysadmin")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/workbench/")
    page.click("nav.app-nav >> text=开放接口令牌")
    page.wait_for_url(f"{base}/api/tokens/")
    page.click("main a:has-text('新建令牌')")
    page.fill("#id_system", "湖北省行政执法综合管理监督平台")
    page.select_option("#id_units", [str(county.market.pk)])
    page.select_option("#id_scope_decisions", "read")
    page.click("main button[type=submit]")
    raw = page.inner_text("#new-token").strip()
    assert raw.startswith("fz_")
    screenshot(page, "api-token-created")
    # the token works …
    request = urllib.request.Request(f"{base}/api/v1/decisions/", headers={"Authorization": f"Bearer {raw}"})
    with urllib.request.urlopen(request) as answer:
        assert json.load(answer)["count"] == 0
    # … and is never shown again: the list has its prefix only
    page.click("main a:has-text('返回列表')")
    page.wait_for_url(f"{base}/api/tokens/")
    listing = page.inner_text("main")
    assert "湖北省行政执法综合管理监督平台" in listing and raw not in listing and raw[:10] in listing
    page.click("main a:has-text('吊销')")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/api/tokens/")
    assert "已吊销" in page.inner_text("main")
    assert not page.external_requests and not page.console_errors, page.console_errors


def test_the_api_documentation_renders_from_our_own_files_under_the_site_policy(page, live_server):
    """Swagger UI shows every operation under the site-wide policy unchanged (no inline style or script): React's
    style properties go through CSSOM, which the policy allows; not one violation is reported."""
    page.add_init_script("window.cspViolations = [];"
                         "document.addEventListener('securitypolicyviolation',"
                         " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));")
    answer = page.goto(f"{live_server.url}/api/v1/docs/")
    assert "'unsafe-inline'" not in answer.headers["content-security-policy"]
    page.wait_for_selector("text=法治政府建设平台开放接口")
    page.wait_for_selector(".opblock-summary-path >> text=/api/v1/decisions/")
    assert page.locator(".opblock").count() >= 15
    page.click(".opblock-summary-path >> text=/api/v1/decisions/ >> nth=0")  # an operation opens with its details
    page.wait_for_selector(".opblock.is-open .parameters-container")
    screenshot(page, "api-docs")
    assert page.evaluate("window.cspViolations") == []
    assert not page.external_requests, page.external_requests
    assert not page.console_errors, page.console_errors
