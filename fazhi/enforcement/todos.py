"""What waits for a user in enforcement: the next step of the officer's own cases by their statutory
deadlines (陈述申辩期限, 决定期限, 送达期限), decisions to publish, major decisions to review."""
from django.db.models import F, Q
from django.urls import reverse

from fazhi.core.registry import Todo, register_todo, todo_rows
from fazhi.orgs import scope

from .choices import CaseStatus as S
from .choices import PublicationStatus
from .models import Case, Publication
from .permissions import EnforcementPerm as P
from .policies import CasePolicy

CASES = CasePolicy()
UNDECIDED = (S.REGISTERED, S.INVESTIGATING, S.NOTIFIED, S.HEARING, S.REVIEWED)


def _next(case, today):
    """The officer's next step on an undecided case, and the deadline it runs against."""
    if case.status == S.REGISTERED:
        return "开始调查取证", case.decision_due
    if case.status == S.NOTIFIED and not case.rights_waived and case.statement_due and today <= case.statement_due:
        return f"陈述申辩/听证申请期限至{case.statement_due:%Y-%m-%d}，期满后作出决定", case.statement_due
    if case.status == S.INVESTIGATING:
        return "调查取证，依法告知后作出决定", case.decision_due
    if case.status == S.HEARING:
        return "听取陈述申辩或组织听证后作出决定", case.decision_due
    return "作出决定", case.decision_due


def _link(pk):
    return reverse("enforcement:case_detail", args=[pk])


def _more(text, link):
    return lambda n: Todo(title=text.format(n=n), count=n, link=link, action="查看")


def cases(user, today):
    if user is None or not user.has_perm(P.VIEW):
        return []
    todos = []
    case_list = reverse("enforcement:case_list")
    if user.has_perm(P.HANDLE):
        open_cases = CASES.visible(user, Case.objects.filter(status__in=UNDECIDED), action="decide")

        def step(case):
            text, due = _next(case, today)
            return Todo(title=f"{case.number} {case.title}：{text}", due=due, unit=case.unit.name,
                        link=_link(case.pk), action="办理")

        todos += todo_rows(open_cases.select_related("unit").order_by(F("decision_due").asc(nulls_last=True), "pk"),
                           step, more=_more("另有{n}件在办案件", case_list))
        decided = CASES.visible(user, Case.objects.filter(status=S.DECIDED), action="serve")
        todos += todo_rows(
            decided.select_related("unit").order_by(F("service_due").asc(nulls_last=True), "pk"),
            lambda c: Todo(title=f"{c.number} {c.title}：送达决定书", due=c.service_due, unit=c.unit.name,
                           link=_link(c.pk), action="送达"),
            more=_more("另有{n}件决定待送达", f"{case_list}?status={S.DECIDED}"))
    if user.has_perm(P.REVIEW):
        waiting = CASES.visible(user, Case.objects.filter(status=S.REVIEW), action="review_pass")
        todos += todo_rows(
            waiting.select_related("unit").order_by(F("decision_due").asc(nulls_last=True), "pk"),
            lambda c: Todo(title=f"{c.number} {c.title}：重大执法决定法制审核", due=c.decision_due,
                           unit=c.unit.name, link=_link(c.pk), action="审核"),
            more=_more("另有{n}件重大执法决定待法制审核", f"{case_list}?status={S.REVIEW}"))
    perms = [p for p in (P.HANDLE, P.MANAGE) if user.has_perm(p)]
    if perms:
        pending = Publication.objects.filter(status=PublicationStatus.PENDING, case__revoked_on__isnull=True)
        reach = Q()
        for perm in perms:  # either the case's officers or the unit's register keeper publishes
            reach |= Q(pk__in=scope.changeable(user, pending, perm=perm).values("pk"))
        mine = pending.filter(reach)
        todos += todo_rows(
            mine.select_related("case", "case__unit").order_by("due_on", "pk"),
            lambda pub: Todo(title=f"{pub.case.number} {pub.case.title}：公示执法决定", due=pub.due_on,
                             unit=pub.case.unit.name, link=_link(pub.case_id), action="公示"),
            more=_more("另有{n}项执法决定待公示", f"{reverse('enforcement:publication_list')}?status=pending"))
    return todos


register_todo("enforcement.cases", label="行政执法", collect=cases)
