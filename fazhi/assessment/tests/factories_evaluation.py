"""Builders for the evaluation part's tests, on the persona county (through the real services)."""
import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.assessment.models import EvalCard, EvalIndicator, Pilot, PilotIndicator
from fazhi.assessment.services import evaluation as services

YEAR = 2025
TREE = [
    {"code": "1", "parent_code": "", "name": "依法全面履行政府职能", "points": Decimal(20), "evidence": ""},
    {"code": "1.1", "parent_code": "1", "name": "推行权责清单制度", "points": Decimal(20), "evidence": ""},
    {"code": "1.1.1", "parent_code": "1.1", "name": "权责清单公布", "points": Decimal(10), "evidence": "公布网页截图"},
    {"code": "1.1.2", "parent_code": "1.1", "name": "权责清单动态调整", "points": Decimal(10), "evidence": ""},
]


def pdf(name="佐证材料.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" * 4,
                              content_type="application/pdf")


def tree(county):
    if not PilotIndicator.objects.exists():
        services.pilot_indicators_import(actor=county.office, rows=[dict(r) for r in TREE])
    return {i.code: i for i in PilotIndicator.objects.all()}


def pilot(county, unit=None, year=YEAR):
    unit = unit or county.market
    return Pilot.objects.filter(unit=unit, year=year).first() or \
        services.pilot_create(actor=county.office, unit=unit, year=year, note="示范创建试点")


def self_assessed(county):
    indicators = tree(county)
    p = pilot(county)
    return services.pilot_self_assess(actor=county.liaison, pilot=p, indicator=indicators["1.1.1"],
                                      points=Decimal(8), note="已公布", evidence=pdf())


def annual(county, year=YEAR):
    """Department indicators (certificates held, automatic; the annual report, manual) and computed cards."""
    if not EvalIndicator.objects.filter(year=year).exists():
        services.eval_indicator_save(actor=county.office, year=year, unit_kind="department", name="执法人员持证率",
                                     points=Decimal(30), source="enforcement.certificates_held", rule="按比例计分")
        services.eval_indicator_save(actor=county.office, year=year, unit_kind="department", name="法治政府建设年度报告",
                                     points=Decimal(20), rule="按时报送的得满分")
        services.eval_indicator_save(actor=county.office, year=year, unit_kind="township", name="规范性文件按时报备率",
                                     points=Decimal(30), source="normative_docs.filing_on_time")
    if not EvalCard.objects.filter(year=year).exists():
        services.eval_compute(actor=county.office, year=year)
    return EvalCard.objects.get(year=year, unit=county.market)


def certified_officer(county, unit=None, name="持证员甲", issued_on=datetime.date(2025, 1, 6),
                      valid_until=datetime.date(2030, 1, 5)):
    from fazhi.enforcement.tests.factories import officer

    return officer(county, unit=unit or county.market, name=name, issued_on=issued_on, valid_until=valid_until)
