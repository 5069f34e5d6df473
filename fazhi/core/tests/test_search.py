"""The shared full-text search: exact substring recall for 2+ characters, ranking, highlight, scope."""
import pytest
from django.db import transaction

from fazhi.core import search
from fazhi.core.models import SearchEntry

pytestmark = pytest.mark.django_db

TEXTS = {
    "a": ("关于规范集体土地征收与房屋拆迁补偿的通知", "为规范房屋拆迁补偿工作，保障被拆迁人合法权益……"),
    "b": ("关于加强行政执法监督的意见", "各乡镇人民政府：为加强行政执法监督，推进依法行政，现提出如下意见。"),
    "c": ("城关镇土地承包经营权流转办法", "农村土地承包经营权流转应当依法、自愿、有偿。土地流转合同应当书面订立。"),
}


@pytest.fixture
def indexed(county):
    """Index three 'records' (units stand in for any model) owned by different units."""
    owners = {"a": county.gov, "b": county.justice, "c": county.township}
    objs = {"a": county.market, "b": county.justice, "c": county.township}
    with transaction.atomic():
        for key, (title, text) in TEXTS.items():
            search.index(objs[key], title=title, text=text, unit=owners[key], url=f"/x/{key}/",
                         public=key != "b", source="test.things")
    return objs


def titles(results):
    return [h.entry.title for h in results]


def test_bigrams_and_phrases():
    assert search.bigrams("依法行政，法治") == "依法 法行 行政 法治"
    assert search.query_phrases("拆迁补偿") == ["拆迁 迁补 补偿"]
    assert search.query_phrases("行政 执法") == ["行政", "执法"]


def test_two_character_query_finds_every_record_containing_it(indexed, county):
    results = search.query("土地", user=county.office)
    assert set(titles(results)) == {TEXTS["a"][0], TEXTS["c"][0]}
    assert results.total == 2


def test_phrase_is_an_exact_substring_not_scattered_bigrams(indexed, county):
    # 补偿 and 拆迁 both occur in a, but "补偿拆迁" does not
    assert titles(search.query("补偿拆迁", user=county.office)) == []
    assert titles(search.query("房屋拆迁补偿", user=county.office)) == [TEXTS["a"][0]]


def test_recall_equals_a_substring_scan(indexed, county):
    corpus = {t: t + x for t, x in TEXTS.values()}
    for q in ["土地", "执法", "依法", "流转合同", "拆迁", "行政", "意见", "通知", "乡镇人民"]:
        expected = {t for t, full in corpus.items() if q in full}
        assert set(titles(search.query(q, user=county.office))) == expected, q


def test_title_match_ranks_first_and_is_highlighted(indexed, county):
    results = search.query("土地", user=county.office)
    # c has 土地 three times in its text and once in its title; a only in the title: both rank, c first
    assert results.hits[0].entry.title == TEXTS["c"][0]
    assert results.hits[0].rank >= results.hits[1].rank
    assert "<mark>土地</mark>" in results.hits[0].title_html
    assert "<mark>土地</mark>" in results.hits[0].snippet


def test_highlight_escapes_html():
    assert str(search.highlight("<b>拆迁</b>", ["拆迁"])) == "&lt;b&gt;<mark>拆迁</mark>&lt;/b&gt;"


def test_results_pass_the_data_scope(indexed, county):
    # the outsider (水利局) reaches none of the owners
    assert titles(search.query("土地", user=county.outsider)) == []
    assert titles(search.query("执法", user=county.office)) == [TEXTS["b"][0]]
    # no user and not public_only: nothing (fail closed)
    assert titles(search.query("土地")) == []


def test_public_only_returns_only_public_entries(indexed):
    assert titles(search.query("执法", public_only=True)) == []
    assert set(titles(search.query("依法", public_only=True))) == {TEXTS["c"][0]}


def test_source_filter_and_one_character_fallback(indexed, county):
    assert titles(search.query("土地", user=county.office, source="other.things")) == []
    assert set(titles(search.query("镇", user=county.office))) == {TEXTS["b"][0], TEXTS["c"][0]}


def test_reindex_replaces_and_remove_deletes(indexed, county):
    obj = indexed["a"]
    with transaction.atomic():
        search.index(obj, title="关于林地保护的通知", text="林地", unit=county.gov, source="test.things")
    assert titles(search.query("拆迁", user=county.office)) == []
    assert titles(search.query("林地", user=county.office)) == ["关于林地保护的通知"]
    with transaction.atomic():
        search.remove(obj)
    assert titles(search.query("林地", user=county.office)) == []
    assert SearchEntry.objects.filter(title="关于林地保护的通知").count() == 0


def test_a_rolled_back_write_leaves_no_entry(county):
    with pytest.raises(RuntimeError), transaction.atomic():
        search.index(county.water, title="水库移民拆迁安置", text="", unit=county.gov, source="test.things")
        raise RuntimeError
    assert titles(search.query("拆迁", user=county.office)) == []


