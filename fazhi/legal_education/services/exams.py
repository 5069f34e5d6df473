"""The online law exam (学法用法考试): composing, starting, answering, submitting and grading.

The rules the server keeps, whatever the browser does:

- only a published exam, inside its window, for a person it names (by unit or by name), within the number of
  attempts allowed; a make-up exam only for those eligible for the original who failed it or did not sit it;
- the deadline of an attempt is decided at its start: the earlier of start + duration and the window's end;
  an answer after the deadline is refused, and an attempt not submitted by then is graded at the deadline
  with the answers saved (``finalize_due``, run by every page that reads results);
- one browser holds an attempt (``token``); opening it in another browser takes it over and the first browser's
  next save is refused with a message saying so;
- one answer row per question (database constraint); a save updates it; of two saves the later choice
  (``seq``, counted by the page) is kept. A save is one transaction: the attempt row read with a row lock
  (``FOR NO KEY UPDATE`` on PostgreSQL, the write lock on SQLite), then one upsert (``_UPSERT``) — a submission
  or grading (``FOR UPDATE``) waits for it, so an acknowledged answer is always graded.

Audit: start, takeover, submission and grading are audited; answer saves are not (see ``_base``).
"""
import datetime
import random
import secrets
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q

from fazhi.core import audit, clock
from fazhi.core.errors import DomainError

from ..choices import AttemptStatus, ExamStatus, PaperMode, QuestionKind
from ..models import LETTERS, Answer, Attempt, Exam, Question
from ._base import check

RULE_DEADLINE = "考试须在规定时间内完成，超过截止时间的作答不予保存"


def _policy():
    from ..policies import ExamPolicy

    return ExamPolicy()


# Composition ----------------------------------------------------------------------------------------

def check_rules(bank, rules, paper_mode=PaperMode.RANDOM, fixed=()):
    """The composition rules must be drawable from the bank (enough active questions of each kind)."""
    if paper_mode == PaperMode.FIXED:
        found = Question.objects.filter(bank=bank, is_active=True, pk__in=fixed).count()
        if not fixed or found != len(set(fixed)):
            raise DomainError("固定试卷的试题必须是本题库中启用的试题。", field="fixed_questions")
        return
    if not rules or not any(r.get("count") for r in rules):
        raise DomainError("请设置组卷规则（各题型的题量和分值）。", field="rules")
    labels = dict(QuestionKind.choices)
    for r in rules:
        have = Question.objects.filter(bank=bank, kind=r["kind"], is_active=True).count()
        if have < r["count"]:
            raise DomainError(f"题库中的{labels[r['kind']]}只有{have}道，不足{r['count']}道。", field="rules")


def exam_create(*, actor, title, unit, bank, starts_at, ends_at, duration_minutes, attempts_allowed, rules,
                pass_mark, eligible_units=(), eligible_users=(), makeup_of=None, paper_mode=PaperMode.RANDOM,
                fixed_questions=(), multiple_partial=False, publish=False):
    check(_policy(), actor, "create")
    if ends_at <= starts_at:
        raise DomainError("截止时间必须晚于开考时间。", field="ends_at")
    if duration_minutes <= 0:
        raise DomainError("答题时长必须大于0分钟。", field="duration_minutes")
    if attempts_allowed <= 0:
        raise DomainError("允许考试次数至少为1次。", field="attempts_allowed")
    check_rules(bank, rules, paper_mode, fixed_questions)
    with transaction.atomic():
        exam = Exam.objects.create(
            title=title, unit=unit, bank=bank, starts_at=starts_at, ends_at=ends_at,
            duration_minutes=duration_minutes, attempts_allowed=attempts_allowed, rules=list(rules),
            pass_mark=Decimal(str(pass_mark)), makeup_of=makeup_of, paper_mode=paper_mode,
            fixed_questions=list(fixed_questions), multiple_partial=multiple_partial,
            status=ExamStatus.PUBLISHED if publish else ExamStatus.DRAFT)
        exam.eligible_units.set(eligible_units)
        exam.eligible_users.set(eligible_users)
        audit.record(actor=actor, event="legal_education.exam_created", obj=exam,
                     changes={"title": [None, title], "rules": [None, rules], "pass_mark": [None, str(pass_mark)]})
    return exam


