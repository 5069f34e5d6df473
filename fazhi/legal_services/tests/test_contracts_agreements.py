"""Purchase contracts' payment milestones, villages' and organs' adviser agreements with the coverage grid, the
legal-aid clocks after a holiday year is confirmed, staff-only search, the petition picker, and the log step
asking the policy."""
import datetime
from decimal import Decimal

import pytest

from fazhi.core import clock, search
from fazhi.core.errors import DomainError
from fazhi.legal_services import alerts, deadlines, selectors, services
from fazhi.legal_services.models import AidApplication, ContractPayment, VillageAgreement

from .factories import log

pytestmark = pytest.mark.django_db
D = datetime.date


def _contract(c, number="郧司购〔2019〕1号", signed_on=None, amount="100000"):
    signed_on = signed_on or D(2019, 1, 5)
    return services.contract_create(actor=c.office, unit=c.justice, firm=c.firm, number=number, signed_on=signed_on,
                                    start=D(2019, 1, 1), end=D(2019, 12, 31), amount=Decimal(amount),
                                    scope_text="驻村（社区）法律服务")


# Payment milestones -------------------------------------------------------------------------------

def test_milestones_never_exceed_the_contract_and_outsiders_may_not_add(ls):
    c = _contract(ls)
    services.payment_add(actor=ls.office, contract=c, label="首期款", due_on=D(2019, 3, 1), amount=Decimal("60000"))
    with pytest.raises(DomainError, match="超过合同金额") as e:
        services.payment_add(actor=ls.office, contract=c, label="尾款", due_on=D(2019, 12, 1),
                             amount=Decimal("40000.01"))
    assert e.value.field == "amount"
    with pytest.raises(DomainError, match="签订日期"):
        services.payment_add(actor=ls.office, contract=c, label="尾款", due_on=D(2018, 12, 1), amount=Decimal("1"))
    with pytest.raises(DomainError, match="名称"):
        services.payment_add(actor=ls.office, contract=c, label=" ", due_on=D(2019, 12, 1), amount=Decimal("1"))
    with pytest.raises(DomainError, match="大于0"):
        services.payment_add(actor=ls.office, contract=c, label="尾款", due_on=D(2019, 12, 1), amount=Decimal("0"))
    for who in (ls.outsider, ls.leader):
        with pytest.raises(DomainError):
            services.payment_add(actor=who, contract=c, label="尾款", due_on=D(2019, 12, 1), amount=Decimal("1"))
    services.payment_add(actor=ls.office, contract=c, label="尾款", due_on=D(2019, 12, 1), amount=Decimal("40000"))
    assert sum(p.amount for p in c.payments.all()) == c.amount


def test_a_milestone_is_accepted_and_paid_once_each(ls):
    c = _contract(ls)
    p = services.payment_add(actor=ls.office, contract=c, label="首期款", due_on=D(2019, 3, 1),
                             amount=Decimal("50000"))
    with pytest.raises(DomainError, match="验收意见"):
        services.payment_accept(actor=ls.office, payment=p, accepted_on=D(2019, 2, 28), acceptance="")
    with pytest.raises(DomainError, match="签订日期"):
        services.payment_accept(actor=ls.office, payment=p, accepted_on=D(2019, 1, 1), acceptance="合格")
    with pytest.raises(DomainError):
        services.payment_accept(actor=ls.leader, payment=p, accepted_on=D(2019, 2, 28), acceptance="合格")
    services.payment_accept(actor=ls.office, payment=p, accepted_on=D(2019, 2, 28), acceptance="一季度考核合格")
    with pytest.raises(DomainError, match="已验收"):
        services.payment_accept(actor=ls.office, payment=p, accepted_on=D(2019, 3, 1), acceptance="合格")
    with pytest.raises(DomainError, match="签订日期"):
        services.payment_record(actor=ls.office, payment=p, paid_on=D(2019, 1, 1))
    with pytest.raises(DomainError):
        services.payment_record(actor=ls.outsider, payment=p, paid_on=D(2019, 3, 1))
    services.payment_record(actor=ls.office, payment=p, paid_on=D(2019, 3, 1))
    with pytest.raises(DomainError, match="已付款"):
        services.payment_record(actor=ls.office, payment=p, paid_on=D(2019, 3, 2))
    p.refresh_from_db()
    assert p.paid_on == D(2019, 3, 1) and p.accepted_on == D(2019, 2, 28)


