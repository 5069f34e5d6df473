"""The demo data reproduces the seed's figures (§三) and loads only once."""
import pytest

from fazhi.core.registry import figures

pytestmark = pytest.mark.django_db


def test_demo_matches_the_seed_and_is_idempotent(demo_county):
    from fazhi.decisions import demo
    from fazhi.decisions.models import AdviserService, Decision, LegalAdviser

    first = demo.load()  # the session loaded the demo (demo_county): this is a second run
    assert first["published"] == 10
    f = figures()
    value = {key: f[key].compute(year=2019).value for key in f if key.startswith("decisions.")}
    assert value["decisions.government_advisers"] == 6  # 县政府聘请6名资深律师
    assert value["decisions.matters_reviewed"] == 20  # 风险评估、合法性审查20项
    assert 10 < value["decisions.decisions_reviewed"] < 20  # 审查重大决策事项10余次
    assert value["decisions.contracts_reviewed"] == 42  # + normative_docs.reviews_done 20 = 62: 60余份
    assert value["decisions.adviser_coverage"] == 100  # 党政机关和村（社区）法律顾问全覆盖
    assert value["decisions.catalogue_items"] == 12 and value["decisions.completed"] == 11
    assert value["decisions.comments_adopted"] > 0
    counts = (Decision.objects.count(), LegalAdviser.objects.count(), AdviserService.objects.count())
    second = demo.load()
    assert second["decisions"] == second["advisers"] == second["services"] == 0
    assert (Decision.objects.count(), LegalAdviser.objects.count(), AdviserService.objects.count()) == counts


def test_every_figure_computes_on_an_empty_database_and_limited_to_units(county):
    from fazhi.decisions.tests import factories as f

    for key, figure in figures().items():
        if key.startswith("decisions."):
            assert figure.compute(year=2026).value == 0 or key == "decisions.adviser_coverage", key
    f.to_review(county, f.decision(county))
    value = figures()["decisions.steps_resolved"].compute(year=2026)
    assert value.value == 1 and value.breakdown["风险评估（完成）"] == 1 and value.breakdown["专家论证（不适用）"] == 1
    assert figures()["decisions.steps_resolved"].compute(year=2026, unit_ids={county.water.pk}).value == 0
