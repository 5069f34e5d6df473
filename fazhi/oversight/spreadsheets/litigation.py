"""Excel of the litigation part: exports of the registers (the same filtered rows as the page; natural persons
among plaintiffs and applicants shown by surname only) and the import sheets for the cases a county already keeps
in Excel (the export's headers where the column is the same; each row registered through the same service as the
form, marked as imported)."""
import re

from fazhi.core import clock, masking
from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError
from fazhi.core.text import clean_code, compare_key

from ..models.litigation import (
    LitigationCase,
    LitigationInstance,
    MustAppear,
    PartyKind,
    ReconMatter,
    ReconRole,
    ReconsiderationCase,
)


def _party(name, kind):
    return masking.mask_name(name) if kind == PartyKind.PERSON else name


def _day(value):
    return value.isoformat() if value else ""


def litigation_sheet():
    return sheets.SheetSpec(title="行政应诉案件", columns=[
        sheets.Column("案号", "case_number", width=26),
        sheets.Column("审级", "instance", width=8, export=lambda c: c.get_instance_display()),
        sheets.Column("审理法院", "court", width=20),
        sheets.Column("被告行政机关", "unit", width=22, export=lambda c: c.unit.name),
        sheets.Column("原告", "plaintiff_name", width=16, export=lambda c: _party(c.plaintiff_name, c.plaintiff_kind)),
        sheets.Column("被诉行政行为", "act_text", width=30, export=lambda c: c.act_label),
        sheets.Column("收到起诉状副本日期", "received_on", width=12, export=lambda c: _day(c.received_on)),
        sheets.Column("答辩期限", "defence_due", width=12, export=lambda c: _day(c.defence_due)),
        sheets.Column("答辩日期", "defended_on", width=12, export=lambda c: _day(c.defended_on)),
        sheets.Column("裁判结果", "outcome", width=14, export=lambda c: c.get_outcome_display()),
        sheets.Column("状态", "status", width=14, export=lambda c: c.get_status_display()),
    ])


def export_litigation(rows):
    return sheets.export_workbook(litigation_sheet(), rows)


def recon_sheet():
    return sheets.SheetSpec(title="行政复议案件", columns=[
        sheets.Column("案号", "number", width=24),
        sheets.Column("复议机关", "body_name", width=18),
        sheets.Column("被申请人", "unit", width=22, export=lambda c: c.unit.name),
        sheets.Column("申请人", "applicant_name", width=16, export=lambda c: _party(c.applicant_name, c.applicant_kind)),
        sheets.Column("事项类型", "matter", width=14, export=lambda c: c.get_matter_display()),
        sheets.Column("申请日期", "applied_on", width=12, export=lambda c: _day(c.applied_on)),
        sheets.Column("收到申请日期", "received_on", width=12, export=lambda c: _day(c.received_on)),
        sheets.Column("受理日期", "accepted_on", width=12, export=lambda c: _day(c.accepted_on)),
        sheets.Column("审结日期", "decided_on", width=12, export=lambda c: _day(c.decided_on)),
        sheets.Column("复议结果", "outcome", width=10, export=lambda c: c.get_outcome_display()),
        sheets.Column("状态", "status", width=14, export=lambda c: c.get_status_display()),
    ])


def export_recon(rows):
    return sheets.export_workbook(recon_sheet(), rows)


# Import ----------------------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def _unit_key(name):
    return _SPACES.sub("", compare_key(name))


def unit_parser(label):
    """A unit written by its name (spaces and full-width characters as typed in county lists are ignored), looked up
    among the active units of the organisation tree."""
    from fazhi.orgs.models import OrgUnit

    found = {}

    def parse(value):
        if not found:
            for unit in OrgUnit.objects.filter(is_active=True).order_by("path"):
                found.setdefault(_unit_key(unit.name), []).append(unit)
        name = sheets.parse_text(value)
        units = found.get(_unit_key(name), [])
        if not units:
            raise ValueError(f"组织机构中没有名为“{name}”的单位，请填写{label}的全称")
        if len(units) > 1:
            raise ValueError(f"组织机构中有{len(units)}个名为“{name}”的单位，请在平台上逐件登记")
        return units[0]

    parse.number_format = "@"
    return parse


