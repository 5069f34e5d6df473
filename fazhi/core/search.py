"""Shared Chinese full-text search: one interface, a backend for SQLite and one for PostgreSQL.

How a module makes its records searchable
-----------------------------------------
1. In its ``search.py`` the module registers a source (for re-indexing everything)::

       from fazhi.core.registry import register_search

       def entries():
           for doc in NormativeDocument.objects.select_related("issuer"):
               yield doc, dict(title=doc.title, text=doc.text, unit=doc.issuer,
                               url=doc.get_absolute_url(), public=doc.is_public)

       register_search("normative_docs.document", label="规范性文件", entries=entries)

2. Its services call, inside the transaction of the write (so a rollback takes the entry with it)::

       from fazhi.core import search
       search.index(doc, title=..., text=..., unit=doc.issuer, url=..., public=True,
                    source="normative_docs.document")
       search.remove(doc)                      # when the record is deleted / must vanish

3. Pages query::

       results = search.query("拆迁", user=request.user)                # staff: limited to the data scope
       results = search.query("拆迁", public_only=True, source="normative_docs.document")   # public site
       for hit in results:     # results.total = every match; hits are ranked, best first
           hit.entry, hit.rank, hit.title_html, hit.snippet         # *_html / snippet are safe HTML with <mark>

Semantics
---------
Text is cut into overlapping character bigrams (``依法行政`` → ``依法 法行 行政``) within runs of letters and
digits (punctuation and spaces break a run; a one-character run is kept as itself). A query is cut the same way
and searched as a *phrase* of consecutive bigrams, so a query of two or more characters finds exactly the entries
whose title or text contains it as a substring: recall is 100%, no word segmenter (jieba) is needed and none can
split a word differently from the query. A query with spaces or punctuation is several such phrases, all required.
A one-character query falls back to a plain substring scan (correct, not indexed).

- SQLite: an FTS5 table ``core_searchentry_fts(title, body, tags)`` (tokenizer unicode61 over the space-separated
  bigrams; rowid = ``SearchEntry.id``; ``tags`` holds the filters — public, source, unit — as tokens so that a
  filtered count is a posting-list intersection), ranked by ``bm25`` with the title weighted 10×. A trigger
  drops the index row when an entry is deleted (also by ``flush``).
- PostgreSQL: a ``tsv tsvector`` column on ``core_searchentry`` built with the ``'simple'`` configuration (title
  weight A, text weight B) and a GIN index that finds the entries holding a word's bigrams; the word is then checked
  on the row as a substring of the title or text (a word with cased letters: ``phraseto_tsquery('simple', …)`` on
  the vector), ranked by ``ts_rank`` — see ``PostgresBackend``. (Before 30 Nov 2026 the phrase was checked on the
  vector for every word, which also matched a word split by punctuation, "执法，法规" for 执法规; it no longer does.)

Ranking reads every ranked match's statistics, so a phrase found in more than ``RANK_WINDOW`` (2,000) entries
(行政, 管理 …) is ranked among its newest 2,000 entries and the older matches follow, newest first. On SQLite
``total`` is always exact and every match is on some page, so recall is not affected.

PostgreSQL has no counts in its GIN index, so it ranks among the newest ``PG_RANK_WINDOW`` (200) matches and counts
up to ``COUNT_CAP`` (2,000, the public site's listing cap): beyond it ``total`` is 2,000, ``Results.capped`` is set
and ``notice`` asks for more words (every match is still found — ``every_match`` — and the first 2,000 are listed).
Within those bounds a query reads no word vector except the 200 it ranks (``PostgresBackend``). At 100,000 entries,
300 queries (``benchmarks/search.py``, 30 Nov 2026; 2-core machine loaded by other work, so side by side on the same
data, identical answers to all 300 queries):

| PostgreSQL | load | median | p95 | max |
|---|---|---|---|---|
| phrase checked on the vector (before) | ~9    | 38.5 ms | 164.2 ms | 463.9 ms |
| word checked on the row (now)         | ~9    | 28.9 ms |  83.7 ms | 116.1 ms |
| phrase checked on the vector (before) | 14–18 | 72.7 ms | 289.7 ms | 937.1 ms |
| word checked on the row (now)         | 14–18 | 58.3 ms | 161.1 ms | 334.2 ms |
| phrase checked on the vector (before) | 13–14 | 71.3 ms | 212.8 ms | 468.2 ms |
| word checked on the row (now)         | 13–14 | 53.2 ms | 160.3 ms | 354.1 ms |

On a quiet machine (load average 1.1) "before" gave 15.2 / 69.3 / 175 ms and "now" 10.5 / 26.9 / 54.8 ms, 22.1× the
substring scan's median (231.6 ms), recall 100%.
RUM (Debian's ``postgresql-15-rum``, ranking inside the index) was tried: its ordered scan still scores every match
(120 ms for 17,000 matches on the loaded machine) and it slowed index writes several-fold, so it is not used.

Queries are capped before anything is looked up: text is cleaned like stored prose (``fazhi.core.text.clean_text``:
no zero-width characters, full-width letters/digits folded), then cut to ``FAZHI_SEARCH_MAX_QUERY_CHARS`` characters
(default 50), to ``FAZHI_SEARCH_MAX_TERMS`` index terms (bigrams, a one-character run counting one; default 49) and
to ``MAX_PHRASES`` (8) separate words.
A longer query is *truncated*, not refused, and ``Results.notice`` says so in Chinese: a record containing the long
text also contains its beginning, so the person still finds it, and no query is slow (a pasted 7,000-character
paragraph took 2–3 s as one 7,000-bigram phrase, and 7,000 space-separated characters overflowed SQLite's
expression depth after 90 s).

Results pass the data scope (asked through ``fazhi.core.access``: entries owned by units the user reaches, or shared
with one of them through ``index(..., shared_units=...)``) unless
``public_only`` is given, which returns only entries indexed with ``public=True`` and needs no user.
"""
import html
import re
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Q
from django.utils.safestring import mark_safe

