"""制定机关 offers administrative organs only and defaults to the user's own; registering shows the number first."""
import re

import pytest
from django.urls import reverse

from fazhi.normative_docs import forms, services
from fazhi.orgs import services as org_services
from fazhi.orgs.choices import UnitKind

from . import factories as f

pytestmark = pytest.mark.django_db


def test_issuer_choices_are_administrative_organs_only(county):
    court = org_services.unit_create(actor=None, code="P-FY", name="某县人民法院", kind=UnitKind.DEPARTMENT,
                                     parent=county.gov) if hasattr(org_services, "unit_create") else None
    choices = set(forms.DocForm().fields["issuer"].queryset)
    assert county.market in choices and county.gov in choices and county.township in choices
    assert county.market_station not in choices and county.village_east not in choices and county.firm not in choices
    if court is not None:
        assert court not in choices


def test_the_issuer_defaults_to_the_users_own_organ(client, county):
    client.force_login(county.liaison)
    html = client.get(reverse("normative_docs:doc_create")).content.decode()
    select = html.split('name="issuer"')[1].split("</select>")[0]
    from fazhi.orgs.selectors import own_organ

    organ = own_organ(county.liaison)
    chosen = re.findall(r'<option value="(\d+)"[^>]*\bselected\b', select)
    assert organ is not None and chosen == [str(organ.pk)]
    assert 'data-picker="tree"' in html


def test_registering_shows_the_number_it_will_issue_and_issues_that_number(client, county):
    doc = f.signed(county, title="预览文号测试办法")
    client.force_login(county.office)
    url = reverse("normative_docs:doc_action", args=[doc.pk, "register"])
    html = client.get(url).content.decode()
    preview = html.split('data-testid="preview"')[1].split("</section>")[0]
    from fazhi.core import clock

    shown = preview.split('class="preview-value">')[1].split("<")[0]
    assert "〔" in shown and str(clock.today().year) in shown
    html_again = client.get(url).content.decode()
    assert shown in html_again  # looking twice consumes nothing
    doc = services.doc_register(actor=county.office, doc=doc, on=clock.today())
    assert doc.number == shown
