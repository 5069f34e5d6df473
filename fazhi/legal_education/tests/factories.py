"""Test records of the legal-education module: a small bank and an exam on the persona county."""
import datetime

from fazhi.core import clock
from fazhi.core.text import compare_key
from fazhi.legal_education import services
from fazhi.legal_education.models import Question, QuestionBank


def bank(county, n_single=6, n_multiple=3, n_judge=4):
    b = QuestionBank.objects.create(name="测试题库", unit=county.justice)
    rows = []
    for i in range(n_single):
        stem = f"单选题{i}：依法行政的要求是（ ）"
        rows.append(Question(bank=b, kind="single", stem=stem, options=["甲", "乙", "丙", "丁"], answer="B",
                             key=compare_key(stem)))
    for i in range(n_multiple):
        rows.append(Question(bank=b, kind="multiple", stem=f"多选题{i}", options=["甲", "乙", "丙", "丁"], answer="AC",
                             key=compare_key(f"多选题{i}")))
    for i in range(n_judge):
        rows.append(Question(bank=b, kind="judge", stem=f"判断题{i}", options=["正确", "错误"], answer="A",
                             key=compare_key(f"判断题{i}")))
    Question.objects.bulk_create(rows)
    return b


RULES = [{"kind": "single", "count": 4, "points": 10}, {"kind": "multiple", "count": 2, "points": 15},
         {"kind": "judge", "count": 3, "points": 10}]  # 100 points


def exam(county, *, start=None, hours=2, duration=30, attempts=1, units=None, users=(), makeup_of=None,
         the_bank=None, pass_mark=60, **kw):
    start = start or clock.now() - datetime.timedelta(minutes=5)
    return services.exam_create(
        actor=county.office, title=kw.pop("title", "2019年度学法用法考试"), unit=county.justice,
        bank=the_bank or bank(county), starts_at=start, ends_at=start + datetime.timedelta(hours=hours),
        duration_minutes=duration, attempts_allowed=attempts, rules=kw.pop("rules", RULES), pass_mark=pass_mark,
        eligible_units=units if units is not None else [county.market], eligible_users=users, makeup_of=makeup_of,
        publish=kw.pop("publish", True), **kw)


def answer_all(attempt, token, *, right=True, now=None):
    """Answer every question (right or wrong) through the service, as shown letters."""
    from fazhi.legal_education.models import LETTERS
    from fazhi.legal_education.services.exams import shown_letters

    for i, e in enumerate(attempt.paper):
        q = Question.objects.get(pk=e["q"])
        letters = shown_letters(attempt, e, q.answer) if right else shown_letters(
            attempt, e, "D" if q.kind != "judge" else ("B" if q.answer == "A" else "A"))
        services.save_answer(actor=attempt.user, attempt_id=attempt.pk, token=token, position=i,
                             chosen=letters or LETTERS[0], seq=i + 1, now=now)


def start(client, exam):
    """开始考试 as the start page sends it; the answer is the paper itself. Returns the paper's own address."""
    import re

    from django.urls import reverse

    response = client.post(reverse("legal_education:exam_start", args=[exam.pk]))
    assert response.status_code == 200, response
    return re.search(r'data-url="([^"]+)"', response.content.decode()).group(1)
