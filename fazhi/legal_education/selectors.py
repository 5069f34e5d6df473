"""Every read of the legal-education module."""
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q

from fazhi.core import clock, numbers
from fazhi.core.errors import NotFound

from .choices import AttemptStatus, ExamStatus
from .models import LETTERS, Answer, Attempt, Exam, Question
from .services.exams import PAPER_FIELDS, is_eligible, shown_letters


def rate(part, whole):
    """A percentage with one decimal, by the platform's one rounding rule (``fazhi.core.numbers``)."""
    return numbers.percent(part, whole)


def open_exams_for(user, now=None):
    now = now or clock.now()
    qs = (Exam.objects.filter(status=ExamStatus.PUBLISHED, ends_at__gt=now)
          .filter(Q(eligible_units=user.unit_id) | Q(eligible_users=user)).distinct().order_by("starts_at"))
    return list(qs)


def my_attempts(user):
    rows = list(Attempt.objects.filter(user=user).select_related("exam").order_by("-started_at")[:50])
    now = clock.now()
    for a in rows:
        a.reviewable = now >= a.exam.ends_at
    return rows


def exam_for_examinee(user, pk):
    exam = Exam.objects.filter(pk=pk, status=ExamStatus.PUBLISHED).first() if str(pk).isdecimal() else None
    if exam is None or not is_eligible(user, exam):
        raise NotFound()
    return exam


def paper_for_examinee(attempt):
    """The paper as the examinee sees it: stems and shuffled options with the saved choices — never the
    answers, 考点 or 解析."""
    drawn = getattr(attempt, "drawn", None)  # a new attempt: its questions as drawn, no answer saved yet
    if drawn is not None:
        questions, saved = drawn, {}
    else:
        questions = {q.pk: q for q in Question.objects.filter(pk__in=[e["q"] for e in attempt.paper])
                     .only(*PAPER_FIELDS)}
        saved = dict(Answer.objects.filter(attempt=attempt).values_list("question_id", "chosen"))
    items = []
    for i, e in enumerate(attempt.paper):
        q = questions[e["q"]]
        chosen = shown_letters(attempt, e, saved.get(q.pk, ""))
        # numbers as text: the page prints each a dozen times, and a number would be localised every time
        items.append({"position": str(i), "number": str(i + 1), "kind": q.kind, "kind_label": q.get_kind_display(),
                      "stem": q.stem, "multiple": q.kind == "multiple",
                      "input_type": "checkbox" if q.kind == "multiple" else "radio",
                      "options": [(LETTERS[j], q.options[orig], LETTERS[j] in chosen)
                                  for j, orig in enumerate(e["order"])],
                      "chosen": chosen})
    return items


def paper_for_review(attempt):
    questions = {q.pk: q for q in Question.objects.filter(pk__in=[e["q"] for e in attempt.paper])}
    saved = {a.question_id: a for a in Answer.objects.filter(attempt=attempt)}
    items = []
    for i, e in enumerate(attempt.paper):
        q = questions[e["q"]]
        a = saved.get(q.pk)
        items.append({"number": i + 1, "q": q, "kind_label": q.get_kind_display(),
                      "options": [(LETTERS[j], q.options[orig]) for j, orig in enumerate(e["order"])],
                      "chosen": shown_letters(attempt, e, a.chosen if a else ""),
                      "answer": shown_letters(attempt, e, q.answer), "correct": bool(a and a.correct)})
    return items


def best_attempts(exam_ids):
    """Per (exam, user) the graded attempt with the best score."""
    best = {}
    for a in (Attempt.objects.filter(exam_id__in=exam_ids).exclude(status=AttemptStatus.OPEN)
              .values("exam_id", "user_id", "unit_id", "score", "passed")):
        key = (a["exam_id"], a["user_id"])
        if key not in best or (a["score"] or 0) > (best[key]["score"] or 0):
            best[key] = a
    return list(best.values())


def exam_statistics(exam):
    """Participation (sat / eligible) and pass rate per unit, county totals, per-question correct rate."""
    from fazhi.orgs.models import User

    rows = best_attempts([exam.pk])
    per_unit = defaultdict(lambda: {"sat": 0, "passed": 0})
    for r in rows:
        per_unit[r["unit_id"]]["sat"] += 1
        per_unit[r["unit_id"]]["passed"] += 1 if r["passed"] else 0
    eligible = defaultdict(int)
    for unit_id in User.objects.filter(Q(unit__in=exam.eligible_units.all()) | Q(pk__in=exam.eligible_users.all()),
                                       is_active=True).values_list("unit_id", flat=True):
        eligible[unit_id] += 1
    from fazhi.orgs.models import OrgUnit

    names = dict(OrgUnit.objects.filter(pk__in=set(per_unit) | set(eligible)).values_list("pk", "name"))
    units = []
    for unit_id in sorted(set(per_unit) | set(eligible), key=lambda u: names.get(u, "")):
        sat, passed = per_unit[unit_id]["sat"], per_unit[unit_id]["passed"]
        units.append({"unit": names.get(unit_id, ""), "eligible": eligible[unit_id], "sat": sat, "passed": passed,
                      "participation": rate(sat, eligible[unit_id]), "pass_rate": rate(passed, sat)})
    sat = len(rows)
    passed = sum(1 for r in rows if r["passed"])
    per_q = defaultdict(lambda: [0, 0])
    for qid, correct in Answer.objects.filter(attempt__exam=exam, attempt__status__in=[
            AttemptStatus.SUBMITTED, AttemptStatus.EXPIRED]).values_list("question_id", "correct"):
        per_q[qid][1] += 1
        per_q[qid][0] += 1 if correct else 0
    stems = dict(Question.objects.filter(pk__in=per_q).values_list("pk", "stem"))
    questions = sorted(({"stem": stems.get(k, ""), "answered": v[1], "rate": rate(v[0], v[1])}
                        for k, v in per_q.items()), key=lambda x: x["rate"])
    return {"units": units, "sat": sat, "passed": passed, "eligible": sum(eligible.values()),
            "pass_rate": rate(passed, sat), "questions": questions[:50]}


