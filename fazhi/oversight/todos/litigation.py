"""What waits for a user in the litigation part: defences to submit, appearances to record, reconsideration
applications to examine and decide, answers the respondent owes."""
from django.urls import reverse

from fazhi.core.registry import Todo, register_todo, todo_rows
from fazhi.orgs import scope

from ..models.litigation import LitigationCase, LitigationHearing, LitigationStatus, ReconsiderationCase, ReconStatus
from ..permissions import OversightPerm as P


def _more(noun, url):
    return lambda n: Todo(title=f"另有{n}件{noun}", count=n, link=reverse(url), action="查看")


def collect(user, today):
    todos = []
    if user is None or not user.is_authenticated:
        return todos
    if user.has_perm(P.HANDLE):
        cases = scope.changeable(user, LitigationCase.objects.filter(status=LitigationStatus.RECEIVED), perm=P.HANDLE)
        todos += todo_rows(cases.select_related("unit").order_by("defence_due", "pk"), lambda c: Todo(
            title=f"待答辩：{c}", link=c.get_absolute_url(), due=c.defence_due, unit=c.unit, action="答辩"),
            more=_more("行政应诉案件待答辩", "oversight:litigation_list"))
        hearings = scope.changeable(user, LitigationHearing.objects.filter(recorded_on__isnull=True,
                                                                           hearing_on__lte=today), perm=P.HANDLE)
        todos += todo_rows(hearings.select_related("case", "case__unit").order_by("hearing_on", "pk"), lambda h: Todo(
            title=f"待登记出庭应诉情况：{h}", link=reverse("oversight:hearing_record", args=[h.pk]), unit=h.case.unit,
            action="登记"), more=_more("开庭待登记出庭应诉情况", "oversight:litigation_list"))
        answers = scope.changeable(user, ReconsiderationCase.objects.filter(
            status=ReconStatus.ACCEPTED, answer_due__isnull=False, answered_on__isnull=True), perm=P.HANDLE)
        todos += todo_rows(answers.select_related("unit").order_by("answer_due", "pk"), lambda c: Todo(
            title=f"待提出书面答复：行政复议案件{c.number}", link=c.get_absolute_url(), due=c.answer_due, unit=c.unit,
            action="答复"), more=_more("行政复议案件待答复", "oversight:recon_list"))
    if user.has_perm(P.MANAGE):
        waiting = scope.changeable(user, ReconsiderationCase.objects.filter(status=ReconStatus.RECEIVED), perm=P.MANAGE)
        todos += todo_rows(waiting.select_related("unit").order_by("accept_due", "pk"), lambda c: Todo(
            title=f"待审查受理：行政复议案件{c.number}", link=c.get_absolute_url(), due=c.accept_due, unit=c.unit,
            action="审查"), more=_more("行政复议申请待审查受理", "oversight:recon_list"))
        open_cases = scope.changeable(user, ReconsiderationCase.objects.filter(status=ReconStatus.ACCEPTED),
                                      perm=P.MANAGE)
        todos += todo_rows(open_cases.select_related("unit").order_by("decision_due", "pk"), lambda c: Todo(
            title=f"待作出复议决定：{c.number}", link=c.get_absolute_url(), due=c.decision_deadline, unit=c.unit,
            action="审理"), more=_more("行政复议案件待作出决定", "oversight:recon_list"))
    return todos


register_todo("oversight.litigation_todos", label="行政应诉与行政复议", collect=collect)
