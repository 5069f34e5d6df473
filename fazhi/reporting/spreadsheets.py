"""Excel exports of the report list and the alerts centre (exactly the filtered list)."""
from fazhi.core import spreadsheets as sheets

from .choices import ReportStatus


def report_sheet():
    return sheets.SheetSpec(title="年度报告", columns=[
        sheets.Column("年度", "year", width=8),
        sheets.Column("报告单位", "unit", width=28, export=lambda r: r.unit.name),
        sheets.Column("标题", "title", width=48),
        sheets.Column("状态", "status", choices=list(ReportStatus.choices), width=12),
        sheets.Column("报送上级日期", "submitted_on", width=14),
        sheets.Column("公开日期", "published_on", width=14),
    ])


def alert_sheet():
    return sheets.SheetSpec(title="预警提醒", columns=[
        sheets.Column("级别", "severity", width=8, export=lambda r: r.alert.severity_label),
        sheets.Column("模块", "module", width=16, export=lambda r: r.module_label),
        sheets.Column("检查", "provider", width=20),
        sheets.Column("事项", "title", width=48, export=lambda r: r.alert.title),
        sheets.Column("依据", "rule", width=40, export=lambda r: r.alert.rule),
        sheets.Column("单位", "unit", width=24, export=lambda r: r.unit_name),
        sheets.Column("期限", "due", width=12, export=lambda r: r.alert.due),
        sheets.Column("数量", "count", width=8, export=lambda r: r.alert.count),
    ])


def export_reports(reports):
    return sheets.export_workbook(report_sheet(), reports)


def export_alerts(rows):
    return sheets.export_workbook(alert_sheet(), rows)


def figure_rows_sheet(data):
    """A figure's counted records (the shared drill-down page's export)."""
    columns = [
        sheets.Column("记录", "record", width=60, export=str),
        sheets.Column("所属单位", "unit", width=28, export=lambda r: str(data.unit_of(r) or "")),
    ]
    if data.amount_field:
        columns.append(sheets.Column(f"数量（{data.figure.unit}）", "amount", width=14, export=data.amount_of))
    return sheets.SheetSpec(title=data.figure.label[:31], columns=columns)


def export_figure_rows(data):
    return sheets.export_workbook(figure_rows_sheet(data), data.rows.iterator(chunk_size=500))
