import datetime

import pytest
from django.utils import timezone

from fazhi.core.registry import alert_providers, figures
from fazhi.powers import services
from fazhi.powers.models import PowerItem

from .factories import approved_list, content

pytestmark = pytest.mark.django_db
D = datetime.date


def test_figures_on_empty_and_filled_database(county):
    for key in ["powers.items_by_category", "powers.items_by_unit", "powers.adjustments_by_kind",
                "powers.versions_published", "powers.approval_changes"]:
        assert figures()[key].compute(year=2019).value == 0
    approved_list(county)
    xk = PowerItem.objects.get(code="SCJ-XK-001")
    adj = services.adjustment_create(actor=county.liaison, unit=county.market, title="六月", reason="r",
                                     trigger_document="d", effective_on=D(2019, 6, 30))
    services.line_add(actor=county.liaison, adjustment=adj, kind="delegate", item=xk, note="下放至乡镇")
    services.line_add(actor=county.liaison, adjustment=adj, kind="add", code="N1", content=content("新"))
    services.adjustment_submit(actor=county.liaison, adjustment=adj)
    services.adjustment_approve(actor=county.office, adjustment=adj)
    services.version_publish(actor=county.office, title="2019年6月版", published_on=D(2019, 6, 30))
    by_cat = figures()["powers.items_by_category"].compute(year=2019)
    assert by_cat.value == 2 and by_cat.breakdown == {"行政处罚": 2}
    assert figures()["powers.items_by_unit"].compute(year=2019).breakdown == {"某县市场监督管理局": 2}
    assert figures()["powers.items_by_unit"].compute(year=2019, unit_ids={county.water.pk}).value == 0
    kinds = figures()["powers.adjustments_by_kind"].compute(year=2019)
    assert kinds.breakdown == {"新增": 3, "下放": 1} and kinds.value == 4
    versions = figures()["powers.versions_published"].compute(year=2019)
    assert versions.value == 1 and "2019-06-30 2019年6月版" in versions.breakdown


def _alerts(user, today, key):
    return alert_providers()[key].check(user, today)


def test_flagged_items_alert_goes_to_the_unit_and_the_office_only(county):
    approved_list(county)
    services.law_change_mark(actor=county.office, law="行政许可法", kind="repealed", changed_on=D(2019, 5, 1))
    today = timezone.localdate()
    for user in (county.liaison, county.office):
        alerts = _alerts(user, today, "powers.flagged_items")
        assert len(alerts) == 1 and alerts[0].count == 1 and "某县市场监督管理局" in alerts[0].title
    assert _alerts(county.outsider, today, "powers.flagged_items") == []


def test_review_waiting_more_than_n_working_days(county):
    approved_list(county)
    item = PowerItem.objects.get(code="SCJ-CF-001")
    adj = services.adjustment_create(actor=county.liaison, unit=county.market, title="待审", reason="r",
                                     trigger_document="d", effective_on=D(2026, 6, 30))
    services.line_add(actor=county.liaison, adjustment=adj, kind="cancel", item=item)
    services.adjustment_submit(actor=county.liaison, adjustment=adj)
    type(adj).objects.filter(pk=adj.pk).update(submitted_at=datetime.datetime(2026, 3, 2, 1, tzinfo=datetime.UTC))
    # 10 working days after Monday 2 March 2026 is Monday 16 March
    assert _alerts(county.office, D(2026, 3, 16), "powers.reviews_waiting") == []
    late = _alerts(county.office, D(2026, 3, 17), "powers.reviews_waiting")
    assert len(late) == 1 and late[0].severity == "overdue" and "待审" in late[0].title
    assert _alerts(county.outsider, D(2026, 3, 17), "powers.reviews_waiting") == []


def test_units_whose_list_was_never_published(county):
    approved_list(county)
    today = timezone.localdate()
    assert [a.unit for a in _alerts(county.office, today, "powers.never_published")] == ["某县市场监督管理局"]
    assert _alerts(county.outsider, today, "powers.never_published") == []
    services.version_publish(actor=county.office, title="v", published_on=today)
    assert _alerts(county.office, today, "powers.never_published") == []
