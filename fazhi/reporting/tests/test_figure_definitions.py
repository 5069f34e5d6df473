"""Every figure states its definition (year basis, imported records, rounding): in its tooltip on the dashboard and on
the help page 指标口径说明."""
import pytest
from django.urls import reverse

from fazhi.core.registry import figures
from fazhi.reporting.selectors.figures import format_value

pytestmark = pytest.mark.django_db


def test_rates_state_the_rounding_rule_and_normative_figures_their_basis():
    for key, fig in figures().items():
        if fig.unit == "%":
            assert "四舍五入" in fig.definition, key
        if key.startswith("normative_docs."):
            assert "年度" in fig.definition and "导入" in fig.definition, key


def test_help_page_lists_every_figure(client, county):
    client.force_login(county.office)
    page = client.get(reverse("reporting:figure_definitions")).content.decode()
    assert "指标口径说明" in page and "四舍五入" in page
    for fig in figures().values():
        assert fig.label in page
    assert "纠错率 = 备案审查责令纠正的报备件数" in page
    assert "normative_docs." not in page  # no figure keys on the page


def test_dashboard_tooltip_shows_the_definition(client, county):
    client.force_login(county.office)
    page = client.get(reverse("reporting:dashboard")).content.decode()
    assert figures()["normative_docs.filing_rate"].definition in page


def test_help_page_needs_a_login(client, county):
    assert client.get(reverse("reporting:figure_definitions")).status_code in (302, 403)


def test_format_value_rounds_half_up():
    assert format_value(6.125) == "6.13"
