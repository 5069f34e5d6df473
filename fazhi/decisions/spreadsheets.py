"""Excel sheets of the decisions module: the decision register (export), advisers (import/export), services (export)."""
from fazhi.core import spreadsheets as sheets

from .choices import AdviserKind, Category, DecisionStatus, ServiceKind, StepCode


def _step_status(code):
    def export(d):
        s = d.step(code)
        if s is None:
            return ""
        return s.get_status_display() + (f"（{s.na_reason}）" if s.na_reason else "")

    return export


def decision_sheet():
    return sheets.SheetSpec(title="重大行政决策事项", columns=[
        sheets.Column("编号", "id", width=8),
        sheets.Column("年度", "year", width=8),
        sheets.Column("决策事项名称", "title", width=36),
        sheets.Column("事项类别", "category", choices=list(Category.choices), width=24),
        sheets.Column("决策机关", "organ", export=lambda d: d.organ.name, width=20),
        sheets.Column("承办单位", "lead_unit", export=lambda d: d.lead_unit.name, width=20),
        sheets.Column("状态", "status", choices=list(DecisionStatus.choices), width=14),
        *[sheets.Column(label, code, export=_step_status(code), width=16) for code, label in StepCode.choices],
        sheets.Column("公众意见数", "comment_count", width=10),
        sheets.Column("决定日期", "decided_on", parser=sheets.parse_date, width=12),
        sheets.Column("公布日期", "published_on", parser=sheets.parse_date, width=12),
    ])


def export_decisions(decisions):
    return sheets.export_workbook(decision_sheet(), decisions)


def _unit_by_name(value):
    from fazhi.orgs.models import OrgUnit

    unit = OrgUnit.objects.filter(name=value, is_active=True).first()
    if unit is None:
        raise ValueError(f"找不到单位“{value}”")
    return unit


def adviser_sheet(*, actor=None):
    from . import services

    def save_rows(rows):
        for row in rows:
            try:
                services.adviser_register(actor=actor, **row)
            except sheets.DomainError as e:
                raise sheets.RowError(e.message, row=row, field=e.field) from e
        return len(rows)

    return sheets.SheetSpec(title="法律顾问", columns=[
        sheets.Column("姓名", "name", required=True, max_length=50, width=10),
        sheets.Column("类别", "kind", required=True, choices=list(AdviserKind.choices), width=12),
        sheets.Column("执业机构/工作单位", "firm", required=True, max_length=200, width=24),
        sheets.Column("执业证号", "license_no", max_length=50, width=20),
        sheets.Column("执业起始年份", "practice_since", parser=sheets.parse_int, width=10),
        sheets.Column("受过处罚或处分", "sanctioned", parser=sheets.parse_bool, width=10),
        sheets.Column("有犯罪记录", "criminal_record", parser=sheets.parse_bool, width=10),
        sheets.Column("聘请单位", "client_unit", required=True, parser=_unit_by_name,
                      export=lambda a: a.client_unit.name, width=24),
        sheets.Column("常年法律顾问", "full_time", parser=sheets.parse_bool, width=10),
        sheets.Column("聘期开始", "contract_start", required=True, parser=sheets.parse_date, width=12),
        sheets.Column("聘期结束", "contract_end", required=True, parser=sheets.parse_date, width=12),
        sheets.Column("聘用合同编号", "contract_no", max_length=100, width=16),
    ], save_rows=save_rows)


def export_advisers(advisers):
    return sheets.export_workbook(adviser_sheet(), advisers)


def service_sheet():
    return sheets.SheetSpec(title="法律顾问服务记录", columns=[
        sheets.Column("服务日期", "served_on", parser=sheets.parse_date, width=12),
        sheets.Column("法律顾问", "adviser", export=lambda s: s.adviser.name, width=10),
        sheets.Column("服务单位", "unit", export=lambda s: s.unit.name, width=24),
        sheets.Column("服务类别", "kind", choices=list(ServiceKind.choices), width=24),
        sheets.Column("事项", "subject", width=36),
        sheets.Column("意见或结果", "outcome", width=30),
    ])


def export_services(rows):
    return sheets.export_workbook(service_sheet(), rows)