def test_an_unpaid_milestone_past_due_is_alerted_until_paid(ls):
    c = _contract(ls)
    today = clock.today()
    late = services.payment_add(actor=ls.office, contract=c, label="首期款", due_on=D(2019, 3, 1),
                                amount=Decimal("50000"))
    services.payment_add(actor=ls.office, contract=c, label="尾款", due_on=today + datetime.timedelta(days=30),
                         amount=Decimal("50000"))
    found = alerts.payments_overdue(ls.office, today)
    assert [a.title for a in found] == ["郧司购〔2019〕1号：首期款（50000.00元）逾期未付"]
    assert found[0].severity == "overdue" and found[0].due == D(2019, 3, 1)
    assert alerts.payments_overdue(ls.outsider, today) == [] and alerts.payments_overdue(None, today) == []
    services.payment_record(actor=ls.office, payment=late, paid_on=D(2019, 3, 5))
    assert alerts.payments_overdue(ls.office, today) == []


def test_contract_pages_totals_per_year_and_milestone_steps(ls, client):
    c = _contract(ls)
    _contract(ls, number="郧司购〔2019〕2号", amount="20000.50")
    _contract(ls, number="郧司购〔2020〕1号", signed_on=D(2020, 1, 6), amount="300000")
    client.force_login(ls.office)
    page = client.get("/legal-services/contracts/").content.decode()
    assert "2019年</td><td>2</td><td>120000.50" in page and "2020年</td><td>1</td><td>300000.00" in page
    url = f"/legal-services/contracts/{c.pk}/payments/new/"
    response = client.post(url, {"label": "首期款", "due_on": "2019-03-01", "amount": "150000"})
    assert response.status_code == 200 and "超过合同金额" in response.content.decode()
    response = client.post(url, {"label": "首期款", "due_on": "2019-03-01", "amount": "50000"})
    assert response.status_code == 302 and response.url == f"/legal-services/contracts/{c.pk}/"
    p = ContractPayment.objects.get(contract=c)
    page = client.get(f"/legal-services/contracts/{c.pk}/").content.decode()
    assert "逾期未付" in page and f"/legal-services/payments/{p.pk}/pay/" in page and "办理过程" in page
    assert client.post(f"/legal-services/payments/{p.pk}/accept/",
                       {"accepted_on": "2019-02-28", "acceptance": "考核合格"}).status_code == 302
    assert client.get(f"/legal-services/payments/{p.pk}/pay/").status_code == 200
    assert client.post(f"/legal-services/payments/{p.pk}/pay/", {"paid_on": "2019-03-02"}).status_code == 302
    page = client.get(f"/legal-services/payments/{p.pk}/pay/").content.decode()
    assert "该付款节点已付款" in page
    page = client.get(f"/legal-services/contracts/{c.pk}/").content.decode()
    assert "逾期未付" not in page and "已付50000.00元" in page and "登记合同付款" in page
    for junk in ("?year=abc&firm=zz&sort=evil", "?year=-5", "?export=xlsx&year=x"):
        assert client.get(f"/legal-services/contracts/{junk}").status_code == 200
    client.force_login(ls.outsider)
    assert client.get(f"/legal-services/contracts/{c.pk}/").status_code in (403, 404)
    assert client.post(f"/legal-services/payments/{p.pk}/pay/", {"paid_on": "2019-03-02"}).status_code in (403, 404)
    client.force_login(ls.leader)
    assert client.get(url).status_code == 403


# Agreements and coverage ------------------------------------------------------------------------------

