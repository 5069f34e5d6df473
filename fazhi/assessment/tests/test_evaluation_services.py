"""The evaluation part's rules: the indicator tree import (all-or-nothing, errors per row), self-assessment and
scoring, automatic indicators computed from the modules' records with their drill-down, objections, freezing."""
import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.assessment.models import EvalCard, EvalCardStatus, EvalScore, PilotAssessment, PilotIndicator
from fazhi.assessment.selectors import evaluation as selectors
from fazhi.assessment.services import evaluation as services
from fazhi.assessment.spreadsheets.evaluation import export_results, pilot_indicator_sheet
from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError

from .factories_evaluation import YEAR, annual, certified_officer, pdf, pilot, self_assessed, tree

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("evaluation_media")]


def _xlsx(rows):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["编码", "上级编码", "指标名称", "分值", "佐证材料要求"])
    for row in rows:
        sheet.append(row)
    import io

    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("指标.xlsx", buffer.getvalue())


def test_indicator_tree_import_is_all_or_nothing_with_errors_per_row(county):
    bad = _xlsx([["1", "", "依法履职", 30, ""], ["1.1", "9", "权责清单", 10, ""], ["1.2", "1", "营商环境", "abc", ""],
                 ["1.2.1", "1.1", "措施", 5, ""], ["1.2.1.1", "1.2.1", "第四级", 5, ""]])
    result = sheets.import_file(pilot_indicator_sheet(actor=county.office), bad)
    assert not result.ok and not PilotIndicator.objects.exists()
    rows = {e.row for e in result.errors}
    assert {3, 4, 6} <= rows, result.errors  # unknown parent, bad points, a fourth level
    good = _xlsx([["1", "", "依法履职", 30, ""], ["1.1", "1", "权责清单", 15, "截图"], ["1.1.1", "1.1", "公布", 15, "网页截图"]])
    result = sheets.import_file(pilot_indicator_sheet(actor=county.office), good)
    assert result.ok, result.errors
    levels = dict(PilotIndicator.objects.values_list("code", "level"))
    assert levels == {"1": 1, "1.1": 2, "1.1.1": 3}
    assert [i.code for i in selectors.pilot_indicator_tree() if i.leaf] == ["1.1.1"]


def test_pilot_must_be_a_township_or_department_once_a_year(county):
    with pytest.raises(DomainError, match="乡镇"):
        services.pilot_create(actor=county.office, unit=county.market_station, year=YEAR)
    pilot(county)
    with pytest.raises(DomainError, match="已是"):
        services.pilot_create(actor=county.office, unit=county.market, year=YEAR)
    with pytest.raises(DomainError):
        services.pilot_create(actor=county.liaison, unit=county.water, year=YEAR)
    p = services.pilot_create(actor=county.office, unit=county.township, year=YEAR)
    assert p.kind == "township"


def test_self_assessment_needs_the_evidence_the_indicator_asks_and_the_office_scores_it(county):
    indicators = tree(county)
    p = pilot(county)
    with pytest.raises(DomainError, match="佐证材料"):
        services.pilot_self_assess(actor=county.liaison, pilot=p, indicator=indicators["1.1.1"], points=Decimal(8))
    with pytest.raises(DomainError, match="末级"):
        services.pilot_self_assess(actor=county.liaison, pilot=p, indicator=indicators["1.1"], points=Decimal(8))
    with pytest.raises(DomainError, match="0到10"):
        services.pilot_self_assess(actor=county.liaison, pilot=p, indicator=indicators["1.1.2"], points=Decimal(11))
    with pytest.raises(DomainError):  # the outsider's unit is not the pilot
        services.pilot_self_assess(actor=county.outsider, pilot=p, indicator=indicators["1.1.2"], points=Decimal(5))
    services.pilot_self_assess(actor=county.liaison, pilot=p, indicator=indicators["1.1.2"], points=Decimal(6))
    a = self_assessed(county)
    readiness = selectors.pilot_readiness(p)
    assert (readiness["earned"], readiness["possible"], readiness["missing"]) == (Decimal(14), Decimal(20), 1)
    with pytest.raises(DomainError):
        services.pilot_score(actor=county.liaison, assessment=a, points=Decimal(7))
    services.pilot_score(actor=county.office, assessment=a, points=Decimal(7), comment="截图不全")
    a.refresh_from_db()
    assert a.status == "scored" and a.office_comment == "截图不全"
    assert selectors.pilot_readiness(p)["earned"] == Decimal(13)
    with pytest.raises(DomainError, match="已评分"):
        services.pilot_self_assess(actor=county.liaison, pilot=p, indicator=a.indicator, points=Decimal(9))