from .models import SearchEntry
from .text import clean_text

FTS_TABLE = "core_searchentry_fts"
_RUN = re.compile(r"[^\W_]+", re.UNICODE)
TITLE_WEIGHT = 10.0


# Tokens -------------------------------------------------------------------------------------

def _runs(text):
    return _RUN.findall((text or "").lower())


def _run_tokens(run):
    if len(run) == 1:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)]


def bigrams(text) -> str:
    """The indexed form of ``text``: space-separated overlapping bigrams of each letter/digit run."""
    out = []
    for run in _runs(text):
        out.extend(_run_tokens(run))
    return " ".join(out)


def query_phrases(q) -> list[str]:
    """The phrases (each a space-separated bigram sequence) a query must all match."""
    return [" ".join(_run_tokens(run)) for run in _runs(q)]


def _object_key(obj):
    return f"{obj._meta.app_label}.{obj._meta.object_name}", str(obj.pk)


# Writing ------------------------------------------------------------------------------------

def index(obj, *, title, text="", unit=None, url="", public=False, source, shared_units=()):
    """Create or replace the search entry of ``obj``. Call it inside the service's transaction.

    ``shared_units``: other units whose staff also find the entry (a suggestion's co-handling units); a staff
    search passes when ``unit`` *or* one of them is in the searcher's data scope. Index again when they change."""
    object_type, object_id = _object_key(obj)
    with transaction.atomic():
        entry, _ = SearchEntry.objects.update_or_create(
            object_type=object_type, object_id=object_id,
            defaults={"source": source, "title": title[:500], "text": text or "",
                      "unit": unit, "url": url or "", "public": bool(public)},
        )
        entry.shared_units.set(shared_units)
        _backend().write([entry])
    return entry


def remove(obj):
    """Drop ``obj``'s search entry (if any)."""
    object_type, object_id = _object_key(obj)
    with transaction.atomic():
        ids = list(SearchEntry.objects.filter(object_type=object_type, object_id=object_id)
                   .values_list("pk", flat=True))
        _backend().delete(ids)
        SearchEntry.objects.filter(pk__in=ids).delete()


def write_index_rows(entries):
    """Index already-saved ``SearchEntry`` rows in bulk (for loaders that use ``bulk_create``)."""
    _backend().write(list(entries))


