"""The module's demo reproduces the seed's figures (§三 五是) and stays fast."""
import time

import pytest

from fazhi.core.registry import figures

pytestmark = pytest.mark.django_db


def test_demo_reproduces_the_seed_figures_quickly():
    from fazhi.legal_education import demo
    from fazhi.orgs import demo as org_demo

    org_demo.load()
    started = time.monotonic()
    demo.load()
    took = time.monotonic() - started
    assert took < 15, f"the legal-education demo took {took:.1f} s"
    value = {k: figures()[f"legal_education.{k}"].compute(year=2019).value for k in (
        "duty_lists", "activities", "exam_units", "exam_participants", "exam_pass_rate", "culture_sites", "demo_units")}
    assert value["duty_lists"] == 77
    assert value["activities"] >= 60
    assert value["exam_units"] == 75
    assert value["exam_participants"] >= 2300
    assert value["exam_pass_rate"] == 98
    assert value["culture_sites"] == 6
    assert value["demo_units"] == 20
    assert demo.load() == {"created": 0}  # idempotent
    _bulk_records_are_found_by_search()
    from fazhi.legal_education.models import Question

    assert Question.objects.count() >= 150
    print(f"legal-education demo: {took:.1f} s; figures {value}")


def _bulk_records_are_found_by_search():
    """The demo bulk-creates activities, culture sites and study sessions; each is in the staff search after the
    load (indexed in bulk), found by the county's staff and never by the public."""
    from fazhi.core import search
    from fazhi.core.models import SearchEntry
    from fazhi.legal_education.models import Activity, CultureSite, StudySession
    from fazhi.orgs.models import User

    office = User.objects.get(username="fzb")
    for source, model in (("legal_education.activity", Activity), ("legal_education.site", CultureSite),
                          ("legal_education.study", StudySession)):
        assert SearchEntry.objects.filter(source=source).count() == model.objects.count() > 0, source
        assert search.index_missing(source) == 0  # nothing left to index
    activity = Activity.objects.order_by("pk").last()
    hits = search.query(activity.title, user=office, source="legal_education.activity")
    assert activity.get_absolute_url() in [h.entry.url for h in hits]
    site = CultureSite.objects.order_by("pk").first()
    assert search.query(site.name, user=office, source="legal_education.site").total >= 1
    assert search.public_query(site.name).total == 0
