"""Browser journey of a unit's liaison: records a “法律六进” activity with a photo and a sign-in sheet, then writes
a 以案释法 case, publishes it (confirming) and finds it on the public site with the person's name masked."""
import pytest
from django.urls import reverse

from fazhi.legal_education.models import Activity, CaseExplanation
from fazhi.testing.browser import screenshot

from .contract import PNG
from .test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_liaison_records_an_activity_and_publishes_a_case(page, live_server, county):
    base = live_server.url
    login(page, base, "liaison")
    page.click("nav.app-nav >> text=普法活动")
    page.click("a:has-text('登记活动')")
    page.select_option("#id_kind", "enterprises")
    page.fill("#id_title", "食品安全法进企业")
    page.select_option("#id_unit", str(county.market.pk))
    page.select_option("#id_partners", [str(county.justice.pk)])
    page.fill("#id_held_on", "2019-05-20")
    page.select_option("#id_place", str(county.township.pk))
    page.fill("#id_audience", "60")
    page.set_input_files("#id_photos", files=[{"name": "现场.png", "mimeType": "image/png", "buffer": PNG}])
    page.set_input_files("#id_signins", files=[{"name": "签到表.png", "mimeType": "image/png", "buffer": PNG}])
    page.click("button:has-text('保存')")
    page.wait_for_selector("h1:has-text('食品安全法进企业')")
    assert page.locator("a:has-text('签到表')").count() == 1
    screenshot(page, "legal_education_activity_detail")
    assert Activity.objects.get(title="食品安全法进企业").files.count() == 2

    page.click("nav.app-nav >> text=以案释法")
    page.click("a:has-text('新增案例')")
    page.fill("#id_title", "消费者买到过期食品获赔")
    page.select_option("#id_unit", str(county.market.pk))
    page.fill("#id_law", "《中华人民共和国食品安全法》第一百四十八条")
    page.fill("#id_summary", "消费者周晓峰在超市购得过期食品，要求赔偿。")
    page.fill("#id_explanation", "周晓峰可以要求支付价款十倍的赔偿金。")
    page.fill("#id_persons", "周晓峰")
    page.click("button:has-text('保存')")
    page.wait_for_selector("text=公开后的样子")
    assert "周某在超市" in page.content()
    page.click("a:has-text('向社会公开')")
    page.once("dialog", lambda d: d.accept())
    page.click("button:has-text('公开')")
    page.wait_for_selector("text=已在公众网站公开")
    case = CaseExplanation.objects.get(title="消费者买到过期食品获赔")
    assert case.status == "published"
    public = page.context.browser.new_context().new_page()
    public.goto(base + reverse("legal_education:public_case_detail", args=[case.pk]))
    public.wait_for_selector("h1:has-text('消费者买到过期食品获赔')")
    assert "周晓峰" not in public.content() and "周某" in public.content()
    screenshot(public, "legal_education_public_case")
