"""Co-handling units (会办单位) find the suggestion in the staff search and have it on their to-do list until they
have given their opinion for the current round; the office's change of units moves both at once. The office
corrects an accountability record and its history keeps what it said before."""
import pytest
from django.urls import reverse

from fazhi.core import search
from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.oversight.models import AccountabilityRecord
from fazhi.oversight.services import suggestions as services
from fazhi.oversight.todos.suggestions import collect

from .contract_suggestions import reply_file
from .factories_suggestions import ASSIGNED, D, imported

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sug_media")]


@pytest.fixture
def co_handled(county, sug_at):
    s = imported(county, sug_at, title="关于整治河道采砂的建议")
    sug_at(ASSIGNED)
    return services.suggestion_assign(actor=county.office, suggestion=s, unit=county.market, co_units=[county.water])


def _titles(user, today):
    return [t.title for t in collect(user, today)]


def test_co_handling_units_find_the_suggestion_in_the_staff_search(county, co_handled):
    for user in (county.outsider, county.liaison, county.office):  # water co-handles, market leads
        assert search.query("河道采砂", user=user, source="oversight.suggestion").total == 1
        assert search.query("采", user=user, source="oversight.suggestion").total == 1  # one character: a scan
    [hit] = search.query("河道采砂", user=county.outsider)
    assert hit.entry.unit == county.market and hit.entry.url == co_handled.get_absolute_url()
    assert search.query("河道采砂", public_only=True).total == 0
    from fazhi.oversight.search.suggestions import suggestion_entries

    assert [fields["shared_units"] for _s, fields in suggestion_entries()] == [[county.water]]
    assert search.reindex("oversight.suggestion") == 1
    assert search.query("河道采砂", user=county.outsider, source="oversight.suggestion").total == 1


def test_a_to_do_waits_for_the_co_handling_unit_until_its_opinion_is_given(county, sug_at, co_handled):
    s = co_handled
    today = sug_at(D(2019, 3, 20))
    [todo] = [t for t in collect(county.outsider, today) if t.title.startswith("协办意见待提交")]
    assert todo.link == reverse("oversight:suggestion_co_opinion", args=[s.pk])
    assert todo.due == s.current_round.due_on and todo.action == "提出协办意见"
    for user in (county.liaison, county.office, county.leader):  # the lead unit, the office, a reader
        assert not [t for t in _titles(user, today) if t.startswith("协办意见待提交")]
    services.suggestion_co_opinion(actor=county.outsider, suggestion=s, text="涉及水利设施的路段由我局配合。")
    assert not [t for t in _titles(county.outsider, today) if t.startswith("协办意见待提交")]
    # not satisfied: a new round, and the co-handling unit is asked again
    s = services.suggestion_reply(actor=county.liaison, suggestion=s, text="已列入计划。", file=reply_file())
    s = services.suggestion_feedback(actor=county.office, suggestion=s, satisfaction="unsatisfied")
    [todo] = [t for t in collect(county.outsider, today) if t.title.startswith("协办意见待提交")]
    assert todo.due == s.current_round.due_on


def test_the_office_changes_the_units_and_the_search_and_to_dos_follow(client, county, sug_at, co_handled):
    s = co_handled
    today = sug_at(D(2019, 3, 20))
    url = reverse("oversight:suggestion_reassign", args=[s.pk])
    client.force_login(county.office)
    assert "调整主办、会办单位" in client.get(s.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url, {"unit": county.market.pk, "co_units": [county.township.pk], "reason": ""})
    assert response.status_code == 200 and s.co_units.get() == county.water  # the reason is asked for
    response = client.post(url, {"unit": county.market.pk, "co_units": [county.township.pk],
                                 "reason": "采砂河段在城关镇辖区"})
    assert response.status_code == 302 and list(s.co_units.all()) == [county.township]
    assert search.query("河道采砂", user=county.outsider, source="oversight.suggestion").total == 0
    assert not [t for t in _titles(county.outsider, today) if t.startswith("协办意见待提交")]
    entry = AuditEntry.objects.get(event_name="oversight.suggestion_reassigned")
    assert entry.changes["co_units"] == [["某县水利和湖泊局"], ["城关镇"]]
    with pytest.raises(DomainError, match="没有变化"):
        services.suggestion_reassign(actor=county.office, suggestion=s, unit=county.market,
                                     co_units=[county.township], reason="再调")
    # the lead unit changes: the market bureau no longer finds it, the water bureau does
    services.suggestion_reassign(actor=county.office, suggestion=s, unit=county.water, co_units=[county.water],
                                 reason="职能调整")
    s.refresh_from_db()
    assert s.unit == county.water and not s.co_units.exists()
    assert search.query("河道采砂", user=county.outsider, source="oversight.suggestion").total == 1
    assert search.query("河道采砂", user=county.liaison, source="oversight.suggestion").total == 0
    # refused: other roles, a suggestion not in handling
    for persona in ("liaison", "leader", "outsider"):
        client.force_login(getattr(county, persona))
        assert client.get(url).status_code in (403, 404)
        with pytest.raises(DomainError):
            services.suggestion_reassign(actor=getattr(county, persona), suggestion=s, unit=county.market,
                                         reason="x")
    with pytest.raises(DomainError, match="已撤销"):
        county.township.is_active = False
        services.suggestion_reassign(actor=county.office, suggestion=s, unit=county.township, reason="x")
    fresh = imported(county, sug_at, number="002")
    with pytest.raises(DomainError, match="办理中"):
        services.suggestion_reassign(actor=county.office, suggestion=fresh, unit=county.market, reason="x")


