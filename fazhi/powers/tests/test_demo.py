from collections import Counter

import pytest

from fazhi.powers import demo, selectors
from fazhi.powers.models import ItemFlag, ListAdjustment, ListVersion, PowerItem, PowerItemVersion

pytestmark = pytest.mark.django_db


def test_demo_lists_and_the_june_2019_adjustment(demo_county):
    v2016, v2019 = ListVersion.objects.get(title=demo.V2016), ListVersion.objects.get(title=demo.V2019)
    assert str(v2019.published_on) == "2019-06-30"
    # every administrative department has a list, most items are 行政处罚
    units = set(PowerItem.objects.values_list("unit__code", flat=True))
    assert {"D-SCJ", "D-SFJ", "D-ZJJ", "D-SLJ"} <= units and not units & demo.NO_LIST
    cats = Counter(PowerItemVersion.objects.in_force_on(v2019.published_on).values_list("category", flat=True))
    assert cats.most_common(1)[0][0] == "penalty" and cats["penalty"] > sum(cats.values()) / 2
    # the changelog of June 2019 lists cancelled, changed, added and delegated items
    cmp = selectors.versions_compare(v2016, v2019)
    assert cmp.added and cmp.removed and cmp.changed
    assert any(label == "实施依据" for c in cmp.changed for label, _, _ in c["fields"])
    june = selectors.adjustments_between(v2016, v2019)
    assert june.count() > 10 and all(a.effective_on.isoformat() == "2019-06-30" for a in june)
    # a pending review and a flagged item for the market bureau
    assert ListAdjustment.objects.filter(status="submitted", unit__code="D-SCJ").exists()
    assert ItemFlag.objects.filter(item__unit__code="D-SCJ", resolved_at__isnull=True).exists()


def test_demo_is_idempotent(demo_county):
    counts = (PowerItem.objects.count(), ListVersion.objects.count(), ListAdjustment.objects.count())
    assert demo.load() == 0
    assert counts == (PowerItem.objects.count(), ListVersion.objects.count(), ListAdjustment.objects.count())
