"""Mediation: the refusal gate, the agreement's statutory contents and effectiveness, failure with the routes
told, referral and takeover between the three kinds (one case history), judicial confirmation within 30 days,
committee composition and term alerts, statistics with a deliberate subtotal mismatch."""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core import workdays
from fazhi.core.errors import DomainError
from fazhi.disputes import selectors, services
from fazhi.disputes.choices import CaseStatus, MediationKind

from .factories import case, org

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 3, 4)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def scan():
    return SimpleUploadedFile("协议书.pdf", PDF, content_type="application/pdf")


def agreed(county, at):
    at(DAY)
    c = case(county, org(county), on=DAY)
    c = services.session_add(actor=county.office, case=c, text="第一次调解，双方陈述", on=DAY)
    return services.agreement_record(actor=county.office, case=c, issues="边界争议", responsibilities="双方各半",
                                     terms="以老界石为界", performance="2024年3月底前立界桩", on=DAY)


def test_registration_sets_the_one_month_target(county, at):
    at(DAY)
    c = case(county, org(county), on=DAY)
    assert c.kind == MediationKind.PEOPLE and c.target_due == workdays.add_calendar_days(DAY, 30)
    assert c.steps.count() == 1
    with pytest.raises(DomainError, match="两方当事人"):
        services.case_register(actor=county.office, org=c.org, title="x", dispute_type="other", source="walk_in",
                               parties=["张某"], registered_on=DAY)


def test_a_party_refuses_no_mediation(county, at):
    at(DAY)
    c = case(county, org(county), on=DAY)
    c = services.case_refuse(actor=county.office, case=c, party="李某乙", on=DAY)
    assert c.status == CaseStatus.REFUSED and "第十七条" in c.steps.last().text
    with pytest.raises(DomainError, match="当事人拒绝调解"):
        services.session_add(actor=county.office, case=c, text="再调解", on=DAY)


def test_agreement_needs_the_statutory_contents(county, at):
    at(DAY)
    c = case(county, org(county), on=DAY)
    with pytest.raises(DomainError, match="履行的方式、期限"):
        services.agreement_record(actor=county.office, case=c, issues="边界争议", responsibilities="各半",
                                  terms="以界石为界", performance="", on=DAY)


def test_agreement_effective_only_when_signed_and_sealed_with_the_scan(county, at):
    c = agreed(county, at)
    with pytest.raises(DomainError, match="加盖人民调解委员会印章"):
        services.agreement_effective(actor=county.office, case=c, scan=scan(), parties_signed=True,
                                     mediator_signed=True, sealed=False, on=DAY)
    with pytest.raises(DomainError, match="扫描件"):
        services.agreement_effective(actor=county.office, case=c, scan=None, parties_signed=True,
                                     mediator_signed=True, sealed=True, on=DAY)
    c = services.agreement_effective(actor=county.office, case=c, scan=scan(), parties_signed=True,
                                     mediator_signed=True, sealed=True, on=DAY)
    assert c.status == CaseStatus.EFFECTIVE and c.agreement_scan
    assert c.confirmation_due == workdays.add_calendar_days(DAY, 30)


def test_judicial_confirmation_within_30_days(county, at):
    c = agreed(county, at)
    c = services.agreement_effective(actor=county.office, case=c, scan=scan(), parties_signed=True,
                                     mediator_signed=True, sealed=True, on=DAY)
    late = c.confirmation_due + datetime.timedelta(days=1)
    at(late)
    with pytest.raises(DomainError, match="第三十三条"):
        services.confirmation_apply(actor=county.office, case=c, on=late)
    c = services.confirmation_apply(actor=county.office, case=c, on=c.confirmation_due)
    assert c.confirmation_applied_on == c.confirmation_due


def test_failure_tells_the_other_routes(county, at):
    at(DAY)
    c = case(county, org(county), on=DAY)
    with pytest.raises(DomainError, match="仲裁、行政、司法"):
        services.case_fail(actor=county.office, case=c, routes_told="", on=DAY)
    c = services.case_fail(actor=county.office, case=c, routes_told="可向人民法院起诉", on=DAY)
    assert c.status == CaseStatus.FAILED


def test_referral_between_kinds_is_taken_over_keeping_one_history(county, at):
    at(DAY)
    village = org(county)
    department = org(county, unit=county.market, name="市场监管局行政调解", category="department", members=())
    c = case(county, village, on=DAY)
    services.session_add(actor=county.office, case=c, text="村委会调解未果，涉及食品质量", on=DAY)
    c = services.case_refer(actor=county.office, case=c, to_org=department, reason="属市场监管职责", on=DAY)
    assert c.status == CaseStatus.REFERRED
    # the market bureau's liaison sees it waiting and takes it over; the outsider may not
    assert c in selectors.incoming_referrals(user=county.liaison)
    assert not selectors.incoming_referrals(user=county.outsider).exists()
    with pytest.raises(DomainError, match="接收移交"):
        services.case_take_over(actor=county.outsider, case=c, on=DAY)
    c = services.case_take_over(actor=county.liaison, case=c, on=DAY)
    assert (c.org, c.unit, c.kind, c.status) == (department, county.market, MediationKind.ADMINISTRATIVE,
                                                 CaseStatus.REGISTERED)
    labels = [s.label for s in c.steps.all()]
    assert labels == ["受理", "调解", "移交", "接收移交"]
    assert [s.kind for s in c.steps.all()][:3] == ["people"] * 3
    services.session_add(actor=county.liaison, case=c, text="行政调解", on=DAY)


