"""Public pages (no login) of the demo county: what must be published, and nothing unmasked."""
import pytest
from django.urls import reverse

from fazhi.core.masking import find_leaks
from fazhi.enforcement.models import CaseParty, Publication

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["enforcement:public_home", "enforcement:public_officers", "enforcement:public_inspections",
                "enforcement:public_decisions"]


@pytest.fixture
def demo(demo_county):
    """The demo county (loaded once per session)."""


def _pages(client):
    for name in PUBLIC_PAGES:
        url = reverse(name)
        response = client.get(url)
        assert response.status_code == 200, name
        pages = [response.content.decode()]
        page = response.context["page"] if response.context and "page" in response.context else None
        if page is not None:
            for n in range(2, page.paginator.num_pages + 1):
                pages.append(client.get(f"{url}?page={n}").content.decode())
        yield name, pages


def test_no_public_page_leaks_a_partys_id_phone_or_full_name(client, demo):
    parties = list(CaseParty.objects.filter(kind="person").values_list("name", flat=True))
    assert len(parties) > 20
    seen = 0
    for name, pages in _pages(client):
        for html in pages:
            leaks = find_leaks(html, names=parties)
            assert not leaks, (name, leaks[:5])
            seen += 1
    assert seen > 4
    decisions = client.get(reverse("enforcement:public_decisions")).content.decode()
    assert "某" in decisions and "罚款" in decisions


def test_the_public_sees_published_decisions_only_and_can_search(client, demo):
    shown = Publication.objects.filter(status="published").first()
    response = client.get(reverse("enforcement:public_decisions"), {"q": shown.decision_number})
    assert shown.decision_number in response.content.decode()
    withdrawn = Publication.objects.filter(status="withdrawn").first()
    assert withdrawn is not None
    response = client.get(reverse("enforcement:public_decisions"), {"q": withdrawn.decision_number})
    assert "没有符合条件的执法决定" in response.content.decode()

    from fazhi.enforcement.models import Officer

    o = Officer.objects.filter(status="valid").first()
    html = client.get(reverse("enforcement:public_officers"), {"q": o.certificate_no}).content.decode()
    assert o.name in html and o.certificate_no in html and o.id_number not in html
    withdrawn = Officer.objects.filter(status="withdrawn").first()
    html = client.get(reverse("enforcement:public_officers"), {"q": withdrawn.certificate_no}).content.decode()
    assert "没有符合条件的持证执法人员" in html
