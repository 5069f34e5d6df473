"""Playwright driving Debian's Chromium (never a downloaded browser), for the browser tests.

Where Chromium is missing the browser tests are skipped with the reason, except when
``CI`` or ``FAZHI_REQUIRE_BROWSER`` is set: there a missing browser is a failure.
"""
import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("FAZHI_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"


def _required():
    return bool(os.environ.get("CI") or os.environ.get("FAZHI_REQUIRE_BROWSER"))


@pytest.fixture(scope="session")
def browser():
    reason = None
    if not Path(CHROMIUM).exists():
        reason = f"找不到 Chromium（{CHROMIUM}）：apt-get install --no-install-recommends chromium"
    elif os.environ.get("FAZHI_SKIP_BROWSER") and not _required():
        reason = "bin/test 发现缺少浏览器测试所需的软件包"
    if reason:
        if _required():
            pytest.fail(f"CI 要求运行浏览器测试，但{reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    # Nothing may load from another host: fail any such request loudly.
    page.external_requests = []

    def guard(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "http://localhost", "data:")):
            route.continue_()
        else:
            page.external_requests.append(url)
            route.abort()

    page.route("**/*", guard)
    yield page
    context.close()


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
