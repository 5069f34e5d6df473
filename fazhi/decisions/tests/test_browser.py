"""Browser journeys in Chromium: the five-step procedure with public comment, and the archive bundle download."""
import datetime
import io
import zipfile

import pytest

from fazhi.core import clock
from fazhi.testing.browser import screenshot
from fazhi.testing.challenge import solve
from fazhi.testing.personas import PASSWORD

from . import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username, password=PASSWORD):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/workbench/")


def logout(page):
    page.click("header button:has-text('退出')")


def submit(page):
    page.click("main form button[type=submit]")


def test_draft_comment_review_discussion_and_public_decision(page, live_server, county, browser, monkeypatch):
    base = live_server.url
    today = clock.today()
    d = f.decision(county, title="城区养犬管理规定")
    f.adviser(county, contract_start=datetime.date(today.year, 1, 1), contract_end=datetime.date(today.year + 1, 12, 31))

    page.on("dialog", lambda dialog: dialog.accept())  # irreversible steps ask for confirmation first
    # The office publishes the draft for comment.
    login(page, base, "office")
    page.goto(f"{base}/decisions/{d.pk}/")
    page.click("main a:has-text('公开征求意见')")
    page.fill("#id_comment_end", (today + datetime.timedelta(days=30)).isoformat())
    submit(page)
    assert "开始征求意见" in page.locator(".alert-success").inner_text()

    # A member of the public comments without an account.
    public = browser.new_context(locale="zh-CN")
    visitor = public.new_page()
    visitor.goto(f"{base}/public/decisions/")
    visitor.click("text=城区养犬管理规定")
    visitor.fill("#id_body", "建议划定遛狗区域，并要求出门牵绳。")
    visitor.fill("#id_name", "欧阳娜娜")
    visitor.fill("#id_contact", "13812345678")
    solve(visitor)
    visitor.click("main form button[type=submit]")
    assert "感谢您的意见" in visitor.locator(".alert-success").inner_text()
    assert "欧阳娜娜" not in visitor.content() and "13812345678" not in visitor.content()

    # Staff dispose of the comment.
    page.goto(f"{base}/decisions/{d.pk}/")
    assert "建议划定遛狗区域" in page.get_by_test_id("comments").inner_text()
    page.click("[data-testid=comments] a:has-text('处理')")
    page.select_option("#id_disposition", "partly")
    page.fill("#id_reason", "遛狗区域由各社区划定。")
    submit(page)

    # The window ends; the preliminary steps are recorded; the draft goes to review.
    later = today + datetime.timedelta(days=31)
    monkeypatch.setattr(clock, "today", lambda: later)
    page.goto(f"{base}/decisions/{d.pk}/")
    page.click("main button:has-text('结束征求意见')")
    page.click("[data-step=public_participation] a:has-text('登记')")
    page.check("input[name=methods][value=symposium]")
    page.check("#id_complete")
    submit(page)
    for code, reason in [("expert_consultation", "不属于专业性技术性较强的事项"), ("risk_assessment", "不涉及社会稳定风险")]:
        page.click(f"[data-step={code}] a:has-text('不适用')")
        page.fill("#id_reason", reason)
        submit(page)
    page.click("main a:has-text('提交合法性审查')")
    page.fill("#id_due_on", (later + datetime.timedelta(days=14)).isoformat())
    submit(page)
    assert "已提交合法性审查" in page.locator(".alert-success").inner_text()
    # Without an opinion, the discussion button is refused with the rule.
    assert "尚未经合法性审查" in page.get_by_test_id("refusal").inner_text()
    logout(page)

    # The reviewer of the justice bureau gives the opinion, with the legal adviser involved.
    login(page, base, "reviewer")
    page.goto(f"{base}/decisions/{d.pk}/")
    page.click("main a:has-text('出具审查意见')")
    page.select_option("#id_opinion", "lawful")
    page.fill("#id_opinion_text", "经审查，制定主体、程序和内容合法。")
    page.select_option("#id_adviser", index=1)
    submit(page)
    logout(page)

    # The office submits to discussion, records the meeting, decides, reports to the party committee, publishes.
    login(page, base, "office")
    page.goto(f"{base}/decisions/{d.pk}/")
    page.click("main button:has-text('提请集体讨论')")
    page.click("main a:has-text('登记集体讨论')")
    page.fill("#id_meeting_on", later.isoformat())
    page.fill("#id_attendees", "县长、常务副县长、分管副县长")
    page.fill("#id_views", "常务副县长｜组成人员｜同意｜同意\n分管副县长｜组成人员｜原则同意｜加强宣传\n县长｜行政首长｜同意｜同意实施")
    page.fill("#id_decision_text", "同意实施城区养犬管理规定。")
    submit(page)
    page.click("main button:has-text('集体讨论作出决定')")
    assert "已作出决定" in page.locator(".alert-success").inner_text()
    page.click("main a:has-text('登记向党委请示报告')")
    page.fill("#id_note", "经县委常委会会议研究同意")
    submit(page)
    page.click("main a:has-text('公布决策')")
    submit(page)
    assert "已公布" in page.locator("h1").inner_text()
    screenshot(page, "decision_published")

    # The decision and its 采纳情况说明 are on the public site.
    visitor.goto(f"{base}/public/decisions/view/?id={d.pk}")
    assert "同意实施城区养犬管理规定" in visitor.get_by_test_id("decision-text").inner_text()
    note = visitor.get_by_test_id("adoption-note").inner_text()
    assert "部分采纳1条" in note and "遛狗区域由各社区划定" in note
    assert "欧阳" not in visitor.content() and "13812345678" not in visitor.content()
    screenshot(visitor, "decision_public")
    assert page.console_errors == [] and page.external_requests == []
    public.close()


def test_archive_bundle_of_a_demo_decision(page, live_server, demo_county):
    from fazhi.decisions.models import Decision
    from fazhi.orgs import demo as org_demo

    d = Decision.objects.get(title="郧西县城区农贸市场升级改造实施方案")
    base = live_server.url
    login(page, base, "fzb", org_demo.DEMO_PASSWORD)
    page.goto(f"{base}/decisions/{d.pk}/")
    page.click("main a:has-text('决策档案')")
    with page.expect_download() as info:
        page.get_by_test_id("bundle").click()
    content = open(info.value.path(), "rb").read()
    archive = zipfile.ZipFile(io.BytesIO(content))
    names = archive.namelist()
    text = "".join(archive.read(n).decode() for n in names if n.endswith(".txt"))
    for material in ["决策草案", "起草说明", "公众参与", "专家论证", "风险评估", "合法性审查", "集体讨论决定",
                     "公众意见采纳情况说明", "执行情况报告", "决策后评估", "办理过程"]:
        assert material in text, material
    assert "已屏蔽" in text and "广告信息" in text  # the hidden comment stays, with who and why
    assert any(n.startswith("附件/") for n in names) and "00_目录.html" in names
    assert page.console_errors == [] and page.external_requests == []