def index_missing(source_key):
    """Index, in bulk, every record of the registered source ``source_key`` that has no entry yet — for loaders
    that use ``bulk_create`` (the demos): one bulk insert, then ``write_index_rows``; records already indexed
    are left as they are. Not for sources with ``shared_units`` (use ``index``). Returns the count indexed."""
    from .registry import search_sources

    src = search_sources()[source_key]
    indexed = set(SearchEntry.objects.filter(source=source_key).values_list("object_type", "object_id"))
    rows = []
    for obj, fields in src.entries():
        key = _object_key(obj)
        if key in indexed:
            continue
        rows.append(SearchEntry(source=source_key, object_type=key[0], object_id=key[1],
                                title=fields["title"][:500], text=fields.get("text") or "", unit=fields.get("unit"),
                                url=fields.get("url") or "", public=bool(fields.get("public"))))
    with transaction.atomic():
        write_index_rows(SearchEntry.objects.bulk_create(rows, batch_size=1000))
    return len(rows)


def reindex(source_key=None):
    """Rebuild the entries of one registered source (or all) from its ``entries()``; returns the count."""
    from .registry import search_sources

    count = 0
    for key, src in search_sources().items():
        if source_key and key != source_key:
            continue
        with transaction.atomic():
            stale = list(SearchEntry.objects.filter(source=key).values_list("pk", flat=True))
            _backend().delete(stale)
            SearchEntry.objects.filter(pk__in=stale).delete()
            for obj, fields in src.entries():
                index(obj, source=key, **fields)
                count += 1
    return count


# Reading ------------------------------------------------------------------------------------

@dataclass
class Hit:
    entry: SearchEntry
    rank: float
    title_html: str
    snippet: str


@dataclass
class Results:
    q: str
    total: int
    hits: list
    notice: str = ""  # set when the query was shortened (``limit_query``) or the count stopped (``capped``)
    capped: bool = False  # PostgreSQL stopped counting at ``COUNT_CAP``: ``total`` is that many, there are more

    def __iter__(self):
        return iter(self.hits)

    def __len__(self):
        return len(self.hits)


def query(q, *, user=None, public_only=False, source=None, limit=20, offset=0) -> Results:
    """Entries containing ``q``, best first, with ``total`` the number of all matches.

    Staff searches pass ``user`` (results limited to the units in that user's data scope); the public site
    passes ``public_only=True``. Neither given → nothing (fail closed).
    """
    q, notice = limit_query(q)
    phrases = query_phrases(q)
    if not phrases:
        return Results(q, 0, [], notice)
    unit_ids = None
    if not public_only:
        from . import access

        reached = access.visible_unit_ids(user)
        if reached is not None and not reached:
            return Results(q, 0, [])
        unit_ids = None if reached is None else sorted(reached)
    filters = {"public_only": public_only, "source": source, "unit_ids": unit_ids}
    if any(len(p) == 1 for p in phrases):  # a one-character run: no bigram to look up
        (ranked, total), capped = _scan(_runs(q), filters, limit, offset), False
    else:
        ranked, total, capped = _ranked(_backend(), phrases, filters, limit, offset)
    if capped:
        notice += f"符合条件的结果超过{total}条，只列出其中的{total}条，请增加检索词缩小范围。"
    entries = SearchEntry.objects.in_bulk([pk for pk, _ in ranked])
    terms = _highlight_terms(q)
    hits = [Hit(entries[pk], rank, highlight(entries[pk].title, terms), snippet(entries[pk].text, terms))
            for pk, rank in ranked if pk in entries]
    return Results(q, total, hits, notice, capped)


#: The most matches a public listing reads and filters (``public_query``); beyond it the notice says so.
PUBLIC_CAP = 2000


def public_query(q, *, source=None, today=None, cap=PUBLIC_CAP) -> Results:
    """What the public site shows for ``q`` today: the public matches, best first, each source's
    ``on_public_site`` applied (a decision whose display period ended is no longer shown), with ``total`` equal
    to the number of hits — so a public page's "共 N 条" always equals the rows it lists (up to ``cap``)."""
    from . import clock
    from .registry import search_sources

    results = query(q, public_only=True, source=source, limit=cap)
    sources = search_sources()
    by_source = {}
    for hit in results.hits:
        by_source.setdefault(hit.entry.source, []).append(hit.entry.object_id)
    shown = {}
    for key, ids in by_source.items():
        hook = sources[key].on_public_site if key in sources else None
        if hook is not None:
            shown[key] = {str(pk) for pk in hook(ids, today or clock.today())}
    hits = [h for h in results.hits if h.entry.source not in shown or h.entry.object_id in shown[h.entry.source]]
    notice = results.notice
    if results.total > cap:
        notice += f"符合条件的结果较多，只列出最相关的{cap}条，请增加检索词缩小范围。"
    return Results(results.q, len(hits), hits, notice)


