"""The ``deadline`` template filter marks a date in an unconfirmed year as 暂定, with the reason as a tooltip."""
import datetime

import pytest
from django.template import Context, Template

D = datetime.date


def render(value, arg=""):
    tpl = "{% load fazhi %}{{ d|deadline" + (f':"{arg}"' if arg else "") + " }}"
    return Template(tpl).render(Context({"d": value}))


@pytest.mark.django_db
def test_a_provisional_deadline_is_tagged_with_its_reason():
    html = render(D(2027, 1, 5))
    assert html.startswith("2027-01-05<span") and "（暂定）" in html
    assert 'title="2027年的国务院办公厅节假日安排尚未录入' in html and "《全国年节及纪念日放假办法》" in html
    assert "RULES" not in html and "§" not in html
    assert render(D(2027, 1, 5), "cn").startswith("2027年1月5日<span")


@pytest.mark.django_db
def test_a_confirmed_deadline_is_plain(django_assert_num_queries):
    with django_assert_num_queries(0):  # package years need no query
        assert render(D(2026, 12, 31)) == "2026-12-31"
    assert render(None) == ""
