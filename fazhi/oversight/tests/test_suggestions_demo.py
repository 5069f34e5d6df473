"""The demo county's 2019 figures of the suggestions part (invented numbers: the seed states none)."""
import pytest

from fazhi.core.registry import figures

pytestmark = pytest.mark.django_db


def test_demo_2019_figures(demo_county):
    from fazhi.oversight.demo.suggestions import load

    f = figures()
    assert f["oversight.suggestions_received"].compute(year=2019).value == 160
    assert f["oversight.suggestions_replied_on_time"].compute(year=2019).value == 152
    assert str(f["oversight.suggestions_satisfaction_rate"].compute(year=2019).value) == "99.4"
    assert f["oversight.accountability_cases"].compute(year=2019).value == 7
    assert f["oversight.judicial_suggestions"].compute(year=2019).value == 6
    assert f["oversight.rectification_accepted"].compute(year=2019).value == 6
    load()  # idempotent
    assert f["oversight.suggestions_received"].compute(year=2019).value == 160
