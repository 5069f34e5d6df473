"""Figures and alerts registered by the tests themselves, so these tests do not depend on the other modules."""
import datetime

import pytest

from fazhi.core import registry
from fazhi.core.registry import Alert, FigureValue


class Calls:
    def __init__(self):
        self.unit_ids = []


@pytest.fixture
def calls():
    return Calls()


@pytest.fixture
def test_figures(monkeypatch, calls):
    """A clean registry holding: villages (from OrgUnit records, so a test can change a record), a rate,
    a monthly figure, a figure broken down by unit, and our own alert provider."""
    monkeypatch.setattr(registry, "_figures", {})
    monkeypatch.setattr(registry, "_alerts", {k: v for k, v in registry._alerts.items()
                                              if k.startswith("reporting.")})
    from fazhi.orgs.models import OrgUnit

    def villages(*, year, unit_ids=None):
        calls.unit_ids.append(unit_ids)
        qs = OrgUnit.objects.filter(kind="village", is_active=True)
        if unit_ids is not None:
            qs = qs.filter(pk__in=unit_ids)
        ids = list(qs.values_list("pk", flat=True))
        return FigureValue(value=len(ids), link="/orgs/units/?kind=village", records=ids)

    def rate(*, year, unit_ids=None):
        return FigureValue(value=98.5, link="/orgs/units/?kind=department")

    def monthly(*, year, unit_ids=None):
        return FigureValue(value=12, link="/orgs/units/?kind=township",
                           breakdown={f"{year}-{m:02d}": 1 for m in range(1, 13)})

    def by_unit(*, year, unit_ids=None):
        rows = OrgUnit.objects.filter(kind="department")
        if unit_ids is not None:
            rows = rows.filter(pk__in=unit_ids)
        return FigureValue(value=90, link="/orgs/units/?kind=department",
                           breakdown={u.name: {"value": 80 + u.pk % 20, "link": f"/orgs/units/{u.pk}/"} for u in rows})

    registry.register_figure("testmod.villages", label="村（社区）", unit="个", chapter="六、防范和化解社会矛盾",
                             compute=villages)
    registry.register_figure("testmod.pass_rate", label="学法用法考试通过率", unit="%", chapter="三、推进科学决策",
                             compute=rate)
    registry.register_figure("testmod.monthly", label="月度事项", unit="件", chapter="四、规范执法行为",
                             compute=monthly)
    registry.register_figure("testmod.on_time", label="按时报备率", unit="%", chapter="四、规范执法行为",
                             compute=by_unit)
    return registry


@pytest.fixture
def broken_provider(test_figures):
    def broken(user, today):
        raise RuntimeError("boom")

    def ok(user, today):
        from fazhi.orgs import scope
        from fazhi.orgs.models import OrgUnit

        units = scope.visible(user, OrgUnit.objects.filter(kind="department").order_by("code"))
        return [Alert(rule="测试规则：15日内报备", severity="overdue", title=f"{u.name}有文件逾期未报备", unit=u,
                      due=datetime.date(2020, 1, 10), link=f"/orgs/units/{u.pk}/") for u in units]

    registry.register_alert("testmod.broken", label="坏的检查", check=broken)
    registry.register_alert("testmod.filing", label="报备检查", check=ok)
    return registry
