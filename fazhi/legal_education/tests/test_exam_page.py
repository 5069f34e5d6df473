"""The attempt page's paper is rendered in Python (the template tags in ``exam_paper``): the markup is the one the
template loop gave (what exam.js reads), every text is escaped, and no answer, 考点 or 解析 reaches the page."""
import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from fazhi.legal_education import selectors, services
from fazhi.legal_education.models import Attempt, Question
from fazhi.legal_education.templatetags.exam_paper import exam_nav, exam_questions

from . import factories as f

pytestmark = pytest.mark.django_db

# the template loop the tags replace, kept here as the reference for the markup
LOOP = Template("""{% for it in items %}<a class="btn btn-sm {% if it.chosen %}btn-success{% else %}btn-outline-secondary{% endif %} me-1 mb-1 exam-nav" id="nav-{{ it.position }}" href="#q-{{ it.position }}">{{ it.number }}</a>{% endfor %}
{% for it in items %}
<fieldset class="mb-3 question" id="q-{{ it.position }}" data-position="{{ it.position }}" data-multiple="{{ it.multiple|yesno:'1,0' }}">
  <legend class="h6">{{ it.number }}．（{{ it.kind_label }}）{{ it.stem|linebreaksbr }}</legend>
  {% for letter, text, checked in it.options %}
  <div class="form-check"><input class="form-check-input" type="{{ it.input_type }}" name="q{{ it.position }}" id="q{{ it.position }}{{ letter }}" value="{{ letter }}"{% if checked %} checked{% endif %}>
    <label class="form-check-label" for="q{{ it.position }}{{ letter }}">{{ letter }}．{{ text }}</label></div>
  {% endfor %}
  <small class="save-state text-muted" id="state-{{ it.position }}">{% if it.chosen %}已保存{% endif %}</small>
</fieldset>
{% endfor %}""")


def _squash(html):
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


def _exam_with_tricky_texts(county):
    bank = f.bank(county, n_single=3, n_multiple=2, n_judge=2)
    Question.objects.filter(bank=bank, kind="single").update(
        stem='依法行政<script>alert("x")</script>\n第二行 & "引号"', options=["<b>甲</b>", "乙&丙", "'丁'", "戊"],
        point="考点秘密文字", explanation="解析秘密文字")
    Question.objects.filter(bank=bank).exclude(kind="single").update(point="考点秘密文字", explanation="解析秘密文字")
    rules = [{"kind": "single", "count": 3, "points": 2}, {"kind": "multiple", "count": 2, "points": 2},
             {"kind": "judge", "count": 2, "points": 2}]
    return f.exam(county, the_bank=bank, rules=rules)


def test_the_paper_markup_equals_the_template_loop_and_escapes_every_text(county):
    exam = _exam_with_tricky_texts(county)
    attempt, token = services.attempt_start(actor=county.liaison, exam=exam)
    services.save_answer(actor=county.liaison, attempt_id=attempt.pk, token=token, position=0, chosen="B", seq=1)
    multiple = next(i for i, e in enumerate(attempt.paper) if Question.objects.get(pk=e["q"]).kind == "multiple")
    services.save_answer(actor=county.liaison, attempt_id=attempt.pk, token=token, position=multiple, chosen="AC",
                         seq=2)
    items = selectors.paper_for_examinee(Attempt.objects.get(pk=attempt.pk))
    html = exam_nav(items) + "\n" + exam_questions(items)
    assert _squash(html) == _squash(LOOP.render(Context({"items": items})))
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" not in html and "<br>" in html
    assert 'id="q0B" value="B" checked' in html and 'type="checkbox"' in html and 'btn-success' in html


def test_the_attempt_page_carries_no_answer_point_or_explanation(county, client):
    exam = _exam_with_tricky_texts(county)
    client.force_login(county.liaison)
    take = f.start(client, exam)
    page = client.get(take).content.decode()
    assert page.count('class="mb-3 question"') == 7 and 'data-token="' in page
    assert "考点秘密文字" not in page and "解析秘密文字" not in page and "正确答案" not in page
    assert "<script>alert" not in page


