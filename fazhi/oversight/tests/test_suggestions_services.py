"""Suggestions and proposals: intake, assignment and its deadlines, reply, feedback and re-handling, publication;
accountability records with their link to the triggering record. Refused and allowed path of every action."""
import io

import pytest
from openpyxl import load_workbook

from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.rules import setting_set
from fazhi.oversight.models import AccountabilityRecord, Suggestion, SuggestionStatus
from fazhi.oversight.services import suggestions as services
from fazhi.oversight.spreadsheets.suggestions import suggestion_sheet

from .contract_suggestions import reply_file
from .factories_suggestions import D, assigned, imported, replied

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sug_media")]


def _workbook(rows):
    wb = load_workbook(io.BytesIO(sheets.template_workbook(suggestion_sheet())))
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_import_is_all_or_nothing_with_errors_by_row(county, sug_at):
    sug_at(D(2019, 3, 5))
    bad = _workbook([["人大代表建议", "001", "关于道路的建议", "张代表", "修路", "2019-03-01"],
                     ["政协提案", "002", "关于学校的提案", "李委员", "", "2019-03-01"]])
    result = sheets.import_file(suggestion_sheet(actor=county.office), bad)
    assert not result.ok and any(e.column == "内容" and e.row == 3 for e in result.errors)
    assert Suggestion.objects.count() == 0
    good = _workbook([["人大代表建议", "001", "关于道路的建议", "张代表", "修路", "2019-03-01", "是"],
                      ["政协提案", "002", "关于学校的提案", "李委员", "扩建学校", "2019-03-01"]])
    result = sheets.import_file(suggestion_sheet(actor=county.office), good)
    assert result.ok and len(result.saved) == 2
    assert Suggestion.objects.get(number="001").urgent
    again = sheets.import_file(suggestion_sheet(actor=county.office), good)
    assert not again.ok and "已经登记过" in str(again.errors[0])
    with pytest.raises(DomainError):
        services.suggestions_import(actor=county.liaison, rows=[])


def test_assign_sets_the_deadline_three_months_or_one_if_urgent(county, sug_at):
    s = imported(county, sug_at)
    sug_at(D(2019, 3, 12))
    for user in (county.liaison, county.leader, county.outsider):
        with pytest.raises((DomainError, NotFound)):
            services.suggestion_assign(actor=user, suggestion=s, unit=county.market)
    s = services.suggestion_assign(actor=county.office, suggestion=s, unit=county.market,
                                   co_units=[county.water, county.market])
    assert s.status == SuggestionStatus.ASSIGNED and s.unit == county.market
    assert list(s.co_units.all()) == [county.water]
    assert s.current_round.due_on == D(2019, 6, 12)  # a Wednesday
    u = imported(county, sug_at, number="002", urgent=True)
    sug_at(D(2019, 3, 12))
    u = services.suggestion_assign(actor=county.office, suggestion=u, unit=county.market)
    assert u.current_round.due_on == D(2019, 4, 12)
    w = imported(county, sug_at, number="003")
    sug_at(D(2019, 3, 16))
    w = services.suggestion_assign(actor=county.office, suggestion=w, unit=county.market, urgent=False)
    assert w.current_round.due_on == D(2019, 6, 17)  # 16 June 2019 is a Sunday: rolls to Monday
    with pytest.raises(DomainError):
        services.suggestion_assign(actor=county.office, suggestion=w, unit=county.market)


def test_reply_needs_the_unit_text_and_file(county, sug_at):
    s = assigned(county, sug_at)
    sug_at(D(2019, 5, 6))
    with pytest.raises(NotFound):
        services.suggestion_reply(actor=county.outsider, suggestion=s, text="答复", file=reply_file())
    with pytest.raises(DomainError):
        services.suggestion_reply(actor=county.leader, suggestion=s, text="答复", file=reply_file())
    with pytest.raises(DomainError, match="答复内容"):
        services.suggestion_reply(actor=county.liaison, suggestion=s, text=" ", file=reply_file())
    with pytest.raises(DomainError):
        services.suggestion_reply(actor=county.liaison, suggestion=s, text="答复", file=None)
    s = services.suggestion_reply(actor=county.liaison, suggestion=s, text="已列入计划。", file=reply_file())
    r = s.current_round
    assert s.status == SuggestionStatus.REPLIED and r.replied_on == D(2019, 5, 6) and r.on_time
    assert r.reply_file.name.endswith(".pdf")