#: Most separate words (runs between spaces or punctuation) a query is searched by.
MAX_PHRASES = 8


def limit_query(q) -> tuple[str, str]:
    """``(query, notice)``: ``q`` cleaned and cut to the configured characters and terms; ``notice`` is the
    Chinese sentence saying it was cut ("" when it was not)."""
    from django.conf import settings

    original = clean_text(q)
    max_chars = max(1, int(getattr(settings, "FAZHI_SEARCH_MAX_QUERY_CHARS", 50)))
    max_terms = max(1, int(getattr(settings, "FAZHI_SEARCH_MAX_TERMS", 49)))
    q = original[:max_chars]
    used = 0
    for number, match in enumerate(_RUN.finditer(q)):
        terms = max(1, len(match.group()) - 1)
        if number >= MAX_PHRASES:  # every separate word is one more condition (a LIKE scan for one character)
            q = q[:match.start()]
            break
        if used + terms > max_terms:
            room = max_terms - used
            q = q[:match.start() + (room + 1 if room else 0)]
            break
        used += terms
    q = q.strip()
    if len(q) == len(original):
        return q, ""
    return q, f"检索词过长（共 {len(original)} 个字），已只按前 {len(q)} 个字“{q}”检索。"


def _scan(runs, filters, limit, offset):
    from django.db.models import Q

    qs = SearchEntry.objects.all()
    for run in runs:
        qs = qs.filter(Q(title__icontains=run) | Q(text__icontains=run))
    qs = _apply_filters(qs, filters)
    total = qs.count()
    ids = list(qs.order_by("-indexed_at", "-pk").values_list("pk", flat=True)[offset:offset + limit])
    return [(pk, 0.0) for pk in ids], total


def _apply_filters(qs, filters):
    if filters["public_only"]:
        qs = qs.filter(public=True)
    if filters["source"]:
        qs = qs.filter(source=filters["source"])
    if filters["unit_ids"] is not None:
        shared = SearchEntry.shared_units.through.objects.filter(orgunit_id__in=filters["unit_ids"])
        qs = qs.filter(Q(unit_id__in=filters["unit_ids"]) | Q(pk__in=shared.values("searchentry_id")))
    return qs


# Highlighting -------------------------------------------------------------------------------

def _highlight_terms(q):
    return _runs(q)  # what was searched for: each run of letters and digits


def highlight(text, terms) -> str:
    """``text`` as safe HTML with each occurrence of each term wrapped in <mark>."""
    text = text or ""
    if not terms:
        return mark_safe(html.escape(text))
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[last:m.start()]))
        out.append(f"<mark>{html.escape(m.group(0))}</mark>")
        last = m.end()
    out.append(html.escape(text[last:]))
    return mark_safe("".join(out))


