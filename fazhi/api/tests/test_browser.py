"""Browser journeys: the system administrator creates a token and sees it once; the API's readers (Swagger UI,
Redoc) render from our own static files under the site's Content-Security-Policy."""
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


@pytest.mark.parametrize("name", ["docs", "redoc"])
def test_the_api_readers_render_from_our_own_files(page, live_server, name):
    page.goto(f"{live_server.url}/api/v1/{name}/")
    page.wait_for_selector("text=法治政府建设平台开放接口")
    page.wait_for_selector("text=/api/v1/decisions/", state="attached")
    screenshot(page, f"api-{name}")
    assert not page.external_requests, page.external_requests
    # Redoc's footer always asks for its maker's logo from its CDN: the page's policy refuses it before any
    # request leaves the browser, and Redoc drops the image. Nothing else may complain.
    errors = [e for e in page.console_errors if not ("cdn.redoc.ly/redoc/logo-mini.svg" in e and "violates" in e)]
    assert not errors, errors