def _record(county):
    return services.accountability_record(
        actor=county.office, person_name="某某", post="股长", unit=county.market, ground="petition",
        facts="信访事项逾期未办结。", form="criticism", decided_on=D(2019, 6, 3))


def _edit_data(record, **changes):
    data = {"person_name": record.person_name, "post": record.post, "unit": record.unit_id, "ground": record.ground,
            "facts": record.facts, "form": record.form, "decided_on": record.decided_on.isoformat(),
            "correction": record.correction, "reason": "问责决定书载明的方式为诫勉"}
    data.update(changes)
    return data


def test_the_office_corrects_an_accountability_record_and_the_history_keeps_both(client, county, sug_at):
    sug_at(D(2019, 7, 1))
    record = _record(county)
    url = reverse("oversight:accountability_edit", args=[record.pk])
    client.force_login(county.office)
    assert "更正" in client.get(record.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url, _edit_data(record, form="admonish", reason=""))
    assert response.status_code == 200 and AccountabilityRecord.objects.get().form == "criticism"
    response = client.post(url, _edit_data(record, form="admonish", correction="已责令限期办结并回复信访人。"))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.form == "admonish" and record.correction == "已责令限期办结并回复信访人。"
    entry = AuditEntry.objects.get(event_name="oversight.accountability_corrected")
    assert entry.changes["form"] == ["criticism", "admonish"] and entry.changes["reason"][1] == "问责决定书载明的方式为诫勉"
    page = client.get(record.get_absolute_url()).content.decode()
    assert "通报批评 → 诫勉" in page and "登记问责" in page and "更正问责记录" in page
    assert "问责决定书载明的方式为诫勉" in page
    response = client.post(url, _edit_data(record))
    assert response.status_code == 200 and "没有修改任何内容" in response.content.decode()
    # leaders read the record and its history but cannot correct it; other units see nothing
    client.force_login(county.leader)
    page = client.get(record.get_absolute_url()).content.decode()
    assert "通报批评 → 诫勉" in page and url not in page
    assert client.get(url).status_code == 403
    for persona in ("liaison", "outsider"):
        client.force_login(getattr(county, persona))
        assert client.get(url).status_code in (403, 404)
        assert client.get(record.get_absolute_url()).status_code in (403, 404)
    for persona in ("leader", "liaison", "outsider"):
        with pytest.raises(DomainError):
            services.accountability_update(actor=getattr(county, persona), record=record, reason="x",
                                           **_service_fields(record))


def _service_fields(record, **changes):
    fields = {"person_name": record.person_name, "post": record.post, "unit": record.unit, "ground": record.ground,
              "facts": record.facts, "form": record.form, "decided_on": record.decided_on}
    fields.update(changes)
    return fields


def test_a_correction_is_checked_like_the_registration(county, sug_at):
    sug_at(D(2019, 7, 1))
    record = _record(county)
    edit = services.accountability_update
    with pytest.raises(DomainError, match="日期不能晚于今天"):
        edit(actor=county.office, record=record, reason="x", **_service_fields(record, decided_on=D(2019, 7, 2)))
    with pytest.raises(DomainError, match="问责情形"):
        edit(actor=county.office, record=record, reason="x", **_service_fields(record, ground="zz"))
    with pytest.raises(DomainError, match="问责方式"):
        edit(actor=county.office, record=record, reason="x", **_service_fields(record, form="zz"))
    with pytest.raises(DomainError, match="姓名"):
        edit(actor=county.office, record=record, reason="x", **_service_fields(record, person_name=""))
    with pytest.raises(DomainError, match="同时选择"):
        edit(actor=county.office, record=record, reason="x", trigger_id=5, **_service_fields(record))
    edit(actor=county.office, record=record, reason="单位名称有误", **_service_fields(record, unit=county.water))
    assert AccountabilityRecord.objects.get().unit == county.water
