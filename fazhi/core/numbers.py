"""The platform's one rule for rates and percentages (指标口径：数值修约).

Every rate or percentage a figure shows is computed here: exact decimal arithmetic, rounded half up
(四舍五入: 6.25 → 6.3, where Python's ``round`` gives 6.2), to one decimal place unless a figure says
otherwise. ``RULE_TEXT`` is how the help page states the rule.

``check_parts`` compares a stated total with the sum of its parts (a breakdown) and reports the difference,
so a page showing a breakdown can say plainly when the two disagree instead of hiding it.
"""
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PLACES = 1
RULE_TEXT = ("比率和百分比按精确的十进制数计算，四舍五入（逢五进一，如 6.25% 记为 6.3%），"
             "除指标另有说明外保留一位小数；分母为零时记为 0。")


def _quantum(places):
    return Decimal(1).scaleb(-places)


def round_half_up(value, places=PLACES) -> Decimal:
    """``value`` (int, float, Decimal or numeric text) rounded half up to ``places`` decimal places."""
    if value is None:
        return None
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return number.quantize(_quantum(places), rounding=ROUND_HALF_UP)


def percent(part, whole, places=PLACES) -> Decimal:
    """``part / whole`` as a percentage (0–100), rounded half up; 0 when ``whole`` is 0."""
    if not whole:
        return Decimal(0).quantize(_quantum(places))
    return round_half_up(Decimal(part) * 100 / Decimal(whole), places)


def ratio(part, whole, places=PLACES) -> Decimal:
    """``part / whole`` (e.g. an average), rounded half up; 0 when ``whole`` is 0."""
    if not whole:
        return Decimal(0).quantize(_quantum(places))
    return round_half_up(Decimal(str(part)) / Decimal(str(whole)), places)


@dataclass(frozen=True)
class Parts:
    """A stated ``total`` beside its ``parts`` (label → number); ``discrepancy`` = total − sum of the parts."""

    total: object
    parts: dict
    parts_sum: object
    discrepancy: object

    @property
    def consistent(self):
        return not self.discrepancy

    @property
    def message(self):
        if self.consistent:
            return ""
        return f"合计 {self.total} 与分项之和 {self.parts_sum} 不一致（相差 {self.discrepancy}）"


def check_parts(total, parts) -> Parts:
    """Compare ``total`` with the sum of ``parts`` (a dict label → number, or ``{"value": n}``)."""
    def num(v):
        v = v.get("value") if isinstance(v, dict) else v
        return Decimal(str(v or 0))

    parts = dict(parts or {})
    total_d = num(total)
    summed = sum((num(v) for v in parts.values()), Decimal(0))
    diff = total_d - summed

    def plain(d):
        return int(d) if d == d.to_integral() else d

    return Parts(plain(total_d), parts, plain(summed), plain(diff))
