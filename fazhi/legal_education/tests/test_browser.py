"""Browser journey: a liaison opens the own open exam, answers (each choice saved at once), reloads mid-way and
finds the answers, then submits; a second browser context takes the attempt over and the first is told."""
import pytest
from django.urls import reverse

from fazhi.legal_education.models import Answer, Attempt
from fazhi.testing.browser import screenshot
from fazhi.testing.personas import PASSWORD

from . import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/workbench/")


def test_examinee_takes_the_exam_reloads_and_submits(page, browser, live_server, county):
    exam = factories.exam(county, title="浏览器考试")
    base = live_server.url
    login(page, base, "liaison")
    page.click("nav.app-nav >> text=我的考试")
    page.click("a:has-text('进入考试')")
    assert page.locator("fieldset.question").count() == 0  # no question before the start
    page.click("button:has-text('开始考试')")
    page.wait_for_selector("fieldset.question")
    attempt = Attempt.objects.get(exam=exam)
    # 开始考试 answered with the paper; the address bar shows the attempt's own address (a reload is no new start)
    page.wait_for_url(base + reverse("legal_education:attempt_take", args=[attempt.pk]))
    # answer the first three questions
    for i in range(3):
        page.locator(f"#q-{i} input.form-check-input").first.check()
        page.wait_for_selector(f"#state-{i}:has-text('已保存')")
    screenshot(page, "legal_education_exam_saved")
    assert Answer.objects.filter(attempt=attempt).count() == 3
    page.reload()
    for i in range(3):
        assert page.locator(f"#q-{i} input.form-check-input").first.is_checked()
        assert page.locator(f"#state-{i}").inner_text() == "已保存"
    # a second browser takes over; the first is told at its next save
    other = browser.new_context()
    second = other.new_page()
    login(second, base, "liaison")
    second.goto(base + reverse("legal_education:attempt_take", args=[attempt.pk]))
    second.wait_for_selector("fieldset.question")
    page.locator("#q-3 input.form-check-input").first.check()
    page.wait_for_selector("#exam-alert:has-text('另一个浏览器')")
    other.close()
    page.reload()  # this browser takes it back and submits
    page.wait_for_selector("fieldset.question")
    page.once("dialog", lambda d: d.accept())
    page.click("#exam-submit button")
    page.wait_for_selector("text=已交卷")
    attempt.refresh_from_db()
    assert attempt.status == "submitted" and attempt.score is not None


def test_examinee_waits_on_the_start_page_and_starts_when_the_exam_opens(page, live_server, county):
    """Signed in before the window: the page counts down and enables 开始考试 at the opening, without a reload."""
    import datetime

    from fazhi.core import clock

    base = live_server.url
    login(page, base, "liaison")
    exam = factories.exam(county, title="准点开考", start=clock.now() + datetime.timedelta(seconds=6))
    page.goto(base + reverse("legal_education:exam_start", args=[exam.pk]))
    page.wait_for_selector("#exam-wait-left:has-text('秒')")
    assert page.locator("#exam-begin").is_disabled()
    page.wait_for_selector("#exam-begin:enabled", timeout=30000)
    page.click("#exam-begin")
    page.wait_for_selector("fieldset.question")
    assert Attempt.objects.filter(exam=exam, user=county.liaison).count() == 1