def exam_publish(*, actor, exam):
    check(_policy(), actor, "publish", exam)
    check_rules(exam.bank, exam.rules, exam.paper_mode, exam.fixed_questions)
    with transaction.atomic():
        Exam.objects.filter(pk=exam.pk).update(status=ExamStatus.PUBLISHED)
        exam.status = ExamStatus.PUBLISHED
        audit.record(actor=actor, event="legal_education.exam_published", obj=exam)
    return exam


#: What the examinee's paper shows of a question (never the answer, 考点 or 解析).
PAPER_FIELDS = ("pk", "kind", "stem", "options")


def draw_paper(exam, rng=None, questions=None):
    """One paper for one attempt: questions drawn by the rules, options shuffled (true/false kept).
    ``questions``: a dict filled with the drawn questions (``PAPER_FIELDS``), for the page that shows them."""
    rng = rng or random.SystemRandom()
    if exam.paper_mode == PaperMode.FIXED:
        points = {r["kind"]: r["points"] for r in exam.rules}
        rows = dict(Question.objects.filter(pk__in=exam.fixed_questions).values_list("pk", "kind"))
        chosen = [(pk, rows[pk], points.get(rows[pk], 1)) for pk in exam.fixed_questions if pk in rows]
    else:
        pools = {r["kind"]: [] for r in exam.rules}  # one query for the bank's active ids of every kind drawn
        for pk, kind in (Question.objects.filter(bank_id=exam.bank_id, kind__in=list(pools), is_active=True)
                         .order_by("pk").values_list("pk", "kind")):
            pools[kind].append(pk)
        chosen = []
        for r in exam.rules:
            ids = pools[r["kind"]]
            if len(ids) < r["count"]:
                raise DomainError("题库试题不足，无法组卷，请联系考试组织单位。")
            chosen += [(pk, r["kind"], r["points"]) for pk in rng.sample(ids, r["count"])]
    rows = {q.pk: q for q in Question.objects.filter(pk__in=[c[0] for c in chosen]).only(*PAPER_FIELDS)}
    if questions is not None:
        questions.update(rows)
    paper = []
    for pk, kind, pts in chosen:
        order = list(range(len(rows[pk].options)))
        if exam.paper_mode == PaperMode.RANDOM and kind != QuestionKind.JUDGE:
            rng.shuffle(order)
        paper.append({"q": pk, "order": order, "points": pts})
    return paper


# Who may sit ---------------------------------------------------------------------------------------

def is_eligible(user, exam):
    """Named by unit or by person; remembered on ``exam`` for the request (the page and the service both ask)."""
    known = exam.__dict__.setdefault("_eligible", {})
    if user.pk not in known:
        known[user.pk] = (exam.eligible_units.filter(pk=user.unit_id).exists()
                          or exam.eligible_users.filter(pk=user.pk).exists())
    return known[user.pk]


def passed_original(user, exam):
    return Attempt.objects.filter(exam=exam, user=user, passed=True).exists()


