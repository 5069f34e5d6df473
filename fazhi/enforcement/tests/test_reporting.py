"""Figures and alerts: computed from the records, alerts limited to the user's scope."""
import datetime
from decimal import Decimal

import pytest

from fazhi.core.registry import alert_providers, figures
from fazhi.enforcement import alerts, services
from fazhi.enforcement.choices import CaseKind

from .factories import officer, penalty_case, to_decision

pytestmark = pytest.mark.django_db
D = datetime.date


def test_figures_on_an_empty_database():
    for key, figure in figures().items():
        if key.startswith("enforcement."):
            figure.compute(year=2019)


def test_figures_count_certificates_training_cases_and_publicity(enf):
    services.training_add(actor=enf.office, officer=enf.me, title="2019年培训", held_on=D(2019, 9, 24),
                          hours=Decimal("24"))
    case = to_decision(enf, penalty_case(enf, enf.body, enf.colleague))
    services.decision_publish(actor=enf.officer, case=case, on=case.decided_on)
    f = figures()
    assert f["enforcement.officers_certified"].compute(year=2019).value == 3
    assert f["enforcement.officers_trained"].compute(year=2019).value == 1
    assert f["enforcement.cases_by_kind"].compute(year=2025).breakdown == {"行政处罚": 1}
    assert f["enforcement.published_on_time"].compute(year=2025).value == 100
    assert f["enforcement.cases_by_kind"].compute(year=2025, unit_ids={enf.water.pk}).value == 0


def test_alerts_respect_scope(enf):
    today = datetime.date.today()
    officer(enf, unit=enf.market, name="快到期", valid_until=today + datetime.timedelta(days=30))
    case = to_decision(enf, penalty_case(enf, enf.body, enf.colleague))  # decided in 2025, never published
    assert case.publication.due_on < today
    old = services.case_register(actor=enf.officer, body=enf.body, kind=CaseKind.INSPECTION, title="旧检查",
                                 registered_on=D(2025, 1, 6))
    assert old.decision_due < today
    titles = [a.title for a in alerts.certificates_expiring(enf.liaison, today)
              + alerts.publication_late(enf.liaison, today) + alerts.cases_near_limit(enf.liaison, today)
              + alerts.service_late(enf.liaison, today)]
    assert any("60日内到期" in t for t in titles)
    assert any("超过期限未公示" in t for t in titles)
    assert any("超过决定期限" in t for t in titles)
    assert any("超过送达期限" in t for t in titles)
    for provider in alert_providers().values():
        if provider.key.startswith("enforcement."):
            assert provider.check(enf.outsider, today) == []


def test_training_shortfall_alert_in_the_last_quarter(enf):
    dec = D(datetime.date.today().year, 12, 1)
    assert [a.count for a in alerts.training_shortfall(enf.office, dec)] == [3]
    assert alerts.training_shortfall(enf.office, D(dec.year, 3, 1)) == []


def test_cases_registered_month_by_month_drill_down_to_that_months_cases(enf, client):
    penalty_case(enf, enf.body, enf.colleague, on=D(2025, 3, 3))
    penalty_case(enf, enf.body, enf.colleague, on=D(2025, 3, 20))
    penalty_case(enf, enf.body, enf.colleague, on=D(2025, 5, 6))
    value = figures()["enforcement.cases_registered"].compute(year=2025)
    assert value.value == 3
    assert value.breakdown["2025-03"]["value"] == 2 and value.breakdown["2025-05"]["value"] == 1
    assert value.breakdown["2025-04"]["value"] == 0 and len(value.breakdown) == 12
    client.force_login(enf.office)
    page = client.get(value.breakdown["2025-03"]["link"]).context["page"]
    assert {c.registered_on for c in page.object_list} == {D(2025, 3, 3), D(2025, 3, 20)}
    assert figures()["enforcement.cases_registered"].compute(year=2025, unit_ids={enf.water.pk}).value == 0
