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
    from fazhi.legal_education.models import Question

    assert Question.objects.count() >= 150
    print(f"legal-education demo: {took:.1f} s; figures {value}")
