"""What waits for a user in this module: open exams the person may sit; duty lists waiting for the office."""
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.registry import Todo, register_todo

from .choices import DutyListStatus
from .permissions import LegalEducationPerm as P


def open_exams(user, today):
    from . import selectors
    from .models import Attempt
    from .services.exams import WAIT_BEFORE_OPENING

    now = clock.now()
    out = []
    for exam in selectors.open_exams_for(user, now):
        if exam.starts_at > now + WAIT_BEFORE_OPENING:
            continue
        done = Attempt.objects.filter(exam=exam, user=user).exclude(status="open").count()
        if done >= exam.attempts_allowed or Attempt.objects.filter(exam=exam, user=user, passed=True).exists():
            continue
        # an exam about to open is a to-do already: its start page counts down to the opening
        opens = f"（{clock.local(exam.starts_at):%H:%M}开考）" if exam.starts_at > now else ""
        out.append(Todo(title=f"待参加考试：{exam.title}{opens}",
                        link=reverse("legal_education:exam_start", args=[exam.pk]),
                        due=clock.local(exam.ends_at).date(), action="参加考试"))
    return out


def duty_lists_to_review(user, today):
    if user is None or not user.has_perm(P.MANAGE):
        return []
    from .policies import DutyListPolicy

    qs = DutyListPolicy().visible(user, action="accept").filter(status=DutyListStatus.SUBMITTED)
    n = qs.count()
    if not n:
        return []
    return [Todo(title=f"待审核普法责任清单{n}份", count=n, action="审核",
                 link=f"{reverse('legal_education:duty_list')}?status={DutyListStatus.SUBMITTED}")]


register_todo("legal_education.open_exams", label="待参加的学法用法考试", collect=open_exams)
register_todo("legal_education.duty_lists", label="待审核的普法责任清单", collect=duty_lists_to_review)
