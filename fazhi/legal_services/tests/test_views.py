"""Pages: the lawyer's form offers only the lawyer's own villages; registers take junk filters; the office
registers a lawyer with a photo (image only) and a village's adviser agreement; outsiders are refused."""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core import clock
from fazhi.core.errors import DomainError
from fazhi.legal_services import selectors, services
from fazhi.legal_services.models import ServiceLog
from fazhi.orgs import services as org_services
from fazhi.orgs.choices import DataScope

from .factories import log, person

pytestmark = pytest.mark.django_db
D = datetime.date
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def test_the_log_form_offers_the_lawyers_own_villages_and_saves(ls, client):
    client.force_login(ls.lawyer)
    page = client.get("/legal-services/logs/new/").content.decode()
    assert "东坪村" in page and "西坪村" in page and "城关镇</option>" not in page
    response = client.post("/legal-services/logs/new/", {
        "served_on": clock.today().isoformat(), "unit": ls.village_east.pk, "duty": "publicity", "people": "50",
        "hours": "2", "summary": "在村广场开展民法典宣传"})
    assert response.status_code == 302
    entry = ServiceLog.objects.get(lawyer__user=ls.lawyer)
    assert entry.duty == "publicity" and entry.people == 50
    response = client.post("/legal-services/logs/new/", {
        "served_on": clock.today().isoformat(), "unit": ls.water.pk, "duty": "publicity", "people": "5",
        "hours": "2", "summary": "x"})
    assert response.status_code == 200 and ServiceLog.objects.count() == 1


def test_registers_take_junk_filters_and_outsiders_are_refused(ls, client):
    log(ls, served_on=D(2019, 6, 3))
    client.force_login(ls.office)
    for url in ["/legal-services/logs/?year=abc&month=13&unit=999999&sort=evil&duty=x",
                "/legal-services/lawyers/?firm=x", "/legal-services/aid/?status=zzz", "/legal-services/contracts/?year=-1",
                "/legal-services/duty-check/?year=x&month=99", "/legal-services/subsidy/?year=x",
                "/legal-services/coverage/", "/legal-services/logs/?export=xlsx"]:
        assert client.get(url).status_code == 200, url
    client.force_login(ls.outsider)
    for url in ["/legal-services/logs/new/", "/legal-services/subsidy/", "/legal-services/aid/",
                "/legal-services/lawyers/new/"]:
        assert client.get(url).status_code == 403, url
    client.force_login(ls.lawyer)
    assert client.get("/legal-services/subsidy/").status_code == 403
    assert client.get("/legal-services/duty-check/").status_code == 200


def test_office_registers_a_lawyer_with_a_photo(ls):
    user = person("lawyer3", "驻村律师孙某", ls.firm, role="lawyer", scope=DataScope.CUSTOM,
                  custom_units=[ls.village_east])
    with pytest.raises(DomainError, match="照片"):
        services.lawyer_create(actor=ls.office, user=user, firm=ls.firm, licence_no="14203201900000003",
                               phone="0719-6200003", photo=SimpleUploadedFile("a.png", b"MZ\x90\x00not an image"))
    lawyer = services.lawyer_create(actor=ls.office, user=user, firm=ls.firm, licence_no="14203201900000003",
                                    phone="0719-6200003", photo=SimpleUploadedFile("a.png", PNG))
    assert lawyer.photo and lawyer.name == "驻村律师孙某"
    with pytest.raises(DomainError, match="已登记"):
        services.lawyer_create(actor=ls.office, user=user, firm=ls.firm, licence_no="X", phone="1")
    plain = person("plain", "普通用户", ls.market)
    with pytest.raises(DomainError, match="驻村"):
        services.lawyer_create(actor=ls.office, user=plain, firm=ls.firm, licence_no="Y", phone="1")
    with pytest.raises(DomainError):
        services.lawyer_create(actor=ls.liaison, user=user, firm=ls.firm, licence_no="Z", phone="1")


def test_village_adviser_agreements_feed_the_coverage(ls):
    services.agreement_create(actor=ls.office, village=ls.village_east, lawyer=ls.lawyer_profile,
                              signed_on=D(2019, 1, 2), start=D(2019, 1, 1), end=D(2019, 12, 31))
    rows, _over, _limit = selectors.coverage(on=D(2019, 6, 1))
    row = next(r for r in rows if r.township == ls.township)
    agreed = {v.name: has for v, _lawyers, has in row.villages}
    assert agreed == {"东坪村": True, "西坪村": False}
    with pytest.raises(DomainError):
        services.agreement_create(actor=ls.village_account, village=ls.village_east, lawyer=ls.lawyer_profile,
                                  signed_on=D(2019, 1, 2), start=D(2019, 1, 1), end=D(2019, 12, 31))
    from fazhi.legal_services.reporting import villages_with_advisers

    assert villages_with_advisers(year=2019).value == 1
    assert org_services  # the persona county's own services built the accounts above


def test_alerts_and_todos_run_for_every_persona(ls, client, monkeypatch):
    from fazhi.core.registry import alert_providers, todo_providers

    monkeypatch.setattr(clock, "today", lambda: D(2019, 7, 3))
    entry = log(ls, served_on=D(2019, 6, 3))
    mine = [p for k, p in alert_providers().items() if k.startswith("legal_services.")]
    todos = todo_providers()["legal_services.todos"]
    for user in [*ls.personas.values(), ls.village_account, ls.township_account]:
        for provider in mine:
            provider.check(user, D(2019, 7, 3))
        todos.collect(user, D(2019, 7, 3))
    assert any(t.action == "确认" for t in todos.collect(ls.village_account, D(2019, 7, 3)))
    assert todos.collect(ls.outsider, D(2019, 7, 3)) == []
    services.log_dispute(actor=ls.village_account, log=entry, reason="人数不符")
    assert [t.action for t in todos.collect(ls.lawyer, D(2019, 7, 3))] == ["更正"]
    client.force_login(ls.village_account)
    assert client.get("/workbench/").status_code == 200
