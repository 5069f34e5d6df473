"""The start spike: starting an attempt, its page and an autosave cost the same number of queries whether the
paper has 10 or 50 questions (thousands of examinees start within a minute and save every answer)."""
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.legal_education import services
from fazhi.legal_education.models import Answer
from fazhi.legal_education.services.exams import shown_letters

from . import factories as f

pytestmark = pytest.mark.django_db


def _queries(county, client, n):
    rules = [{"kind": "single", "count": n - 10, "points": 1}, {"kind": "multiple", "count": 5, "points": 2},
             {"kind": "judge", "count": 5, "points": 1}]
    exam = f.exam(county, the_bank=f.bank(county, n_single=n, n_multiple=10, n_judge=10), rules=rules,
                  title=f"{n}题考试")
    client.force_login(county.liaison)
    counts = {}

    def count(name, fn):
        with CaptureQueriesContext(connection) as c:
            r = fn()
        counts[name] = len(c)
        return r

    r = count("start", lambda: client.post(reverse("legal_education:exam_start", args=[exam.pk])))
    assert r.status_code == 200 and r.content.decode().count('class="mb-3 question"') == n  # the paper itself
    take = re.search(r'data-url="([^"]+)"', r.content.decode()).group(1)
    r = count("page", lambda: client.get(take))  # a reload
    assert r.status_code == 200 and r.content.decode().count('class="mb-3 question"') == n
    token = re.search(r'data-token="([0-9a-f]+)"', r.content.decode()).group(1)
    for seq in (1, 2):  # the first save of a question inserts, the next updates
        r = count(f"save{seq}", lambda s=seq: client.post(
            take + "answer/", json.dumps({"token": token, "position": n - 1, "chosen": "A", "seq": s}),
            content_type="application/json"))
        assert r.json()["ok"]
    assert Answer.objects.filter(attempt__exam=exam).count() == 1
    return counts


def test_start_page_and_save_queries_do_not_grow_with_the_paper(county, client):
    small, large = _queries(county, client, 10), _queries(county, client, 50)
    assert small == large, (small, large)
    # the autosave: session and user, the locked attempt, one write (an insert the first time), the session
    assert large["save2"] <= 9 and large["save1"] <= large["save2"] + 1
    # the start grades nothing when nothing is due and answers with the paper; a reload writes no session
    assert large["start"] <= 20 and large["page"] <= 8, large


def test_save_of_anyone_elses_attempt_is_404_and_only_post_saves(county, client):
    exam = f.exam(county, units=[county.market, county.justice])
    attempt, token = services.attempt_start(actor=county.liaison, exam=exam)
    url = reverse("legal_education:attempt_save", args=[attempt.pk])
    client.force_login(county.officer)
    body = json.dumps({"token": token, "position": 0, "chosen": "A", "seq": 1})
    r = client.post(url, body, content_type="application/json")
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    assert client.get(url).status_code == 404
    assert client.post(url, "{not json", content_type="application/json").status_code == 404
    client.force_login(county.liaison)
    assert client.post(url, "{not json", content_type="application/json").status_code == 400
    assert client.get(url).status_code == 405
    assert not Answer.objects.filter(attempt=attempt).exists()


def test_submit_queries_do_not_grow_with_the_paper(county, client):
    """Grading is one pass: the answers marked right and wrong in two updates at most, whatever the paper."""
    counts = []
    for n in (10, 50):
        rules = [{"kind": "single", "count": n, "points": 1}]
        exam = f.exam(county, the_bank=f.bank(county, n_single=n), rules=rules, title=f"{n}题交卷")
        client.force_login(county.liaison)
        take = f.start(client, exam)
        token = re.search(r'data-token="([0-9a-f]+)"', client.get(take).content.decode()).group(1)
        attempt = exam.attempts.get()
        half = len(attempt.paper) // 2
        f.answer_all(attempt, token)  # all right, then the first half changed to wrong
        for i in range(half):
            services.save_answer(actor=county.liaison, attempt_id=attempt.pk, token=token, position=i,
                                 chosen=shown_letters(attempt, attempt.paper[i], "A"), seq=1000 + i)
        with CaptureQueriesContext(connection) as c:
            assert client.post(take + "submit/").status_code == 302
        counts.append(len(c))
        attempt.refresh_from_db()
        assert attempt.score == n - half
        assert Answer.objects.filter(attempt=attempt, correct=True).count() == n - half
        assert Answer.objects.filter(attempt=attempt, correct=False).count() == half
    assert counts[0] == counts[1] and counts[1] <= 21, counts
