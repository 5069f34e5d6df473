"""Excel exports of the disputes registers. Petitions are exported masked (names, phones, ID numbers hidden)."""
from fazhi.core import masking
from fazhi.core import spreadsheets as sheets


def _plain(value):
    return value


def petition_sheet(masked=True):
    name = masking.mask_name if masked else _plain
    phone = masking.mask_phone if masked else _plain
    return sheets.SheetSpec(title="信访事项", columns=[
        sheets.Column("编号", "number", width=22),
        sheets.Column("收到日期", "received_on", width=12, export=lambda p: p.received_on.isoformat()),
        sheets.Column("渠道", "channel", width=10, export=lambda p: p.get_channel_display()),
        sheets.Column("信访人", "petitioner_name", width=10, export=lambda p: name(p.petitioner_name)),
        sheets.Column("联系电话", "phone", width=14, export=lambda p: phone(p.phone)),
        sheets.Column("类别", "category", width=14, export=lambda p: p.get_category_display()),
        sheets.Column("诉求", "request", width=40, export=lambda p: masking.mask_text(
            p.request, names=[p.petitioner_name]) if masked else p.request),
        sheets.Column("办理单位", "unit", width=20, export=lambda p: p.unit.name),
        sheets.Column("状态", "status", width=14, export=lambda p: p.get_status_display()),
        sheets.Column("重复信访次数", "repeat_count", width=10, export=lambda p: p.repeat_count),
    ])


def export_petitions(rows, masked=True):
    return sheets.export_workbook(petition_sheet(masked), rows)


def case_sheet():
    return sheets.SheetSpec(title="调解案件", columns=[
        sheets.Column("编号", "number", width=22),
        sheets.Column("调解组织", "org", width=24, export=lambda c: c.org.name),
        sheets.Column("调解类型", "kind", width=10, export=lambda c: c.get_kind_display()),
        sheets.Column("纠纷类型", "dispute_type", width=14, export=lambda c: c.get_dispute_type_display()),
        sheets.Column("来源", "source", width=12, export=lambda c: c.get_source_display()),
        sheets.Column("受理日期", "registered_on", width=12, export=lambda c: c.registered_on.isoformat()),
        sheets.Column("状态", "status", width=14, export=lambda c: c.get_status_display()),
    ])


def export_cases(rows):
    return sheets.export_workbook(case_sheet(), rows)
