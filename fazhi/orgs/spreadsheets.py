"""Excel template for units (组织机构): export and import with the same columns."""
from fazhi.core import spreadsheets as sheets

from .choices import UnitKind


def _sort_order(value):
    if value in (None, ""):
        return 0
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError("应为非负整数") from None
    if number < 0 or number != int(number):
        raise ValueError("应为非负整数")
    return int(number)


def unit_sheet(*, actor=None):
    from . import services

    def save_rows(rows):
        return services.units_import(actor=actor, rows=rows)

    return sheets.SheetSpec(
        title="单位",
        key="code",
        columns=[
            sheets.Column("单位代码", "code", required=True, max_length=50, width=14),
            sheets.Column("单位名称", "name", required=True, max_length=200, width=32),
            sheets.Column("简称", "short_name", max_length=50, width=16),
            sheets.Column("单位类型", "kind", required=True, choices=list(UnitKind.choices), width=16),
            sheets.Column("上级单位代码", "parent_code", max_length=50, width=14,
                          export=lambda u: u.parent.code if u.parent_id else "",
                          help="填写上级单位的单位代码；县政府等顶级单位留空"),
            sheets.Column("排序", "sort_order", parser=_sort_order, width=8),
        ],
        save_rows=save_rows,
    )


def export_units(units):
    return sheets.export_workbook(unit_sheet(), units)