def results_workbook(exam):
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "成绩"
    ws.append(["单位", "姓名", "第几次", "开始时间", "交卷时间", "得分", "是否合格"])
    for a in (Attempt.objects.filter(exam=exam).exclude(status=AttemptStatus.OPEN)
              .select_related("unit", "user").order_by("unit__sort_order", "user__full_name")):
        ws.append([a.unit.name, a.user.full_name, a.number, clock.local(a.started_at).strftime("%Y-%m-%d %H:%M"),
                   clock.local(a.submitted_at).strftime("%Y-%m-%d %H:%M") if a.submitted_at else "",
                   float(a.score or 0), "合格" if a.passed else "不合格"])
    stats = exam_statistics(exam)
    ws2 = wb.create_sheet("单位参考情况")
    ws2.append(["单位", "应考人数", "参考人数", "合格人数", "参考率（%）", "合格率（%）"])
    for u in stats["units"]:
        ws2.append([u["unit"], u["eligible"], u["sat"], u["passed"], float(u["participation"]), float(u["pass_rate"])])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def programmes():
    from .models import Programme

    return list(Programme.objects.prefetch_related("units").order_by("-year"))


def study_record(user):
    """A person's 学法档案: the study sessions attended (with hours) and the graded exam attempts."""
    from .models import StudySession

    sessions = list(StudySession.objects.filter(attendees=user).select_related("unit").order_by("-held_on"))
    attempts = list(Attempt.objects.filter(user=user).exclude(status=AttemptStatus.OPEN).select_related("exam")
                    .order_by("-started_at"))
    return {"sessions": sessions, "hours": sum((s.hours for s in sessions), Decimal(0)), "attempts": attempts,
            "person": user}


def public_duty_lists():
    from .choices import DutyListStatus
    from .models import DutyList

    return (DutyList.objects.filter(status=DutyListStatus.ACCEPTED).select_related("unit")
            .prefetch_related("items").order_by("-year", "unit__sort_order"))


def public_sites():
    from .models import CultureSite

    return list(CultureSite.objects.select_related("place").order_by("-designated_year", "name"))


def public_activities():
    from .models import Activity

    return list(Activity.objects.select_related("unit", "place").order_by("-held_on")[:30])


def honours():
    from .models import Honour

    return list(Honour.objects.select_related("unit"))


def public_cases():
    from .choices import CaseStatus
    from .models import CaseExplanation

    return (CaseExplanation.objects.filter(status=CaseStatus.PUBLISHED).select_related("unit")
            .prefetch_related("persons").order_by("-published_on", "-pk"))


def study_record_people(user):
    """The people whose 学法档案 ``user`` may read: the unit its staff, the office everyone."""
    from django.contrib.auth import get_user_model

    from fazhi.orgs import scope

    from .permissions import LegalEducationPerm as P

    people = get_user_model().objects.filter(is_active=True, unit__isnull=False).select_related("unit")
    return scope.visible(user, people, perm=P.VIEW).order_by("unit__path", "full_name")


def record_rows(people, year=None):
    """Per person: study sessions attended, hours, exams sat and passed, best score (within ``year`` if given).
    Two grouped queries for the given people, whatever their number."""
    from django.db.models import Count, Max, Q, Sum

    from .models import StudySession

    people = list(people)
    ids = [p.pk for p in people]
    through = StudySession.attendees.through.objects.filter(user_id__in=ids)
    attempts = Attempt.objects.filter(user_id__in=ids).exclude(status=AttemptStatus.OPEN)
    if year:
        through = through.filter(studysession__held_on__year=year)
        attempts = attempts.filter(exam__starts_at__year=year)
    study = {r["user_id"]: r for r in through.values("user_id").annotate(
        n=Count("studysession_id"), hours=Sum("studysession__hours"))}
    exams = {r["user_id"]: r for r in attempts.values("user_id").annotate(
        sat=Count("exam_id", distinct=True), passed=Count("exam_id", filter=Q(passed=True), distinct=True),
        best=Max("score"))}
    for p in people:
        s, e = study.get(p.pk, {}), exams.get(p.pk, {})
        p.sessions_n, p.hours = s.get("n", 0), s.get("hours") or Decimal(0)
        p.exams_sat, p.exams_passed, p.best_score = e.get("sat", 0), e.get("passed", 0), e.get("best")
    return people