def test_unsatisfied_feedback_starts_a_new_round_keeping_history(county, sug_at):
    s = replied(county, sug_at)
    sug_at(D(2019, 5, 20))
    with pytest.raises(DomainError):
        services.suggestion_feedback(actor=county.liaison, suggestion=s, satisfaction="unsatisfied")
    with pytest.raises(DomainError, match="反馈"):
        services.suggestion_feedback(actor=county.office, suggestion=s, satisfaction="so-so")
    s = services.suggestion_feedback(actor=county.office, suggestion=s, satisfaction="unsatisfied", note="未落实")
    rounds = list(s.rounds.all())
    assert s.status == SuggestionStatus.ASSIGNED and len(rounds) == 2
    assert rounds[0].satisfaction == "unsatisfied" and rounds[0].reply_text == "已列入计划。"
    assert rounds[1].assigned_on == D(2019, 5, 20) and rounds[1].due_on == D(2019, 6, 20)
    sug_at(D(2019, 6, 10))
    s = services.suggestion_reply(actor=county.liaison, suggestion=s, text="已拨付资金。", file=reply_file())
    s = services.suggestion_feedback(actor=county.office, suggestion=s, satisfaction="basic")
    assert s.status == SuggestionStatus.CLOSED and s.current_round.satisfaction == "basic"


def test_publication_only_after_closing_and_where_the_county_publishes(county, sug_at, client):
    s = replied(county, sug_at, proposer="张建国")
    sug_at(D(2019, 5, 20))
    with pytest.raises(DomainError, match="办结后"):
        services.suggestion_publish(actor=county.office, suggestion=s)
    s = services.suggestion_feedback(actor=county.office, suggestion=s, satisfaction="satisfied")
    with pytest.raises(DomainError):
        services.suggestion_publish(actor=county.liaison, suggestion=s)
    setting_set(actor=county.office, key="oversight.publish_suggestion_replies", raw="false")
    with pytest.raises(DomainError, match="未开通"):
        services.suggestion_publish(actor=county.office, suggestion=s)
    setting_set(actor=county.office, key="oversight.publish_suggestion_replies", raw="true")
    s = services.suggestion_publish(actor=county.office, suggestion=s)
    assert s.published_on == D(2019, 5, 20)
    with pytest.raises(DomainError, match="已公开"):
        services.suggestion_publish(actor=county.office, suggestion=s)
    listing = client.get("/public/oversight/suggestions/").content.decode()
    detail = client.get(f"/public/oversight/suggestions/{s.pk}/").content.decode()
    assert "关于修缮乡村道路的建议" in listing and "张建国" not in listing and "张建国" not in detail
    assert "已列入计划" in detail


def test_accountability_links_an_existing_record_only(county, sug_at):
    from django.contrib.contenttypes.models import ContentType

    from fazhi.disputes.tests.contract import _petition

    petition = _petition(county)
    ct = ContentType.objects.get(app_label="disputes", model="petition")
    sug_at(D(2024, 6, 1))
    kwargs = dict(person_name="钱某", post="股长", unit=county.market, ground="petition", facts="逾期未办结",
                  form="criticism", decided_on=D(2024, 5, 30))
    for user in (county.liaison, county.leader):
        with pytest.raises(DomainError):
            services.accountability_record(actor=user, **kwargs)
    with pytest.raises(DomainError, match="没有编号"):
        services.accountability_record(actor=county.office, trigger_type=ct, trigger_id=999999, **kwargs)
    with pytest.raises(DomainError, match="同时"):
        services.accountability_record(actor=county.office, trigger_type=ct, **kwargs)
    other = ContentType.objects.get(app_label="oversight", model="suggestion")
    with pytest.raises(DomainError, match="不能关联"):
        services.accountability_record(actor=county.office, trigger_type=other, trigger_id=1, **kwargs)
    with pytest.raises(DomainError, match="姓名"):
        services.accountability_record(actor=county.office, **{**kwargs, "person_name": ""})
    r = services.accountability_record(actor=county.office, trigger_type=ct, trigger_id=petition.pk, **kwargs)
    assert r.trigger == petition and "信访" in r.ground_rule
    r2 = services.accountability_record(actor=county.office, person=county.liaison, **{**kwargs, "person_name": ""})
    assert r2.person_name == county.liaison.get_full_name() and r2.trigger is None
    assert AccountabilityRecord.objects.count() == 2
