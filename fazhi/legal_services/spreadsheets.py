"""Excel: the service-log register export and the monthly subsidy sheet for payment.

Neither carries citizen data: the log export leaves out the summary (people's names and problems), the
subsidy sheet holds lawyers, firms, counts and amounts only."""
from fazhi.core import spreadsheets as sheets

from .choices import Duty, LogStatus


def log_sheet():
    return sheets.SheetSpec(title="律师服务日志", columns=[
        sheets.Column("服务日期", "served_on", parser=sheets.parse_date, width=12),
        sheets.Column("律师", "lawyer_name", export=lambda o: o.lawyer.name, width=10),
        sheets.Column("服务单位", "unit_name", export=lambda o: o.unit.name, width=16),
        sheets.Column("服务类别", "duty", choices=list(Duty.choices), width=12),
        sheets.Column("服务人次", "people", width=8),
        sheets.Column("时长（小时）", "hours", width=8),
        sheets.Column("信访案件数", "petition_cases", width=8),
        sheets.Column("文书份数", "document_items", width=8),
        sheets.Column("状态", "status", choices=list(LogStatus.choices), width=10),
    ])


def export_logs(logs):
    return sheets.export_workbook(log_sheet(), logs)


def subsidy_rows(lines, firms):
    """The sheet's rows: one per lawyer, then one per firm (its total)."""
    rows = [{"firm": line.lawyer.firm.name, "lawyer": line.lawyer.name, "licence_no": line.lawyer.licence_no,
             "days": line.days, "publicity": line.publicity, "opinions": line.opinions, "amount": line.amount}
            for line in lines]
    rows += [{"firm": firm.name, "lawyer": "小计", "licence_no": "", "days": "", "publicity": "", "opinions": "",
              "amount": amount} for firm, amount in firms.items()]
    return rows


def subsidy_sheet_spec(rates, year, month):
    return sheets.SheetSpec(title=f"{year}年{month}月律师补贴", columns=[
        sheets.Column("律师事务所", "firm", width=24),
        sheets.Column("律师", "lawyer", width=10),
        sheets.Column("执业证号", "licence_no", width=20),
        sheets.Column(f"驻点天数（{rates['day']}元/天）", "days", width=14),
        sheets.Column(f"法治宣传场次（{rates['publicity']}元/场）", "publicity", width=16),
        sheets.Column(f"法律意见书份数（{rates['opinion']}元/份）", "opinions", width=16),
        sheets.Column("补贴金额（元）", "amount", width=14),
    ])


def subsidy_workbook(lines, firms, rates, year, month):
    return sheets.export_workbook(subsidy_sheet_spec(rates, year, month), subsidy_rows(lines, firms))
