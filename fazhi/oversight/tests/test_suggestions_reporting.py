"""Figures of the suggestions part computed by hand, the alerts and to-dos for due and overdue replies, and the
recomputation of reply deadlines when a holiday year is confirmed."""
import pytest

from fazhi.core.registry import figures, sentences
from fazhi.oversight.alerts.suggestions import suggestion_replies
from fazhi.oversight.deadlines.suggestions import suggestion_reply_due
from fazhi.oversight.models import SuggestionRound
from fazhi.oversight.services import suggestions as services
from fazhi.oversight.todos.suggestions import collect

from .contract_suggestions import reply_file
from .factories_suggestions import D, assigned, imported, replied

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sug_media")]


def _feedback(county, at, s, day, satisfaction):
    at(day)
    return services.suggestion_feedback(actor=county.office, suggestion=s, satisfaction=satisfaction)


@pytest.fixture
def year_2019(county, sug_at):
    a = replied(county, sug_at, number="A")  # due 2019-06-12, replied 05-06: on time
    _feedback(county, sug_at, a, D(2019, 5, 10), "satisfied")
    b = replied(county, sug_at, number="B", on=D(2019, 6, 20))  # late
    _feedback(county, sug_at, b, D(2019, 6, 25), "basic")
    c = replied(county, sug_at, number="C", kind="cppcc")  # on time, then not satisfied twice
    c = _feedback(county, sug_at, c, D(2019, 5, 10), "unsatisfied")
    sug_at(D(2019, 5, 30))
    c = services.suggestion_reply(actor=county.liaison, suggestion=c, text="再次答复。", file=reply_file())
    _feedback(county, sug_at, c, D(2019, 6, 3), "unsatisfied")
    d = assigned(county, sug_at, number="D")  # waiting, due 2019-06-12
    imported(county, sug_at, number="E", received_on=D(2020, 1, 5))  # another year
    return {"a": a, "b": b, "c": c, "d": d}


def test_figures_by_hand(county, year_2019):
    f = figures()
    received = f["oversight.suggestions_received"].compute(year=2019)
    assert received.value == 4 and received.breakdown["人大代表建议"]["value"] == 3
    assert received.breakdown["政协提案"]["value"] == 1
    assert f["oversight.suggestions_replied_on_time"].compute(year=2019).value == 2  # A and C (first round)
    rate = f["oversight.suggestions_satisfaction_rate"].compute(year=2019)
    assert str(rate.value) == "66.7"  # A satisfied, B basic, C not satisfied (re-handled, still not): 2 / 3
    assert rate.breakdown == {"满意": 1, "基本满意": 1, "不满意": 1}
    assert f["oversight.suggestions_received"].compute(year=2019, unit_ids={county.water.pk}).value == 0
    assert f["oversight.suggestions_received"].compute(year=2020).value == 1
    assert "oversight.suggestions" in sentences() and "oversight.accountability" in sentences()


def test_figure_links_list_exactly_the_counted_records(client, county, year_2019):
    client.force_login(county.office)
    for key, expected in [("oversight.suggestions_received", 4), ("oversight.suggestions_replied_on_time", 2),
                          ("oversight.suggestions_satisfaction_rate", 3)]:
        link = figures()[key].compute(year=2019).link
        assert f"共 {expected} 条" in client.get(link).content.decode(), key


def test_accountability_figure(county, sug_at):
    sug_at(D(2019, 12, 1))
    for ground in ("petition", "petition", "court"):
        services.accountability_record(actor=county.office, person_name="钱某", post="股长", unit=county.market,
                                       ground=ground, facts="事实", form="criticism", decided_on=D(2019, 11, 1))
    value = figures()["oversight.accountability_cases"].compute(year=2019)
    assert value.value == 3 and sum(b["value"] for b in value.breakdown.values()) == 3
    assert figures()["oversight.accountability_cases"].compute(year=2018).value == 0


def test_alerts_and_todos(county, year_2019, sug_at):
    assert [a.severity for a in suggestion_replies(county.office, D(2019, 6, 1))] == ["warning"]
    [late] = suggestion_replies(county.liaison, D(2019, 6, 13))
    assert late.severity == "overdue" and late.count == 1 and late.due == D(2019, 6, 12)
    assert suggestion_replies(county.outsider, D(2019, 6, 13)) == []
    assert suggestion_replies(None, D(2019, 6, 13)) == []
    liaison = [t.title for t in collect(county.liaison, D(2019, 6, 1))]
    assert any("待答复" in t and "D" in t for t in liaison) and len([t for t in liaison if "待答复" in t]) == 2
    office = [t.title for t in collect(county.office, D(2019, 6, 1))]
    assert any("待交办" in t for t in office) and any("待公开答复" in t for t in office)
    assert not any("待答复" in t for t in office)
    assert collect(county.outsider, D(2019, 6, 1)) == [] and collect(None, D(2019, 6, 1)) == []


def test_confirmed_holidays_recompute_reply_deadlines(county, year_2019):
    r = SuggestionRound.objects.get(suggestion=year_2019["d"], number=1)
    SuggestionRound.objects.filter(pk=r.pk).update(due_on=D(2019, 6, 9))
    moved = suggestion_reply_due(year=2019, calendar=None, previous=None)
    assert [(m.old, m.new) for m in moved] == [(D(2019, 6, 9), D(2019, 6, 12))]
    r.refresh_from_db()
    assert r.due_on == D(2019, 6, 12)


def test_search_source_lists_every_suggestion(county, year_2019):
    from fazhi.oversight.search.suggestions import suggestion_entries

    entries = list(suggestion_entries())
    assert len(entries) == 5 and all(not fields["public"] for _s, fields in entries)
