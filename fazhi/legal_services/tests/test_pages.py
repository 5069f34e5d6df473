"""The office's and the lawyer's pages end to end (register a lawyer, assign, contracts, legal aid, correct a
disputed log), and every figure of the module computed for the county and for one township."""
import datetime

import pytest

from fazhi.core import clock
from fazhi.core.registry import figures
from fazhi.legal_services.models import AidApplication, Assignment, Lawyer, ServiceContract, ServiceLog
from fazhi.orgs.choices import DataScope

from .factories import log, person

pytestmark = pytest.mark.django_db


def test_the_office_registers_a_lawyer_assigns_and_signs_a_contract(ls, client):
    today = clock.today()
    user = person("lawyer4", "驻村律师李某", ls.firm, role="lawyer", scope=DataScope.CUSTOM,
                  custom_units=[ls.village_east])
    client.force_login(ls.office)
    assert client.get("/legal-services/lawyers/new/").status_code == 200
    response = client.post("/legal-services/lawyers/new/", {"user": user.pk, "firm": ls.firm.pk,
                                                            "licence_no": "14203201900000009",
                                                            "phone": "0719-6200009"})
    lawyer = Lawyer.objects.get(user=user)
    assert response.status_code == 302 and response.url == f"/legal-services/lawyers/{lawyer.pk}/"
    assert "驻村律师李某" in client.get(response.url).content.decode()
    assert client.get(f"/legal-services/lawyers/{lawyer.pk}/photo/").status_code == 404
    url = f"/legal-services/lawyers/{lawyer.pk}/assign/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"unit": ls.village_east.pk, "place": "village", "start": today.isoformat(),
                             "end": today.isoformat()}).status_code == 302
    assert Assignment.objects.filter(lawyer=lawyer).count() == 1
    assert client.get("/legal-services/contracts/new/").status_code == 200
    response = client.post("/legal-services/contracts/new/", {
        "firm": ls.firm.pk, "number": "郧司购〔2026〕9号", "signed_on": today.isoformat(), "start": today.isoformat(),
        "end": today.isoformat(), "amount": "5000", "scope_text": "信访大厅值守"})
    contract = ServiceContract.objects.get(number="郧司购〔2026〕9号")
    assert response.status_code == 302 and response.url == f"/legal-services/contracts/{contract.pk}/"
    url = f"/legal-services/contracts/{contract.pk}/accept/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"accepted_on": today.isoformat(), "acceptance": "全年考核合格"}).status_code == 302
    assert "该合同已验收" in client.get(url).content.decode()
    client.force_login(ls.leader)
    assert client.get("/legal-services/contracts/new/").status_code == 403
    assert client.get(f"/legal-services/lawyers/{lawyer.pk}/assign/").status_code == 403


def test_legal_aid_pages(ls, client):
    today = clock.today()
    client.force_login(ls.office)
    assert client.get("/legal-services/aid/new/").status_code == 200
    response = client.post("/legal-services/aid/new/", {"applicant": "申请人乙", "matter": "wages", "facts": "拖欠工资",
                                                        "applied_on": today.isoformat(), "hardship_proof": "on"})
    assert response.status_code == 302
    app = AidApplication.objects.get(applicant="申请人乙")
    assert "审查期限" in client.get(f"/legal-services/aid/{app.pk}/").content.decode()
    assert client.get(f"/legal-services/aid/{app.pk}/step/nosuch/").status_code == 404
    url = f"/legal-services/aid/{app.pk}/step/approve/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"on": today.isoformat()}).status_code == 302
    app.refresh_from_db()
    assert app.assign_due is not None
    client.force_login(ls.outsider)
    assert client.get(url).status_code in (403, 404)


def test_a_disputed_log_is_corrected_by_its_lawyer_on_the_page(ls, client):
    served = clock.today() - datetime.timedelta(days=1)
    entry = log(ls, served_on=served)
    client.force_login(ls.village_account)
    assert client.post(f"/legal-services/logs/{entry.pk}/step/dispute/",
                       {"on": served.isoformat(), "reason": "人次不符"}).status_code == 302
    client.force_login(ls.lawyer)
    url = f"/legal-services/logs/{entry.pk}/step/correct/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"duty": "advice", "people": "3", "hours": "2", "summary": "村民张某咨询土地承包纠纷"}
                       ).status_code == 302
    entry.refresh_from_db()
    assert entry.people == 3 and entry.status == "corrected"
    assert client.get(f"/legal-services/logs/{entry.pk}/file/attachment/").status_code == 404
    assert client.get(f"/legal-services/logs/{entry.pk}/file/other/").status_code == 404
    assert ServiceLog.objects.count() == 1


def test_every_figure_of_the_module_computes_for_the_county_and_a_township(ls):
    log(ls, served_on=clock.today() - datetime.timedelta(days=1))
    year = clock.today().year
    mine = {k: f for k, f in figures().items() if k.startswith("legal_services.")}
    assert mine
    for key, figure in mine.items():
        whole = figure.compute(year=year, unit_ids=None)
        part = figure.compute(year=year, unit_ids=[ls.township.pk, ls.village_east.pk, ls.village_west.pk])
        assert whole.value is not None and part.value is not None, key
