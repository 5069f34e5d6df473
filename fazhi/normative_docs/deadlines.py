"""How the normative-documents module's stored deadlines follow a confirmed holiday schedule.

- 征求意见最早截止日期 (``comment_min_end``): recomputed with ``selectors.comment_min_end``;
- 合法性审核期限 (``LegalityReview.due_on``): the drafter chooses it within a window of working days.
  A due date that was the window's default end moves with it; an open review whose chosen date now
  falls outside the window is brought back inside it; any other chosen date is the drafter's and stays;
- 报备期限 (``Filing.due_on``): recomputed with ``selectors.filing_due``.

A step already taken on time under the provisional deadline is never made late (``keeps``).
"""
from django.urls import reverse

from fazhi.core import workdays
from fazhi.core.deadlines import Moved, keeps, register_deadline, span
from fazhi.core.rules import get_setting

from . import selectors
from .models import Filing, LegalityReview, NormativeDocument


def comment_min_end(*, year, calendar, previous):
    moved = []
    qs = NormativeDocument.objects.filter(span("comment_started_on", "comment_min_end", year)).select_related("unit")
    for doc in qs:
        old, new = doc.comment_min_end, selectors.comment_min_end(doc, doc.comment_started_on)
        if new != old and not keeps(doc.comment_closed_on, old, new):
            NormativeDocument.objects.filter(pk=doc.pk).update(comment_min_end=new)
            moved.append(Moved(unit=doc.unit, record=doc.title, link=doc.get_absolute_url(), old=old, new=new))
    return moved


def review_due(*, year, calendar, previous):
    lo, hi = get_setting("normative_docs.review_min_workdays"), get_setting("normative_docs.review_max_workdays")
    moved = []
    qs = LegalityReview.objects.filter(span("submitted_on", "due_on", year)).select_related(
        "document", "document__unit", "review_unit")
    for review in qs:
        old = review.due_on
        earliest = workdays.add_working_days(review.submitted_on, lo)
        latest = workdays.add_working_days(review.submitted_on, hi)
        if old == previous.add_working_days(review.submitted_on, hi):
            new = latest
        elif not review.opinion:
            new = min(max(old, earliest), latest)
        else:
            new = old
        if new == old or keeps(review.opinion_on, old, new):
            continue
        LegalityReview.objects.filter(pk=review.pk).update(due_on=new)
        link = reverse("normative_docs:review_detail", args=[review.pk])
        record = f"{review.document.title} 合法性审核"
        moved.append(Moved(unit=review.document.unit, record=record, link=review.document.get_absolute_url(),
                           old=old, new=new))
        if review.review_unit_id and review.review_unit_id != review.document.unit_id:
            moved.append(Moved(unit=review.review_unit, record=record, link=link, old=old, new=new))
    return moved


def filing_due(*, year, calendar, previous):
    moved = []
    qs = Filing.objects.filter(span("document__published_on", "due_on", year)).select_related(
        "document", "document__unit")
    for filing in qs:
        old, new = filing.due_on, selectors.filing_due(filing.document.published_on)
        if new != old and not keeps(filing.filed_on, old, new):
            Filing.objects.filter(pk=filing.pk).update(due_on=new)
            moved.append(Moved(unit=filing.document.unit, record=f"{filing.document.title} 报备",
                               link=filing.document.get_absolute_url(), old=old, new=new))
    return moved


register_deadline("normative_docs.comment_min_end", label="征求意见最早截止日期", recompute=comment_min_end)
register_deadline("normative_docs.review_due", label="合法性审核期限", recompute=review_due)
register_deadline("normative_docs.filing_due", label="报备期限", recompute=filing_due)
