"""The evaluation part's demo: 2 townships and 4 departments as pilots, self-assessments (one still without
evidence, so the alert shows), the 2019 annual assessment computed from the modules' records and published."""
import io

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def test_demo_pilots_self_assessments_and_published_2019_results(demo_county, settings, tmp_path):
    from fazhi.assessment.alerts.evaluation import self_assessment_without_evidence
    from fazhi.assessment.demo import evaluation as demo
    from fazhi.assessment.models import EvalCard, EvalIndicator, Pilot, PilotAssessment
    from fazhi.assessment.spreadsheets.evaluation import export_results
    from fazhi.core import clock
    from fazhi.core.registry import unit_measures
    from fazhi.orgs.models import User

    settings.MEDIA_ROOT = tmp_path / "media"
    demo.load()  # the session's demo may predate a step: each step loads once
    again = demo.load()
    assert (again["pilots"], again["self_assessments"], again["cards"]) == (0, 0, 0)
    assert sorted(Pilot.objects.filter(year=2019).values_list("kind", flat=True)) == ["department"] * 4 + ["township"] * 2
    assert PilotAssessment.objects.filter(pilot__year=2019).exclude(evidence="").count() == 9
    office = User.objects.get(username="fzb")
    alerts = self_assessment_without_evidence(office, clock.today())
    education = Pilot.objects.get(year=2019, unit__code="D-JYJ").unit.name
    assert [(a.unit, a.count) for a in alerts] == [(education, 1)]
    sources = set(EvalIndicator.objects.filter(year=2019).exclude(source="").values_list("source", flat=True))
    assert sources == set(unit_measures())  # every registered source is in the 2019 set
    cards = EvalCard.objects.filter(year=2019)
    assert cards.exists() and not cards.exclude(status="published").exists()
    assert not cards.filter(scores__score__isnull=True).exists()
    objected = cards.get(unit__code="D-SCJ")
    assert objected.objection and objected.reply
    sheet = load_workbook(io.BytesIO(export_results(cards.order_by("unit_kind", "rank")))).active
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["年度", "单位", "考评对象", "排名", "总分"]
    assert "学法考试合格率（县直部门，5.0分）" in header and "执法人员持证率（县直部门，10.0分）" in header
    assert sheet.max_row == cards.count() + 1


def test_every_sources_drilldown_lists_exactly_the_records_counted(demo_county):
    """For every registered source and every unit it counts in the demo's 2019: one drill-down row per record in
    the denominator, and as many rows marked as met as the numerator."""
    from fazhi.core.registry import unit_measures
    from fazhi.orgs.models import OrgUnit

    units = list(OrgUnit.objects.values_list("pk", flat=True))
    counted = 0
    for key, measure in unit_measures().items():
        for unit_id, (numerator, denominator) in measure.compute(units, 2019).items():
            rows = measure.drilldown(unit_id, 2019)
            assert len(rows) == denominator, (key, unit_id)
            assert numerator <= denominator and all(url.startswith("/") for _t, url in rows), (key, unit_id)
            counted += denominator
    assert counted > 0
