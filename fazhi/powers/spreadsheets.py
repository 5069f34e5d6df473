"""Our own Excel template for a department's power list: import (all-or-nothing) and export, same columns."""
from fazhi.core import spreadsheets as sheets
from fazhi.orgs.models import OrgUnit

from .choices import PowerCategory
from .models import basis_lines
from .services import parse_bases


def _unit_parser(units):
    def parse(value):
        text = str(value).strip()
        unit = units.get(text)
        if unit is None:
            raise ValueError(f"未知单位“{text}”：请填写系统中的单位代码或单位全称")
        return unit

    return parse


def _bases(value):
    bases = parse_bases(str(value))
    if not bases:
        raise ValueError("未识别出法律法规名称：请写成《法律法规名称》第X条，多项依据分行填写")
    return bases


def item_sheet(*, actor=None, effective_on=None):
    from . import services

    units = {}
    for u in OrgUnit.objects.filter(is_active=True).only("pk", "code", "name", "path"):
        units[u.code] = u
        units[u.name] = u

    def save_rows(rows):
        return services.items_import(actor=actor, rows=rows, effective_on=effective_on)

    return sheets.SheetSpec(
        title="权责清单",
        key="code",
        columns=[
            sheets.Column("职权编码", "code", required=True, max_length=60, width=18),
            sheets.Column("事项名称", "name", required=True, max_length=500, width=36),
            sheets.Column("子项", "sub_items", width=24, help="多个子项分行填写"),
            sheets.Column("权力类型", "category", required=True, choices=list(PowerCategory.choices), width=14),
            sheets.Column("所属单位", "unit", required=True, parser=_unit_parser(units), width=24,
                          export=lambda v: v.item.unit.code, help="填写单位代码或单位全称"),
            sheets.Column("实施主体", "implementing_body", max_length=300, width=20),
            sheets.Column("实施依据", "bases", required=True, parser=_bases, width=40,
                          export=lambda v: "\n".join(basis_lines(v.bases)),
                          help="写成《法律法规名称》第X条，多项依据分行填写"),
            sheets.Column("责任事项", "duties", width=30),
            sheets.Column("追责情形", "accountability", width=30),
            sheets.Column("法定办理时限", "time_limit", max_length=200, width=14),
            sheets.Column("备注", "remarks", width=20),
        ],
        save_rows=save_rows,
    )


class _Export:
    """An item version seen through the sheet's fields (code comes from the item)."""

    def __init__(self, version):
        self._v = version
        self.code = version.item.code

    def __getattr__(self, name):
        return getattr(self._v, name)


def export_items(versions):
    return sheets.export_workbook(item_sheet(), (_Export(v) for v in versions))


def adjustment_sheet():
    from .choices import AdjustmentStatus

    return sheets.SheetSpec(title="动态调整", columns=[
        sheets.Column("调整名称", "title", width=36),
        sheets.Column("调整单位", "unit", export=lambda a: a.unit.name, width=24),
        sheets.Column("事项数", "line_count", width=8),
        sheets.Column("调整理由", "reason", width=30),
        sheets.Column("调整依据文件", "trigger_document", width=30),
        sheets.Column("生效日期", "effective_on", width=12),
        sheets.Column("提交时间", "submitted_at", width=16),
        sheets.Column("状态", "status", choices=list(AdjustmentStatus.choices), width=10),
    ])


def approval_sheet():
    from .choices import ApprovalStatus

    return sheets.SheetSpec(title="行政审批事项目录", columns=[
        sheets.Column("事项编码", "code", width=20),
        sheets.Column("事项名称", "name", width=36),
        sheets.Column("实施单位", "unit", export=lambda a: a.unit.name, width=24),
        sheets.Column("对应权责事项", "power_item", export=lambda a: a.power_item.code if a.power_item_id else "",
                      width=18),
        sheets.Column("法定办结时限（工作日）", "legal_days", width=10),
        sheets.Column("承诺办结时限（工作日）", "promised_days", width=10),
        sheets.Column("列入目录日期", "listed_on", width=12),
        sheets.Column("状态", "status", choices=list(ApprovalStatus.choices), width=10),
    ])