def start_refusal(user, exam, now=None, mine=None):
    """``None`` when ``user`` may start an attempt of ``exam`` now, else the reason (an open attempt is resumed,
    never refused). ``mine``: the user's attempts of ``exam`` when the caller has read them already."""
    now = now or clock.now()
    if user is None or not user.is_authenticated:
        return "请先登录。"
    if exam.status != ExamStatus.PUBLISHED:
        return "考试尚未发布"
    if not is_eligible(user, exam):
        return "您不在本场考试的参考范围内"
    if exam.makeup_of_id:
        original = exam.makeup_of
        if not is_eligible(user, original):
            return "补考仅限原考试的参考人员"
        if passed_original(user, original):
            return "您已通过原考试，无需补考"
    if now < exam.starts_at:
        return f"考试尚未开始（{clock.local(exam.starts_at):%Y-%m-%d %H:%M}开考）"
    if now >= exam.ends_at:
        return "考试已结束"
    if mine is None:
        used = Attempt.objects.filter(exam=exam, user=user).exclude(status=AttemptStatus.OPEN).count()
        resumable = used >= exam.attempts_allowed and open_attempt(user, exam, now)
    else:
        used = sum(1 for a in mine if a.status != AttemptStatus.OPEN)
        resumable = _open_of(mine, now)
    if used >= exam.attempts_allowed and not resumable:
        return f"您已用完本场考试的{exam.attempts_allowed}次考试机会"
    return None


#: How long before its window an exam's start page waits for it (a countdown, the 开始考试 button enabled at the
#: opening time) instead of saying it has not begun: examinees sign in early and start together.
WAIT_BEFORE_OPENING = datetime.timedelta(hours=2)


def opens_for(user, exam, now=None):
    """When ``exam`` opens, if that is all that stands between ``user`` and starting it (eligible, chances left,
    opening within ``WAIT_BEFORE_OPENING``); else ``None``. The start itself is still refused until then."""
    now = now or clock.now()
    if not now < exam.starts_at <= now + WAIT_BEFORE_OPENING:
        return None
    return exam.starts_at if start_refusal(user, exam, exam.starts_at) is None else None


def open_attempt(user, exam, now=None):
    now = now or clock.now()
    return Attempt.objects.filter(exam=exam, user=user, status=AttemptStatus.OPEN, deadline__gt=now).first()


def _open_of(mine, now):
    return next((a for a in mine if a.status == AttemptStatus.OPEN and a.deadline > now), None)


def attempt_start(*, actor, exam, now=None, token=None, token_for=None):
    """Start (or resume) ``actor``'s attempt: returns ``(attempt, token)``; the view keeps the token in the
    browser's session (``token_for(attempt_pk)``: the token this browser holds for an attempt, if any).
    The user's attempts of the exam are read once (the start spike: thousands start within a minute)."""
    now = now or clock.now()
    user_ok = actor is not None and actor.is_authenticated
    mine = list(Attempt.objects.filter(exam=exam, user=actor)) if user_ok else []
    # an attempt past its deadline is graded before the attempts are counted (for a make-up exam, the original's
    # too: whether the original was passed decides); the usual start has none and skips the grading query
    if user_ok and (exam.makeup_of_id or any(a.status == AttemptStatus.OPEN and a.deadline <= now for a in mine)):
        finalize_due(now=now, exam=exam, user=actor)
        mine = list(Attempt.objects.filter(exam=exam, user=actor))
    reason = start_refusal(actor, exam, now, mine=mine)
    if reason:
        raise DomainError(f"{reason}。", code="exam_refused")
    current = _open_of(mine, now)
    if current is not None:
        held = token_for(current.pk) if token_for else token
        return attempt_open(actor=actor, attempt=current, token=held, now=now)
    questions = {}
    paper = draw_paper(exam, questions=questions)
    token = secrets.token_hex(16)
    number = len(mine) + 1
    deadline = min(now + _minutes(exam.duration_minutes), exam.ends_at)
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(exam=exam, user=actor, unit_id=actor.unit_id, number=number,
                                             started_at=now, deadline=deadline, paper=paper, token=token)
            audit.record(actor=actor, event="legal_education.attempt_started", obj=attempt,
                         changes={"deadline": [None, clock.local(deadline).isoformat(timespec="seconds")]})
    except IntegrityError:  # a double click: the other request started it
        current = open_attempt(actor, exam, now)
        if current is None:
            raise DomainError("考试开始失败，请刷新后重试。") from None
        return attempt_open(actor=actor, attempt=current, token=None, now=now)
    attempt.drawn = questions  # the page shown right after the start reads neither the questions nor answers again
    return attempt, token


