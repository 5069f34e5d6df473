"""The demo county's 2019 report, drafted from the figures of every module loaded before (idempotent)."""
from fazhi.orgs.models import OrgUnit, User

from .models import Report

DEMO_YEAR = 2019


def load(*, scale=1, stdout=None):
    from . import services

    gov = OrgUnit.objects.filter(code="G-YX").first()
    office = User.objects.filter(username="fzb").first()
    if gov is None or office is None or Report.objects.filter(unit=gov, year=DEMO_YEAR).exists():
        return {"reports": 0}
    report = services.report_create(actor=office, year=DEMO_YEAR, unit=gov)
    if stdout is not None:
        stdout.write(f"年度报告：起草《{report.title}》（{report.snapshots.count()}个指标）。")
    return {"reports": 1}