def test_a_new_certificate_changes_the_units_automatic_score_and_the_drilldown_lists_it(county):
    certified_officer(county, name="持证员甲")
    certified_officer(county, unit=county.market_station, name="过期员乙", issued_on=datetime.date(2019, 1, 7),
                      valid_until=datetime.date(2024, 12, 31))  # a station's officer counts for its bureau
    card = annual(county)
    score = card.scores.get(indicator__source="enforcement.certificates_held")
    assert (score.numerator, score.denominator, score.score) == (1, 2, Decimal("15.00"))
    assert any("持证员甲" in title for title, _url in score.records)
    water = EvalCard.objects.get(year=YEAR, unit=county.water).scores.get(indicator__source__startswith="enf")
    assert (water.denominator, water.score) == (0, Decimal("30.00"))  # nothing to assess: full points
    newcomer = certified_officer(county, name="新持证员丙")
    services.eval_compute(actor=county.office, year=YEAR)
    score.refresh_from_db()
    assert (score.numerator, score.denominator, score.score, score.previous_score) == \
        (2, 3, Decimal("20.00"), Decimal("15.00"))
    assert [f"/enforcement/officers/{newcomer.pk}/" in url for _t, url in score.records].count(True) == 1
    changes = selectors.card_changes(YEAR)
    assert [(c.card.unit, c.previous_score, c.score) for c in changes] == [(county.market, Decimal("15.00"),
                                                                            Decimal("20.00"))]


def test_a_township_without_published_documents_gets_the_filing_indicators_full_points(county):
    from fazhi.normative_docs.models import NormativeDocument

    card = annual(county)
    township = EvalCard.objects.get(year=YEAR, unit=county.township)
    assert township.scores.get().denominator == 0
    from fazhi.normative_docs.reporting import unit_filing_on_time, unit_filing_records

    assert unit_filing_on_time([county.township.pk], YEAR) == {}
    assert unit_filing_records(county.township.pk, YEAR) == []
    assert card.unit_kind == "department" and NormativeDocument.objects.count() == 0


