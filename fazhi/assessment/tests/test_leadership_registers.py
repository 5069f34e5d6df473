"""Every leadership register survives any address bar for every persona: bad values are a warning, never an
error page; a valid filter still filters and the export follows it."""
import pytest
from django.urls import reverse

from fazhi.assessment.filters import leadership as filters

from .factories_leadership import meeting, report

pytestmark = pytest.mark.django_db

PERSONAS = ["sysadmin", "office", "liaison", "reviewer", "officer", "lawyer", "leader", "outsider"]
BAD = "?unit=abc&year=-1&year=99999999999999999999&sort=zzz&status=zz&kind=zz&area=abc&page=abc&size=7"
WARNING = "已忽略无效的筛选条件"
JUNK = ["abc", "-1", "99999999999999999999", "0", "1e5", "zz'; --", "１２", "x" * 300]
REGISTERS = {
    "assessment:group_list": filters.LeadingGroupFilter,
    "assessment:meeting_list": filters.MeetingFilter,
    "assessment:plan_list": filters.WorkPlanFilter,
    "assessment:task_list": filters.PlanTaskFilter,
}


@pytest.fixture
def records(county, leadership_media):
    report(county)
    meeting(county)
    return county


@pytest.mark.parametrize("name", sorted(REGISTERS))
def test_bad_values_are_a_warning_never_an_error_for_every_persona(client, records, name):
    shown = 0
    for persona in PERSONAS:
        client.force_login(getattr(records, persona))
        response = client.get(reverse(name) + BAD)
        assert response.status_code in (200, 403), (name, persona, response.status_code)
        if response.status_code == 200:
            assert WARNING in response.content.decode(), (name, persona)
            shown += 1
    assert shown >= 3  # office, liaison, leader (and the outsider, who sees nothing of others)


@pytest.mark.parametrize("name", sorted(REGISTERS))
def test_every_filter_with_junk_gives_a_page(client, records, name):
    client.force_login(records.office)
    for field in [*REGISTERS[name].base_filters, "page", "size", "export"]:
        for junk in JUNK:
            response = client.get(reverse(name) + "?" + f"{field}={junk}")
            assert response.status_code == 200, (name, field, junk, response.status_code)


def test_a_valid_filter_filters_and_the_export_follows_it(client, records):
    client.force_login(records.liaison)
    url = reverse("assessment:task_list")
    html = client.get(url, {"unit": records.market.pk, "top": "on"}).content.decode()
    assert "合同样本：推行电子营业执照" in html and WARNING not in html
    html = client.get(url, {"status": "done"}).content.decode()
    assert "合同样本：推行电子营业执照" not in html
    response = client.get(url, {"status": "reported", "export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    client.force_login(records.outsider)
    assert "合同样本：推行电子营业执照" not in client.get(url).content.decode()
    client.force_login(records.office)
    html = client.get(reverse("assessment:meeting_list"), {"leader": "on"}).content.decode()
    assert "示范创建动员会" in html
