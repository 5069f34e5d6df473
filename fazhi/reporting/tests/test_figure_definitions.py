"""Every figure says, in its definition, which date puts a record in a year and whether records imported from
Excel are counted — on the 指标口径说明 page and in each figure's tooltip."""
import pytest
from django.urls import reverse

from fazhi.core.registry import figures


def test_every_registered_figure_states_its_year_basis_and_imported_records():
    missing = [key for key, f in figures().items() if not f.year_basis or not f.imported]
    assert not missing, f"these figures do not say their year basis or whether imported records count: {missing}"


@pytest.mark.django_db
def test_the_help_page_shows_each_definition(client, county):
    client.force_login(county.office)
    html = client.get(reverse("reporting:figure_definitions")).content.decode()
    for key in ("decisions.comments_received", "enforcement.certificates_valid", "powers.items_by_unit"):
        figure = figures()[key]
        assert figure.year_basis in html and figure.imported in html
