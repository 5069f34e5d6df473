"""Demo records of the evaluation part (seed 一: 2 townships and 4 county departments chosen as demonstration
pilots in 2019), a small indicator tree, the pilots' first self-assessments and the 2019 annual assessment's
indicators and computed score cards."""
from decimal import Decimal

from django.db import transaction

from fazhi.orgs.models import OrgUnit, User

from ..models.evaluation import EvalIndicator, Pilot, PilotIndicator, PilotKind

YEAR = 2019
PILOT_UNITS = ["T01", "T02", "D-SFJ", "D-SCJ", "D-GAJ", "D-JYJ"]
INDICATORS = [  # code, parent, name, points, evidence
    ("1", "", "依法全面履行政府职能", Decimal(30), ""),
    ("1.1", "1", "推行权责清单制度", Decimal(15), ""),
    ("1.1.1", "1.1", "权责清单公布并动态调整", Decimal(15), "权责清单公布网页截图、调整文件"),
    ("1.2", "1", "优化营商环境", Decimal(15), ""),
    ("1.2.1", "1.2", "“放管服”改革措施落实", Decimal(15), ""),
    ("2", "", "严格规范公正文明执法", Decimal(40), ""),
    ("2.1", "2", "行政执法三项制度", Decimal(40), ""),
    ("2.1.1", "2.1", "执法公示制度落实", Decimal(20), "执法决定公示截图"),
    ("2.1.2", "2.1", "重大执法决定法制审核", Decimal(20), "法制审核意见书"),
    ("3", "", "组织领导", Decimal(30), ""),
    ("3.1", "3", "主要负责人履行第一责任人职责", Decimal(30), ""),
    ("3.1.1", "3.1", "年度述法", Decimal(30), "述法报告"),
]


# The 2019 indicator set (department points, township points, automatic source; blank source: scored by the office).
ANNUAL = [
    ("规范性文件按时报备率", 10, 10, "normative_docs.filing_on_time"),
    ("规范性文件合法性审核率", 10, 10, "normative_docs.review_coverage"),
    ("执法人员持证率", 10, 0, "enforcement.certificates_held"),
    ("执法决定按时公示率", 10, 10, "enforcement.published_on_time"),
    ("重大行政决策法定程序履行率", 10, 10, "decisions.five_steps"),
    ("行政机关负责人出庭应诉率", 10, 10, "oversight.appearance"),
    ("信访事项按期答复率", 10, 10, "disputes.petitions_on_time"),
    ("普法责任清单通过审核", 5, 10, "legal_education.duty_list"),
    ("学法考试参考率", 5, 5, "legal_education.exam_participation"),
    ("学法考试合格率", 5, 5, "legal_education.exam_pass_rate"),
    ("法治政府建设年度报告", 15, 20, ""),
]
AUTO_RULE = "按比例计分：分值 × 达标数 ÷ 应考核数；无应考核事项的得满分"
MANUAL_RULE = "按时报送并公开年度报告的得满分，逾期或内容不全的酌情扣分"
# (pilot unit, self-assessing user, indicator codes with evidence, indicator codes without evidence)
SELF_ASSESSMENTS = [
    ("D-SCJ", "liaison", ["1.1.1", "1.2.1", "2.1.1", "2.1.2", "3.1.1"], []),
    ("D-SFJ", "dsfj_01", ["1.1.1", "2.1.1", "3.1.1"], []),
    ("D-JYJ", "djyj_01", ["1.1.1"], ["1.2.1"]),  # one still without evidence: the alert shows it
]


def _pdf(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" * 4,
                              content_type="application/pdf")


