"""Every exam rule with a refused and an allowed case (window, duration, attempts, eligibility, make-up,
deadline refusal, grading at the deadline, takeover, no answers before or during the window)."""
import datetime
import re
import threading

import pytest
from django.db import connection
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.audit import AuditEntry
from fazhi.core.errors import DomainError
from fazhi.legal_education import services
from fazhi.legal_education.models import Answer, Attempt, Question
from fazhi.legal_education.services.exams import start_refusal

from . import factories as f

pytestmark = pytest.mark.django_db

MIN = datetime.timedelta(minutes=1)


def test_window_refuses_before_and_after_and_allows_inside(county):
    now = clock.now()
    early = f.exam(county, start=now + 10 * MIN)
    assert "尚未开始" in start_refusal(county.liaison, early, now)
    late = f.exam(county, start=now - 200 * MIN, hours=1)
    assert start_refusal(county.liaison, late, now) == "考试已结束"
    inside = f.exam(county)
    assert start_refusal(county.liaison, inside, now) is None
    attempt, _ = services.attempt_start(actor=county.liaison, exam=inside)
    assert attempt.pk


def test_deadline_is_start_plus_duration_or_window_end(county):
    now = clock.now()
    exam = f.exam(county, start=now - 5 * MIN, hours=2, duration=30)
    attempt, _ = services.attempt_start(actor=county.liaison, exam=exam, now=now)
    assert attempt.deadline == now + 30 * MIN
    short = f.exam(county, start=now - 50 * MIN, hours=1, duration=30, title="窗口将尽")
    attempt2, _ = services.attempt_start(actor=county.liaison, exam=short, now=now)
    assert attempt2.deadline == short.ends_at


def test_eligibility_by_unit_or_person(county):
    exam = f.exam(county, units=[county.market], users=[county.reviewer])
    assert start_refusal(county.outsider, exam) == "您不在本场考试的参考范围内"
    with pytest.raises(DomainError):
        services.attempt_start(actor=county.outsider, exam=exam)
    assert start_refusal(county.liaison, exam) is None
    assert start_refusal(county.reviewer, exam) is None


def test_attempts_allowed(county):
    exam = f.exam(county, attempts=1)
    attempt, token = services.attempt_start(actor=county.liaison, exam=exam)
    # the open attempt is resumed, not a second one
    again, same = services.attempt_start(actor=county.liaison, exam=exam, token=token)
    assert again.pk == attempt.pk and same == token
    services.attempt_submit(actor=county.liaison, attempt=attempt, token=token)
    assert "次考试机会" in start_refusal(county.liaison, exam)
    two = f.exam(county, attempts=2, title="可考两次")
    a, t = services.attempt_start(actor=county.liaison, exam=two)
    services.attempt_submit(actor=county.liaison, attempt=a, token=t)
    assert start_refusal(county.liaison, two) is None
    b, _ = services.attempt_start(actor=county.liaison, exam=two)
    assert b.number == 2


def test_makeup_only_for_those_who_failed_or_did_not_sit(county):
    now = clock.now()
    original = f.exam(county, start=now - 300 * MIN, hours=4, units=[county.market], title="原考试")
    # the liaison passed, a colleague failed, the officer (market station) is not eligible
    a, t = services.attempt_start(actor=county.liaison, exam=original, now=now - 200 * MIN)
    f.answer_all(a, t, right=True, now=now - 199 * MIN)
    services.attempt_submit(actor=county.liaison, attempt=a, token=t, now=now - 198 * MIN)
    from fazhi.orgs.models import User

    failed = User.objects.create(username="le_failed", full_name="补考人员", unit=county.market)
    b, t2 = services.attempt_start(actor=failed, exam=original, now=now - 200 * MIN)
    services.attempt_submit(actor=failed, attempt=b, token=t2, now=now - 190 * MIN)
    absent = User.objects.create(username="le_absent", full_name="缺考人员", unit=county.market)
    makeup = f.exam(county, makeup_of=original, units=[county.market, county.water], title="补考")
    assert start_refusal(county.liaison, makeup) == "您已通过原考试，无需补考"
    assert start_refusal(county.outsider, makeup) == "补考仅限原考试的参考人员"
    assert start_refusal(failed, makeup) is None
    assert start_refusal(absent, makeup) is None