def test_escalation_flag(county, at):
    at(DAY)
    c = case(county, org(county), on=DAY)
    c = services.case_escalate(actor=county.office, case=c, unit=county.gov, text="一方扬言报复", on=DAY)
    assert c.may_turn_criminal and c.escalated_to == county.gov


def test_committee_composition_and_term(county, at):
    at(DAY)
    good = org(county, members=("女", "男", "男"))
    assert selectors.composition_problems(good, DAY) == []
    no_woman = org(county, members=("男", "男", "男"))
    assert selectors.composition_problems(no_woman, DAY) == ["委员中应当有妇女成员"]
    too_few = org(county, members=("女", "男"))
    assert "委员2人，应为三至九人" in selectors.composition_problems(too_few, DAY)
    assert good.term_end == datetime.date(2027, 1, 1)
    assert "届满" in selectors.composition_problems(good, datetime.date(2027, 1, 2))[0]
    court = org(county, unit=county.gov, category="court", members=())
    assert selectors.composition_problems(court, DAY) == []


def test_statistics_rates_and_a_deliberate_subtotal_mismatch(county, at):
    c = agreed(county, at)
    services.agreement_effective(actor=county.office, case=c, scan=scan(), parties_signed=True,
                                 mediator_signed=True, sealed=True, on=DAY)
    case(county, c.org, on=DAY)
    case(county, c.org, on=DAY, dispute_type="labour")
    stats = selectors.mediation_statistics(year=2024)
    assert stats["total"]["accepted"] >= 3
    mine = next(r for r in stats["by_org"] if r["label"] == c.org.name)
    assert (mine["accepted"], mine["succeeded"], str(mine["rate"])) == (3, 1, "33.3")
    assert not stats["discrepancies"]
    # a committee's return: by-type lines add to 9, the total says 10 → shown as a discrepancy
    services.return_save(actor=county.office, org=c.org, year=2024, accepted=10, succeeded=8, screenings=12, found=4,
                         lines=[("neighbour", 6, 5), ("family", 3, 3)])
    stats = selectors.mediation_statistics(year=2024)
    assert any("分类型受理小计9件，与报表合计10件不符" in d for d in stats["discrepancies"])
    row = next(r for r in stats["returns"] if r["org"] == c.org.name)
    assert str(row["rate"]) == "80.0" and row["screenings"] == 12


def test_rate_rounds_half_up():
    assert str(selectors.rate(1, 8)) == "12.5" and str(selectors.rate(1, 16)) == "6.3"  # 6.25 → 6.3
    assert str(selectors.rate(2, 3)) == "66.7" and str(selectors.rate(0, 0)) == "0.0"


def test_performance_follow_up_after_the_agreement_takes_effect(county, client, at):
    """履行回访 (人民调解法第三十一条): refused before the agreement takes effect, to the leader and the outsider, and
    once performed; allowed on the case page for the committee until the parties have performed."""
    c = agreed(county, at)
    with pytest.raises(DomainError, match="已生效的调解协议"):
        services.performance_follow(actor=county.office, case=c, text="回访", on=DAY)
    c = services.agreement_effective(actor=county.office, case=c, scan=scan(), parties_signed=True,
                                     mediator_signed=True, sealed=True, on=DAY)
    with pytest.raises(DomainError, match="不能早于"):
        services.performance_follow(actor=county.office, case=c, text="回访", on=DAY - datetime.timedelta(days=1))
    for outsider in (county.leader, county.outsider):
        with pytest.raises(DomainError):
            services.performance_follow(actor=outsider, case=c, text="回访", on=DAY)
    with pytest.raises(DomainError, match="回访情况"):
        services.performance_follow(actor=county.office, case=c, text=" ", on=DAY)
    c = services.performance_follow(actor=county.office, case=c, text="电话回访，界桩材料已备齐", on=DAY)
    assert c.performed_on is None and c.steps.filter(label="履行回访").count() == 1
    url = f"/disputes/cases/{c.pk}/do/follow/"
    client.force_login(county.office)
    assert url in client.get(c.get_absolute_url()).content.decode()
    response = client.post(url, {"text": "现场回访，界桩已立", "performed": "on", "on": DAY.isoformat()})
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.performed_on == DAY and "履行完毕" in client.get(c.get_absolute_url()).content.decode()
    assert url not in client.get(c.get_absolute_url()).content.decode()
    with pytest.raises(DomainError, match="已履行完毕"):
        services.performance_follow(actor=county.office, case=c, text="再次回访", on=DAY)
    client.force_login(county.leader)
    assert client.get(url).status_code in (403, 404)