def snippet(text, terms, width=60) -> str:
    """A window of ``text`` around the first match, highlighted (the beginning if the match is in the title)."""
    text = text or ""
    lower = text.lower()
    first = min((i for i in (lower.find(t.lower()) for t in terms) if i >= 0), default=-1)
    start = max(0, first - width // 3) if first >= 0 else 0
    end = min(len(text), start + width)
    piece = text[start:end]
    result = highlight(piece, terms)
    return mark_safe(("…" if start > 0 else "") + result + ("…" if end < len(text) else ""))


# Ranking ------------------------------------------------------------------------------------

# Relevance ranking reads every match's statistics; for a phrase found in more than RANK_WINDOW entries (行政,
# 管理 …) the newest RANK_WINDOW matches are ranked and the older ones follow, newest first. The total and the
# recall stay exact: every match is on some page.
RANK_WINDOW = 2000


def _ranked(backend, phrases, filters, limit, offset):
    """``(page, total, capped)``: the page ``offset:offset+limit`` of the matches in ranking order and the number
    of matches — exact, or ``count_cap`` with ``capped`` when the backend stops counting there (PostgreSQL).

    Order: the matches among the newest ``RANK_WINDOW`` by relevance, then every older match, newest first.
    """
    window = min(RANK_WINDOW, backend.rank_window_max or RANK_WINDOW)
    page, ranked_count, seen, boundary = backend.window(phrases, filters, limit, offset, window)
    if seen <= window:  # every match was ranked
        return page, ranked_count, False
    total = seen if backend.count_cap else backend.count(phrases, filters)  # PostgreSQL's window counted
    capped = bool(backend.count_cap) and total > backend.count_cap
    total = min(total, backend.count_cap) if capped else total
    if len(page) < limit and offset + len(page) < total:
        page += backend.older(phrases, filters, limit - len(page), max(0, offset - ranked_count), boundary)
    return page, total, capped


def _filter_tokens(filters):
    """Filters as index tokens (SQLite): restrictions become cheap posting-list intersections."""
    parts = []
    if filters["public_only"]:
        parts.append("tags : zpublic")
    if filters["source"]:
        parts.append(f"tags : {_source_token(filters['source'])}")
    if filters["unit_ids"] is not None:
        parts.append("tags : (" + " OR ".join(f"zu{int(u)}" for u in filters["unit_ids"]) + ")")
    return parts


def _source_token(key):
    return "zs" + re.sub(r"[^0-9a-z]", "x", key.lower())


def _shared_unit_ids(entries):
    """``{entry id: [shared unit ids]}`` for ``entries`` (one query)."""
    found = {}
    rows = SearchEntry.shared_units.through.objects.filter(searchentry_id__in=[e.pk for e in entries])
    for entry_id, unit_id in rows.values_list("searchentry_id", "orgunit_id"):
        found.setdefault(entry_id, []).append(unit_id)
    return found


def _tags(entry, shared=()):
    tags = [_source_token(entry.source), f"zu{entry.unit_id or 0}", *(f"zu{u}" for u in shared)]
    if entry.public:
        tags.append("zpublic")
    return " ".join(tags)


# Backends -----------------------------------------------------------------------------------

class SqliteBackend:
    """FTS5 over bigrams; the entry's filters (public, source, unit) are tokens of a third column ``tags``."""

    rank_window_max = None
    count_cap = None  # FTS5 counts from its index: always exact

    def write(self, entries):
        if not entries:
            return
        shared = _shared_unit_ids(entries)
        with connection.cursor() as cur:
            cur.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(e.pk,) for e in entries])
            cur.executemany(f"INSERT INTO {FTS_TABLE}(rowid, title, body, tags) VALUES (%s, %s, %s, %s)",
                            [(e.pk, bigrams(e.title), bigrams(e.text), _tags(e, shared.get(e.pk, ())))
                             for e in entries])

    def delete(self, ids):
        if ids:
            with connection.cursor() as cur:
                cur.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in ids])

    @staticmethod
    def _match(phrases, filters=None):
        text = " AND ".join(f'{{title body}} : "{p}"' for p in phrases)
        return " AND ".join([f"({text})", *(_filter_tokens(filters) if filters else [])])

    def count(self, phrases, filters):
        with connection.cursor() as cur:
            cur.execute(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
                        [self._match(phrases, filters)])
            return cur.fetchone()[0]

    def window(self, phrases, filters, limit, offset, window):
        """Rank the matches among the newest ``window`` entries containing the phrase.

        Returns ``(page, ranked, seen, boundary)``: the requested page of the ranked matches, how many matches
        were ranked, how many entries containing the phrase were read (``window + 1`` at most: ``seen <= window``
        means every match was ranked) and the oldest entry id of the window. The filters are applied by a join
        after ranking: as index tokens they would make ``bm25`` read their long position lists.
        """
        where, params = _sql_filters(filters)
        with connection.cursor() as cur:
            cur.execute(
                f"WITH m AS MATERIALIZED (SELECT rowid AS id, bm25({FTS_TABLE}, {TITLE_WEIGHT}, 1.0, 0.0) AS r "
                f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rowid DESC LIMIT %s), "
                "w AS MATERIALIZED (SELECT id, r FROM m ORDER BY id DESC LIMIT %s), "
                "k AS MATERIALIZED (SELECT w.id, w.r FROM w CROSS JOIN core_searchentry e ON e.id = w.id "
                "WHERE 1 = 1" + "".join(f" AND {c}" for c in where) + ") "
                "SELECT NULL, NULL, (SELECT count(*) FROM k), (SELECT count(*) FROM m), (SELECT min(id) FROM w) "
                "UNION ALL SELECT * FROM (SELECT id, r, NULL, NULL, NULL FROM k ORDER BY r, id DESC LIMIT %s OFFSET %s)",
                [self._match(phrases), window + 1, window, *params, limit, offset])
            rows = cur.fetchall()
        _, _, ranked, seen, boundary = rows[0]
        return [(pk, -r) for pk, r, *_ in rows[1:]], ranked, seen, boundary

    def older(self, phrases, filters, limit, offset, boundary):
        """Matches (filters applied) older than ``boundary``, newest first."""
        with connection.cursor() as cur:
            cur.execute(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid < %s "
                        "ORDER BY rowid DESC LIMIT %s OFFSET %s",
                        [self._match(phrases, filters), boundary, limit, offset])
            return [(pk, 0.0) for (pk,) in cur.fetchall()]

    def every_match(self, phrases, filters):
        """Every matching id (for checks and benchmarks)."""
        with connection.cursor() as cur:
            cur.execute(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [self._match(phrases, filters)])
            return [pk for (pk,) in cur.fetchall()]


