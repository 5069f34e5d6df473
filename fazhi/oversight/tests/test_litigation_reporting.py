"""The appearance rate and the correction rate with hand-computed figures; the statistics page shows a breakdown
that does not add up; the dashboard's headline follows a recorded appearance; the demo's 2019 numbers."""
import datetime
from decimal import Decimal

import pytest

from fazhi.core.registry import figures
from fazhi.oversight import services
from fazhi.reporting import selectors as reporting

from .factories_litigation import D, judged, make_case, make_hearing, make_recon, record  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(lit_at, county):
    from fazhi.core.rules import setting_set

    setting_set(actor=county.sysadmin, key="core.backdate_days", raw="3650")
    lit_at(D(2019, 12, 20))


def _value(key, year=2019, unit_ids=None):
    return figures()[key].compute(year=year, unit_ids=unit_ids)


def _appearance_county(county):
    """A (first instance): head appeared; A's appeal: deputy appeared — the case counts in both instances;
    B: staff only; C: two hearings, staff then head — counted once, as appeared; D: hearing not yet recorded;
    E: lawyer only (recorded as nobody); F: heard in 2018 (another year)."""
    a = judged(county, make_case(county), on=D(2019, 5, 6))
    record(county, make_hearing(county, a, hearing_on=D(2019, 4, 10)))
    a2 = make_case(county, instance="appeal", previous=a, received_on=D(2019, 5, 20))
    record(county, make_hearing(county, a2, hearing_on=D(2019, 7, 1)), role="deputy")
    b = make_case(county, unit=county.township)
    record(county, make_hearing(county, b), role="staff", appeared_name="甲", appeared_post="科员", statement="")
    c = make_case(county)
    record(county, make_hearing(county, c, hearing_on=D(2019, 4, 1)), role="staff", appeared_name="甲",
           appeared_post="科员")
    record(county, make_hearing(county, c, hearing_on=D(2019, 5, 1)))
    make_hearing(county, make_case(county), hearing_on=D(2019, 6, 1))
    e = make_case(county, unit=county.township)
    services.hearing_record(actor=county.office, hearing=make_hearing(county, e), role="none", lawyer_present=True,
                            on=D(2019, 4, 10))
    f = make_case(county, received_on=D(2018, 3, 1))
    record(county, make_hearing(county, f, hearing_on=D(2018, 4, 1)))
    return a, a2, b, c, e


def test_appearance_rate_hand_computed_with_a_case_counted_in_two_instances(county):
    a, a2, b, c, e = _appearance_county(county)
    # heard in 2019: A, A's appeal, B, C, E = 5 instances; a head appeared in A, A's appeal and C = 3 → 60.0%
    assert _value("oversight.hearings_heard").value == 5
    assert _value("oversight.head_appeared").value == 3
    rate = _value("oversight.appearance_rate")
    assert rate.value == Decimal("60.0") and rate.breakdown == {"开庭审理": 5, "负责人出庭": 3}
    # the market bureau alone: A, A2, C heard and appeared → 100%; the township: B and E, none → 0%
    assert _value("oversight.appearance_rate", unit_ids={county.market.pk}).value == Decimal("100.0")
    assert _value("oversight.appearance_rate", unit_ids={county.township.pk}).value == Decimal("0.0")
    assert _value("oversight.appearance_rate", year=2018).value == Decimal("100.0")
    assert _value("oversight.litigation_cases").value == 6  # received in 2019 (F was received in 2018)


def test_appearance_figures_drill_down_to_the_counted_instances(client, county):
    _appearance_county(county)
    client.force_login(county.office)
    for key, n in [("oversight.hearings_heard", 5), ("oversight.head_appeared", 3), ("oversight.litigation_cases", 6)]:
        c = reporting.compute_figure(figures()[key], year=2019)
        assert f"共 {n} 条" in client.get(c.link).content.decode().replace("共\n", "共 "), key
    page = client.get(_value("oversight.appearance_rate").link).content.decode()
    assert "60.0%" in page and "负责人和工作人员均不出庭" in page


