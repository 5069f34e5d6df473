"""The published power list in the shared full-text search (fazhi.core.search).

Entries are the items of the current published version (object: the stable ``PowerItem``, so a new
version updates the same entry), public, owned by the item's unit. ``version_publish`` keeps them in
step: the first version is indexed in bulk, later ones only index what was added or changed and drop
what was removed.
"""
from django.urls import reverse

from fazhi.core.registry import register_search

from .choices import PowerCategory
from .models import ListVersion, ListVersionEntry, PowerItem, basis_lines

SOURCE = "powers.item"

try:  # the shared search is optional for this module: without it the public list filters plainly
    from fazhi.core import search as core_search
    from fazhi.core.models import SearchEntry
except ImportError:  # pragma: no cover
    core_search = None


def fields(entry, *, base_url=None):
    category = PowerCategory(entry.category).label if entry.category in PowerCategory.values else entry.category
    text = "\n".join(s for s in [entry.code, category, entry.unit_name, entry.sub_items,
                                 "\n".join(basis_lines(entry.bases)), entry.duties] if s)
    return {"title": entry.name, "text": text, "unit": entry.unit,
            "url": f"{base_url or reverse('powers:public_item')}?code={entry.code}", "public": True}


def entries():
    version = ListVersion.objects.order_by("-published_on", "-id").first()
    if version is None:
        return
    for entry in ListVersionEntry.objects.filter(version=version).select_related("item", "unit"):
        yield entry.item, fields(entry)


register_search(SOURCE, label="权责事项", entries=entries)


def index_version(version, comparison):
    """Bring the search entries in line with ``version`` (inside the publishing transaction)."""
    if core_search is None:
        return
    qs = ListVersionEntry.objects.filter(version=version).select_related("item", "unit")
    if comparison is None:
        indexed = set(SearchEntry.objects.filter(source=SOURCE).values_list("object_id", flat=True))
        base_url = reverse("powers:public_item")
        new = []
        for entry in qs:
            if str(entry.item_id) in indexed:
                core_search.index(entry.item, source=SOURCE, **fields(entry, base_url=base_url))
                continue
            f = fields(entry, base_url=base_url)
            new.append(SearchEntry(source=SOURCE, object_type="powers.PowerItem", object_id=str(entry.item_id),
                                   title=f["title"][:500], text=f["text"], unit=f["unit"], url=f["url"], public=True))
        created = SearchEntry.objects.bulk_create(new, batch_size=1000)
        core_search.write_index_rows(created)
        return
    codes = [e["code"] for e in comparison.added] + [c["code"] for c in comparison.changed]
    for entry in qs.filter(code__in=codes):
        core_search.index(entry.item, source=SOURCE, **fields(entry))
    for item in PowerItem.objects.filter(code__in=[e["code"] for e in comparison.removed]):
        core_search.remove(item)


def public_item_ids(q, limit=2000):
    """Ids of the items of the current version matching ``q``, or ``None`` to filter plainly instead."""
    if core_search is None or len(q.strip()) < 2:
        return None
    results = core_search.query(q, public_only=True, source=SOURCE, limit=limit)
    if results.total > limit:
        return None
    return [int(hit.entry.object_id) for hit in results]
