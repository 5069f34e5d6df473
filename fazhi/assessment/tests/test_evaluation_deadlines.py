"""The score card's objection deadline: stored when the card is computed (working days from the rule setting),
shown with the 暂定 mark in an unconfirmed year, recomputed when the year is confirmed, refused when late, and the
to-dos, alerts and search entries read what is stored."""
import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.assessment.models import EvalCard, EvalScore
from fazhi.assessment.services import evaluation as services
from fazhi.core import clock, deadlines, workdays
from fazhi.core import services as core_services
from fazhi.core.errors import DomainError
from fazhi.core.models import DeadlineChange, SearchEntry
from fazhi.core.rules import setting_set

from .factories_evaluation import YEAR, annual

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("evaluation_media")]

D = datetime.date


def _on(monkeypatch, day):
    moment = datetime.datetime(day.year, day.month, day.day, 10, 0, tzinfo=clock.COUNTY_TZ)
    monkeypatch.setattr(clock, "now", lambda: moment)
    monkeypatch.setattr(clock, "today", lambda: day)


@pytest.fixture
def late_december(monkeypatch):
    _on(monkeypatch, D(2026, 12, 28))
    return D(2026, 12, 28)


def _entry(card):
    """The status and total the search result line shows for ``card``."""
    title = SearchEntry.objects.get(object_type="assessment.EvalCard", object_id=str(card.pk)).title
    assert title.startswith(f"{card.unit.name} {card.year}年依法行政考评（") and title.endswith("分）")
    return title.split("（", 1)[1]


def test_compute_stores_the_objection_deadline_in_working_days_from_the_rule_setting(county, monkeypatch):
    _on(monkeypatch, D(2025, 9, 26))  # a Friday before the National Day holiday
    card = annual(county)
    # 29, 30 Sep; 1–8 Oct holiday (the 2025 notice); 9, 10 Oct: five working days
    assert card.computed_on == D(2025, 9, 26) and card.objection_due == D(2025, 10, 10)
    assert card.objection_due == workdays.add_working_days(D(2025, 9, 26), 5)

    setting_set(actor=county.sysadmin, key="assessment.objection_days", raw="2")
    _on(monkeypatch, D(2025, 10, 13))
    services.eval_compute(actor=county.office, year=YEAR)  # a rerun feeds the results back again
    card.refresh_from_db()
    assert card.computed_on == D(2025, 10, 13) and card.objection_due == D(2025, 10, 15)


def test_a_late_objection_is_refused_citing_the_rule_and_one_on_the_last_day_is_allowed(county, monkeypatch, client):
    _on(monkeypatch, D(2025, 9, 26))
    card = annual(county)
    _on(monkeypatch, D(2025, 10, 11))
    with pytest.raises(DomainError) as refused:
        services.eval_object(actor=county.liaison, card=card, text="持证人数统计有误")
    message = str(refused.value)
    assert "申诉期限已于2025年10月10日届满" in message
    assert "县依法行政考评办法规定，被考评单位应在计分结果反馈后5个工作日内提出申诉（反馈当日不计入）" in message

    client.force_login(county.liaison)
    url = reverse("assessment:card_object", args=[card.pk])
    assert "申诉期限已于2025年10月10日届满" in client.get(url).content.decode()
    html = client.post(url, {"text": "持证人数统计有误"}).content.decode()
    assert "申诉期限已于2025年10月10日届满" in html and EvalCard.objects.get(pk=card.pk).objection == ""
    for persona, codes in (("outsider", (403, 404)), ("leader", (403,))):
        client.force_login(getattr(county, persona))
        assert client.post(url, {"text": "不服"}).status_code in codes

    _on(monkeypatch, D(2025, 10, 10))  # the last day is still on time
    client.force_login(county.liaison)
    assert client.post(url, {"text": "持证人数统计有误"}).status_code == 302
    card.refresh_from_db()
    assert card.objection == "持证人数统计有误" and card.objected_on == D(2025, 10, 10)


def test_a_card_without_a_stored_deadline_cannot_be_objected(county):
    card = annual(county)
    EvalCard.objects.filter(pk=card.pk).update(objection_due=None)
    card.refresh_from_db()
    with pytest.raises(DomainError, match="尚未反馈"):
        services.eval_object(actor=county.liaison, card=card, text="不服")


def test_a_provisional_deadline_is_marked_on_the_card_and_recomputed_when_the_year_is_confirmed(
        county, late_december, client):
    card = annual(county)
    # 29, 30, 31 Dec, (1 Jan 元旦 and the weekend), 4, 5 Jan 2027 — 2027 not yet confirmed
    assert card.objection_due == D(2027, 1, 5) and workdays.is_provisional(card.objection_due)
    client.force_login(county.liaison)
    html = client.get(card.get_absolute_url()).content.decode()
    assert "2027年1月5日" in html and "（暂定）" in html and "2026年12月28日计分结果反馈起" in html

    assert "assessment.objection_due" in deadlines.registered()
    office = county.office
    core_services.calendar_day_set(actor=office, date=D(2027, 1, 1), is_working_day=False, name="元旦")
    core_services.calendar_day_set(actor=office, date=D(2027, 1, 2), is_working_day=True, name="元旦调休上班")
    entry = core_services.calendar_year_confirm(actor=office, year=2027,
                                                source="国务院办公厅关于2027年部分节假日安排的通知")
    card.refresh_from_db()
    assert card.objection_due == D(2027, 1, 4) and not workdays.is_provisional(card.objection_due)
    moved = [m for m in entry.moved if m.label == "考评结果申诉期限"]
    assert {(m.unit, m.old, m.new) for m in moved} >= {(county.market, D(2027, 1, 5), D(2027, 1, 4))}
    change = DeadlineChange.objects.get(unit=county.market, deadline_key="assessment.objection_due")
    assert change.link == card.get_absolute_url()
    html = client.get(card.get_absolute_url()).content.decode()
    assert "2027年1月4日" in html and "（暂定）" not in html


