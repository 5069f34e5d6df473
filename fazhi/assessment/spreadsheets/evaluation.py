"""Excel of the evaluation part: the pilot indicator tree (import, all-or-nothing) and the results export."""
from decimal import Decimal

from fazhi.core import spreadsheets as sheets

from ..models.evaluation import EvalIndicator, EvalScore, PilotIndicator


def _points(value):
    number = sheets.parse_decimal(value)
    if number is None or number <= 0 or number > Decimal(1000):
        raise ValueError("应为大于0、不超过1000的分值")
    return number


def pilot_indicator_sheet(*, actor=None):
    """Columns 编码, 上级编码 (empty for a first-level indicator), 名称, 分值, 佐证材料要求. A parent must be
    listed above its children (or exist already); no indicator below the third level."""
    levels = dict(PilotIndicator.objects.values_list("code", "level"))

    def validate_row(row):
        parent = row.get("parent_code") or ""
        if parent:
            if parent == row["code"]:
                raise sheets.RowError("上级编码不能是指标自己的编码", row=row, field="parent_code")
            if parent not in levels:
                raise sheets.RowError(f"上级编码“{parent}”不存在（上级指标应列在下级指标之前）", row=row,
                                      field="parent_code")
            if levels[parent] >= 3:
                raise sheets.RowError("指标体系最多三级，不能在三级指标下再设指标", row=row, field="parent_code")
        levels[row["code"]] = levels[parent] + 1 if parent else 1

    def save_rows(rows):
        from ..services.evaluation import pilot_indicators_import

        return pilot_indicators_import(actor=actor, rows=rows)

    return sheets.SheetSpec(
        title="示范创建指标",
        key="code",
        columns=[
            sheets.Column("编码", "code", required=True, max_length=30, width=10),
            sheets.Column("上级编码", "parent_code", max_length=30, width=10, help="一级指标留空",
                          export=lambda o: o.parent.code if o.parent_id else ""),
            sheets.Column("指标名称", "name", required=True, max_length=200, width=40),
            sheets.Column("分值", "points", required=True, parser=_points, width=8),
            sheets.Column("佐证材料要求", "evidence", max_length=300, width=40),
        ],
        validate_row=validate_row,
        save_rows=save_rows,
    )


def _indicator_column(indicator, scores, with_year):
    label = f"{indicator.name}（{indicator.get_unit_kind_display()}，{indicator.points}分）"
    return sheets.Column(f"{indicator.year}年{label}" if with_year else label, f"indicator_{indicator.pk}", width=16,
                         export=lambda c: scores.get((c.pk, indicator.pk), ""))


def results_sheet(indicators=(), scores=None):
    """Rank and total, then one column per indicator (the unit's score; blank where the indicator is not the
    unit's kind's or not yet scored)."""
    scores = scores or {}
    with_year = len({i.year for i in indicators}) > 1
    return sheets.SheetSpec(
        title="依法行政考评结果",
        columns=[
            sheets.Column("年度", "year", width=8),
            sheets.Column("单位", "unit", width=30, export=lambda c: c.unit.name),
            sheets.Column("考评对象", "unit_kind", width=14, export=lambda c: c.get_unit_kind_display()),
            sheets.Column("排名", "rank", width=8),
            sheets.Column("总分", "total", width=10),
            *[_indicator_column(i, scores, with_year) for i in indicators],
            sheets.Column("状态", "status", width=10, export=lambda c: c.get_status_display()),
        ],
    )


def export_results(cards):
    cards = list(cards)
    scores = {(card_id, indicator_id): score for card_id, indicator_id, score in EvalScore.objects.filter(
        card__in=[c.pk for c in cards], score__isnull=False).values_list("card_id", "indicator_id", "score")}
    indicators = list(EvalIndicator.objects.filter(year__in={c.year for c in cards}))
    return sheets.export_workbook(results_sheet(indicators, scores), cards)
