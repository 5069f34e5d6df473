"""Registries: modules contribute figures, alerts, search sources and menu items; failures stay contained."""
import pytest

from fazhi.core import registry
from fazhi.core.registry import Alert, NavItem


@pytest.fixture
def clean_registry(monkeypatch):
    monkeypatch.setattr(registry, "_figures", {})
    monkeypatch.setattr(registry, "_alerts", {})
    monkeypatch.setattr(registry, "_nav", list(registry._nav))


def test_figures_are_returned_by_key(clean_registry):
    def compute(year, scope=None):
        return 7

    registry.register_figure("demo.count", label="数量", unit="件", chapter="一", compute=compute)
    assert registry.figures()["demo.count"].compute(2019) == 7
    with pytest.raises(ValueError):
        registry.register_figure("nodot", label="x", unit="件", chapter="一", compute=compute)
    with pytest.raises(ValueError):
        registry.register_figure("demo.count", label="x", unit="件", chapter="一", compute=lambda y, s=None: 1)


def test_a_failing_alert_provider_is_reported_not_raised(clean_registry, caplog):
    registry.register_alert("demo.ok", label="正常", check=lambda user, today: [
        Alert(rule="测试规则", severity="warning", title="一条提醒")])

    def broken(user, today):
        raise ZeroDivisionError

    registry.register_alert("demo.broken", label="坏的检查", check=broken)
    alerts, failed = registry.collect_alerts(None, None)
    assert [a.title for a in alerts] == ["一条提醒"] and alerts[0].severity_label == "预警"
    assert [p.key for p in failed] == ["demo.broken"]
    assert "demo.broken" in caplog.text


def test_alert_severity_is_checked():
    with pytest.raises(ValueError):
        Alert(rule="r", severity="urgent", title="t")


@pytest.mark.django_db
def test_failing_provider_shows_as_a_failed_check_on_the_workbench(clean_registry, client, county):
    def broken(user, today):
        raise RuntimeError

    registry.register_alert("demo.broken", label="坏的检查", check=broken)
    client.force_login(county.office)
    response = client.get("/workbench/")
    assert response.status_code == 200 and "坏的检查" in response.content.decode()


@pytest.mark.django_db
def test_menu_shows_only_what_the_user_may_use(clean_registry, client, county):
    registry.register_nav(NavItem(section="测试", label="不存在的模块", url_name="nowhere:list", order=5))
    client.force_login(county.liaison)
    html = client.get("/workbench/").content.decode()
    assert "组织机构" in html and "操作审计日志" not in html and "不存在的模块" not in html
    client.force_login(county.office)
    html = client.get("/workbench/").content.decode()
    assert "操作审计日志" in html and "节假日与调休" in html


def test_audit_event_numbers_are_unique():
    from fazhi.core import audit_events

    events = audit_events.all_events()
    assert len({e.code for e in events}) == len(events) == len({e.name for e in events})
