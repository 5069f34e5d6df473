"""The demo states every seed figure of 六(四是) (the seed-figure test checks them in the report once the whole
demo county loads; this test loads only the organisation tree and this module's demo, and times it)."""
import time

import pytest

from fazhi.core.registry import figures
from fazhi.reporting.tests.test_seed import SEED_FIGURES

pytestmark = pytest.mark.django_db


def test_demo_reproduces_the_seed_figures_quickly():
    from fazhi.legal_services import demo
    from fazhi.orgs import demo as orgs_demo

    orgs_demo.load()
    started = time.monotonic()
    demo.load()
    assert time.monotonic() - started < 15
    registered = figures()
    checked = 0
    for key, (count, unit, wording, approx) in SEED_FIGURES.items():
        if not key.startswith("legal_services."):
            continue
        figure = registered[key]
        value = figure.compute(year=2019).value
        assert figure.unit in ({"名", "人"} if unit in ("名", "人") else {unit}), key
        assert (value >= count) if approx else (value == count), f"{key}: {value}, the seed states {wording}"
        checked += 1
    assert checked == 10  # the petition cases and the hall duty are the disputes module's figures
    assert registered["legal_services.townships_covered"].compute(year=2019).value == 18
    assert registered["legal_services.villages_covered"].compute(year=2019).value == 286
    assert registered["legal_services.villages_with_advisers"].compute(year=2019).value == 286
    assert registered["orgs.law_firms"].compute(year=2019).value == 7
    # every figure's drill-down total equals it: the village coverage lists exactly its villages
    assert len(registered["legal_services.villages_covered"].compute(year=2019).records) == 286
    demo.load()  # idempotent
    from fazhi.legal_services.models import Lawyer

    assert Lawyer.objects.count() == 44


def test_the_demo_bulk_records_are_found_by_staff_search():
    """Lawyers and agreements are bulk-created by the demo: after the load each is in the staff search."""
    from fazhi.core import search
    from fazhi.core.models import SearchEntry
    from fazhi.legal_services import demo
    from fazhi.legal_services.models import Lawyer, ServiceContract, VillageAgreement
    from fazhi.orgs import demo as orgs_demo
    from fazhi.orgs.models import User

    orgs_demo.load()
    demo.load()
    for source, model in (("legal_services.lawyer", Lawyer), ("legal_services.agreement", VillageAgreement),
                          ("legal_services.contract", ServiceContract)):
        assert SearchEntry.objects.filter(source=source).count() == model.objects.count() > 0, source
    office = User.objects.get(username="fzb")
    lawyer = Lawyer.objects.select_related("firm").order_by("pk").last()
    hits = search.query(lawyer.licence_no, user=office, source="legal_services.lawyer")
    assert [h.entry.object_id for h in hits] == [str(lawyer.pk)]
    assert search.public_query(lawyer.licence_no).total == 0  # staff only