def test_agreements_list_and_create_feed_the_coverage_grid(ls, client):
    today = clock.today()
    client.force_login(ls.office)
    page = client.get("/legal-services/agreements/new/").content.decode()
    assert 'data-picker' in page and "东坪村" in page
    response = client.post("/legal-services/agreements/new/", {
        "village": ls.village_east.pk, "lawyer": ls.lawyer_profile.pk, "signed_on": today.isoformat(),
        "start": today.isoformat(), "end": (today + datetime.timedelta(days=365)).isoformat()})
    assert response.status_code == 302 and response.url == "/legal-services/agreements/"
    assert VillageAgreement.objects.filter(village=ls.village_east).count() == 1
    response = client.post("/legal-services/agreements/new/", {
        "village": ls.village_west.pk, "lawyer": ls.lawyer_profile.pk, "signed_on": today.isoformat(),
        "start": today.isoformat(), "end": (today - datetime.timedelta(days=1)).isoformat()})
    assert response.status_code == 200 and "聘期结束日期" in response.content.decode()
    page = client.get("/legal-services/agreements/").content.decode()
    assert "东坪村" in page and "驻村律师周某" in page and "党政机关聘请法律顾问" in page
    for junk in ("?village=abc&year=x&sort=evil&current=maybe", "?q=%00&village=999999", "?current=1"):
        assert client.get(f"/legal-services/agreements/{junk}").status_code == 200
    page = client.get("/legal-services/coverage/").content.decode()
    assert 'class="cov-cell cov-full" title="东坪村' in page and 'class="cov-cell cov-lawyer" title="西坪村' in page
    assert "legal_services/coverage.css" in page
    client.force_login(ls.outsider)
    assert client.get("/legal-services/agreements/new/").status_code == 403
    client.force_login(ls.leader)
    assert client.post("/legal-services/agreements/new/", {"village": ls.village_east.pk}).status_code == 403


def test_a_village_without_a_lawyer_is_a_gap_in_the_grid(ls, client):
    from fazhi.legal_services.models import Assignment

    Assignment.objects.filter(unit=ls.village_west).delete()
    client.force_login(ls.office)
    page = client.get("/legal-services/coverage/").content.decode()
    assert 'class="cov-cell cov-gap" title="西坪村：没有包联律师' in page


def test_organs_advisers_come_from_the_decisions_module(ls, client):
    from fazhi.decisions.models import LegalAdviser

    today = clock.today()
    LegalAdviser.objects.create(name="顾问陈某", firm="湖北某某律师事务所", client_unit=ls.gov,
                                contract_start=today - datetime.timedelta(days=10),
                                contract_end=today + datetime.timedelta(days=300))
    client.force_login(ls.office)
    page = client.get("/legal-services/agreements/").content.decode()
    assert "顾问陈某" in page and "/decisions/advisers/new/" in page


def test_agreement_service_refusals(ls):
    today = clock.today()
    with pytest.raises(DomainError, match="村（社区）"):
        services.agreement_create(actor=ls.office, village=ls.township, lawyer=ls.lawyer_profile, signed_on=today,
                                  start=today, end=today)
    with pytest.raises(DomainError, match="法律顾问"):
        services.agreement_create(actor=ls.office, village=ls.village_east, lawyer=None, signed_on=today,
                                  start=today, end=today)
    with pytest.raises(DomainError):
        services.agreement_create(actor=ls.outsider, village=ls.village_east, lawyer=ls.lawyer_profile,
                                  signed_on=today, start=today, end=today)


# Search (staff only) ------------------------------------------------------------------------------------

def test_lawyers_agreements_and_contracts_are_found_by_staff_only(ls):
    today = clock.today()
    _contract(ls)
    services.agreement_create(actor=ls.office, village=ls.village_east, lawyer=ls.lawyer_profile, signed_on=today,
                              start=today, end=today + datetime.timedelta(days=30))
    assert search.query("周某", user=ls.office).total >= 2
    assert search.query("郧司购", user=ls.office, source="legal_services.contract").total == 1
    assert search.query("周某", public_only=True).total == 0
    assert search.query("郧司购", public_only=True).total == 0
    assert search.query("郧司购", user=ls.outsider).total == 0
    assert search.reindex("legal_services.contract") == 1
    assert search.reindex("legal_services.lawyer") == 1 and search.reindex("legal_services.agreement") == 1


# Legal-aid clocks after a holiday year is confirmed --------------------------------------------------------

def _aid(c, applied_on, **extra):
    return services.aid_register(actor=c.office, unit=c.justice, applicant="申请人甲", matter="wages",
                                 facts="拖欠工资", applied_on=applied_on, hardship_proof=True, **extra)


