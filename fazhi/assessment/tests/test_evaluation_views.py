"""The evaluation part's pages: registers survive junk filters, forms save through the services, buttons follow
the policies (outsider and leader refused), the Excel import and export, the public ranking."""
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.assessment.models import EvalCard, EvalCardStatus, EvalScore, PilotIndicator
from fazhi.assessment.policies.evaluation import eval_cards, eval_scores, pilot_assessments, pilots
from fazhi.assessment.services import evaluation as services

from .factories_evaluation import YEAR, annual, pdf, pilot, self_assessed, tree

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("evaluation_media")]

PERSONAS = ["sysadmin", "office", "liaison", "reviewer", "officer", "lawyer", "leader", "outsider"]
BAD = "?unit=abc&year=-1&year=99999999999999999999&kind=zz&status=zz&sort=zzz&page=abc&size=7&objected=x"


def test_registers_survive_junk_filters_for_every_persona(client, county):
    annual(county)
    pilot(county)
    for persona in PERSONAS:
        client.force_login(getattr(county, persona))
        for name in ("assessment:pilot_list", "assessment:card_list", "assessment:annual",
                     "assessment:indicator_tree"):
            response = client.get(reverse(name) + BAD)
            assert response.status_code in (200, 403), (persona, name, response.status_code)
    client.force_login(county.office)
    response = client.get(reverse("assessment:card_list") + f"?year={YEAR}&kind=department&sort=-total")
    assert "某县市场监督管理局" in response.content.decode()
    export = client.get(reverse("assessment:card_list") + f"?year={YEAR}&export=xlsx")
    assert export.status_code == 200 and export.content[:2] == b"PK"
    assert "某县市场监督管理局" in client.get(reverse("assessment:pilot_list") + "?kind=department").content.decode()


def test_policies_refuse_outsider_and_leader_and_allow_the_right_role(county):
    card = annual(county)
    manual = card.scores.get(indicator__source="")
    auto = card.scores.get(indicator__source__startswith="enf")
    a = self_assessed(county)
    p = a.pilot
    for user in (county.outsider, county.leader):
        assert not pilots.can_on(user, "self_assess", p)
        assert not pilots.can(user, "create")
        assert not pilot_assessments.can_on(user, "score", a)
        assert not eval_cards.can_on(user, "object", card)
        assert not eval_cards.can_on(user, "reply", card)
        assert not eval_scores.can_on(user, "upload", manual)
    assert pilots.can_on(county.liaison, "self_assess", p) and pilots.can(county.office, "create")
    assert pilot_assessments.can_on(county.office, "score", a)
    assert eval_cards.can_on(county.liaison, "object", card) and not eval_cards.can_on(county.office, "reply", card)
    assert not eval_cards.can_on(county.office, "object", card)  # never on the unit's behalf
    assert eval_scores.can_on(county.liaison, "upload", manual) and not eval_scores.can_on(county.liaison, "upload", auto)
    assert eval_scores.can_on(county.office, "score", manual) and not eval_scores.can_on(county.office, "score", auto)
    assert pilot_assessments.can_on(county.liaison, "revise", a)


