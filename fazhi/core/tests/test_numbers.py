"""The one rule for rates and percentages: exact decimals, half up, one place unless a figure says otherwise."""
from decimal import Decimal

import pytest

from fazhi.core import numbers


@pytest.mark.parametrize("part, whole, expected", [
    (1, 16, "6.3"),  # 6.25: Python's round(6.25, 1) gives 6.2
    (1, 8, "12.5"),
    (2, 3, "66.7"),
    (1, 3, "33.3"),
    (1, 40, "2.5"),
    (1, 400, "0.3"),  # 0.25 → 0.3
    (1, 2000, "0.1"),  # 0.05 → 0.1
    (1, 2001, "0.0"),  # 0.0499… → 0.0
    (0, 5, "0.0"),
    (5, 5, "100.0"),
    (3, 0, "0.0"),  # no denominator: 0, never a division error
])
def test_percent_rounds_half_up(part, whole, expected):
    assert numbers.percent(part, whole) == Decimal(expected)
    assert str(numbers.percent(part, whole)) == expected


def test_round_half_up_at_the_boundaries():
    assert round(6.25, 1) == 6.2  # the behaviour the platform does not use
    assert numbers.round_half_up(6.25) == Decimal("6.3")
    assert numbers.round_half_up(2.675, 2) == Decimal("2.68")  # exact decimal of the text, not the float's 2.67499…
    assert numbers.round_half_up(Decimal("-0.05")) == Decimal("-0.1")
    assert numbers.round_half_up(7) == Decimal("7.0")
    assert numbers.percent(1, 16, places=0) == Decimal("6")
    assert numbers.ratio(185, 2) == Decimal("92.5")
    assert "四舍五入" in numbers.RULE_TEXT and "一位小数" in numbers.RULE_TEXT


def test_check_parts_shows_a_discrepancy():
    ok = numbers.check_parts(5, {"继续有效": 3, "废止": 2})
    assert ok.consistent and ok.message == ""
    bad = numbers.check_parts(6, {"继续有效": 3, "废止": {"value": 2, "link": "/x"}})
    assert not bad.consistent and bad.discrepancy == 1 and bad.parts_sum == 5
    assert bad.message == "合计 6 与分项之和 5 不一致（相差 1）"
