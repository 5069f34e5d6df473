"""What waits for a user among major administrative decisions: public comments to handle, legality reviews
to give, consultations to close, decisions to take and publish — each within what the user may act on."""
from django.db.models import Count, Min, Q
from django.urls import reverse

from fazhi.core.registry import ROWS_PER_KIND, Todo, register_todo, todo_rows

from .choices import DecisionStatus, ReviewState, StepCode
from .models import Decision, ProcedureStep, PublicComment
from .permissions import DecisionPerm as P
from .policies import CommentPolicy, DecisionPolicy, StepPolicy

DECISIONS, STEPS, COMMENTS = DecisionPolicy(), StepPolicy(), CommentPolicy()


def _link(pk):
    return reverse("decisions:decision_detail", args=[pk])


def _more(text, link):
    return lambda n: Todo(title=text.format(n=n), count=n, link=link, action="查看")


def decisions(user, today):
    if user is None or not user.has_perm(P.VIEW):
        return []
    todos = []
    list_url = reverse("decisions:decision_list")
    if user.has_perm(P.MANAGE):
        waiting = COMMENTS.visible(user, PublicComment.objects.filter(hidden=False, disposition=""), action="dispose")
        groups = list(waiting.values("decision_id", "decision__title", "decision__lead_unit__name")
                      .annotate(n=Count("id"), first=Min("submitted_at")).order_by("first", "decision_id")
                      [:ROWS_PER_KIND + 1])
        for g in groups[:ROWS_PER_KIND]:
            todos.append(Todo(title=f"处理公众意见：{g['decision__title']}（{g['n']}条待处理）", count=g["n"],
                              unit=g["decision__lead_unit__name"], link=_link(g["decision_id"]), action="处理"))
        if len(groups) > ROWS_PER_KIND:
            rest = waiting.exclude(decision_id__in=[g["decision_id"] for g in groups[:ROWS_PER_KIND]]).count()
            todos.append(Todo(title=f"另有{rest}条公众意见待处理", count=rest, link=list_url, action="查看"))
        ended = DECISIONS.visible(user, Decision.objects.filter(status=DecisionStatus.CONSULTATION),
                                  action="comment_close").annotate(
            end=Min("steps__comment_end", filter=Q(steps__code=StepCode.PUBLIC_PARTICIPATION))).filter(end__lt=today)
        todos += todo_rows(
            ended.select_related("lead_unit").order_by("end", "pk"),
            lambda d: Todo(title=f"征求意见期已满，结束征求意见：{d.title}", due=d.end, unit=d.lead_unit.name,
                           link=_link(d.pk), action="办理"),
            more=_more("另有{n}项决策征求意见期已满", f"{list_url}?status={DecisionStatus.CONSULTATION}"))
    if user.has_perm(P.REVIEW):
        reviews = STEPS.visible(user, ProcedureStep.objects.filter(
            code=StepCode.LEGALITY_REVIEW, review_state=ReviewState.REQUESTED,
            decision__status=DecisionStatus.REVIEW), action="opinion_give")
        todos += todo_rows(
            reviews.select_related("decision", "decision__lead_unit").order_by("due_on", "pk"),
            lambda s: Todo(title=f"出具合法性审查意见：{s.decision.title}", due=s.due_on,
                           unit=s.decision.lead_unit.name, link=_link(s.decision_id), action="审查"),
            more=_more("另有{n}项决策待出具合法性审查意见", f"{list_url}?reviewing=on"))
    if user.has_perm(P.DECIDE):
        for status, action, text in ((DecisionStatus.DISCUSSION, "decide", "提请集体讨论决定：{}"),
                                     (DecisionStatus.DECIDED, "publish", "公布决策：{}")):
            qs = DECISIONS.visible(user, Decision.objects.filter(status=status), action=action)
            todos += todo_rows(
                qs.select_related("lead_unit").order_by("pk"),
                lambda d, text=text: Todo(title=text.format(d.title), unit=d.lead_unit.name, link=_link(d.pk),
                                          action="办理"),
                more=_more("另有{n}项决策待" + ("集体讨论" if action == "decide" else "公布"),
                           f"{list_url}?status={status}"))
    return todos


register_todo("decisions.decisions", label="重大行政决策", collect=decisions)
