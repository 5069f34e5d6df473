"""What waits for a user in the suggestions part: the unit's replies (by their due dates) and its co-handling
opinions (协办意见, due with the lead unit's reply); the office's assignments, feedback to record and replies to
publish."""
from django.db.models import Exists, Max, OuterRef, Subquery
from django.urls import reverse

from fazhi.core.registry import Todo, register_todo, todo_rows
from fazhi.core.rules import get_setting
from fazhi.orgs import scope

from ..models.suggestions import (
    JudicialStatus,
    JudicialSuggestion,
    RectificationTask,
    Suggestion,
    SuggestionCoOpinion,
    SuggestionRound,
    SuggestionStatus,
    TaskStatus,
)
from ..permissions import OversightPerm
from ..selectors.suggestions import with_rounds

_STEPS = [(SuggestionStatus.RECEIVED, "待交办", OversightPerm.MANAGE, "交办"),
          (SuggestionStatus.ASSIGNED, "待答复", OversightPerm.HANDLE, "答复"),
          (SuggestionStatus.REPLIED, "待登记代表委员反馈", OversightPerm.MANAGE, "登记")]


def collect(user, today):
    todos = []
    if user is None or not user.is_authenticated:
        return todos
    link_all = reverse("oversight:suggestion_list")
    for status, text, perm, action in _STEPS:
        if not user.has_perm(perm) or (perm == OversightPerm.HANDLE and user.has_perm(OversightPerm.MANAGE)):
            continue  # the office may reply for a unit, but the replies wait for the units
        qs = with_rounds(scope.changeable(user, Suggestion.objects.filter(status=status), perm=perm)).order_by(
            "current_due", "pk")
        todos += todo_rows(qs, lambda s, text=text, action=action: Todo(
            title=f"{text}：{s}", link=s.get_absolute_url(), due=s.current_due, unit=s.unit, action=action),
            more=lambda n, text=text: Todo(title=f"另有{n}件建议提案{text}", count=n, link=link_all, action="查看"))
    todos += _co_opinions(user, link_all)
    if user.has_perm(OversightPerm.MANAGE) and get_setting("oversight.publish_suggestion_replies"):
        qs = scope.changeable(user, Suggestion.objects.filter(status=SuggestionStatus.CLOSED,
                                                              published_on__isnull=True),
                              perm=OversightPerm.MANAGE).order_by("pk")
        todos += todo_rows(qs, lambda s: Todo(title=f"待公开答复：{s}", link=s.get_absolute_url(), unit=s.unit,
                                              action="公开"),
                           more=lambda n: Todo(title=f"另有{n}件建议提案的答复待公开", count=n, link=link_all,
                                               action="查看"))
    todos += _judicial_and_tasks(user, link_all)
    return todos


def co_opinion_pending(user):
    """Suggestions in handling that one of ``user``'s co-handling units has not yet given its opinion on in the
    current round (the office, which may act for a unit, is not reminded)."""
    from fazhi.orgs.models import OrgUnit

    if not user.has_perm(OversightPerm.HANDLE) or user.has_perm(OversightPerm.MANAGE):
        return Suggestion.objects.none()
    units = scope.changeable(user, OrgUnit.objects.all(), perm=OversightPerm.HANDLE).values("pk")
    current = Subquery(SuggestionRound.objects.filter(suggestion=OuterRef("suggestion")).values("suggestion")
                       .annotate(n=Max("number")).values("n"))
    given = SuggestionCoOpinion.objects.filter(suggestion=OuterRef("suggestion"), unit=OuterRef("orgunit"),
                                               round_number=OuterRef("current"))
    waiting = (Suggestion.co_units.through.objects.filter(orgunit__in=units, suggestion__status=SuggestionStatus.ASSIGNED)
               .annotate(current=current).exclude(Exists(given)).values("suggestion"))
    return with_rounds(Suggestion.objects.filter(pk__in=waiting)).select_related("unit").order_by("current_due", "pk")


def _co_opinions(user, link_all):
    return todo_rows(co_opinion_pending(user), lambda s: Todo(
        title=f"协办意见待提交：{s}", link=reverse("oversight:suggestion_co_opinion", args=[s.pk]), due=s.current_due,
        unit=s.unit, action="提出协办意见"),
        more=lambda n: Todo(title=f"另有{n}件建议提案的协办意见待提交", count=n, link=link_all, action="查看"))


def _judicial_and_tasks(user, link_all):
    todos = []
    if user.has_perm(OversightPerm.HANDLE):
        qs = scope.changeable(user, JudicialSuggestion.objects.filter(status=JudicialStatus.RECEIVED),
                              perm=OversightPerm.HANDLE).select_related("unit").order_by("reply_due", "pk")
        todos += todo_rows(qs, lambda j: Todo(title=f"待回复：{j}", link=j.get_absolute_url(), due=j.reply_due,
                                              unit=j.unit, action="回复"),
                           more=lambda n: Todo(title=f"另有{n}件司法建议、检察建议待回复", count=n,
                                               link=reverse("oversight:judicial_list"), action="查看"))
    for status, text, perm, action in _TASK_STEPS:
        if not user.has_perm(perm) or (perm == OversightPerm.HANDLE and user.has_perm(OversightPerm.MANAGE)):
            continue
        qs = scope.changeable(user, RectificationTask.objects.filter(status=status), perm=perm).select_related(
            "unit").order_by("due_on", "pk")
        todos += todo_rows(qs, lambda t, text=text, action=action: Todo(
            title=f"{text}：{t}", link=t.get_absolute_url(), due=t.due_on, unit=t.unit, action=action),
            more=lambda n, text=text: Todo(title=f"另有{n}项整改任务{text}", count=n,
                                           link=reverse("oversight:task_list"), action="查看"))
    return todos


_TASK_STEPS = [(TaskStatus.OPEN, "待整改", OversightPerm.HANDLE, "整改"),
               (TaskStatus.REPORTED, "待验收", OversightPerm.MANAGE, "验收")]


register_todo("oversight.suggestion_todos", label="代表建议和政协提案", collect=collect)
