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


def cluster_sheet():
    return sheets.SheetSpec(title="矛盾纠纷专项", columns=[
        sheets.Column("专项名称", "name", width=30),
        sheets.Column("类别", "kind", width=22, export=lambda c: c.get_kind_display()),
        sheets.Column("牵头单位", "unit", width=20, export=lambda c: c.unit.name),
        sheets.Column("领导小组", "leading_group", width=30),
        sheets.Column("成立日期", "set_up_on", width=12, export=lambda c: c.set_up_on.isoformat()),
        sheets.Column("涉及户数", "total", width=10, export=lambda c: c.total),
        sheets.Column("已化解户数", "resolved", width=10, export=lambda c: c.resolved),
        sheets.Column("状态", "status", width=10, export=lambda c: c.get_status_display()),
    ])


def export_clusters(rows):
    return sheets.export_workbook(cluster_sheet(), rows)


def _amount(value):
    number = sheets.parse_decimal(value)
    if number is not None and number < 0:
        raise ValueError("应为不小于0的金额")
    return number


def household_sheet(*, actor=None, cluster=None):
    """The households of a cluster, one a row (import: all or nothing, errors by row and column)."""
    from .choices import HouseholdStatus
    from .cluster_services import households_import

    return sheets.SheetSpec(title="专项涉及户", columns=[
        sheets.Column("户主姓名", "name", required=True, max_length=100, width=14),
        sheets.Column("诉求", "request", required=True, width=40),
        sheets.Column("涉及金额（元）", "amount", parser=_amount, width=14),
        sheets.Column("包户单位", "handler", required=True, max_length=200, width=20, help="填写单位全称或单位代码"),
        sheets.Column("化解状态", "status", choices=list(HouseholdStatus.choices), width=10, help="留空为未化解"),
        sheets.Column("最近联系日期", "last_contact_on", parser=sheets.parse_date, width=12),
        sheets.Column("关联信访事项编号", "petition", max_length=60, width=22),
        sheets.Column("关联调解案件编号", "case", max_length=60, width=22),
        sheets.Column("备注", "note", width=30),
    ], save_rows=lambda rows: households_import(actor=actor, cluster=cluster, rows=rows))
