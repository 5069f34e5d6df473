"""Excel register of normative documents: import an existing register and export with the same columns."""
from fazhi.core import spreadsheets as sheets
from fazhi.orgs.models import OrgUnit

from .choices import DocStatus

REGISTER_STATUSES = [(DocStatus.PUBLISHED, "有效"), (DocStatus.REPEALED, "已废止"),
                     (DocStatus.INVALIDATED, "已宣布失效")]


def _organ(value):
    unit = OrgUnit.objects.filter(name=value).first() or OrgUnit.objects.filter(short_name=value).first()
    if unit is None:
        raise ValueError(f"找不到单位“{value}”，请填写组织机构中的单位名称")
    if not unit.is_organ:
        raise ValueError(f"“{value}”是内设机构或非行政机关，不能作为制定机关")
    return unit


UNKNOWN_VALIDITY = {"不详", "未知", "未规定", "未明确", "无", "/", "-", "—", "待补充"}


def _number(value):
    """A 文号 as registers write it, normalised (``高政发[2021]1号`` → ``高政发〔2021〕1号``); nonsense is refused."""
    from fazhi.core.errors import DomainError
    from fazhi.core.numbering import parse_number

    try:
        parsed = parse_number(str(value))
    except DomainError as e:
        raise ValueError(e.message) from None
    return parsed.text if parsed else None


def _years(value):
    """A validity period: ``5``, ``5年``, ``五年`` is not guessed; blank or ``不详`` means unknown (待补充)."""
    text = str(value).strip()
    if text in UNKNOWN_VALIDITY:
        return None
    number = sheets.parse_int(text.removesuffix("年").strip())
    if number is None or not (1 <= number <= 10):
        raise ValueError("应为1到10之间的整数（如 5 或 5年），不详的可留空")
    return number


def _validate(row):
    from fazhi.core.errors import DomainError

    if row.get("written_on") and row.get("published_on") and row["written_on"] > row["published_on"]:
        raise DomainError("成文日期不能晚于公布日期", field="written_on")
    if row.get("valid_until") and row.get("published_on") and row["valid_until"] < row["published_on"]:
        raise DomainError("有效期至不能早于公布日期", field="valid_until")
    if row.get("effective_from") and row.get("published_on") and row["effective_from"] < row["published_on"]:
        raise DomainError("施行日期不能早于公布日期", field="effective_from")
    if row.get("status") in (DocStatus.REPEALED, DocStatus.INVALIDATED) and not row.get("ended_on"):
        raise DomainError("已废止或已宣布失效的文件须填写废止/失效日期", field="ended_on")
    if row.get("ended_on") and row.get("published_on") and row["ended_on"] < row["published_on"]:
        raise DomainError("废止/失效日期不能早于公布日期", field="ended_on")


def doc_sheet(*, actor=None):
    from . import services

    def save_rows(rows):
        return services.docs_import(actor=actor, rows=rows)

    return sheets.SheetSpec(
        title="规范性文件台账",
        key="number",
        columns=[
            sheets.Column("文号", "number", parser=_number, max_length=60, width=26,
                          help="如：郧西政规〔2019〕1号；方括号、圆括号自动改为六角括号；早年无文号的文件可留空"),
            sheets.Column("文件名称", "title", required=True, max_length=300, width=40),
            sheets.Column("制定机关", "issuer", required=True, parser=_organ, width=24,
                          export=lambda d: d.issuer.name),
            sheets.Column("成文日期", "written_on", parser=sheets.parse_date, width=12,
                          help="文件落款日期，可与公布日期不同；不详的留空"),
            sheets.Column("公布日期", "published_on", required=True, parser=sheets.parse_date, width=12),
            sheets.Column("施行日期", "effective_from", parser=sheets.parse_date, width=12),
            sheets.Column("有效期（年）", "valid_years", parser=_years, width=10,
                          help="如 5 或 5年；只知道截止日期的填“有效期至”；都不详的留空，文件标为“待补充”"),
            sheets.Column("有效期至", "valid_until", parser=sheets.parse_date, width=12,
                          help="文件写明的有效期截止日期；留空时按施行日期和有效期（年）计算"),
            sheets.Column("状态", "status", required=True, choices=REGISTER_STATUSES, width=12),
            sheets.Column("废止/失效日期", "ended_on", parser=sheets.parse_date, width=12),
        ],
        validate_row=_validate,
        save_rows=save_rows,
    )


def export_docs(docs):
    return sheets.export_workbook(doc_sheet(), docs)
