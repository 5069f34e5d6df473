"""A suggestion entered by hand, the co-handling units' view and opinions (协办意见) the lead unit reads before
replying, and the staff search following the suggestion to its lead unit."""
import pytest
from django.urls import reverse

from fazhi.core import search
from fazhi.core.errors import DomainError, NotFound
from fazhi.oversight.models import Suggestion, SuggestionCoOpinion
from fazhi.oversight.services import suggestions as services

from .contract_suggestions import reply_file
from .factories_suggestions import ASSIGNED, D, imported

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sug_media")]


def test_the_office_enters_one_suggestion_by_hand(client, county, sug_at):
    sug_at(D(2019, 3, 5))
    client.force_login(county.office)
    assert "登记建议提案" in client.get(reverse("oversight:suggestion_list")).content.decode()
    url = reverse("oversight:suggestion_create")
    assert client.get(url).status_code == 200
    data = {"kind": "cppcc", "number": "提案12", "title": "关于加强农村饮水安全的提案", "proposer": "钱委员",
            "content": "建议加强农村饮水工程管护。", "received_on": "2019-03-04"}
    response = client.post(url, data)
    s = Suggestion.objects.get(number="提案12")
    assert response.status_code == 302 and s.unit == county.justice and s.status == "received"
    response = client.post(url, data)
    assert response.status_code == 200 and "已经登记过" in response.content.decode()
    response = client.post(url, {**data, "number": "提案13", "received_on": "2019-03-09"})
    assert response.status_code == 200 and Suggestion.objects.count() == 1  # a future date is refused beside it
    assert search.query("农村饮水", user=county.office, source="oversight.suggestion").total == 1
    with pytest.raises(DomainError):
        services.suggestion_create(actor=county.office, kind="zz", number="1", title="t", proposer="p",
                                   content="c", received_on=D(2019, 3, 4))
    for persona in ("liaison", "leader", "outsider"):
        client.force_login(getattr(county, persona))
        assert client.get(url).status_code == 403
        assert "登记建议提案" not in client.get(reverse("oversight:suggestion_list")).content.decode()
    with pytest.raises(DomainError):
        services.suggestion_create(actor=county.liaison, kind="npc", number="9", title="t", proposer="p",
                                   content="c", received_on=D(2019, 3, 4))


@pytest.fixture
def co_handled(county, sug_at):
    s = imported(county, sug_at)
    sug_at(ASSIGNED)
    return services.suggestion_assign(actor=county.office, suggestion=s, unit=county.market,
                                      co_units=[county.water])


def test_co_handling_units_see_the_suggestion_and_give_their_opinion(client, county, sug_at, co_handled):
    s = co_handled
    sug_at(D(2019, 3, 20))
    client.force_login(county.outsider)  # the water bureau co-handles it
    page = client.get(s.get_absolute_url()).content.decode()
    assert "关于修缮乡村道路的建议" in page and "提出协办意见" in page and reverse("oversight:suggestion_step", args=[s.pk, "reply"]) not in page
    assert s.title in client.get(reverse("oversight:suggestion_list")).content.decode()
    url = reverse("oversight:suggestion_co_opinion", args=[s.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"unit": county.water.pk, "text": "", "on": "2019-03-20"})
    assert response.status_code == 200
    response = client.post(url, {"unit": county.water.pk, "text": "涉及水利设施的路段由我局配合修缮。",
                                 "on": "2019-03-20"})
    assert response.status_code == 302
    opinion = SuggestionCoOpinion.objects.get()
    assert opinion.unit == county.water and opinion.round_number == 1 and opinion.given_by == county.outsider
    # the co-handling unit cannot reply, nor act for a unit that is not a co-handling unit
    assert client.get(reverse("oversight:suggestion_step", args=[s.pk, "reply"])).status_code == 403
    with pytest.raises(DomainError, match="不是该件的会办单位"):
        services.suggestion_co_opinion(actor=county.outsider, suggestion=s, unit=county.market, text="x")
    # the lead unit reads the opinion before replying, and cannot give one itself
    client.force_login(county.liaison)
    assert "涉及水利设施的路段" in client.get(s.get_absolute_url()).content.decode()
    reply = client.get(reverse("oversight:suggestion_step", args=[s.pk, "reply"])).content.decode()
    assert "涉及水利设施的路段" in reply and "会办单位协办意见" in reply
    assert client.get(url).status_code == 403
    with pytest.raises(DomainError, match="会办"):
        services.suggestion_co_opinion(actor=county.liaison, suggestion=s, text="x")
    with pytest.raises(DomainError):
        services.suggestion_co_opinion(actor=county.leader, suggestion=s, text="x")
    services.suggestion_reply(actor=county.liaison, suggestion=s, text="已列入计划。", file=reply_file())
    # after the reply the co-handling unit still reads it but gives no more opinion
    client.force_login(county.outsider)
    response = client.get(url)
    assert response.status_code == 200 and "不在办理中" in response.content.decode()
    with pytest.raises(DomainError, match="不在办理中"):
        services.suggestion_co_opinion(actor=county.outsider, suggestion=s, text="补充")


def test_units_neither_leading_nor_co_handling_see_nothing(client, county, sug_at):
    s = imported(county, sug_at)
    sug_at(ASSIGNED)
    s = services.suggestion_assign(actor=county.office, suggestion=s, unit=county.market)
    client.force_login(county.outsider)
    assert client.get(s.get_absolute_url()).status_code == 404
    assert client.get(reverse("oversight:suggestion_co_opinion", args=[s.pk])).status_code == 404
    with pytest.raises(NotFound):
        services.suggestion_co_opinion(actor=county.outsider, suggestion=s, text="x")


def test_the_search_index_follows_the_suggestion_to_its_lead_unit(county, sug_at):
    s = imported(county, sug_at, title="关于整治河道采砂的建议")
    assert search.query("河道采砂", user=county.liaison, source="oversight.suggestion").total == 0
    assert search.query("河道采砂", user=county.office, source="oversight.suggestion").total == 1
    sug_at(ASSIGNED)
    services.suggestion_assign(actor=county.office, suggestion=s, unit=county.market)
    [hit] = search.query("河道采砂", user=county.liaison, source="oversight.suggestion")
    assert hit.entry.unit == county.market and hit.entry.url == s.get_absolute_url()
    assert search.query("河道采砂", user=county.outsider, source="oversight.suggestion").total == 0
    assert search.query("河道采砂", public_only=True).total == 0
    from fazhi.oversight.search.suggestions import suggestion_entries

    assert [fields["unit"] for _s, fields in suggestion_entries()] == [county.market]