def _sql_filters(filters):
    where, params = [], []
    if filters["public_only"]:
        where.append("e.public = %s")
        params.append(True)
    if filters["source"]:
        where.append("e.source = %s")
        params.append(filters["source"])
    if filters["unit_ids"] is not None:
        marks = ",".join(["%s"] * len(filters["unit_ids"]))
        shared = SearchEntry.shared_units.through._meta.db_table
        where.append(f"(e.unit_id IN ({marks}) OR e.id IN (SELECT searchentry_id FROM {shared} "
                     f"WHERE orgunit_id IN ({marks})))")
        params.extend([*filters["unit_ids"], *filters["unit_ids"]])
    return where, params


#: PostgreSQL: relevance is ranked among the newest this many matches (each ranked match's vector is read).
PG_RANK_WINDOW = 200
#: PostgreSQL: the count of matches stops here (``Results.capped``), so a very common phrase counts fast.
COUNT_CAP = 2_000


_PLANNER = ("enable_seqscan", "enable_indexscan", "enable_bitmapscan")


@contextmanager
def _planner(cur):
    """Restore the planner settings a query changes with ``SET LOCAL``: inside a caller's transaction (a
    savepoint) they would otherwise last until that transaction ends."""
    cur.execute("SELECT " + ", ".join(f"current_setting('{name}')" for name in _PLANNER))
    saved = cur.fetchone()
    yield
    cur.execute("SELECT " + ", ".join(f"set_config('{name}', %s, true)" for name in _PLANNER), saved)


