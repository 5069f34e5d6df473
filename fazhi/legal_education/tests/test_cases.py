"""以案释法: kept by the unit, published for the public with the persons' names masked and numbers hidden."""
import pytest
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.legal_education import services
from fazhi.legal_education.models import CaseExplanation

from .contract import CASE_PERSON, _case

pytestmark = pytest.mark.django_db


def test_unit_writes_and_publishes_a_case_public_sees_it_masked(county, client):
    client.force_login(county.liaison)
    r = client.post(reverse("legal_education:case_create"), {
        "title": "邻里纠纷调解协议的效力", "unit": county.market.pk, "law": "《中华人民共和国人民调解法》第三十三条",
        "summary": "李大明与张小红因宅基地发生纠纷，身份证号420322198001011234。", "explanation": "李大明可申请司法确认。",
        "persons": "李大明\n张小红"})
    case = CaseExplanation.objects.get(title="邻里纠纷调解协议的效力")
    assert r.status_code == 302 and sorted(case.persons.values_list("name", flat=True)) == ["张小红", "李大明"]
    page = client.get(case.get_absolute_url()).content.decode()
    assert "李某与张某" in page and "向社会公开" in page  # the preview of what the public will see
    public = reverse("legal_education:public_case_detail", args=[case.pk])
    client.logout()
    assert client.get(public).status_code == 404  # not yet published
    client.force_login(county.liaison)
    r = client.post(reverse("legal_education:case_publish", args=[case.pk]), {})
    case.refresh_from_db()
    assert r.status_code == 302 and case.status == "published" and case.published_on is not None
    assert "向社会公开" not in client.get(case.get_absolute_url()).content.decode()
    assert client.get(reverse("legal_education:case_publish", args=[case.pk])).status_code == 403
    with pytest.raises(DomainError):  # published once only
        services.case_publish(actor=county.liaison, case=case)
    client.logout()
    listing = client.get(reverse("legal_education:public_cases"), {"year": "junk", "q": "调解"}).content.decode()
    assert "邻里纠纷调解协议的效力" in listing
    text = client.get(public).content.decode()
    assert "李某与张某" in text and "李大明" not in text and "420322198001011234" not in text
    # editing keeps the persons masked
    client.force_login(county.liaison)
    client.post(reverse("legal_education:case_edit", args=[case.pk]), {
        "title": case.title, "unit": county.market.pk, "law": case.law, "summary": "张小红后来同意。",
        "explanation": case.explanation, "persons": "张小红"})
    client.logout()
    assert "张小红" not in client.get(public).content.decode()


def test_case_refusals(county, client):
    case = _case(county)
    with pytest.raises(DomainError):
        services.case_save(actor=county.outsider, unit=county.market, title="x", law="y", summary="z",
                           explanation="w")
    with pytest.raises(DomainError):
        services.case_publish(actor=county.leader, case=case)
    with pytest.raises(DomainError) as e:
        services.case_save(actor=county.liaison, unit=county.market, title="x", law="y", summary="z",
                           explanation="w", persons="名" * 60)
    assert e.value.field == "persons"
    client.force_login(county.outsider)
    for name in ("case_detail", "case_edit", "case_publish"):
        assert client.get(reverse(f"legal_education:{name}", args=[case.pk])).status_code == 404
    client.force_login(county.leader)
    assert client.get(reverse("legal_education:case_create")).status_code == 403
    assert client.get(reverse("legal_education:case_detail", args=[case.pk])).status_code == 200
    client.force_login(county.office)
    r = client.get(reverse("legal_education:case_list"), {"year": "x", "unit": "abc", "status": "??", "sort": "-"})
    assert r.status_code == 200 and "合同样本：以案释法" in r.content.decode()


def test_published_sample_never_shows_the_persons_name(county, client):
    case = _case(county, published=True)
    text = client.get(reverse("legal_education:public_case_detail", args=[case.pk])).content.decode()
    assert CASE_PERSON not in text and "王某" in text and "13912345678" not in text