def parse_day(value):
    """A date as ``parse_date`` reads it, also with full-width digits and separators (２０１９－０３－０５)."""
    return sheets.parse_date(clean_code(value) if isinstance(value, str) else value)


parse_day.number_format = sheets.parse_date.number_format


def parse_case_number(value):
    from ..services.litigation import clean_case_number

    return clean_case_number(sheets.parse_text(value)) or None


parse_case_number.number_format = "@"

def _act_day(row, field, **kwargs):
    try:
        clock.check_act_date(row[field], backdate_reason=None, field=field, **kwargs)
    except DomainError as e:
        raise sheets.RowError(e.message, row=row, field=field) from e


def litigation_import_sheet(*, actor=None):
    def validate_row(row):
        _act_day(row, "received_on")
        if LitigationCase.objects.filter(case_number=row["case_number"]).exists():
            raise sheets.RowError(f"案号“{row['case_number']}”已经登记", row=row, field="case_number")

    def save_rows(rows):
        from ..services.litigation import litigation_import

        return litigation_import(actor=actor, rows=rows)

    return sheets.SheetSpec(title="行政应诉案件", key="case_number", validate_row=validate_row, save_rows=save_rows,
                            columns=[
        sheets.Column("案号", "case_number", required=True, max_length=80, parser=parse_case_number, width=26),
        sheets.Column("审级", "instance", required=True, choices=list(LitigationInstance.choices), width=8),
        sheets.Column("审理法院", "court", required=True, max_length=100, width=20),
        sheets.Column("被告行政机关", "unit", required=True, parser=unit_parser("被告行政机关"), width=22,
                      help="填写组织机构中的单位全称"),
        sheets.Column("原告", "plaintiff_name", required=True, max_length=200, width=16),
        sheets.Column("原告类型", "plaintiff_kind", required=True, choices=list(PartyKind.choices), width=14),
        sheets.Column("被诉行政行为", "act_text", required=True, max_length=300, width=30),
        sheets.Column("收到起诉状副本日期", "received_on", required=True, parser=parse_day, width=12),
        sheets.Column("负责人应当出庭的情形", "must_appear", choices=list(MustAppear.choices), width=20,
                      help="不属于应当出庭情形的可不填"),
    ])


def recon_import_sheet(*, actor=None):
    def validate_row(row):
        _act_day(row, "applied_on")
        _act_day(row, "received_on", not_before=row["applied_on"], not_before_label="申请日期")
        if ReconsiderationCase.objects.filter(number=row["number"]).exists():
            raise sheets.RowError(f"案号“{row['number']}”已经登记", row=row, field="number")

    def save_rows(rows):
        from ..services.litigation import recon_import

        return recon_import(actor=actor, rows=rows)

    return sheets.SheetSpec(title="行政复议案件", key="number", validate_row=validate_row, save_rows=save_rows,
                            columns=[
        sheets.Column("案号", "number", required=True, max_length=80, parser=parse_case_number, width=24),
        sheets.Column("本县的身份", "role", required=True, choices=list(ReconRole.choices), width=24),
        sheets.Column("复议机关", "body_name", required=True, max_length=100, width=18),
        sheets.Column("被申请人", "unit", required=True, parser=unit_parser("被申请人"), width=22,
                      help="填写组织机构中的单位全称"),
        sheets.Column("申请人", "applicant_name", required=True, max_length=200, width=16),
        sheets.Column("申请人类型", "applicant_kind", required=True, choices=list(PartyKind.choices), width=14),
        sheets.Column("事项类型", "matter", required=True, choices=list(ReconMatter.choices), width=14),
        sheets.Column("被申请复议的行政行为", "act_text", required=True, max_length=300, width=30),
        sheets.Column("申请日期", "applied_on", required=True, parser=parse_day, width=12),
        sheets.Column("收到申请日期", "received_on", required=True, parser=parse_day, width=12),
    ])
