"""普法 work: the duty list's review (refused and allowed steps), registers, the person's study record, to-dos."""
import pytest
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.legal_education import services, todos
from fazhi.legal_education.models import DutyList

from .contract import ITEM

pytestmark = pytest.mark.django_db


def test_duty_list_submitted_by_the_unit_accepted_or_returned_by_the_office(county):
    dl = services.duty_list_save(actor=county.liaison, unit=county.market, year=2019, items=[ITEM])
    with pytest.raises(DomainError):  # the unit cannot accept its own list
        services.duty_list_step(actor=county.liaison, duty_list=dl, action="accept")
    with pytest.raises(DomainError):  # another unit's liaison cannot file for the market bureau
        services.duty_list_save(actor=county.outsider, unit=county.market, year=2020, items=[ITEM])
    dl = services.duty_list_step(actor=county.liaison, duty_list=dl, action="submit")
    assert [t.title for t in todos.duty_lists_to_review(county.office, None)] == ["待审核普法责任清单1份"]
    with pytest.raises(DomainError):  # returning needs a reason
        services.duty_list_step(actor=county.office, duty_list=dl, action="return_list")
    dl = services.duty_list_step(actor=county.office, duty_list=dl, action="return_list", reason="请补充普法对象")
    assert dl.status == "returned" and dl.review_note == "请补充普法对象"
    dl = services.duty_list_step(actor=county.liaison, duty_list=dl, action="submit")
    dl = services.duty_list_step(actor=county.office, duty_list=dl, action="accept")
    assert DutyList.objects.get(pk=dl.pk).status == "accepted"


def test_a_year_outside_the_plan_cycles_is_refused(county):
    with pytest.raises(DomainError) as e:
        services.duty_list_save(actor=county.liaison, unit=county.market, year=2015, items=[ITEM])
    assert "普法规划期" in e.value.message


@pytest.mark.parametrize("name", ["legal_education:duty_list", "legal_education:activity_list",
                                  "legal_education:site_list", "legal_education:study_list",
                                  "legal_education:exam_list", "legal_education:my_exams", "legal_education:my_record",
                                  "legal_education:case_list", "legal_education:record_list"])
def test_register_pages_and_exports(county, client, name):
    client.force_login(county.office)
    assert client.get(reverse(name), {"year": "abc", "sort": "nonsense"}).status_code == 200
    if name in {"legal_education:duty_list", "legal_education:activity_list", "legal_education:site_list",
                "legal_education:record_list"}:
        r = client.get(reverse(name), {"export": "xlsx"})
        assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")


def test_open_exam_is_a_todo_until_sat(county):
    from fazhi.legal_education.services import exams

    from . import factories

    exam = factories.exam(county)
    assert [t.action for t in todos.open_exams(county.liaison, None)] == ["参加考试"]
    assert todos.open_exams(county.outsider, None) == []
    attempt, token = exams.attempt_start(actor=county.liaison, exam=exam)
    factories.answer_all(attempt, token)
    exams.attempt_submit(actor=county.liaison, attempt=attempt, token=token)
    assert todos.open_exams(county.liaison, None) == []


def test_an_exam_opening_within_two_hours_is_a_todo_naming_its_opening_time(county):
    import datetime

    from fazhi.core import clock

    from . import factories

    now = clock.now()
    factories.exam(county, start=now + datetime.timedelta(minutes=30), title="半小时后开考")
    factories.exam(county, start=now + datetime.timedelta(hours=5), title="五小时后开考")
    opening = clock.local(now + datetime.timedelta(minutes=30))
    assert [t.title for t in todos.open_exams(county.liaison, None)] == [
        f"待参加考试：半小时后开考（{opening:%H:%M}开考）"]


def test_results_statistics_and_export(county, client):
    from fazhi.legal_education import selectors
    from fazhi.legal_education.services import exams

    from . import factories

    exam = factories.exam(county)
    a, t = exams.attempt_start(actor=county.liaison, exam=exam)
    factories.answer_all(a, t, right=True)
    exams.attempt_submit(actor=county.liaison, attempt=a, token=t)
    stats = selectors.exam_statistics(exam)
    assert stats["sat"] == 1 and stats["passed"] == 1 and stats["pass_rate"] == 100
    assert all(q["rate"] == 100 for q in stats["questions"])
    client.force_login(county.office)
    r = client.get(reverse("legal_education:exam_detail", args=[exam.pk]), {"export": "xlsx"})
    assert r.status_code == 200
    page = client.get(reverse("legal_education:my_record")).content.decode()
    assert "学法档案" in page


def test_import_page_previews_then_saves_only_on_confirmation(county, client):
    from fazhi.legal_education.models import Question

    from . import factories

    bank = factories.bank(county)
    client.force_login(county.office)
    url = reverse("legal_education:bank_import", args=[bank.pk])
    text = "1. 行政处罚由违法行为发生地的行政机关管辖。（√）\n2. 没有答案的题（ ）A.甲B.乙"
    before = Question.objects.count()
    page = client.post(url, {"text": text}).content.decode()
    assert "存疑：没有识别出答案" in page and Question.objects.count() == before
    r = client.post(url, {"confirm": "1", "text": text, "pick": ["0"]})
    assert r.status_code == 302 and Question.objects.count() == before + 1
    client.force_login(county.liaison)
    assert client.get(url).status_code == 403


def test_office_creates_an_exam_with_its_composition_rules(county, client):
    from fazhi.legal_education.models import Exam

    from . import factories

    bank = factories.bank(county)
    client.force_login(county.office)
    data = {"title": "新建的考试", "bank": bank.pk, "starts_at": "2026-12-01T08:00", "ends_at": "2026-12-02T18:00",
            "duration_minutes": 60, "attempts_allowed": 1, "eligible_units": [county.market.pk],
            "single_count": 4, "single_points": 10, "multiple_count": 2, "multiple_points": 15, "judge_count": 3,
            "judge_points": 10, "pass_mark": 60, "publish": "on"}
    r = client.post(reverse("legal_education:exam_create"), data)
    assert r.status_code == 302
    exam = Exam.objects.get(title="新建的考试")
    assert exam.total_points == 100 and exam.status == "published"
    data.update(title="题量过多", single_count=99)
    page = client.post(reverse("legal_education:exam_create"), data).content.decode()
    assert "不足99道" in page


def test_public_pages_show_accepted_duty_lists_only(county, client):
    dl = services.duty_list_save(actor=county.liaison, unit=county.market, year=2019, items=[ITEM])
    url = reverse("legal_education:public_duty_lists")
    assert ITEM["content"] not in client.get(url).content.decode()
    services.duty_list_step(actor=county.liaison, duty_list=dl, action="submit")
    services.duty_list_step(actor=county.office, duty_list=dl, action="accept")
    assert ITEM["content"] in client.get(url).content.decode()
    assert client.get(reverse("legal_education:public_sites")).status_code == 200
