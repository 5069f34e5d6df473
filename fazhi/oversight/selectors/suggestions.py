"""Reads of the suggestions part, always through the data scope (the policies)."""
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse

from ..models.suggestions import CongressInspection, Satisfaction, Suggestion, SuggestionRound, SuggestionStatus
from ..policies.suggestions import (
    accountability_policy,
    inspection_policy,
    judicial_policy,
    suggestion_policy,
    task_policy,
)


def _current(field):
    return Subquery(SuggestionRound.objects.filter(suggestion=OuterRef("pk")).order_by("-number").values(field)[:1])


def _last_feedback():
    return Subquery(SuggestionRound.objects.filter(suggestion=OuterRef("pk")).exclude(satisfaction="")
                    .order_by("-number").values("satisfaction")[:1])


def _first(field):
    return Subquery(SuggestionRound.objects.filter(suggestion=OuterRef("pk"), number=1).values(field)[:1])


def with_rounds(qs):
    """Suggestions annotated with the current round's due date and reply date, the first round's due and reply
    dates and the latest feedback given (a proposer not satisfied stays so while the unit handles the
    suggestion again)."""
    return qs.annotate(current_due=_current("due_on"), current_replied=_current("replied_on"),
                       first_due=_first("due_on"), first_replied=_first("replied_on"),
                       final_satisfaction=_last_feedback())


def suggestion_list(*, user):
    return with_rounds(suggestion_policy.visible(user).select_related("unit"))


def overdue_q(today):
    """Waiting for a reply past the current round's due date."""
    return Q(status=SuggestionStatus.ASSIGNED, current_due__lt=today)


def replied_on_time_q():
    """The first round's reply came on or before its due date (the figure 按期答复)."""
    return Q(first_replied__isnull=False, first_replied__lte=F("first_due"))


def satisfied_q():
    return Q(final_satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.BASIC])


def feedback_q():
    return Q(final_satisfaction__in=Satisfaction.values)


def suggestion_detail(*, user, pk):
    return suggestion_policy.get(user, pk, Suggestion.objects.select_related("unit"))


def co_opinions(suggestion):
    """The co-handling units' opinions on a suggestion (already checked to be visible), round by round."""
    return suggestion.co_opinions.select_related("unit", "given_by")


def suggestion_history(*, user, suggestion):
    from fazhi.core.selectors import audit_list
    from fazhi.orgs.builtin_roles import Perm

    if not user.has_perm(Perm.VIEW_AUDIT):
        return None
    return audit_list(user=user, filters={}).filter(object_type="oversight.Suggestion",
                                                    object_id=str(suggestion.pk))[:50]


def published_suggestions():
    """Replies the county has published on the public site (the text is masked on the page)."""
    return with_rounds(Suggestion.objects.filter(published_on__isnull=False, status=SuggestionStatus.CLOSED)
                       .select_related("unit")).order_by("-published_on", "-pk")


def accountability_list(*, user):
    return accountability_policy.visible(user).select_related("unit", "trigger_type")


def trigger_link(record):
    """``(title, url)`` of the record that triggered an accountability record, or ``None``."""
    obj = record.trigger
    if obj is None:
        return None
    if hasattr(obj, "get_absolute_url"):
        return str(obj), obj.get_absolute_url()
    name = DETAIL_URLS.get(obj._meta.label_lower)
    return str(obj), reverse(name, args=[obj.pk]) if name else ""


def accountability_history(record):
    """Every entry of an accountability record's audit trail, oldest first: its registration and each correction
    with the values before and after (the record is shown only to the office and leaders, who see it whole)."""
    from fazhi.core.models import AuditEntry

    return AuditEntry.objects.filter(object_type=record._meta.label, object_id=str(record.pk)).order_by("seq")


#: the record page of a linked record whose model does not say its own address
DETAIL_URLS = {"enforcement.case": "enforcement:case_detail", "decisions.decision": "decisions:decision_detail"}


def inspection_list(*, user):
    return inspection_policy.visible(user).select_related("unit")


def judicial_list(*, user):
    return judicial_policy.visible(user).select_related("unit")


def task_list(*, user):
    return task_policy.visible(user).select_related("unit", "inspection", "judicial")


def source_tasks(*, user, source):
    """The rectification tasks of ``source`` the user may see (a unit sees its own; the office all)."""
    field = "inspection" if isinstance(source, CongressInspection) else "judicial"
    return task_list(user=user).filter(**{field: source})
