"""The automatic indicators' sources (每个自动计分指标的来源): each module's per-unit measure counted by hand on the persona
county, with its drill-down listing exactly the records counted, and a module record changing a unit's score."""
import datetime
from decimal import Decimal

import pytest

from fazhi.assessment.models import EvalCard
from fazhi.assessment.services import evaluation as services
from fazhi.core import clock

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("evaluation_media")]
D = datetime.date
YEAR = 2019
PACKAGE = {f: True for f in ("has_cover_letter", "has_text", "has_explanation", "has_legal_basis",
                             "has_publication_proof")}


def _marks(records):
    return sorted(title.rsplit("（", 1)[1].rstrip("）") for title, _url in records)


def test_legality_review_coverage(county):
    from fazhi.normative_docs.models import LegalityReview
    from fazhi.normative_docs.reporting import unit_review_coverage, unit_review_records
    from fazhi.normative_docs.tests.factories import published

    published(county, title="某县农贸市场管理暂行办法")
    unreviewed = published(county, title="某县户外广告设置管理办法")
    LegalityReview.objects.filter(document=unreviewed).update(opinion_on=None)  # its opinion not given
    assert unit_review_coverage([county.market.pk, county.water.pk], YEAR) == {county.market.pk: (1, 2)}
    records = unit_review_records(county.market.pk, YEAR)
    assert _marks(records) == ["已出具合法性审核意见", "未经合法性审核"]
    assert f"/{unreviewed.pk}/" in dict(records)["某县户外广告设置管理办法（未经合法性审核）"]


def test_enforcement_publicity_on_time(county):
    from fazhi.enforcement.models import Case, Publication
    from fazhi.enforcement.reporting import unit_publication_records, unit_published_on_time
    from fazhi.enforcement.tests.factories import penalty_case, setup

    body, _me, colleague, _reviewer = setup(county)
    cases = [penalty_case(county, body, colleague, title=f"销售过期食品案{i}") for i in range(3)]
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(decided_on=D(YEAR, 5, 6))
    Publication.objects.create(case=cases[0], due_on=D(YEAR, 5, 13), published_on=D(YEAR, 5, 10), status="published")
    Publication.objects.create(case=cases[1], due_on=D(YEAR, 5, 13), published_on=D(YEAR, 5, 20), status="published")
    Publication.objects.create(case=cases[2], due_on=D(YEAR, 5, 13), status="not_published")  # not due
    assert unit_published_on_time([county.market.pk, county.market_station.pk], YEAR) == {county.market.pk: (1, 2)}
    assert _marks(unit_publication_records(county.market.pk, YEAR)) == ["按时公示", "逾期公示"]


def test_decisions_with_all_five_steps(county):
    from fazhi.decisions.models import Decision
    from fazhi.decisions.reporting import unit_five_steps, unit_five_steps_records
    from fazhi.decisions.tests.factories import decision

    complete = decision(county, title="城区农贸市场升级改造实施方案")
    partial = decision(county, title="城区停车场建设方案")
    decision(county, title="尚在拟订的方案")  # not decided: not counted
    Decision.objects.filter(pk__in=[complete.pk, partial.pk]).update(status="decided", decided_on=D(YEAR, 6, 3))
    complete.steps.update(status="done")
    complete.steps.filter(code="expert_consultation").update(status="not_applicable")
    partial.steps.exclude(code="collective_decision").update(status="done")
    assert unit_five_steps([county.market.pk], YEAR) == {county.market.pk: (1, 2)}
    records = unit_five_steps_records(county.market.pk, YEAR)
    assert _marks(records) == ["五项法定程序均已履行", "法定程序未全部履行"]
    assert records[0][1].endswith(f"/{complete.pk}/") or records[1][1].endswith(f"/{complete.pk}/")


def test_petitions_answered_on_time(county):
    from fazhi.disputes.models import Petition
    from fazhi.disputes.reporting import unit_petition_records, unit_petitions_on_time
    from fazhi.disputes.tests.factories import petition

    made = [petition(county, on=D(YEAR, 3, 1)) for _ in range(4)]
    Petition.objects.filter(pk__in=[p.pk for p in made]).update(
        unit=county.market, routed_on=D(YEAR, 3, 1), notified_on=D(YEAR, 3, 1), accepted_on=D(YEAR, 3, 4),
        handle_due=D(YEAR, 5, 3))
    Petition.objects.filter(pk=made[0].pk).update(answered_on=D(YEAR, 4, 30))
    Petition.objects.filter(pk=made[1].pk).update(answered_on=D(YEAR, 5, 20))  # late
    Petition.objects.filter(pk=made[2].pk).update(accepted_on=None)  # not accepted: not counted
    # made[3]: accepted, never answered, its deadline long past
    assert unit_petitions_on_time([county.market.pk], YEAR) == {county.market.pk: (1, 3)}
    assert _marks(unit_petition_records(county.market.pk, YEAR)) == ["按期答复", "逾期", "逾期"]


