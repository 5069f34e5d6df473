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
    ("1.2.1", "1.2", "“放管服”改革措施落实", Decimal(15), "改革措施文件"),
    ("2", "", "严格规范公正文明执法", Decimal(40), ""),
    ("2.1", "2", "行政执法三项制度", Decimal(40), ""),
    ("2.1.1", "2.1", "执法公示制度落实", Decimal(20), "执法决定公示截图"),
    ("2.1.2", "2.1", "重大执法决定法制审核", Decimal(20), "法制审核意见书"),
    ("3", "", "组织领导", Decimal(30), ""),
    ("3.1", "3", "主要负责人履行第一责任人职责", Decimal(30), ""),
    ("3.1.1", "3.1", "年度述法", Decimal(30), "述法报告"),
]


def load(*, scale=1, stdout=None):
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=PILOT_UNITS)}
    if len(units) < len(PILOT_UNITS) or Pilot.objects.filter(year=YEAR).exists():
        if stdout is not None:
            stdout.write("示范创建与考评：新增 0 个试点单位。")
        return {"pilots": 0}
    from fazhi.core import clock

    from ..services import evaluation as services

    office = User.objects.get(username="fzb")
    with transaction.atomic():
        for code in PILOT_UNITS:
            services.pilot_create(actor=office, unit=units[code], year=YEAR, note="法治政府建设示范创建试点")
        services.pilot_indicators_import(actor=office, rows=[
            {"code": c, "parent_code": p, "name": n, "points": pts, "evidence": e} for c, p, n, pts, e in INDICATORS])
        for kind, names in ((PilotKind.DEPARTMENT, ("规范性文件按时报备率", "执法人员持证率", "法治政府建设年度报告")),
                            (PilotKind.TOWNSHIP, ("规范性文件按时报备率", "法治政府建设年度报告"))):
            for name in names:
                source = {"规范性文件按时报备率": "normative_docs.filing_on_time",
                          "执法人员持证率": "enforcement.certificates_held"}.get(name, "")
                services.eval_indicator_save(actor=office, year=YEAR, unit_kind=kind, name=name,
                                             points=Decimal(30) if source else Decimal(40), source=source,
                                             rule="按比例计分：分值 × 达标数 ÷ 应考核数；无应考核事项的得满分"
                                             if source else "按时报送并公开年度报告的得满分")
        cards = services.eval_compute(actor=office, year=YEAR)
    if stdout is not None:
        stdout.write(f"示范创建与考评：新增 {len(PILOT_UNITS)} 个试点单位、{len(cards)} 张考评计分卡"
                     f"（{clock.today():%Y-%m-%d}计分）。")
    return {"pilots": len(PILOT_UNITS), "cards": len(cards), "indicators": EvalIndicator.objects.count(),
            "tree": PilotIndicator.objects.count()}
