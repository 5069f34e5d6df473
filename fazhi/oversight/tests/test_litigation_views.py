"""Pages of the litigation part: registers with junk filters and export, record pages, forms through the
services, scope (the outsider sees nothing), alerts, to-dos, deadlines and search."""
import pytest

from fazhi.oversight import services
from fazhi.oversight.models import LitigationHearing, ReconsiderationCase

from .factories_litigation import D, judged, make_case, make_hearing, make_recon, record  # noqa: F401

pytestmark = pytest.mark.django_db

JUNK = ["year=abc", "year=99999", "unit=xyz", "unit=999999", "status=bogus", "sort=evil", "heard_year=1",
        "appeared_year=x", "judged_year=-1", "overdue=maybe", "page=-3", "size=7", "decided_year=zz",
        "corrected=on", "accepted=on", "overdue=on", "q=%00", "instance=x", "outcome=x", "matter=x"]


@pytest.fixture(autouse=True)
def _today(lit_at, county):
    from fazhi.core.rules import setting_set

    setting_set(actor=county.sysadmin, key="core.backdate_days", raw="3650")
    lit_at(D(2019, 12, 20))


def test_registers_take_junk_filters_and_export(client, county):
    case = make_case(county)
    record(county, make_hearing(county, case))
    make_recon(county)
    client.force_login(county.office)
    for url in ["/oversight/litigation/", "/oversight/reconsideration/"]:
        for q in JUNK:
            assert client.get(f"{url}?{q}").status_code == 200, (url, q)
        response = client.get(f"{url}?export=xlsx")
        assert response.status_code == 200 and "spreadsheet" in response["Content-Type"]
    page = client.get("/oversight/litigation/?heard_year=2019&appeared_year=2019").content.decode()
    assert case.case_number in page


def test_record_pages_and_forms(client, county):
    case = judged(county, make_case(county, must_appear="public_interest"), outcome="revoked", on=D(2019, 6, 3))
    hearing = make_hearing(county, case, notice_on=D(2019, 4, 1))
    recon = make_recon(county, doc_title="某县规定")
    client.force_login(county.office)
    for url in [case.get_absolute_url(), hearing.get_absolute_url(), recon.get_absolute_url(),
                "/oversight/litigation/appearance/?year=2019", "/oversight/reconsideration/statistics/",
                "/oversight/litigation/new/", f"/oversight/litigation/new/?previous={case.pk}",
                f"/oversight/litigation/{case.pk}/hearings/new/", f"/oversight/litigation/{case.pk}/analysis/",
                f"/oversight/litigation/hearings/{hearing.pk}/appearance/", "/oversight/reconsideration/new/",
                "/oversight/reconsideration/returns/new/", f"/oversight/litigation/{case.pk}/step/appeal/"]:
        assert client.get(url).status_code == 200, url
    for action in ["accept", "not_accept", "decide", "serve_copy", "answer", "extend", "doc_done"]:
        assert client.get(f"/oversight/reconsideration/{recon.pk}/step/{action}/").status_code == 200, action
    assert client.get(f"/oversight/reconsideration/{recon.pk}/step/bogus/").status_code == 404
    assert client.get(f"/oversight/litigation/{case.pk}/step/bogus/").status_code == 404
    # a lawyer alone is refused on the page with the rule
    r = client.post(f"/oversight/litigation/hearings/{hearing.pk}/appearance/", {"role": "lawyer", "on": "2019-04-10"})
    assert "第一百二十八条" in r.content.decode()
    r = client.post(f"/oversight/litigation/hearings/{hearing.pk}/appearance/", {
        "role": "head", "appeared_name": "王局长", "appeared_post": "局长", "identity_proof": "on",
        "statement": "同意协调化解。", "on": "2019-04-10"})
    assert r.status_code == 302
    assert LitigationHearing.objects.get(pk=hearing.pk).head_appeared
    r = client.post(f"/oversight/litigation/{case.pk}/analysis/", {"text": "程序瑕疵"})
    assert r.status_code == 302
    r = client.post(f"/oversight/litigation/{case.pk}/step/appeal/", {"on": "2019-06-10"})
    assert r.status_code == 302
    r = client.post(f"/oversight/litigation/{case.pk}/step/close/", {"on": "2019-06-20"})
    assert r.status_code == 302
    # the step pages run the services
    for action, data in [("accept", {"on": "2019-03-06"}), ("serve_copy", {"on": "2019-03-07"}),
                         ("answer", {"on": "2019-03-12"}), ("doc_done", {"on": "2019-03-13"}),
                         ("extend", {"days": "10", "approver": "张主任", "reason": "复杂", "on": "2019-03-20"}),
                         ("decide", {"outcome": "upheld", "text": "维持", "on": "2019-04-01"})]:
        r = client.post(f"/oversight/reconsideration/{recon.pk}/step/{action}/", data)
        assert r.status_code == 302, (action, r.content.decode()[-2000:])
    recon = ReconsiderationCase.objects.get(pk=recon.pk)
    assert recon.status == "decided" and recon.doc_done_on and recon.extension_days == 10
    other = make_recon(county)
    r = client.post(f"/oversight/reconsideration/{other.pk}/step/not_accept/", {"reason": "超期", "on": "2019-03-05"})
    assert r.status_code == 302
    detail = client.get(recon.get_absolute_url()).content.decode()
    assert "第十七条" in detail and "第三十一条" in detail  # the 2017 law for a 2019 application