class PostgresBackend:
    """A ``tsvector`` ('simple' configuration over the bigrams) on the entry's own row, with a GIN index.

    A GIN index keeps no word positions, and PostgreSQL's own phrase check (``phraseto_tsquery``) reads the row's
    vector — ≈2.5 kB stored out of line, 4–5 page reads per row: that was the whole cost of a query. So the index
    is asked only for the entries holding a word's bigrams (``plainto_tsquery``: exact for the index, no
    check on the row), and the word itself is checked on the row as a substring of the title or the text (which
    sit on the row's own page) — exactly the documented meaning of a match. A word with letters that have a case
    (Latin, Greek …) is checked with the vector instead (``ts_match_vq``, which, unlike ``@@``, the planner cannot
    use as an index condition), so that case-folding stays Python's, as in the index.

    The index looks up at most three bigrams of a word (``_probe``: a common word's bigrams are long posting lists
    and the row check proves the rest). One bitmap pass yields the matches up to ``count_cap + 1`` (the count);
    below the cap those ids are the whole set and the newest ``window`` of them are ranked (``ts_rank`` reads just
    those vectors). A caseless word found in a fifth or more of the newest ``PROBE_ROWS`` entries is instead counted by walking
    the newest ids backwards (``_walk``), which yields the newest matches too. Otherwise, at the cap, the newest
    matches are found by that walk with a bound (a word in ≥ 2% of the entries needs ≈ 50 rows per match), then
    through the bitmap if the matches are mostly old ones (``_newest``).
    """

    rank_window_max = PG_RANK_WINDOW
    count_cap = COUNT_CAP

    def write(self, entries):
        if not entries:
            return
        with connection.cursor() as cur:
            cur.executemany(
                "UPDATE core_searchentry SET tsv = setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'B') WHERE id = %s",
                [(bigrams(e.title), bigrams(e.text), e.pk) for e in entries])

    def delete(self, ids):
        pass  # the vector lives on the entry's own row

    @staticmethod
    def _tsquery(phrases):
        return " && ".join(["phraseto_tsquery('simple', %s)"] * len(phrases)), list(phrases)

    @staticmethod
    def _word(phrase):
        """The word a phrase of bigrams was cut from (``依法 法行 行政`` → ``依法行政``)."""
        grams = phrase.split()
        return grams[0] + "".join(g[1:] for g in grams[1:])

    @classmethod
    def _checks(cls, phrases, every=False):
        """Row conditions proving the phrases (``every``: also the one-bigram ones, for a scan without the index)."""
        sql, params = [], []
        for p in phrases:
            word = cls._word(p)
            if word.lower() == word.upper():  # nothing to fold: a substring of the row's own text
                if every or " " in p:
                    sql.append("(strpos(e.title, %s) > 0 OR strpos(e.text, %s) > 0)")
                    params += [word, word]
            else:
                sql.append("ts_match_vq(e.tsv, phraseto_tsquery('simple', %s))")
                params.append(p)
        return sql, params

    def _where(self, phrases, filters, extra=""):
        """``(sql, params)``: every bigram through the index, then ``extra``, the filters and the row checks."""
        filter_sql, filter_params = _sql_filters(filters)
        check_sql, check_params = self._checks(phrases)
        sql = " AND ".join(["e.tsv @@ plainto_tsquery('simple', %s)"] * len(phrases)
                           + ([extra] if extra else []) + filter_sql + check_sql)
        return sql, [*(self._probe(p) for p in phrases), *filter_params, *check_params]

    @staticmethod
    def _probe(phrase):
        """The bigrams the index looks up for a phrase: its first, middle and last. The row check proves the
        rest, and each more bigram of a common word is one more long posting list to intersect."""
        grams = phrase.split()
        return " ".join(dict.fromkeys([grams[0], grams[len(grams) // 2], grams[-1]]))

    @staticmethod
    def _bitmap(cur):
        # The planner prices ``@@`` as cheap and would walk the primary key (or the table) reading every row's
        # vector: keep to the GIN bitmap, which visits only the rows holding every bigram.
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("SET LOCAL enable_indexscan = off")

    def _ids(self, cur, phrases, filters, limit):
        sql, params = self._where(phrases, filters)
        cur.execute(f"SELECT e.id FROM core_searchentry e WHERE {sql} LIMIT %s", [*params, limit])
        return [pk for (pk,) in cur.fetchall()]

    def count(self, phrases, filters):
        """The number of matches, up to ``count_cap + 1`` (more means: at least that many)."""
        with transaction.atomic(), connection.cursor() as cur, _planner(cur):
            self._bitmap(cur)
            return len(self._ids(cur, phrases, filters, self.count_cap + 1))

    #: Rows of the newest entries checked to judge how common a caseless word is, and the most rows walked to
    #: count such a word up to the cap without the index.
    PROBE_ROWS, WALK_ROWS = 400, 10_000

    def window(self, phrases, filters, limit, offset, window):
        """As ``SqliteBackend.window`` (``seen`` is the count, up to ``count_cap + 1``)."""
        newest = None
        with transaction.atomic(), connection.cursor() as cur, _planner(cur):
            ids = self._walk(cur, phrases, filters)  # a very common word: the newest matches, no index needed
            if ids is not None:
                newest = ids[:window]
            else:
                self._bitmap(cur)
                ids = self._ids(cur, phrases, filters, self.count_cap + 1)
            if not ids:
                return [], 0, 0, None
            if len(ids) <= self.count_cap:
                newest = sorted(ids, reverse=True)[:window]
            elif newest is None:  # more matches than the bitmap pass read: the newest are found apart
                newest = self._newest(cur, phrases, filters, window)
            tsq, tsq_params = self._tsquery(phrases)
            cur.execute(f"SELECT e.id, ts_rank(e.tsv, {tsq}) AS r FROM core_searchentry e WHERE e.id = ANY(%s) "
                        "ORDER BY r DESC, e.id DESC LIMIT %s OFFSET %s", [*tsq_params, newest, limit, offset])
            rows = cur.fetchall()
        return [(pk, float(r)) for pk, r in rows], len(newest), len(ids), newest[-1]

    def _walk_sql(self, phrases, filters):
        check_sql, check_params = self._checks(phrases, every=True)
        if any("ts_match_vq" in c for c in check_sql):
            return None, None
        filter_sql, filter_params = _sql_filters(filters)
        sql = ("SELECT e.id FROM (SELECT * FROM core_searchentry ORDER BY id DESC LIMIT %s) e WHERE "
               + " AND ".join(filter_sql + check_sql) + " ORDER BY e.id DESC LIMIT %s")
        return sql, [*filter_params, *check_params]

    def _walk(self, cur, phrases, filters):
        """A caseless word found in a fifth or more of the newest ``PROBE_ROWS`` entries is counted (up to the cap,
        within ``WALK_ROWS``) by checking the newest rows backwards — its posting lists cost more than the rows.
        ``None``: use the index."""
        sql, params = self._walk_sql(phrases, filters)
        if sql is None:
            return None
        cur.execute("SET LOCAL enable_seqscan = off")  # the newest rows by the primary key, never the whole table
        cur.execute("SET LOCAL enable_bitmapscan = off")
        cur.execute(sql, [self.PROBE_ROWS, *params, self.PROBE_ROWS])
        found = len(cur.fetchall())
        if found * self.WALK_ROWS < (self.count_cap + 1) * self.PROBE_ROWS:
            cur.execute("SET LOCAL enable_bitmapscan = on")
            return None
        cur.execute(sql, [self.WALK_ROWS, *params, self.count_cap + 1])
        ids = [pk for (pk,) in cur.fetchall()]
        cur.execute("SET LOCAL enable_bitmapscan = on")
        return ids if len(ids) > self.count_cap else None

    def _newest(self, cur, phrases, filters, window):
        """The newest ``window`` of more than ``count_cap`` matches. The newest ``walk`` entries are checked
        backwards on their rows (no vector read when every word is caseless); if they hold fewer than ``window``
        matches (the matches are mostly old ones), the bitmap's matches are sorted by id instead."""
        sql, params = self._walk_sql(phrases, filters)
        if sql is not None:
            walk = 2 * window * max(self.count_cap, self._rows(cur)) // self.count_cap
            cur.execute("SET LOCAL enable_bitmapscan = off")
            cur.execute("SET LOCAL enable_indexscan = on")
            cur.execute(sql, [walk, *params, window])
            found = [pk for (pk,) in cur.fetchall()]
            if len(found) == window:
                return found
            cur.execute("SET LOCAL enable_bitmapscan = on")
            cur.execute("SET LOCAL enable_indexscan = off")
        sql, params = self._where(phrases, filters)
        cur.execute(f"SELECT e.id FROM core_searchentry e WHERE {sql} ORDER BY e.id DESC LIMIT %s", [*params, window])
        return [pk for (pk,) in cur.fetchall()]

    @staticmethod
    def _rows(cur):
        cur.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = 'core_searchentry'::regclass")
        return cur.fetchone()[0]

    def older(self, phrases, filters, limit, offset, boundary):
        sql, params = self._where(phrases, filters, "e.id < %s")
        params.insert(len(phrases), boundary)
        with connection.cursor() as cur:
            cur.execute(f"SELECT e.id FROM core_searchentry e WHERE {sql} ORDER BY e.id DESC LIMIT %s OFFSET %s",
                        [*params, limit, offset])
            return [(pk, 0.0) for (pk,) in cur.fetchall()]

    def every_match(self, phrases, filters):
        sql, params = self._where(phrases, filters)
        with connection.cursor() as cur:
            cur.execute(f"SELECT e.id FROM core_searchentry e WHERE {sql}", params)
            return [pk for (pk,) in cur.fetchall()]


def _backend():
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise ImproperlyConfigured(f"全文检索只支持 SQLite 和 PostgreSQL，当前数据库为 {connection.vendor}。")