def test_paging_reports_the_total(county):
    with transaction.atomic():
        for unit in [county.gov, county.justice, county.market, county.township, county.water]:
            search.index(unit, title=f"{unit.name}行政执法公示", text="", unit=county.gov, source="test.things")
    page = search.query("执法", user=county.office, limit=2, offset=2)
    assert len(page) == 2 and page.total == 5


def test_a_unit_scoped_user_sees_only_entries_of_reached_units(indexed, county):
    with transaction.atomic():
        search.index(county.market_station, title="城关所土地执法台账", text="", unit=county.market_station,
                     source="test.things")
    # the liaison reaches 市场监管局 and its sub-units, not 县政府 or 城关镇
    assert titles(search.query("土地", user=county.liaison)) == ["城关所土地执法台账"]


def test_very_common_phrases_page_through_every_match_exactly_once(county, monkeypatch):
    monkeypatch.setattr(search, "RANK_WINDOW", 3)
    units = [county.gov, county.justice, county.market, county.township, county.water, county.firm,
             county.village_east]
    with transaction.atomic():
        for i, unit in enumerate(units):
            search.index(unit, title=f"行政执法公示{i}", text="行政" * (i + 1), unit=county.gov, source="test.things",
                         public=i % 2 == 0)
    seen = []
    for offset in range(0, 8, 2):
        page = search.query("行政", user=county.office, limit=2, offset=offset)
        assert page.total == 7
        seen += [h.entry.title for h in page]
    assert sorted(seen) == sorted(f"行政执法公示{i}" for i in range(7))
    public = []
    for offset in range(0, 6, 2):
        page = search.query("行政", public_only=True, limit=2, offset=offset)
        assert page.total == 4
        public += [h.entry.title for h in page]
    assert sorted(public) == [f"行政执法公示{i}" for i in (0, 2, 4, 6)]


def test_deleting_an_entry_drops_its_index_row(indexed, county):
    SearchEntry.objects.all().delete()  # as flush() does between transactional tests
    with transaction.atomic():
        search.index(county.water, title="水库管理办法", text="", unit=county.gov, source="test.things")
    assert search.query("土地", user=county.office).total == 0
    assert search.query("水库", user=county.office).total == 1


def test_query_with_punctuation_requires_and_highlights_each_part(indexed, county):
    results = search.query("土地，流转", user=county.office)
    assert titles(results) == [TEXTS["c"][0]]
    assert "<mark>土地</mark>" in results.hits[0].title_html and "<mark>流转</mark>" in results.hits[0].title_html


# Query caps -----------------------------------------------------------------------------------

def test_a_long_query_is_cut_to_the_configured_length_with_a_notice(settings):
    settings.FAZHI_SEARCH_MAX_QUERY_CHARS, settings.FAZHI_SEARCH_MAX_TERMS = 50, 49
    q, notice = search.limit_query("依法行政" * 1750)  # 7,000 characters
    assert q == ("依法行政" * 13)[:50]
    assert "共 7000 个字" in notice and "前 50 个字" in notice
    assert search.limit_query("土地流转") == ("土地流转", "")


def test_the_number_of_terms_and_words_is_bounded(settings):
    settings.FAZHI_SEARCH_MAX_QUERY_CHARS, settings.FAZHI_SEARCH_MAX_TERMS = 50, 5
    assert search.limit_query("一二三四五六七八")[0] == "一二三四五六"  # 5 bigrams
    assert search.limit_query("土地 承包 流转")[0] == "土地 承包 流转"  # 1 + 1 + 1 terms
    settings.FAZHI_SEARCH_MAX_TERMS = 49
    q, notice = search.limit_query(" ".join("土地承包经营权流转应当依法"))
    assert q == "土 地 承 包 经 营 权 流" and notice  # at most MAX_PHRASES separate words


def test_a_pasted_paragraph_finds_its_record_fast_and_says_it_was_shortened(indexed, county):
    import time

    long_q = TEXTS["c"][1] * 100
    started = time.perf_counter()
    results = search.query(long_q, user=county.office)
    assert time.perf_counter() - started < 1.0
    assert titles(results) == [TEXTS["c"][0]] and "已只按前" in results.notice
    spaced = search.query(" ".join(long_q), public_only=True)  # 7,000+ one-character words: no 500
    assert spaced.notice and spaced.total >= 0
    assert search.query("土地", user=county.office).notice == ""


def test_zero_width_characters_in_a_query_are_ignored(indexed, county):
    assert titles(search.query("土\u200b地承包", user=county.office)) == [TEXTS["c"][0]]


def _many(county, n=7):
    units = [county.gov, county.justice, county.market, county.township, county.water, county.firm,
             county.village_east][:n]
    with transaction.atomic():
        for i, unit in enumerate(units):
            search.index(unit, title=f"行政执法公示{i}", text="行政" * (i + 1), unit=county.gov, source="test.things",
                         public=True)