def test_create_pages_post(client, county):
    client.force_login(county.office)
    r = client.post("/oversight/litigation/new/", {
        "unit": county.market.pk, "instance": "first", "court": "某县人民法院", "case_number": "（2019）页面行1号",
        "plaintiff_name": "某公司", "plaintiff_kind": "organisation", "act_text": "罚款决定",
        "received_on": "2019-03-04"})
    assert r.status_code == 302, r.content.decode()[-3000:]
    from fazhi.oversight.models import LitigationCase

    case = LitigationCase.objects.get(case_number="（2019）页面行1号")
    r = client.post(f"/oversight/litigation/{case.pk}/hearings/new/", {"hearing_on": "2019-04-10"})
    assert r.status_code == 302 and case.hearings.count() == 1
    r = client.post(f"/oversight/litigation/{case.pk}/step/defend/", {"on": "2019-03-10"})
    assert r.status_code == 302
    r = client.post(f"/oversight/litigation/{case.pk}/step/judge/", {"judgment_kind": "judgment",
                                                                    "outcome": "rejected", "on": "2019-05-10"})
    assert r.status_code == 302
    r = client.post("/oversight/reconsideration/new/", {
        "role": "body", "body_name": "某县人民政府", "unit": county.market.pk, "number": "页面复〔2019〕1号",
        "applicant_name": "某公司", "applicant_kind": "organisation", "matter": "licence", "act_text": "不予许可",
        "applied_on": "2019-03-01", "received_on": "2019-03-04", "doc_competent": "on"})
    assert r.status_code == 302
    r = client.post("/oversight/reconsideration/returns/new/", {
        "unit": county.justice.pk, "year": "2019", "received": "1", "accepted": "1", "concluded": "0",
        "corrected": "0"})
    assert r.status_code == 302


def test_outsider_and_leader(client, county):
    case = make_case(county)
    hearing = make_hearing(county, case)
    recon = make_recon(county)
    client.force_login(county.outsider)
    for url in [case.get_absolute_url(), hearing.get_absolute_url(), recon.get_absolute_url()]:
        assert client.get(url).status_code == 404
    assert case.case_number not in client.get("/oversight/litigation/").content.decode()
    client.force_login(county.leader)
    assert client.get(case.get_absolute_url()).status_code == 200
    assert client.get(f"/oversight/litigation/hearings/{hearing.pk}/appearance/").status_code == 403
    assert client.get("/oversight/reconsideration/new/").status_code == 403
    assert client.get(f"/oversight/reconsideration/{recon.pk}/step/accept/").status_code == 403


def test_alerts_todos_deadlines_and_search(county, lit_at):
    from fazhi.core.registry import alert_providers, search_sources, todo_providers
    from fazhi.oversight.deadlines import litigation as deadlines

    waiting = make_case(county, received_on=D(2019, 12, 10))
    late = make_case(county, received_on=D(2019, 11, 1))
    make_hearing(county, late, hearing_on=D(2019, 12, 1))
    judged(county, make_case(county), on=D(2019, 12, 6))
    recon = make_recon(county, received_on=D(2019, 12, 16), applied_on=D(2019, 12, 16))
    accepted = services.recon_accept(actor=county.office, case=make_recon(county), on=D(2019, 3, 6))
    services.recon_serve_copy(actor=county.office, case=accepted, on=D(2019, 3, 7))
    services.recon_accept(actor=county.office, case=make_recon(county, doc_title="某文件"), on=D(2019, 12, 18))
    alerts = alert_providers()["oversight.litigation_clocks"].check(county.office, D(2019, 12, 20))
    titles = " ".join(a.title for a in alerts)
    assert "超过答辩期限" in titles and "答辩期限" in titles and "上诉期限" in titles and "尚未登记出庭" in titles
    recon_alerts = " ".join(a.title for a in alert_providers()["oversight.recon_clocks"].check(county.office,
                                                                                                D(2019, 12, 20)))
    assert "受理审查" in recon_alerts and "被申请人答复" in recon_alerts and "复议决定" in recon_alerts
    assert alert_providers()["oversight.litigation_clocks"].check(county.outsider, D(2019, 12, 20)) == []
    todos = todo_providers()["oversight.litigation_todos"].collect(county.office, D(2019, 12, 20))
    text = " ".join(t.title for t in todos)
    assert f"待答辩：{waiting}" in text and "待登记出庭应诉情况" in text and recon.number in text
    assert "待提出书面答复" in text and "待作出复议决定" in text
    assert todo_providers()["oversight.litigation_todos"].collect(county.outsider, D(2019, 12, 20)) == []
    for fn in [deadlines.defence_due, deadlines.appeal_due, deadlines.accept_due, deadlines.answer_due,
               deadlines.decision_due]:
        assert fn(year=2019, calendar=None, previous=None) == []
    from fazhi.oversight.models import LitigationCase

    LitigationCase.objects.filter(pk=waiting.pk).update(defence_due=D(2019, 12, 31))
    moved = deadlines.defence_due(year=2019, calendar=None, previous=None)
    assert [m.new for m in moved] == [D(2019, 12, 25)]
    entries = list(search_sources()["oversight.litigation"].entries())
    assert any(obj.pk == waiting.pk for obj, _f in entries)
    assert list(search_sources()["oversight.reconsideration"].entries())