def test_manual_scores_evidence_objection_reply_and_publication_freeze(county):
    card = annual(county)
    manual = card.scores.get(indicator__source="")
    with pytest.raises(DomainError, match="自动计分"):
        services.eval_score(actor=county.office, score=card.scores.get(indicator__source__startswith="enf"),
                            points=Decimal(1))
    with pytest.raises(DomainError):
        services.eval_evidence_upload(actor=county.outsider, score=manual, evidence=pdf())
    services.eval_evidence_upload(actor=county.liaison, score=manual, evidence=pdf())
    with pytest.raises(DomainError):
        services.eval_score(actor=county.liaison, score=manual, points=Decimal(18))
    with pytest.raises(DomainError, match="publish|尚未评分"):
        services.eval_publish(actor=county.office, year=YEAR)
    for score in EvalScore.objects.filter(card__year=YEAR, score__isnull=True):
        services.eval_score(actor=county.office, score=score, points=Decimal(18), comment="按时报送")
    with pytest.raises(DomainError, match="申诉理由"):
        services.eval_object(actor=county.liaison, card=card, text=" ")
    with pytest.raises(DomainError):
        services.eval_object(actor=county.outsider, card=card, text="不服")
    with pytest.raises(DomainError):
        services.eval_object(actor=county.leader, card=card, text="不服")
    with pytest.raises(DomainError, match="本单位"):  # the office never objects on a unit's behalf
        services.eval_object(actor=county.office, card=card, text="代为申诉")
    card = services.eval_object(actor=county.liaison, card=card, text="持证人数统计有误")
    assert card.status == EvalCardStatus.OBJECTED
    with pytest.raises(DomainError, match="申诉尚未答复"):
        services.eval_publish(actor=county.office, year=YEAR)
    with pytest.raises(DomainError):
        services.eval_reply(actor=county.liaison, card=card, text="答复")
    card = services.eval_reply(actor=county.office, card=card, text="经核实，已更正执法人员台账后重新计分")
    assert card.status == EvalCardStatus.REPLIED and card.replied_on
    with pytest.raises(DomainError):
        services.eval_publish(actor=county.leader, year=YEAR)
    assert services.eval_publish(actor=county.office, year=YEAR) == EvalCard.objects.filter(year=YEAR).count()
    before = EvalCard.objects.get(pk=card.pk).total
    certified_officer(county, name="公布后新增")
    with pytest.raises(DomainError, match="已公布"):
        services.eval_compute(actor=county.office, year=YEAR)
    with pytest.raises(DomainError, match="已公布"):
        services.eval_score(actor=county.office, score=manual, points=Decimal(1))
    with pytest.raises(DomainError, match="已公布"):
        services.eval_publish(actor=county.office, year=YEAR)
    with pytest.raises(DomainError, match="已公布"):
        services.eval_indicator_save(actor=county.office, year=YEAR, unit_kind="department", name="新指标",
                                     points=Decimal(5))
    assert EvalCard.objects.get(pk=card.pk).total == before
    assert list(selectors.published_cards(YEAR)) and selectors.published_years() == [YEAR]
    assert export_results(EvalCard.objects.filter(year=YEAR))[:2] == b"PK"


def test_objection_period_and_compute_guards(county, monkeypatch):
    from fazhi.core import clock

    with pytest.raises(DomainError, match="考评指标"):
        services.eval_compute(actor=county.office, year=2030)
    with pytest.raises(DomainError, match="尚未计算"):
        services.eval_publish(actor=county.office, year=2030)
    with pytest.raises(DomainError, match="来源"):
        services.eval_indicator_save(actor=county.office, year=YEAR, unit_kind="department", name="x",
                                     points=Decimal(5), source="nowhere.measure")
    with pytest.raises(DomainError, match="大于0"):
        services.eval_indicator_save(actor=county.office, year=YEAR, unit_kind="department", name="x",
                                     points=Decimal(0))
    card = annual(county)
    later = clock.today() + datetime.timedelta(days=30)
    monkeypatch.setattr(clock, "today", lambda: later)
    with pytest.raises(DomainError, match="申诉期限"):
        services.eval_object(actor=county.liaison, card=card, text="不服")


def test_pilot_assessment_missing_evidence_is_listed(county):
    p = pilot(county)
    indicators = tree(county)
    services.pilot_self_assess(actor=county.liaison, pilot=p, indicator=indicators["1.1.2"], points=Decimal(6))
    assert [a.indicator.code for a in selectors.pilot_assessments_missing_evidence([county.market.pk])] == ["1.1.2"]
    assert PilotAssessment.objects.count() == 1


def test_pilots_and_score_cards_are_found_by_staff_in_scope(county):
    from fazhi.assessment.search.evaluation import card_entries, pilot_entries
    from fazhi.core import search

    p = pilot(county)
    card = annual(county)
    assert [h.entry.object_id for h in search.query("示范创建", user=county.office, source="assessment.pilot")] \
        == [str(p.pk)]
    found = [h.entry.object_id for h in search.query("依法行政考评", user=county.liaison, source="assessment.card")]
    assert found == [str(card.pk)]  # the liaison sees only the market bureau's own card
    assert not search.query("示范创建", user=county.outsider, source="assessment.pilot").total
    assert [o for o, _f in pilot_entries()] == [p] and card in [o for o, _f in card_entries()]
