"""Excel of the suggestions part: the intake sheet of suggestions and proposals (template, import, export)."""
from fazhi.core import spreadsheets as sheets

from ..models.suggestions import SuggestionKind, SuggestionStatus


def suggestion_sheet(*, actor=None):
    def save_rows(rows):
        from ..services.suggestions import suggestions_import

        return suggestions_import(actor=actor, rows=rows)

    def validate_row(row):
        from fazhi.core import clock

        if row["received_on"] > clock.today():
            raise sheets.RowError("收到日期不能晚于今天", row=row, field="received_on")
        from ..models.suggestions import Suggestion

        if Suggestion.objects.filter(kind=row["kind"], number=row["number"], received_on=row["received_on"]).exists():
            raise sheets.RowError(f"编号“{row['number']}”已经登记过", row=row, field="number")

    return sheets.SheetSpec(
        title="建议提案",
        columns=[
            sheets.Column("类别", "kind", required=True, choices=list(SuggestionKind.choices), width=14),
            sheets.Column("编号", "number", required=True, max_length=40, width=10),
            sheets.Column("标题", "title", required=True, max_length=300, width=30),
            sheets.Column("代表/委员", "proposer", required=True, max_length=100, width=14),
            sheets.Column("内容", "content", required=True, width=40),
            sheets.Column("收到日期", "received_on", required=True, parser=sheets.parse_date, width=12),
            sheets.Column("紧急", "urgent", parser=sheets.parse_bool, width=8,
                          export=lambda s: "是" if s.urgent else "否"),
            sheets.Column("主办单位", "unit_name", width=20, export=lambda s: s.unit.name if s.assigned else "",
                          help="仅导出时填写，导入时忽略"),
            sheets.Column("状态", "status", choices=list(SuggestionStatus.choices), width=12,
                          help="仅导出时填写，导入时忽略"),
        ],
        validate_row=validate_row,
        save_rows=save_rows,
    )


def export_suggestions(rows):
    return sheets.export_workbook(suggestion_sheet(), rows)
