"""Every enforcement register (staff and public) survives any address bar: bad ids, years, months, choices,
sort keys, pages and sizes are dropped with a warning — never an error page — for every persona."""
import pytest
from django.urls import reverse

from fazhi.enforcement import filters

from .factories import penalty_case, to_decision

pytestmark = pytest.mark.django_db

PERSONAS = ["sysadmin", "office", "liaison", "reviewer", "officer", "lawyer", "leader", "outsider"]
BAD = ("?unit=abc&year=-1&year=99999999999999999999&month=13&sort=zzz&status=zz&page=abc&size=7"
       "&body=99999999999999999999")
WARNING = "已忽略无效的筛选条件"
JUNK = ["abc", "-1", "99999999999999999999", "0", "1e5", "zz'; --", "１２", "x" * 300]

REGISTERS = {
    "enforcement:case_list": filters.CaseFilter,
    "enforcement:officer_list": filters.OfficerFilter,
    "enforcement:body_list": filters.BodyFilter,
    "enforcement:inspection_list": filters.InspectionFilter,
    "enforcement:publication_list": filters.PublicationFilter,
    "enforcement:evaluation_list": filters.EvaluationFilter,
    "enforcement:public_officers": filters.PublicOfficerFilter,
    "enforcement:public_inspections": filters.PublicInspectionFilter,
    "enforcement:public_decisions": filters.PublicDecisionFilter,
}
PUBLIC = {"enforcement:public_officers", "enforcement:public_inspections", "enforcement:public_decisions"}


@pytest.fixture
def records(enf):
    case = to_decision(enf, penalty_case(enf, enf.body, enf.colleague))
    from fazhi.enforcement import services

    services.decision_publish(actor=enf.officer, case=case, on=case.decided_on)
    services.evaluation_add(actor=enf.office, case=case, subject_score=18, facts_score=20, law_score=18,
                            procedure_score=20, documents_score=8)
    services.inspection_save(actor=enf.liaison, body=enf.body, name="食品经营抽查", basis="《食品安全法》",
                             targets="食品经营者", year=2025)
    return enf


def _get(client, url):
    response = client.get(url)
    assert response.status_code < 500, (url, response.status_code)
    return response


@pytest.mark.parametrize("name", sorted(REGISTERS))
def test_bad_values_are_a_warning_never_an_error_for_every_persona(client, records, name):
    url = reverse(name) + BAD
    shown = 0
    for persona in [None, *PERSONAS]:
        client.logout()
        if persona is not None:
            client.force_login(getattr(records, persona))
        response = _get(client, url)
        if name in PUBLIC or persona is not None:
            assert response.status_code in (200, 403), (name, persona, response.status_code)
        if response.status_code == 200:
            assert WARNING in response.content.decode(), (name, persona)
            shown += 1
    assert shown >= (9 if name in PUBLIC else 4)


@pytest.mark.parametrize("name", sorted(REGISTERS))
def test_every_filter_with_junk_gives_a_page(client, records, name):
    client.force_login(records.office)
    names = [*REGISTERS[name].base_filters, "page", "size", "export"]
    for field in names:
        for junk in JUNK:
            response = _get(client, reverse(name) + "?" + f"{field}={junk}".replace("#", ""))
            assert response.status_code == 200, (name, field, junk, response.status_code)


def test_a_valid_filter_still_filters_and_the_export_follows_it(client, records):
    client.force_login(records.liaison)
    html = client.get(reverse("enforcement:case_list"), {"kind": "inspection"}).content.decode()
    assert "没有符合条件的案件" in html and WARNING not in html
    html = client.get(reverse("enforcement:case_list"), {"kind": "penalty", "body": records.body.pk,
                                                         "unit": records.market.pk}).content.decode()
    assert "张三丰销售过期食品案" in html and WARNING not in html
    # a unit the user cannot see is an invalid choice, not an empty list
    html = client.get(reverse("enforcement:case_list"), {"unit": records.water.pk}).content.decode()
    assert WARNING in html
    response = client.get(reverse("enforcement:officer_list"), {"q": "孙某某", "sort": "-name", "export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_public_decision_filters_are_validated(client, records):
    url = reverse("enforcement:public_decisions")
    html = client.get(url, {"kind": "zz", "year": "99999999999999999999"}).content.decode()
    assert WARNING in html and "张某销售过期食品案" in html
    html = client.get(url, {"q": "过期食品", "year": "2025"}).content.decode()
    assert "张某销售过期食品案" in html and WARNING not in html
    html = client.get(url, {"year": "2020"}).content.decode()
    assert "没有符合条件的执法决定" in html