def _xlsx(rows):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["编码", "上级编码", "指标名称", "分值", "佐证材料要求"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("指标.xlsx", buffer.getvalue())


def test_office_imports_the_tree_and_pilots_self_assess_and_are_scored_through_pages(client, county):
    client.force_login(county.office)
    assert client.get(reverse("assessment:indicator_template")).content[:2] == b"PK"
    response = client.post(reverse("assessment:indicator_import"),
                           {"file": _xlsx([["1", "", "依法履职", 10, ""], ["1.1", "8", "清单", 10, ""]])})
    assert "上级编码“8”不存在" in response.content.decode() and not PilotIndicator.objects.exists()
    response = client.post(reverse("assessment:indicator_import"),
                           {"file": _xlsx([["1", "", "依法履职", 10, ""], ["1.1", "1", "清单", 10, "网页截图"]])})
    assert response.status_code == 302 and PilotIndicator.objects.count() == 2
    assert "清单" in client.get(reverse("assessment:indicator_tree")).content.decode()
    response = client.post(reverse("assessment:pilot_create"), {"unit": county.market.pk, "year": YEAR, "note": ""})
    assert response.status_code == 302
    p = pilot(county)
    leaf = PilotIndicator.objects.get(code="1.1")
    client.force_login(county.liaison)
    page = client.get(reverse("assessment:pilot_detail", args=[p.pk])).content.decode()
    assert "尚无佐证材料的指标 <strong>1</strong> 项" in page
    assert client.get(reverse("assessment:pilot_self_assess", args=[p.pk]) + f"?indicator={leaf.pk}").status_code == 200
    response = client.post(reverse("assessment:pilot_self_assess", args=[p.pk]),
                           {"indicator": leaf.pk, "points": "9", "note": "已公布", "evidence": pdf()})
    assert response.status_code == 302
    a = p.assessments.get()
    assert client.get(reverse("assessment:pilot_evidence", args=[a.pk])).status_code == 200
    assert client.get(reverse("assessment:pilot_score", args=[a.pk])).status_code == 403
    client.force_login(county.office)
    assert client.get(reverse("assessment:pilot_score", args=[a.pk])).status_code == 200
    response = client.post(reverse("assessment:pilot_score", args=[a.pk]), {"points": "8", "comment": "基本达标"})
    assert response.status_code == 302
    page = client.get(reverse("assessment:pilot_detail", args=[p.pk])).content.decode()
    assert "已得 <strong>8.0</strong> 分" in page and "基本达标" in page


def test_office_computes_a_unit_objects_the_office_replies_and_publishes_through_pages(client, county):
    client.force_login(county.office)
    response = client.post(reverse("assessment:annual_indicator_create"), {
        "year": YEAR, "unit_kind": "department", "name": "执法人员持证率", "points": "30",
        "source": "enforcement.certificates_held", "rule": "按比例"})
    assert response.status_code == 302
    client.post(reverse("assessment:annual_indicator_create"), {
        "year": YEAR, "unit_kind": "department", "name": "年度报告", "points": "20", "source": "", "rule": ""})
    page = client.get(reverse("assessment:annual") + f"?year={YEAR}").content.decode()
    assert "自动计分（执法人员持证率）" in page and "人工评分" in page
    assert client.post(reverse("assessment:annual_compute"), {"year": YEAR}).status_code == 302
    card = EvalCard.objects.get(year=YEAR, unit=county.market)
    manual = card.scores.get(indicator__source="")
    client.force_login(county.liaison)
    assert client.post(reverse("assessment:score_evidence", args=[manual.pk]), {"evidence": pdf()}).status_code == 302
    assert client.get(reverse("assessment:score_file", args=[manual.pk])).status_code == 200
    page = client.get(reverse("assessment:card_detail", args=[card.pk])).content.decode()
    assert "提出申诉" in page and "答复申诉" not in page
    assert client.post(reverse("assessment:card_object", args=[card.pk]), {"text": "持证人数有误"}).status_code == 302
    assert client.get(reverse("assessment:card_reply", args=[card.pk])).status_code == 403
    client.force_login(county.office)
    for score in EvalScore.objects.filter(card__year=YEAR, score__isnull=True):
        assert client.post(reverse("assessment:score_edit", args=[score.pk]), {"points": "18"}).status_code == 302
    response = client.post(reverse("assessment:annual_publish"), {"year": YEAR})
    assert "申诉尚未答复" in response.content.decode()
    assert client.post(reverse("assessment:card_reply", args=[card.pk]), {"text": "已核实"}).status_code == 302
    assert client.post(reverse("assessment:annual_publish"), {"year": YEAR}).status_code == 302
    card.refresh_from_db()
    assert card.status == EvalCardStatus.PUBLISHED
    client.logout()
    page = client.get(reverse("assessment:public_results")).content.decode()
    assert "某县市场监督管理局" in page
    assert client.get(reverse("assessment:public_results") + "?year=1999").status_code == 404
    assert client.get(reverse("assessment:public_results") + f"?year={YEAR}").status_code == 200


def test_figures_alerts_and_todos(county):
    from fazhi.assessment.alerts.evaluation import objections_waiting, self_assessment_without_evidence
    from fazhi.assessment.reporting.evaluation import average_score, pilot_departments, pilot_townships, units_assessed
    from fazhi.assessment.todos.evaluation import office, unit
    from fazhi.core import clock

    today = clock.today()
    indicators = tree(county)
    p = pilot(county)
    services.pilot_create(actor=county.office, unit=county.township, year=YEAR)
    services.pilot_self_assess(actor=county.liaison, pilot=p, indicator=indicators["1.1.2"], points=Decimal(6))
    assert (pilot_townships(year=YEAR).value, pilot_departments(year=YEAR).value) == (1, 1)
    assert pilot_departments(year=YEAR, unit_ids=[county.water.pk]).value == 0
    assert [a.count for a in self_assessment_without_evidence(county.office, today)] == [1]
    assert self_assessment_without_evidence(county.outsider, today) == []
    card = annual(county)
    n = EvalCard.objects.filter(year=YEAR).count()
    assert units_assessed(year=YEAR).value == n and units_assessed(year=YEAR).breakdown["乡镇（场、区）"] == 1
    totals = [c.total for c in EvalCard.objects.filter(year=YEAR)]
    assert average_score(year=YEAR).value == round(sum(totals) / len(totals), 1)
    titles = [t.title for t in office(county.office, today)]
    assert any("待评分" in t for t in titles) and any("待公布" in t for t in titles)
    mine = [t.title for t in unit(county.liaison, today)]
    assert any("待上传佐证材料" in t for t in mine) and any("核对考评得分" in t for t in mine)
    assert unit(county.office, today) == [] and office(county.liaison, today) == []
    services.eval_object(actor=county.liaison, card=card, text="有误")
    assert objections_waiting(county.office, today)[0].count == 1
    assert objections_waiting(county.outsider, today) == []
    assert any("待答复申诉" in t.title for t in office(county.office, today))
