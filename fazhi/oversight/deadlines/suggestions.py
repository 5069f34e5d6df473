"""How the reply deadlines of suggestions and proposals follow a confirmed holiday schedule (a period ending on a
rest day rolls to the next working day; a reply made on time under the provisional date stays on time)."""
from fazhi.core.deadlines import Moved, keeps, register_deadline, span

from ..models.suggestions import SuggestionRound


def suggestion_reply_due(*, year, calendar, previous):
    from ..services.suggestions import suggestion_due_for, suggestion_months

    moved = []
    for r in SuggestionRound.objects.filter(span("assigned_on", "due_on", year)).select_related(
            "suggestion", "suggestion__unit"):
        new = suggestion_due_for(r.assigned_on, suggestion_months(r.suggestion, r.number))
        if new != r.due_on and not keeps(r.replied_on, r.due_on, new):
            SuggestionRound.objects.filter(pk=r.pk).update(due_on=new)
            moved.append(Moved(unit=r.suggestion.unit, record=str(r.suggestion), old=r.due_on, new=new,
                               link=r.suggestion.get_absolute_url()))
    return moved


register_deadline("oversight.suggestion_reply_due", label="建议提案答复期限", recompute=suggestion_reply_due)
