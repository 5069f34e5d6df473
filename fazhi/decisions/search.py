"""Decisions in the shared full-text search (fazhi.core.search): staff entries, owned by the lead unit."""
from django.urls import reverse

from fazhi.core.registry import register_search

from .models import Decision

SOURCE = "decisions.decision"


def fields(decision):
    text = "\n".join(s for s in [decision.proposer, decision.proposal, decision.draft_text, decision.explanation,
                                 decision.decision_text] if s)
    return {"title": decision.title, "text": text, "unit": decision.lead_unit,
            "url": reverse("decisions:decision_detail", args=[decision.pk]), "public": False}


def entries():
    for decision in Decision.objects.select_related("lead_unit"):
        yield decision, fields(decision)


def index(decision):
    """Called by the services inside the write's transaction."""
    from fazhi.core import search

    search.index(decision, source=SOURCE, **fields(decision))


register_search(SOURCE, label="重大行政决策", entries=entries)