def _self_assess(services, office):
    from ..models.evaluation import PilotAssessment

    if PilotAssessment.objects.filter(pilot__year=YEAR).exists():
        return 0
    indicators = {i.code: i for i in PilotIndicator.objects.all()}
    n = 0
    for code, username, with_evidence, without in SELF_ASSESSMENTS:
        pilot = Pilot.objects.get(unit__code=code, year=YEAR)
        actor = User.objects.filter(username=username).first() or office
        for ind in [*with_evidence, *without]:
            indicator = indicators[ind]
            services.pilot_self_assess(actor=actor, pilot=pilot, indicator=indicator,
                                       points=indicator.points - (2 if ind in without else 0), note="已按要求落实",
                                       evidence=_pdf(f"{indicator.name}佐证材料.pdf") if ind in with_evidence else None)
            n += 1
    for assessment in PilotAssessment.objects.filter(pilot__unit__code="D-SCJ", indicator__code__in=["1.1.1", "2.1.1"]):
        services.pilot_score(actor=office, assessment=assessment, points=assessment.indicator.points - 1,
                             comment="佐证材料齐全，个别调整未及时公布")
    return n


def _annual(services, office):
    """The 2019 annual assessment: indicators, computed cards, the annual report scored, one objection answered,
    results published (frozen)."""
    from ..models.evaluation import EvalCard, EvalCardStatus, EvalScore

    if EvalCard.objects.filter(year=YEAR, status=EvalCardStatus.PUBLISHED).exists():
        return 0
    for name, dept, town, source in ANNUAL:
        for kind, points in ((PilotKind.DEPARTMENT, dept), (PilotKind.TOWNSHIP, town)):
            if points and not EvalIndicator.objects.filter(year=YEAR, unit_kind=kind, name=name).exists():
                services.eval_indicator_save(actor=office, year=YEAR, unit_kind=kind, name=name,
                                             points=Decimal(points), source=source,
                                             rule=AUTO_RULE if source else MANUAL_RULE)
    cards = services.eval_compute(actor=office, year=YEAR)
    for i, score in enumerate(EvalScore.objects.filter(card__year=YEAR, indicator__source="", score__isnull=True)
                              .select_related("indicator").order_by("card__unit__path")):
        late = i % 5 == 4
        services.eval_score(actor=office, score=score, points=score.indicator.points - (3 if late else 0),
                            comment="年度报告逾期报送" if late else "按时报送并向社会公开")
    liaison = User.objects.filter(username="liaison").first()
    card = EvalCard.objects.filter(year=YEAR, unit__code="D-SCJ", status=EvalCardStatus.COMPUTED).first()
    if liaison is not None and card is not None:
        card = services.eval_object(actor=liaison, card=card, text="本局2019年有一件规范性文件已按时报备，统计为逾期，请核实。")
        services.eval_reply(actor=office, card=card,
                            text="经核实，该文件报备日期在法定期限届满之后，报备逾期属实，维持原计分。")
    services.eval_publish(actor=office, year=YEAR)
    return len(cards)


def load(*, scale=1, stdout=None):
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=PILOT_UNITS)}
    office = User.objects.filter(username="fzb").first()
    if len(units) < len(PILOT_UNITS) or office is None:
        if stdout is not None:
            stdout.write("示范创建与考评：新增 0 个试点单位。")
        return {"pilots": 0}
    from ..services import evaluation as services

    with transaction.atomic():
        new = 0
        for code in PILOT_UNITS:
            if not Pilot.objects.filter(unit=units[code], year=YEAR).exists():
                services.pilot_create(actor=office, unit=units[code], year=YEAR, note="法治政府建设示范创建试点")
                new += 1
        if not PilotIndicator.objects.exists():
            services.pilot_indicators_import(actor=office, rows=[
                {"code": c, "parent_code": p, "name": n, "points": pts, "evidence": e}
                for c, p, n, pts, e in INDICATORS])
        assessed = _self_assess(services, office)
        cards = _annual(services, office)
    if stdout is not None:
        stdout.write(f"示范创建与考评：新增 {new} 个试点单位、{assessed} 项自评、{cards} 张考评计分卡（{YEAR}年结果已公布）。")
    return {"pilots": new, "self_assessments": assessed, "cards": cards,
            "indicators": EvalIndicator.objects.count(), "tree": PilotIndicator.objects.count()}
