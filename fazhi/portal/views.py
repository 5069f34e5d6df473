from django.shortcuts import render

from fazhi.core import clock, search
from fazhi.core.registry import search_sources

from .registry import open_drafts, public_sections

SEARCH_PAGE = 20


def home(request):
    return render(request, "portal/home.html", {"sections": public_sections(), "drafts": open_drafts(clock.today())})


def site_search(request):
    """One search over every public register (only what the modules indexed as public)."""
    q = request.GET.get("q", "")
    raw_page = request.GET.get("page", "")
    number = int(raw_page) if raw_page.isdecimal() and 0 < int(raw_page) < 10_000 else 1
    results = search.public_query(q) if q.strip() else None  # total = what is listed, over every page
    labels = {key: s.label for key, s in search_sources().items()}
    pages = max(1, -(-results.total // SEARCH_PAGE)) if results is not None else 1
    number = min(number, pages)
    shown = results.hits[(number - 1) * SEARCH_PAGE:number * SEARCH_PAGE] if results is not None else []
    hits = [{"hit": h, "source": labels.get(h.entry.source, "")} for h in shown]
    return render(request, "portal/search.html", {
        "q": q, "results": results, "searched": results is not None, "hits": hits, "number": number, "pages": pages,
        "previous": number - 1 if number > 1 else None, "next": number + 1 if number < pages else None,
    })