def test_an_objection_made_on_time_is_not_made_late_by_the_recomputation(county, late_december, monkeypatch):
    card = annual(county)
    _on(monkeypatch, D(2027, 1, 5))
    card = services.eval_object(actor=county.liaison, card=card, text="持证人数统计有误")
    core_services.calendar_day_set(actor=county.office, date=D(2027, 1, 1), is_working_day=False, name="元旦")
    core_services.calendar_day_set(actor=county.office, date=D(2027, 1, 2), is_working_day=True, name="元旦调休上班")
    core_services.calendar_year_confirm(actor=county.office, year=2027, source="国务院办公厅通知")
    card.refresh_from_db()
    assert card.objection_due == D(2027, 1, 5)  # the unit objected in time on the date it was shown
    assert not DeadlineChange.objects.filter(unit=county.market, deadline_key="assessment.objection_due").exists()
    other = EvalCard.objects.exclude(pk=card.pk).filter(objected_on__isnull=True).first()
    assert other.objection_due == D(2027, 1, 4)  # a card nobody objected to takes the confirmed date


def test_the_units_to_do_reads_the_stored_deadline(county, monkeypatch):
    from fazhi.assessment.todos.evaluation import unit

    _on(monkeypatch, D(2025, 9, 26))
    card = annual(county)
    todos = [t for t in unit(county.liaison, D(2025, 9, 26))
             if t.action == "核对" and t.link == card.get_absolute_url()]
    assert [t.due for t in todos] == [D(2025, 10, 10)]
    EvalCard.objects.filter(pk=card.pk).update(objection_due=D(2025, 10, 20))  # as a recomputation stores it
    assert [t.due for t in unit(county.liaison, D(2025, 10, 15)) if t.action == "核对" and t.link == card.get_absolute_url()] \
        == [D(2025, 10, 20)]
    assert not [t for t in unit(county.liaison, D(2025, 10, 21)) if t.action == "核对" and t.link == card.get_absolute_url()]
    assert not [t for t in unit(county.outsider, D(2025, 9, 26)) if t.action == "核对" and t.link == card.get_absolute_url()]


def test_the_objection_alert_has_no_invented_reply_deadline(county):
    from fazhi.assessment.alerts.evaluation import objections_waiting

    card = annual(county)
    services.eval_object(actor=county.liaison, card=card, text="持证人数统计有误")
    alerts = objections_waiting(county.office, clock.today())
    assert len(alerts) == 1 and alerts[0].due is None and "全部答复后才能公布" in alerts[0].rule
    assert objections_waiting(county.outsider, clock.today()) == []


def test_search_entries_carry_status_and_total_through_every_step(county):
    card = annual(county)
    card.refresh_from_db()
    assert _entry(card) == f"已计分 · {card.total:.2f}分）"
    before = card.total
    manual = card.scores.get(indicator__source="")
    services.eval_score(actor=county.office, score=manual, points=Decimal("18.5"), comment="按时报送")
    card.refresh_from_db()
    assert card.total == before + Decimal("18.5") and _entry(card) == f"已计分 · {card.total:.2f}分）"
    card = services.eval_object(actor=county.liaison, card=card, text="持证人数统计有误")
    assert _entry(card).startswith("已申诉 · ")
    card = services.eval_reply(actor=county.office, card=card, text="经核实已更正")
    assert _entry(card).startswith("已答复 · ")
    services.eval_compute(actor=county.office, year=YEAR)  # recomputed after the correction
    card.refresh_from_db()
    assert _entry(card).startswith(f"已答复 · {card.total:.2f}分")
    for score in EvalScore.objects.filter(card__year=YEAR, score__isnull=True):
        services.eval_score(actor=county.office, score=score, points=Decimal(10))
    services.eval_publish(actor=county.office, year=YEAR)
    for published in EvalCard.objects.filter(year=YEAR):
        assert _entry(published) == f"已公布 · {published.total:.2f}分）"
    card.refresh_from_db()
    from fazhi.core import search

    hits = search.query("依法行政考评", user=county.liaison, source="assessment.card")
    assert [h.entry.object_id for h in hits] == [str(card.pk)]  # the liaison finds only the bureau's own card
    assert f"（已公布 · {card.total:.2f}分）" in str(hits.hits[0].title_html)


def test_cards_computed_before_the_deadline_was_stored_get_it_from_their_computation_date(county, monkeypatch):
    import importlib

    from django.apps import apps

    _on(monkeypatch, D(2025, 9, 26))
    card = annual(county)
    EvalCard.objects.filter(pk=card.pk).update(objection_due=None)  # as a card computed before the change
    migration = importlib.import_module("fazhi.assessment.migrations.0002_evalcard_objection_due")
    migration.store_existing_deadlines(apps, None)
    card.refresh_from_db()
    assert card.objection_due == D(2025, 10, 10)
