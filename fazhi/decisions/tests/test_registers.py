"""Every list of the decisions module takes any address-bar value without an error page: a bad filter is
dropped and named in a warning, the list still shows."""
import pytest
from django.urls import reverse

from . import factories as f

pytestmark = pytest.mark.django_db

PERSONAS = ["sysadmin", "office", "liaison", "reviewer", "officer", "lawyer", "leader", "outsider"]
LISTS = {
    "decisions:decision_list": ["q", "year", "status", "category", "unit", "catalogue", "reviewing", "sort"],
    "decisions:catalogue_list": ["year", "sort"],
    "decisions:adviser_list": ["q", "kind", "status", "unit", "sort"],
    "decisions:service_list": ["q", "kind", "year", "adviser", "sort"],
    "decisions:public_list": ["q", "status", "year"],
}
PUBLIC = {"decisions:public_list"}
BAD = {"unit": "abc", "year": ["-1", "99999999999999999999"], "month": "13", "sort": "zzz", "status": "zz",
       "page": "abc", "size": "7", "body": "99999999999999999999"}
JUNK = ["abc", "-1", "99999999999999999999", "1.5", "<script>", "x" * 300, "\u200b"]


@pytest.fixture
def records(county):
    d = f.to_review(county, f.decision(county))
    f.adviser(county)
    return d


def _warned(response):
    return any("已忽略无效的筛选条件" in str(m) for m in response.context["messages"])


@pytest.mark.parametrize("persona", PERSONAS)
def test_bad_values_never_give_an_error_page(client, county, records, persona):
    client.force_login(getattr(county, persona))
    for name in LISTS:
        response = client.get(reverse(name), BAD)
        assert response.status_code < 500, (persona, name)
        if response.status_code == 200:
            assert _warned(response), (persona, name)
        export = client.get(reverse(name), {**BAD, "export": "xlsx"})
        assert export.status_code < 500, (persona, name)


@pytest.mark.parametrize("name", sorted(LISTS))
def test_each_filter_with_junk_is_a_warning(client, county, records, name):
    client.force_login(county.office)
    for field in LISTS[name]:
        for junk in JUNK:
            response = client.get(reverse(name), {field: junk})
            assert response.status_code == 200, (name, field, junk)


def test_the_public_list_warns_anonymous_visitors_too(client, county, records):
    response = client.get(reverse("decisions:public_list"), {"year": "99999999999999999999", "status": "zz"})
    assert response.status_code == 200 and _warned(response)
    assert "年度" in response.content.decode()


def test_a_valid_filter_still_filters_and_sorts(client, county, records):
    f.decision(county, title="另一个事项", year=2025)
    client.force_login(county.office)
    page = client.get(reverse("decisions:decision_list"), {"year": "2025"}).context["page"]
    assert [d.title for d in page] == ["另一个事项"]
    page = client.get(reverse("decisions:decision_list"), {"sort": "year"}).context["page"]
    assert [d.year for d in page] == [2025, 2026]
    page = client.get(reverse("decisions:decision_list"), {"reviewing": "on"}).context["page"]
    assert [d.pk for d in page] == [records.pk] and page[0].overdue