def _minutes(n):
    import datetime

    return datetime.timedelta(minutes=n)


def attempt_open(*, actor, attempt, token, now=None):
    """Open the attempt page: the browser holding ``token`` keeps it; any other browser takes it over (new
    token, audited) and the previous browser is told at its next save."""
    now = now or clock.now()
    if attempt.user_id != actor.pk:
        from fazhi.core.errors import NotFound

        raise NotFound()
    if token and token == attempt.token:
        return attempt, token
    new = secrets.token_hex(16)
    with transaction.atomic():
        Attempt.objects.filter(pk=attempt.pk).update(token=new)
        attempt.token = new
        audit.record(actor=actor, event="legal_education.attempt_taken_over", obj=attempt)
    return attempt, new


# Answering -----------------------------------------------------------------------------------------

TAKEN_OVER = "本场考试已在另一个浏览器中继续作答，本页面不再保存答案。请关闭本页面。"


def save_answer(*, actor, attempt_id, token, position, chosen, seq, now=None):
    """Save the choice for the question at ``position`` of the paper. ``chosen`` are the letters as shown
    (shuffled order); they are stored as the question's own letters. Not audited (see ``_base``)."""
    now = now or clock.now()
    with transaction.atomic():
        # the attempt row locked against a submission or grading (which lock it FOR UPDATE) until the answer is
        # written, so that an acknowledged answer is always counted; saves of other attempts never wait
        attempt = (Attempt.objects.select_for_update(no_key=True).filter(pk=attempt_id, user_id=actor.pk)
                   .only("pk", "token", "deadline", "status", "paper").first())
        return _save_locked(attempt, token, position, chosen, seq, now)


def _save_locked(attempt, token, position, chosen, seq, now):
    if attempt is None:
        raise DomainError("考试记录不存在。", code="not_found")
    if attempt.status != AttemptStatus.OPEN:
        raise DomainError("本次考试已交卷，不能再修改答案。", code="closed")
    if now >= attempt.deadline:
        raise DomainError("考试时间已到，答案不再保存。", code="deadline")
    if token != attempt.token:
        raise DomainError(TAKEN_OVER, code="taken_over")
    try:
        entry = attempt.paper[int(position)]
    except (ValueError, IndexError, TypeError):
        raise DomainError("题号不正确。", code="bad_request") from None
    letters = set()
    for ch in str(chosen or "").upper():
        i = LETTERS.find(ch)
        if i < 0 or i >= len(entry["order"]):
            raise DomainError("选项不正确。", code="bad_request")
        letters.add(LETTERS[entry["order"][i]])
    value = "".join(sorted(letters))
    try:
        seq = int(seq)
    except (TypeError, ValueError):
        raise DomainError("保存序号不正确。", code="bad_request") from None
    if not 0 <= seq < 2**63:
        raise DomainError("保存序号不正确。", code="bad_request")
    connection = transaction.get_connection()
    saved_at = Answer._meta.get_field("saved_at").get_db_prep_value(now, connection)
    with connection.cursor() as cur:
        cur.execute(_UPSERT, [attempt.pk, entry["q"], value, seq, saved_at])
    return value


#: One statement for every save, the same on SQLite (3.24+) and PostgreSQL: the first save of a question inserts
#: its row; a later one replaces the choice unless a save with a higher ``seq`` is stored already (an older save
#: arriving late is ignored). The ORM has no conditional upsert; an UPDATE and then an INSERT cost a round trip
#: more, the most frequent request at an exam's opening.
_UPSERT = f"""
INSERT INTO {Answer._meta.db_table} (attempt_id, question_id, chosen, seq, saved_at, correct)
VALUES (%s, %s, %s, %s, %s, NULL)
ON CONFLICT (attempt_id, question_id) DO UPDATE
SET chosen = excluded.chosen, seq = excluded.seq, saved_at = excluded.saved_at
WHERE {Answer._meta.db_table}.seq <= excluded.seq
"""