def test_legal_aid_clocks_are_recomputed_and_a_timely_step_is_kept(ls):
    from fazhi.core.deadlines import registered

    assert {"legal_services.aid_review_due", "legal_services.aid_assign_due", "legal_services.aid_objection_due",
            "legal_services.aid_materials_due"} <= set(registered())
    open_app = _aid(ls, D(2019, 9, 27))
    right = open_app.review_due
    AidApplication.objects.filter(pk=open_app.pk).update(review_due=right - datetime.timedelta(days=2))
    moved = deadlines.review_due(year=2019, calendar=None, previous=None)
    assert [(m.record, m.new) for m in moved] == [(str(open_app), right)]
    open_app.refresh_from_db()
    assert open_app.review_due == right and moved[0].unit == ls.justice
    # decided on time under the old (later) date: the old date stays
    done = _aid(ls, D(2019, 9, 27))
    later = right + datetime.timedelta(days=3)
    AidApplication.objects.filter(pk=done.pk).update(review_due=later, decided_on=right + datetime.timedelta(days=1))
    assert deadlines.review_due(year=2019, calendar=None, previous=None) == []
    done.refresh_from_db()
    assert done.review_due == later


def test_assignment_objection_and_materials_clocks_follow_the_calendar(ls):
    today = clock.today()
    applied, decided = today - datetime.timedelta(days=6), today - datetime.timedelta(days=3)
    app = _aid(ls, applied)
    services.aid_step(actor=ls.office, app=app, action="approve", on=decided)
    app.refresh_from_db()
    right = app.assign_due
    AidApplication.objects.filter(pk=app.pk).update(assign_due=right + datetime.timedelta(days=5))
    assert [m.new for m in deadlines.assign_due(year=right.year, calendar=None, previous=None)] == [right]
    other = _aid(ls, applied)
    services.aid_step(actor=ls.office, app=other, action="refuse", on=decided, reason="不符合经济困难标准")
    services.aid_step(actor=ls.office, app=other, action="object", on=today, reason="有证明")
    other.refresh_from_db()
    right = other.objection_due
    AidApplication.objects.filter(pk=other.pk).update(objection_due=right - datetime.timedelta(days=1))
    assert [m.new for m in deadlines.objection_due(year=right.year, calendar=None, previous=None)] == [right]
    third = _aid(ls, applied)
    services.aid_step(actor=ls.office, app=third, action="request_materials", on=decided, materials="身份证复印件")
    third.refresh_from_db()
    right = third.materials_due
    AidApplication.objects.filter(pk=third.pk).update(materials_due=right + datetime.timedelta(days=1))
    assert [m.new for m in deadlines.materials_due(year=right.year, calendar=None, previous=None)] == [right]
    third.refresh_from_db()
    services.aid_step(actor=ls.office, app=third, action="materials_received", on=today)
    third.refresh_from_db()
    right = third.review_due
    AidApplication.objects.filter(pk=third.pk).update(review_due=right + datetime.timedelta(days=1))
    assert [m.new for m in deadlines.review_due(year=right.year, calendar=None, previous=None)] == [right]


# The petition picker and the petition page ------------------------------------------------------------------

