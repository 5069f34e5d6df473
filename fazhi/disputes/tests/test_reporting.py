"""The demo county reproduces the seed's petition figures; every drill-down's total equals its figure."""
import pytest

from fazhi.core.registry import figures
from fazhi.disputes.models import MediationCase, MediationOrg, Petition

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_disputes(db):
    """The organisations, the legal-services lawyers and this module's demo (not the whole demo county)."""
    import time

    from fazhi.disputes import demo
    from fazhi.legal_services import demo as services_demo
    from fazhi.orgs import demo as orgs_demo

    orgs_demo.load(scale=1, stdout=None)
    services_demo.load(scale=1, stdout=None)
    started = time.monotonic()
    demo.load(scale=1, stdout=None)
    assert time.monotonic() - started < 15
    demo.load(scale=1, stdout=None)  # idempotent


def test_demo_figures(demo_disputes):
    f = figures()
    assert f["disputes.lawyer_difficult"].compute(year=2019).value == 224
    assert f["disputes.lawyer_general"].compute(year=2019).value == 374
    assert f["disputes.hall_lawyers"].compute(year=2019).value == 11
    assert f["disputes.hall_visitors"].compute(year=2019).value >= 550
    assert f["disputes.hall_general"].compute(year=2019).value >= 170
    assert f["disputes.hall_difficult"].compute(year=2019).value == 17
    assert MediationOrg.objects.filter(category="court").exists()
    assert MediationCase.objects.filter(cluster__name__contains="商品房").count() == 36
    assert MediationCase.objects.filter(cluster__name__contains="非法集资").count() == 24
    rate = f["disputes.mediation_success_rate"].compute(year=2019).value
    assert 0 < rate < 100 and rate.as_tuple().exponent == -1
    total = f["disputes.petitions"].compute(year=2019)
    assert total.value == Petition.objects.filter(received_on__year=2019).count()
    assert sum(v["value"] for v in total.breakdown.values()) == total.value


def test_drill_down_totals_equal_the_figures(county, client, at):
    import datetime

    from .factories import petition

    at(datetime.date(2024, 3, 4))
    p = petition(county, on=datetime.date(2024, 3, 4), level="difficult")
    p.lawyers.add(county.lawyer)
    client.force_login(county.office)
    value = figures()["disputes.lawyer_difficult"].compute(year=2024)
    page = client.get(value.link)
    assert page.status_code == 200 and len(page.context["page"].object_list) == value.value == 1