def shown_letters(attempt, entry, stored):
    """The stored (original) letters as the letters the examinee saw."""
    return "".join(sorted(LETTERS[i] for i, orig in enumerate(entry["order"]) if LETTERS[orig] in (stored or "")))


# Submitting and grading -----------------------------------------------------------------------------

def attempt_submit(*, actor, attempt, token, now=None):
    now = now or clock.now()
    with transaction.atomic():
        locked = (Attempt.objects.select_for_update(of=("self",)).select_related("exam", "unit")
                  .get(pk=attempt.pk))  # only the attempt row is locked, never the exam all examinees share
        if locked.user_id != actor.pk:
            raise DomainError("考试记录不存在。")
        if locked.status != AttemptStatus.OPEN:
            raise DomainError("本次考试已交卷。")
        if token != locked.token:
            raise DomainError(TAKEN_OVER, code="taken_over")
        if now >= locked.deadline:
            return grade_attempt(locked, status=AttemptStatus.EXPIRED, at=locked.deadline)
        locked = grade_attempt(locked, status=AttemptStatus.SUBMITTED, at=now)
        audit.record(actor=actor, event="legal_education.attempt_submitted", obj=locked,
                     changes={"score": [None, str(locked.score)]})
    return locked


def score_of(exam, question, chosen, points):
    """Points for one answer: all or nothing; a multiple-choice answer missing some (but no wrong) option earns
    half when the exam allows it."""
    points = Decimal(str(points))
    if not chosen:
        return Decimal(0), False
    if chosen == question.answer:
        return points, True
    if (question.kind == QuestionKind.MULTIPLE and exam.multiple_partial and set(chosen) < set(question.answer)):
        return points / 2, False
    return Decimal(0), False


def grade_attempt(attempt, *, status, at):
    """Grade ``attempt`` from its saved answers (inside the caller's transaction) and audit the grading."""
    exam = attempt.exam
    questions = {q.pk: q for q in Question.objects.filter(pk__in=[e["q"] for e in attempt.paper])
                 .only("pk", "kind", "answer")}
    answers = {a["question_id"]: a for a in Answer.objects.filter(attempt=attempt)
               .values("pk", "question_id", "chosen", "correct")}
    total = Decimal(0)
    marks = {True: [], False: []}  # answer ids to mark right / wrong: two updates at most, whatever the paper
    for e in attempt.paper:
        a = answers.get(e["q"])
        pts, right = score_of(exam, questions[e["q"]], a["chosen"] if a else "", e["points"])
        total += pts
        if a is not None and a["correct"] != right:
            marks[right].append(a["pk"])
    for right, ids in marks.items():
        if ids:
            Answer.objects.filter(pk__in=ids).update(correct=right)
    attempt.score = total
    attempt.passed = total >= exam.pass_mark
    attempt.status = status
    attempt.submitted_at = at
    attempt.save(update_fields=["score", "passed", "status", "submitted_at"])
    audit.record(actor=None, event="legal_education.attempt_graded", obj=attempt, unit=attempt.unit,
                 changes={"score": [None, str(total)], "passed": [None, attempt.passed]})
    return attempt


def finalize_due(*, now=None, exam=None, user=None):
    """Grade every attempt whose deadline has passed without a submission, counting the answers saved."""
    now = now or clock.now()
    qs = Attempt.objects.filter(status=AttemptStatus.OPEN, deadline__lte=now)
    if exam is not None:
        qs = qs.filter(Q(exam=exam) | Q(exam__makeup_of=exam) | Q(exam=exam.makeup_of_id or 0))
    if user is not None:
        qs = qs.filter(user=user)
    n = 0
    for pk in list(qs.values_list("pk", flat=True)[:500]):
        with transaction.atomic():
            attempt = (Attempt.objects.select_for_update(of=("self",)).select_related("exam", "unit")
                       .get(pk=pk))
            if attempt.status == AttemptStatus.OPEN:
                grade_attempt(attempt, status=AttemptStatus.EXPIRED, at=attempt.deadline)
                n += 1
    return n
