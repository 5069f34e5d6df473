"""Search entries of the suggestions part: suggestions and proposals for staff (scoped by the lead unit and shared
with the co-handling units, whose staff find them too)."""
from fazhi.core.registry import register_search

from ..models.suggestions import Suggestion


def suggestion_entries():
    for s in Suggestion.objects.select_related("unit").prefetch_related("co_units"):
        yield s, dict(title=str(s), text=f"{s.proposer} {s.content}", unit=s.unit, url=s.get_absolute_url(),
                      public=False, shared_units=list(s.co_units.all()))


register_search("oversight.suggestion", label="代表建议和政协提案", entries=suggestion_entries)
