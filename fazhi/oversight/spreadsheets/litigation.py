"""Excel exports of the litigation part's registers (the same filtered rows as the page). Natural persons among
plaintiffs and applicants are shown by surname only."""
from fazhi.core import masking
from fazhi.core import spreadsheets as sheets

from ..models.litigation import PartyKind


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