def test_answers_after_the_deadline_are_refused_and_before_are_kept(county):
    now = clock.now()
    exam = f.exam(county, duration=10)
    attempt, token = services.attempt_start(actor=county.liaison, exam=exam, now=now)
    services.save_answer(actor=county.liaison, attempt_id=attempt.pk, token=token, position=0, chosen="A", seq=1,
                         now=now + 9 * MIN)
    with pytest.raises(DomainError) as e:
        services.save_answer(actor=county.liaison, attempt_id=attempt.pk, token=token, position=1, chosen="A",
                             seq=2, now=now + 10 * MIN)
    assert e.value.code == "deadline"
    assert Answer.objects.filter(attempt=attempt).count() == 1


def test_unsubmitted_attempt_is_graded_at_the_deadline_with_saved_answers(county):
    now = clock.now()
    exam = f.exam(county, duration=10)
    attempt, token = services.attempt_start(actor=county.liaison, exam=exam, now=now)
    f.answer_all(attempt, token, right=True, now=now + MIN)
    assert services.finalize_due(now=now + 9 * MIN, exam=exam) == 0  # not yet
    assert services.finalize_due(now=now + 11 * MIN, exam=exam) == 1
    attempt.refresh_from_db()
    assert attempt.status == "expired" and attempt.submitted_at == attempt.deadline
    assert attempt.score == 100 and attempt.passed
    assert AuditEntry.objects.filter(event_name="legal_education.attempt_graded", object_id=str(attempt.pk)).exists()


def test_grading_all_or_nothing_and_partial_when_configured(county):
    exam = f.exam(county)
    q = Question.objects.filter(bank=exam.bank, kind="multiple").first()
    assert services.exams.score_of(exam, q, "A", 15)[0] == 0
    assert services.exams.score_of(exam, q, "AC", 15)[0] == 15
    exam.multiple_partial = True
    assert services.exams.score_of(exam, q, "A", 15)[0] == 7.5
    assert services.exams.score_of(exam, q, "AB", 15)[0] == 0


def test_second_browser_takes_over_and_the_first_is_told(county):
    exam = f.exam(county)
    attempt, first = services.attempt_start(actor=county.liaison, exam=exam)
    same, kept = services.attempt_open(actor=county.liaison, attempt=attempt, token=first)
    assert kept == first  # the same browser (a reload) keeps the attempt
    _, second = services.attempt_open(actor=county.liaison, attempt=attempt, token=None)
    assert second != first
    with pytest.raises(DomainError) as e:
        services.save_answer(actor=county.liaison, attempt_id=attempt.pk, token=first, position=0, chosen="A", seq=1)
    assert e.value.code == "taken_over" and "另一个浏览器" in e.value.message
    services.save_answer(actor=county.liaison, attempt_id=attempt.pk, token=second, position=0, chosen="A", seq=2)
    assert AuditEntry.objects.filter(event_name="legal_education.attempt_taken_over").exists()


def test_answer_saves_are_not_audited(county):
    exam = f.exam(county)
    attempt, token = services.attempt_start(actor=county.liaison, exam=exam)
    before = AuditEntry.objects.count()
    f.answer_all(attempt, token)
    assert AuditEntry.objects.count() == before


def test_no_questions_before_the_start_and_no_answers_during_the_window(county, client):
    exam = f.exam(county)
    client.force_login(county.liaison)
    intro = client.get(reverse("legal_education:exam_start", args=[exam.pk])).content.decode()
    assert "单选题0" not in intro and "开始考试" in intro
    response = client.post(reverse("legal_education:exam_start", args=[exam.pk]))
    attempt = Attempt.objects.get(exam=exam, user=county.liaison)
    # 开始考试 answers with the paper, which names its own address for the address bar (a reload is a GET)
    take = reverse("legal_education:attempt_take", args=[attempt.pk])
    assert response.status_code == 200 and f'data-url="{take}"' in response.content.decode()
    page = client.get(take).content.decode()
    assert "题" in page and 'name="q0"' in page and _squash(page) == _squash(response.content.decode())
    for word in ("answer", "正确答案", "解析", "考点"):
        assert word not in page.replace("attempt_save", "").replace("/answer/", "")
    # review is refused while the window is open, allowed after it closes
    review = client.get(reverse("legal_education:attempt_review", args=[attempt.pk]))
    assert review.status_code == 302
    from unittest import mock

    with mock.patch("fazhi.core.clock.now", return_value=exam.ends_at + MIN):
        page = client.get(reverse("legal_education:attempt_review", args=[attempt.pk])).content.decode()
    assert "正确答案" in page