def test_duty_list_accepted(county):
    from fazhi.legal_education.models import DutyList
    from fazhi.legal_education.reporting import unit_duty_list, unit_duty_list_records

    DutyList.objects.create(unit=county.market, cycle="7", year=YEAR, status="accepted")
    DutyList.objects.create(unit=county.water, cycle="7", year=YEAR, status="submitted")
    units = [county.market.pk, county.market_station.pk, county.water.pk, county.township.pk]
    assert unit_duty_list(units, YEAR) == {county.market.pk: (1, 1), county.water.pk: (0, 1),
                                           county.township.pk: (0, 1)}
    assert _marks(unit_duty_list_records(county.market.pk, YEAR)) == ["已通过"]
    assert "未报送" in unit_duty_list_records(county.township.pk, YEAR)[0][0]
    assert unit_duty_list_records(county.market_station.pk, YEAR) == []


def test_exam_participation_and_pass_rate(county):
    from fazhi.legal_education.models import Attempt
    from fazhi.legal_education.reporting import (
        unit_exam_participation,
        unit_exam_participation_records,
        unit_exam_pass_rate,
        unit_exam_pass_records,
    )
    from fazhi.legal_education.tests.factories import exam

    e = exam(county, units=[county.market, county.market_station])
    year, now = e.starts_at.year, clock.now()
    Attempt.objects.create(exam=e, user=county.liaison, unit=county.market, started_at=now, deadline=now,
                           status="submitted", score=Decimal(58), passed=False)
    Attempt.objects.create(exam=e, user=county.liaison, unit=county.market, number=2, started_at=now, deadline=now,
                           status="submitted", score=Decimal(86), passed=True)  # the best attempt counts
    units = [county.market.pk, county.market_station.pk]
    assert unit_exam_participation(units, year) == {county.market.pk: (1, 1), county.market_station.pk: (0, 1)}
    assert unit_exam_pass_rate(units, year) == {county.market.pk: (1, 1)}
    assert _marks(unit_exam_participation_records(county.market_station.pk, year)) == ["未参考"]
    assert unit_exam_pass_records(county.market.pk, year)[0][0] == "市场监管局李联络员（合格）"


def test_court_appearance(county):
    from fazhi.oversight.reporting.litigation import unit_appearance, unit_appearance_records
    from fazhi.oversight.tests.factories_litigation import make_case, make_hearing, record

    appeared, absent = make_case(county), make_case(county)
    record(county, make_hearing(county, appeared))
    record(county, make_hearing(county, absent), role="staff", appeared_name="刘某", appeared_post="法规股股长",
           identity_proof=False)
    make_case(county)  # not heard yet: not counted
    assert unit_appearance([county.market.pk, county.water.pk], YEAR) == {county.market.pk: (1, 2)}
    records = unit_appearance_records(county.market.pk, YEAR)
    assert _marks(records) == ["负责人出庭应诉", "负责人未出庭"]
    assert records[0][1] == appeared.get_absolute_url()


def test_a_late_filing_changes_the_market_bureaus_score_and_its_drilldown_lists_the_document(county):
    from fazhi.normative_docs import services as docs
    from fazhi.normative_docs.tests.factories import published

    services.eval_indicator_save(actor=county.office, year=YEAR, unit_kind="department", name="规范性文件按时报备率",
                                 points=Decimal(10), source="normative_docs.filing_on_time")
    first = published(county, title="某县农贸市场管理暂行办法")
    docs.filing_create(actor=county.liaison, doc=first, filed_on=D(YEAR, 3, 25), **PACKAGE)
    services.eval_compute(actor=county.office, year=YEAR)
    score = EvalCard.objects.get(year=YEAR, unit=county.market).scores.get()
    assert (score.numerator, score.denominator, score.score) == (1, 1, Decimal("10.00"))
    late = published(county, title="某县户外广告设置管理办法")
    docs.filing_create(actor=county.liaison, doc=late, filed_on=D(YEAR, 6, 28), **PACKAGE)  # months after
    services.eval_compute(actor=county.office, year=YEAR)
    score.refresh_from_db()
    assert (score.numerator, score.denominator, score.score, score.previous_score) == \
        (1, 2, Decimal("5.00"), Decimal("10.00"))
    assert [url for title, url in score.records if title == "某县户外广告设置管理办法（逾期报备）"] == \
        [late.get_absolute_url()]
    water = EvalCard.objects.get(year=YEAR, unit=county.water)
    assert water.total == Decimal("10.00")  # nothing to assess: full points