def test_dashboard_headline_changes_when_an_appearance_is_recorded(client, county):
    case = make_case(county)
    hearing = make_hearing(county, case)
    record(county, make_hearing(county, make_case(county)), role="staff", appeared_name="甲", appeared_post="科员")
    rows = {h.key: h for h in reporting.headline_indicators(year=2019)}
    assert rows["oversight.appearance_rate"].value == Decimal("0.0")
    record(county, hearing)
    rows = {h.key: h for h in reporting.headline_indicators(year=2019)}
    assert rows["oversight.appearance_rate"].value == Decimal("50.0")
    assert rows["oversight.appearance_rate"].label == "行政机关负责人出庭应诉率"
    client.force_login(county.leader)
    assert 'data-headline="oversight.appearance_rate"' in client.get("/dashboard/?year=2019").content.decode()


def _decided(county, outcome, on=None, **kwargs):
    case = make_recon(county, **kwargs)
    case = services.recon_accept(actor=county.office, case=case, on=case.received_on + datetime.timedelta(days=2))
    return services.recon_decide(actor=county.office, case=case, outcome=outcome, on=on or D(2019, 5, 1))


def test_correction_rate_over_concluded_cases_rounded_half_up(county):
    for outcome in ["upheld", "upheld", "rejected", "revoked", "changed", "mediated", "terminated"]:
        _decided(county, outcome)
    _decided(county, "unlawful", on=D(2019, 12, 1), received_on=D(2019, 11, 1), applied_on=D(2019, 11, 1))
    services.recon_accept(actor=county.office, case=make_recon(county), on=D(2019, 3, 6))  # open: not concluded
    # concluded 8, corrected (revoked, changed, unlawful) 3 → 37.5%
    rate = _value("oversight.recon_correction_rate")
    assert rate.value == Decimal("37.5") and rate.breakdown == {"审结": 8, "纠错": 3}
    assert _value("oversight.recon_received").value == 9
    assert _value("oversight.recon_accepted").value == 9
    assert _value("oversight.recon_concluded").value == 8
    # 1 of 6 = 16.666… → 16.7 (half up)
    from fazhi.core import numbers

    assert numbers.percent(1, 6) == Decimal("16.7")


def test_statistics_page_shows_a_deliberate_mismatch_and_names_the_denominator(client, county):
    _decided(county, "revoked")
    _decided(county, "upheld")
    services.recon_return_save(actor=county.office, unit=county.gov, year=2019, received=5, accepted=4,
                               concluded=2, corrected=1)
    client.force_login(county.office)
    page = client.get("/oversight/reconsideration/statistics/?year=2019").content.decode()
    assert "上报数 5 与案件登记数 2 不一致（相差 3）" in page
    assert "分母：本年度审结案件 2 件" in page and "50.0%" in page
    assert "纠错" in page


def test_breakdown_checks_report_a_difference(county):
    from fazhi.core import numbers

    check = numbers.check_parts(3, {"行政处罚": 1, "行政许可": 1})
    assert not check.consistent and check.message == "合计 3 与分项之和 2 不一致（相差 1）"


def test_litigation_outcomes_by_outcome(county):
    judged(county, make_case(county), outcome="revoked", on=D(2019, 6, 3))
    judged(county, make_case(county), outcome="rejected", on=D(2019, 6, 3))
    judged(county, make_case(county), kind="ruling", outcome="withdrawn", on=D(2019, 6, 3))
    v = _value("oversight.litigation_judged")
    assert v.value == 3 and {k: x["value"] for k, x in v.breakdown.items()} == {
        "判决撤销": 1, "判决驳回诉讼请求": 1, "调解撤诉": 1}


def test_sentences_of_part_five(county):
    from fazhi.core.registry import sentences

    s = sentences()
    assert "oversight.appearance_rate" in s["oversight.litigation"].template
    assert s["oversight.reconsideration"].theme == "theme_oversight"


def test_demo_2019_numbers(county):
    from fazhi.orgs import services as org_services
    from fazhi.oversight.demo import litigation as demo

    for code in demo.DEFENDANTS:
        org_services.unit_create(actor=None, code=code, name=f"演示单位{code}", kind="department", parent=county.gov)
    demo.load(stdout=type("Out", (), {"write": lambda self, text: None})())
    demo.load()  # idempotent
    assert _value("oversight.hearings_heard").value == 20
    assert _value("oversight.appearance_rate").value == Decimal("90.0")
    assert _value("oversight.recon_received").value == 16
    assert _value("oversight.recon_correction_rate").value == Decimal("26.7")
    from fazhi.oversight.selectors import recon_statistics

    assert recon_statistics(year=2019)["returns_consistent"]
    datetime.date  # noqa: B018