def test_a_start_grades_the_attempt_past_its_deadline_before_counting(county):
    """The start skips the grading query when no attempt is due; one that is due is graded first and counts."""
    import datetime

    from fazhi.core import clock
    from fazhi.core.errors import DomainError

    now, minute = clock.now(), datetime.timedelta(minutes=1)
    twice = f.exam(county, duration=10, attempts=2, title="两次机会")
    first, token = services.attempt_start(actor=county.liaison, exam=twice, now=now)
    f.answer_all(first, token, now=now + minute)
    second, _ = services.attempt_start(actor=county.liaison, exam=twice, now=now + 11 * minute)
    first.refresh_from_db()
    assert first.status == "expired" and first.score == 100 and second.number == 2 and second.pk != first.pk
    once = f.exam(county, duration=10, attempts=1, title="一次机会")
    services.attempt_start(actor=county.liaison, exam=once, now=now)
    with pytest.raises(DomainError, match="次考试机会"):
        services.attempt_start(actor=county.liaison, exam=once, now=now + 11 * minute)
    assert once.attempts.get().status == "expired"


def test_the_attempt_page_past_the_deadline_grades_it_and_leads_to_the_results(county, client):
    from unittest import mock

    exam = f.exam(county, duration=10)
    client.force_login(county.liaison)
    take = f.start(client, exam)
    attempt = exam.attempts.get()
    with mock.patch("fazhi.core.clock.now", return_value=attempt.deadline):
        assert client.get(take)["Location"] == reverse("legal_education:my_exams")
    attempt.refresh_from_db()
    assert attempt.status == "expired"
    assert client.get(take)["Location"] == reverse("legal_education:my_exams")  # graded: never the paper again


def test_the_exam_pages_have_no_menu_to_wander_off_by(county, client):
    """The start page and the paper use the focused exam layout: who is sitting and the way back, no main menu."""
    exam = f.exam(county)
    client.force_login(county.liaison)
    intro = client.get(reverse("legal_education:exam_start", args=[exam.pk])).content.decode()
    take = f.start(client, exam)
    paper = client.get(take).content.decode()
    for page in (intro, paper):
        assert 'aria-label="主菜单"' not in page and "修改密码" not in page
        assert county.liaison.full_name in page and county.liaison.unit.name in page
        assert f'href="{reverse("legal_education:my_exams")}">我的考试</a>' in page
    assert 'aria-label="主菜单"' in client.get(reverse("legal_education:my_exams")).content.decode()


def test_the_start_page_counts_down_to_an_exam_opening_soon_and_the_start_waits_for_it(county, client):
    import datetime
    from unittest import mock

    from fazhi.core import clock

    now = clock.now()
    soon = f.exam(county, start=now + datetime.timedelta(minutes=30), title="半小时后开考")
    later = f.exam(county, start=now + datetime.timedelta(hours=3), title="三小时后开考")
    client.force_login(county.liaison)
    start = reverse("legal_education:exam_start", args=[soon.pk])
    with mock.patch("fazhi.core.clock.now", return_value=now):
        page = client.get(start).content.decode()
        assert "距开考还有" in page and 'id="exam-begin" disabled' in page and "exam_wait.js" in page
        assert re.search(r'data-opens-in="(\d+)"', page).group(1) == str(30 * 60 * 1000)
        # the button is only a convenience: a start before the opening is refused, and nothing is created
        refused = client.post(start, follow=True).content.decode()
        assert "考试尚未开始" in refused and not soon.attempts.exists()
        # hours away: no countdown, the reason
        far = client.get(reverse("legal_education:exam_start", args=[later.pk])).content.decode()
        assert "考试尚未开始" in far and "距开考" not in far and "开始考试</button>" not in far
    # someone outside the exam never sees it, waiting or not
    client.force_login(county.outsider)
    assert client.get(start).status_code == 404
    client.force_login(county.liaison)
    with mock.patch("fazhi.core.clock.now", return_value=soon.starts_at):
        page = client.get(start).content.decode()
        assert "距开考" not in page and 'type="submit">开始考试</button>' in page
        assert 'class="mb-3 question"' in client.post(start).content.decode()
    assert soon.attempts.count() == 1


def test_the_paper_after_a_start_shows_the_drawn_questions_without_reading_them_again(county, client):
    """At an exam's opening thousands start within a minute: the start's answer (the paper) reads the questions
    only as it draws them, and no saved answer (a new attempt has none), yet shows what a reload shows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    exam = _exam_with_tricky_texts(county)
    client.force_login(county.liaison)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("legal_education:exam_start", args=[exam.pk]))
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum('FROM "legal_education_question"' in s for s in sql) == 2  # the pool, then the drawn questions
    assert not any('FROM "legal_education_answer"' in s for s in sql)
    take = re.search(r'data-url="([^"]+)"', response.content.decode()).group(1)
    paper = re.compile(r'<nav class="mb-3" aria-label="题目导航">.*?<form', re.S)
    assert paper.search(response.content.decode()).group(0) == paper.search(client.get(take).content.decode()).group(0)
    assert response.content.decode().count('class="mb-3 question"') == 7
