"""Figures and alerts: computed from records, limited to scope; the outsider sees nothing."""
from decimal import Decimal

import pytest
from django.db import transaction

from fazhi.core.registry import alert_providers, figures
from fazhi.normative_docs import services
from fazhi.normative_docs.models import LegalityReview

from .factories import D, draft, published

pytestmark = pytest.mark.django_db

PACKAGE = dict(has_cover_letter=True, has_text=True, has_explanation=True, has_legal_basis=True,
               has_publication_proof=True)


def value(key, **kw):
    return figures()[f"normative_docs.{key}"].compute(year=2019, **kw).value


def test_figures_on_an_empty_database(db):
    for key, fig in figures().items():
        if key.startswith("normative_docs."):
            assert fig.compute(year=2019).value == 0


def test_figures_count_the_year(county):
    a = published(county, title="甲办法", on=D(2019, 3, 20))
    b = published(county, title="乙办法", on=D(2019, 3, 20))
    published(county, title="丙办法", on=D(2019, 3, 20))
    services.filing_create(actor=county.liaison, doc=a, filed_on=D(2019, 3, 25), **PACKAGE)
    f = services.filing_create(actor=county.liaison, doc=b, filed_on=D(2019, 5, 1), **PACKAGE)
    services.filing_review(actor=county.office, filing=f, result="correction", on=D(2019, 5, 10), note="增设收费")
    assert value("registered") == 3 and value("published") == 3 and value("reviews_done") == 3
    assert value("filed") == 2 and value("filed_on_time") == 1
    assert value("filing_rate") == Decimal("66.7") and value("on_time_rate") == Decimal("33.3")
    assert value("correction_rate") == Decimal("50.0")
    assert value("corrections_required") == 1
    assert value("published", unit_ids={county.water.pk}) == 0
    c = services.campaign_open(actor=county.office, title="清理", opened_on=D(2019, 10, 8))
    for item in c.items.all():
        services.cleanup_item_mark(actor=county.liaison, item=item, outcome="keep", reason="继续适用")
    services.campaign_approve(actor=county.office, campaign=c, on=D(2019, 11, 1))
    services.campaign_publish(actor=county.office, campaign=c, on=D(2019, 11, 5))
    fig = figures()["normative_docs.cleanup_results"].compute(year=2019)
    assert fig.value == 3 and fig.breakdown == {"继续有效": 3}


def alerts(user, today):
    out = []
    for key, provider in alert_providers().items():
        if key.startswith("normative_docs."):
            out.extend(provider.check(user, today))
    return {a.title: a for a in out}


def test_alerts_and_scope(county):
    doc = services.review_submit(actor=county.liaison, doc=draft(county, title="审核中"), on=D(2019, 3, 1))
    assert LegalityReview.objects.get(document=doc).due_on == D(2019, 3, 22)
    late = published(county, title="未报备办法", on=D(2019, 3, 20))
    found = alerts(county.office, D(2019, 4, 10))
    assert "1件规范性文件合法性审核已超期" in found
    assert "1件规范性文件公布后逾期未报备" in found
    assert alerts(county.outsider, D(2019, 4, 10)) == {}
    with transaction.atomic():
        services.filing_create(actor=county.liaison, doc=late, filed_on=D(2019, 4, 12), has_text=True)
    found = alerts(county.liaison, D(2019, 4, 12))
    assert "1件规范性文件报备材料不齐全" in found and "1件规范性文件公布后逾期未报备" not in found
    # validity: 5 years from 2019-03-20 → ends 2024-03-19; warned from 6 months before, flagged after
    assert any("个月内届满" in t for t in alerts(county.office, D(2023, 10, 1)))
    assert not any("个月内届满" in t for t in alerts(county.office, D(2023, 9, 1)))
    assert any("已过有效期" in t for t in alerts(county.office, D(2024, 3, 20)))


def test_correction_overdue_alert(county):
    doc = published(county, title="甲办法")
    f = services.filing_create(actor=county.liaison, doc=doc, filed_on=D(2019, 3, 25), **PACKAGE)
    services.filing_review(actor=county.office, filing=f, result="correction", on=D(2019, 4, 1), note="增设收费")
    assert not any("逾期未按" in t for t in alerts(county.office, D(2019, 5, 1)))
    assert any("逾期未按" in t for t in alerts(county.office, D(2019, 5, 2)))