def test_other_people_cannot_open_or_save_an_attempt(county, client):
    exam = f.exam(county)
    attempt, token = services.attempt_start(actor=county.liaison, exam=exam)
    client.force_login(county.outsider)
    assert client.get(reverse("legal_education:attempt_take", args=[attempt.pk])).status_code == 404
    r = client.post(reverse("legal_education:attempt_save", args=[attempt.pk]),
                    data={"token": token, "position": 0, "chosen": "A", "seq": 1}, content_type="application/json")
    assert r.status_code == 404


def test_save_endpoint_and_reload_keeps_answers(county, client):
    exam = f.exam(county)
    client.force_login(county.liaison)
    client.post(reverse("legal_education:exam_start", args=[exam.pk]))
    attempt = Attempt.objects.get(exam=exam, user=county.liaison)
    token = client.session[f"le_attempt_{attempt.pk}"]
    r = client.post(reverse("legal_education:attempt_save", args=[attempt.pk]),
                    data={"token": token, "position": 0, "chosen": "B", "seq": 5}, content_type="application/json")
    assert r.json() == {"ok": True, "saved": True}
    page = client.get(reverse("legal_education:attempt_take", args=[attempt.pk])).content.decode()
    assert 'value="B" checked' in page
    assert client.session[f"le_attempt_{attempt.pk}"] == token  # a reload is not a takeover


def test_out_of_order_saves_keep_the_later_choice_in_one_row(county):
    """The path a simultaneous save takes on SQLite (which serialises writers): the insert meets the unique
    constraint and the later choice (by the page's ``seq``) is kept."""
    exam = f.exam(county)
    attempt, token = services.attempt_start(actor=county.liaison, exam=exam)
    services.save_answer(actor=county.liaison, attempt_id=attempt.pk, token=token, position=0, chosen="C", seq=7)
    services.save_answer(actor=county.liaison, attempt_id=attempt.pk, token=token, position=0, chosen="A", seq=6)
    services.save_answer(actor=county.liaison, attempt_id=attempt.pk, token=token, position=1, chosen="B", seq=3)
    services.save_answer(actor=county.liaison, attempt_id=attempt.pk, token=token, position=1, chosen="D", seq=4)
    from fazhi.legal_education.services.exams import shown_letters

    rows = {a.question_id: a.chosen for a in Answer.objects.filter(attempt=attempt)}
    assert len(rows) == 2 and Answer.objects.filter(attempt=attempt).count() == 2
    assert shown_letters(attempt, attempt.paper[0], rows[attempt.paper[0]["q"]]) == "C"
    assert shown_letters(attempt, attempt.paper[1], rows[attempt.paper[1]["q"]]) == "D"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_keep_the_later_and_never_duplicate(county):
    if connection.vendor != "postgresql":
        pytest.skip("simultaneous writers are tested on PostgreSQL; the SQLite test database serialises them")
    exam = f.exam(county, title="并发保存")
    attempt, token = services.attempt_start(actor=county.liaison, exam=exam)
    barrier = threading.Barrier(2)
    errors = []

    def save(letter, seq):
        try:
            barrier.wait()
            services.save_answer(actor=county.liaison, attempt_id=attempt.pk, token=token, position=0, chosen=letter,
                                 seq=seq)
        except Exception as e:  # noqa: BLE001
            errors.append(e)
        finally:
            connection.close()

    for _round in range(5):
        threads = [threading.Thread(target=save, args=("C", 20 + _round * 2)),
                   threading.Thread(target=save, args=("A", 19 + _round * 2))]
        [t.start() for t in threads]
        [t.join() for t in threads]
    assert not errors, errors
    rows = Answer.objects.filter(attempt=attempt)
    assert rows.count() == 1
    from fazhi.legal_education.services.exams import shown_letters

    assert shown_letters(attempt, attempt.paper[0], rows.get().chosen) == "C"


def _squash(html):
    """The page without its per-response parts (the CSRF token differs between two responses)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
