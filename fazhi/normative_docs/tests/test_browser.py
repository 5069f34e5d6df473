"""A document from draft to publication in Chromium, then found in the public library by a two-character search."""
import pytest

from fazhi.normative_docs.models import NormativeDocument
from fazhi.testing.browser import screenshot
from fazhi.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = ("第一条 为了规范城区房屋拆迁管理，制定本办法。\n"
        "第二条 拆迁人应当向被拆迁人缴纳拆迁保证金5万元。\n"
        "第三条 本办法自公布之日起施行。")


def login(page, base, username):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/workbench/")


def act(page, label, fill=None):
    with page.expect_navigation():  # the step's page loaded, with its scripts (the confirmation) in place
        page.click(f".toolbar >> text={label}")
    for selector, value in (fill or {}).items():
        page.fill(selector, value)
    with page.expect_navigation():
        page.click("main form button[type=submit].btn-primary")
    try:
        page.wait_for_selector("[data-testid=doc-status]")
    except Exception:
        print(page.locator("main").inner_text())
        raise


def test_draft_to_publication_and_public_search(page, live_server, county):
    base = live_server.url
    login(page, base, "liaison")
    page.goto(f"{base}/normative-docs/new/")
    page.fill("#id_title", "某县城区房屋拆迁管理办法")
    page.select_option("#id_issuer", label="某县人民政府")
    page.fill("#id_text", TEXT)
    page.uncheck("#id_affects_public")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-testid=doc-status]")
    assert page.get_by_test_id("doc-status").inner_text() == "起草"
    act(page, "送合法性审核")
    assert page.get_by_test_id("doc-status").inner_text() == "合法性审核"
    page.click("form[action='/logout/'] button")

    login(page, base, "reviewer")  # 司法局 reviews the county government's documents
    page.goto(f"{base}/normative-docs/reviews/")
    page.click("main table a.btn")
    flags = page.get_by_test_id("review-flags").inner_text()
    assert "不得违法设定收费、保证金" in flags  # the assistant marked the 保证金 sentence
    screenshot(page, "normative_docs_review")
    page.select_option("#id_opinion", "lawful_after_changes")
    page.fill("#id_reasons", "删除第二条保证金规定后合法。")
    page.click("main form button[type=submit].btn-primary")
    assert page.get_by_test_id("review-opinion").inner_text() == "修改后合法"
    page.click("form[action='/logout/'] button")

    login(page, base, "office")
    asked = []  # numbering and publication are irreversible: the page asks first
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    doc = NormativeDocument.objects.get()
    page.goto(f"{base}{doc.get_absolute_url()}")
    act(page, "记录集体审议", {"#id_meeting": "局务会议"})
    act(page, "记录签发", {"#id_signer": "张局长"})
    act(page, "统一登记编号")
    number = page.get_by_test_id("doc-number").inner_text()
    assert number.startswith("郧西政规〔") and number.endswith("〕1号")
    act(page, "统一公布")
    assert page.get_by_test_id("doc-status").inner_text() == "已公布"
    assert any("编号" in m for m in asked) and any("公布" in m for m in asked)

    page.goto(f"{base}/public/normative-docs/")
    page.fill("#id_q", "拆迁")
    page.click("[role=search] form button[type=submit]")
    page.wait_for_selector("[data-testid=search-results]")
    assert "共找到 1 件" in page.get_by_test_id("search-total").inner_text()
    assert page.locator("[data-testid=search-results] mark").first.inner_text() == "拆迁"
    screenshot(page, "normative_docs_public_search")
    page.click("[data-testid=search-results] a")
    assert "拆迁" in page.get_by_test_id("doc-text").inner_text()
    assert page.get_by_test_id("doc-effect").inner_text() == "有效"
    assert page.console_errors == [] and page.external_requests == []