def test_postgresql_stops_counting_at_the_cap_and_says_so(county, monkeypatch):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite counts from its index: always exact")
    monkeypatch.setattr(search.PostgresBackend, "count_cap", 4)
    monkeypatch.setattr(search.PostgresBackend, "rank_window_max", 2)
    _many(county)
    seen = []
    for offset in range(0, 6, 2):
        page = search.query("行政", public_only=True, limit=2, offset=offset)
        assert page.total == 4 and page.capped and "超过4条" in page.notice
        seen += [h.entry.title for h in page]
    assert len(seen) == 4 == len(set(seen))  # the first four, each once
    exact = search.query("公示0", public_only=True)  # under the cap: exact
    assert exact.total == 1 and not exact.capped and exact.notice == ""


def test_a_capped_count_is_said_on_the_page(county, monkeypatch):
    _many(county, 2)
    monkeypatch.setattr(search, "_ranked", lambda backend, phrases, filters, limit, offset: ([], 2000, True))
    results = search.query("行政", public_only=True)
    assert results.capped and results.total == 2000
    assert results.notice == "符合条件的结果超过2000条，只列出其中的2000条，请增加检索词缩小范围。"


def _postgresql_only():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL backend's own query paths")


def _capped_pages(q):
    seen = []
    for offset in range(0, 6, 2):
        page = search.query(q, public_only=True, limit=2, offset=offset)
        assert page.total == 4 and page.capped
        seen += [h.entry.title for h in page]
    return seen


@pytest.mark.parametrize("walk_rows", [10_000, 1])  # a common word walked from the newest rows / counted via GIN
def test_postgresql_capped_pages_rank_the_newest_matches(county, monkeypatch, walk_rows):
    _postgresql_only()
    monkeypatch.setattr(search.PostgresBackend, "count_cap", 4)
    monkeypatch.setattr(search.PostgresBackend, "rank_window_max", 2)
    monkeypatch.setattr(search.PostgresBackend, "WALK_ROWS", walk_rows)
    _many(county)
    seen = _capped_pages("行政执法")
    # the ranked window is the two newest matches; the older ones follow, newest first
    assert sorted(seen[:2]) == ["行政执法公示5", "行政执法公示6"] and seen[2:] == ["行政执法公示4", "行政执法公示3"]


def test_postgresql_finds_the_newest_matches_when_the_newest_entries_do_not_match(county, monkeypatch):
    _postgresql_only()
    monkeypatch.setattr(search.PostgresBackend, "count_cap", 4)
    monkeypatch.setattr(search.PostgresBackend, "rank_window_max", 2)
    monkeypatch.setattr(search.PostgresBackend, "WALK_ROWS", 1)
    _many(county)
    with transaction.atomic():
        for unit in (county.market_station, county.village_west, county.sysadmin, county.lawyer):
            search.index(unit, title="无关的标题", text="其他内容", unit=county.gov, source="test.things", public=True)
    assert sorted(_capped_pages("行政")[:2]) == ["行政执法公示5", "行政执法公示6"]


def test_postgresql_words_with_letters_are_matched_case_insensitively_as_phrases(county, monkeypatch):
    _postgresql_only()
    monkeypatch.setattr(search.PostgresBackend, "count_cap", 4)
    monkeypatch.setattr(search.PostgresBackend, "rank_window_max", 2)
    units = [county.gov, county.justice, county.market, county.township, county.water, county.firm]
    with transaction.atomic():
        for i, unit in enumerate(units):
            search.index(unit, title=f"ISO9001认证{i}", text="质量管理", unit=county.gov, source="test.things",
                         public=True)
        search.index(county.village_east, title="ISO，9001", text="", unit=county.gov, source="test.things",
                     public=True)
    assert sorted(_capped_pages("iso9001")[:2]) == ["ISO9001认证4", "ISO9001认证5"]
    assert search.query("9001认证", public_only=True).total == 4  # capped: six entries hold it


def test_postgresql_matches_are_exact_substrings_of_the_title_or_text(county):
    _postgresql_only()
    with transaction.atomic():
        search.index(county.gov, title="执法，法规汇编", text="", unit=county.gov, source="test.things", public=True)
        search.index(county.justice, title="执法规范化", text="", unit=county.gov, source="test.things", public=True)
    # 执法 and 法规 stand side by side in the first title, but "执法规" is written only in the second
    assert titles(search.query("执法规", public_only=True)) == ["执法规范化"]
    every = search._backend().every_match(["执法 法规"], {"public_only": True, "source": None, "unit_ids": None})
    assert [SearchEntry.objects.get(pk=pk).title for pk in every] == ["执法规范化"]


def test_postgresql_planner_settings_do_not_outlive_a_query(county):
    _postgresql_only()
    from django.db import connection

    _many(county, 3)
    with transaction.atomic(), connection.cursor() as cur:
        assert search.query("行政", public_only=True).total == 3
        assert search.PostgresBackend().count(["行政"], {"public_only": True, "source": None, "unit_ids": None}) == 3
        cur.execute("SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan'), "
                    "current_setting('enable_bitmapscan')")
        assert cur.fetchone() == ("on", "on", "on")
