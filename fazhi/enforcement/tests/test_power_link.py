"""A case rests on a listed power: the cited item must be on the body's unit's list on the day of 立案."""
import datetime

import pytest

from fazhi.core.errors import DomainError
from fazhi.powers.tests.factories import approved_list

from .factories import penalty_case

pytestmark = pytest.mark.django_db


def test_a_listed_power_in_force_is_linked_with_its_name(enf):
    approved_list(enf)  # SCJ-CF-001 食品生产经营违法行为的处罚, in force from 2019-01-01
    case = penalty_case(enf, enf.body, enf.colleague, power_code="SCJ-CF-001")
    assert case.power_item.code == "SCJ-CF-001"
    assert case.power_name == "食品生产经营违法行为的处罚"


def test_a_code_not_on_the_units_list_is_refused(enf):
    approved_list(enf)
    with pytest.raises(DomainError) as exc:
        penalty_case(enf, enf.body, enf.colleague, power_code="SLJ-CF-009")
    assert exc.value.field == "power_code" and "不在某县市场监督管理局" in exc.value.message


def test_another_units_item_is_refused(enf):
    approved_list(enf, unit=enf.water, items=[("SLJ-CF-001", {
        "name": "水事违法行为的处罚", "category": "penalty", "bases": "《中华人民共和国水法》第六十五条",
        "duties": "立案责任", "accountability": "不履行职责的", "implementing_body": "", "sub_items": "",
        "time_limit": "", "remarks": ""})])
    with pytest.raises(DomainError, match="SLJ-CF-001"):
        penalty_case(enf, enf.body, enf.colleague, power_code="SLJ-CF-001")


def test_an_item_not_yet_in_force_on_the_day_is_refused(enf):
    approved_list(enf, effective_on=datetime.date(2025, 6, 1))
    with pytest.raises(DomainError, match="2025-03-03"):
        penalty_case(enf, enf.body, enf.colleague, power_code="SCJ-CF-001", on=datetime.date(2025, 3, 3))


def test_without_a_code_the_case_keeps_the_name_only(enf):
    case = penalty_case(enf, enf.body, enf.colleague, power_name="对销售过期食品的处罚")
    assert case.power_item is None and case.power_name == "对销售过期食品的处罚"
