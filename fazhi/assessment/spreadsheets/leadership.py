"""Excel of the leadership part: the plan's task tree (import template, import, export of the task register)."""
from fazhi.core import spreadsheets as sheets

from ..models.leadership import TaskStatus


def _codes(value):
    text = str(value).replace("，", "、").replace(",", "、")
    return [c.strip() for c in text.split("、") if c.strip()]


def task_sheet(*, actor=None, plan=None):
    def save_rows(rows):
        from ..services.leadership import tasks_import

        return tasks_import(actor=actor, plan=plan, rows=rows)

    return sheets.SheetSpec(
        title="任务分解",
        key="number",
        columns=[
            sheets.Column("任务领域", "area", required=True, max_length=200, width=24,
                          export=lambda t: t.area.name),
            sheets.Column("序号", "number", required=True, max_length=20, width=8),
            sheets.Column("上级序号", "parent_number", max_length=20, width=8,
                          export=lambda t: t.parent.number if t.parent_id else "", help="措施填所属任务的序号，任务留空"),
            sheets.Column("任务/措施", "title", required=True, max_length=500, width=40),
            sheets.Column("牵头单位代码", "lead_code", required=True, max_length=50, width=14,
                          export=lambda t: t.lead_unit.code),
            sheets.Column("配合单位代码", "partner_codes", parser=_codes, width=20,
                          export=lambda t: "、".join(u.code for u in t.partners.all()), help="多个单位用顿号分隔"),
            sheets.Column("完成时限", "deadline", required=True, parser=sheets.parse_date, width=12),
            sheets.Column("成果形式", "deliverable", max_length=300, width=20),
            sheets.Column("考核指标", "indicator", max_length=300, width=20),
            sheets.Column("状态", "status", choices=list(TaskStatus.choices), width=10, help="仅导出时填写，导入时忽略"),
        ],
        save_rows=save_rows,
    )


def export_tasks(tasks):
    return sheets.export_workbook(task_sheet(), tasks.prefetch_related("partners"))