def test_a_petition_log_links_a_petition_the_lawyer_may_see(ls, client):
    from fazhi.disputes import services as disputes
    from fazhi.disputes.tests.factories import petition

    today = clock.today()
    seen = petition(ls, on=today - datetime.timedelta(days=3))
    disputes.lawyers_assign(actor=ls.office, petition=seen, lawyers=[ls.lawyer])
    hidden = petition(ls, on=today - datetime.timedelta(days=3))
    assert list(selectors.petitions_for(ls.lawyer)) == [seen]
    assert set(selectors.petitions_for(ls.office)) == {seen, hidden}
    with pytest.raises(DomainError, match="不在您可以查看的范围内") as e:
        log(ls, served_on=today, duty="petition", petition_kind="general", petition_cases=1, petition=hidden)
    assert e.value.field == "petition"
    with pytest.raises(DomainError, match="涉及信访案件"):
        log(ls, served_on=today, duty="petition", petition=seen)
    client.force_login(ls.lawyer)
    page = client.get("/legal-services/logs/new/").content.decode()
    assert seen.number in page and hidden.number not in page
    response = client.post("/legal-services/logs/new/", {
        "served_on": today.isoformat(), "unit": ls.village_east.pk, "duty": "petition", "people": "2", "hours": "3",
        "summary": "参与化解拖欠工程款信访", "petition_kind": "general", "petition_cases": "1", "petition": seen.pk})
    assert response.status_code == 302
    entry = selectors.logs_about_petition(user=ls.office, petition=seen).get()
    assert entry.petition_ref == seen.number
    page = client.get(f"/legal-services/logs/{entry.pk}/").content.decode()
    assert f"/disputes/petitions/{seen.pk}/" in page and seen.number in page  # linked by the log: may open it
    page = client.get(f"/disputes/petitions/{seen.pk}/").content.decode()
    assert seen.request in page and "律师参与化解情况" in page and f"/legal-services/logs/{entry.pk}/" in page
    assert client.get(f"/disputes/petitions/{hidden.pk}/").status_code == 404
    client.force_login(ls.office)
    assert f"/disputes/petitions/{seen.pk}/" in client.get(f"/legal-services/logs/{entry.pk}/").content.decode()
    page = client.get(f"/disputes/petitions/{seen.pk}/").content.decode()
    assert "律师参与化解情况" in page and f"/legal-services/logs/{entry.pk}/" in page
    page = client.get(f"/disputes/petitions/{hidden.pk}/").content.decode()
    assert "律师参与化解情况" not in page


# The log step asks the policy --------------------------------------------------------------------------

def test_the_log_step_is_refused_by_the_policy_and_allowed_for_the_village(ls, client):
    served = clock.today() - datetime.timedelta(days=2)
    entry = log(ls, served_on=served)
    url = f"/legal-services/logs/{entry.pk}/step/confirm/"
    client.force_login(ls.lawyer)
    response = client.get(url)
    assert response.status_code == 403 and "没有此项操作的权限" in response.content.decode()
    client.force_login(ls.outsider)
    assert client.get(url).status_code in (403, 404)
    client.force_login(ls.village_account)
    assert client.get(f"/legal-services/logs/{entry.pk}/step/nosuch/").status_code == 404
    assert client.post(url, {"on": served.isoformat()}).status_code == 302
    entry.refresh_from_db()
    assert entry.confirmed_by == ls.village_account
    response = client.get(url)
    assert response.status_code == 200 and "alert" in response.content.decode()  # why not now: a warning, not a 403


def test_a_lawyer_linked_by_a_log_reads_the_petition_and_another_lawyer_gets_404(ls, client):
    """The petition page opens for the lawyer whose service log is linked to it (read only, the opening logged
    in the audit trail); another lawyer, and the linked lawyer on any other petition, get 404."""
    from fazhi.core.models import AuditEntry
    from fazhi.disputes import policies as disputes_policies
    from fazhi.disputes import services as disputes
    from fazhi.disputes.tests.factories import petition

    from .factories import second_lawyer

    today = clock.today()
    linked = petition(ls, on=today - datetime.timedelta(days=3))
    other = petition(ls, on=today - datetime.timedelta(days=3))
    url = f"/disputes/petitions/{linked.pk}/"
    client.force_login(ls.lawyer)
    assert client.get(url).status_code == 404  # named nowhere yet
    disputes.lawyers_assign(actor=ls.office, petition=linked, lawyers=[ls.lawyer])
    assert client.get(url).status_code == 404  # named by the office, but no work logged on it
    log(ls, served_on=today, duty="petition", petition_kind="general", petition_cases=1, petition=linked)
    response = client.get(url)
    assert response.status_code == 200 and linked.request in response.content.decode()
    assert AuditEntry.objects.filter(event_name="disputes.petition_read", object_id=str(linked.pk),
                                     actor=ls.lawyer).exists()
    assert client.get(f"/disputes/petitions/{other.pk}/").status_code == 404
    may = disputes_policies.petitions.may(ls.lawyer, linked)
    assert not may["letter"] and not may["note"] and not may["extend"]  # reading only
    assert list(disputes_policies.petitions.visible(ls.lawyer, action="note")) == []
    client.force_login(second_lawyer(ls).user)
    assert client.get(url).status_code == 404
