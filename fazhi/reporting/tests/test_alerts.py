"""Deadline alerts of the report, and the alerts centre over every provider."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.reporting import alerts, services
from fazhi.reporting.tests.test_services import complete

pytestmark = pytest.mark.django_db


def titles(found):
    return [(a.severity, a.title) for a in found]


def test_alerts_before_and_after_both_deadlines(county, test_figures):
    check = alerts.report_deadlines
    assert check(county.office, datetime.date(2020, 1, 15)) == []  # more than 30 days before 1 March
    found = check(county.office, datetime.date(2020, 2, 10))
    assert titles(found) == [("warning", "某县人民政府2019年度法治政府建设报告即将到期未报送上级")]
    assert found[0].due == datetime.date(2020, 3, 1) and "3月1日" in found[0].rule
    assert found[0].link.startswith("/reports/new/?year=2019")
    found = check(county.office, datetime.date(2020, 3, 5))
    assert titles(found) == [("overdue", "某县人民政府2019年度法治政府建设报告逾期未报送上级"),
                             ("warning", "某县人民政府2019年度法治政府建设报告即将到期未向社会公开")]
    report = complete(services.report_create(actor=county.office, year=2019, unit=county.gov), county.office)
    services.report_submit(actor=county.office, report=report)
    found = check(county.office, datetime.date(2020, 4, 2))
    assert titles(found) == [("overdue", "某县人民政府2019年度法治政府建设报告逾期未向社会公开")]
    assert found[0].link == report.get_absolute_url()
    services.report_publish(actor=county.office, report=report)
    assert check(county.office, datetime.date(2020, 4, 2)) == []


def test_deadline_alerts_follow_the_configured_dates(county):
    from fazhi.core.rules import setting_set

    setting_set(actor=county.office, key="reporting.publish_month", raw="5")
    found = alerts.report_deadlines(county.office, datetime.date(2020, 4, 2))
    assert [a.due for a in found] == [datetime.date(2020, 3, 1), datetime.date(2020, 5, 1)]
    assert found[1].severity == "warning"


def test_deadline_alerts_respect_scope(county):
    day = datetime.date(2020, 3, 5)
    assert alerts.report_deadlines(county.outsider, day) == []
    assert alerts.report_deadlines(county.officer, day) == []  # no report permission
    services.report_create(actor=county.liaison, year=2019, unit=county.market)
    assert {a.unit for a in alerts.report_deadlines(county.liaison, day)} == {county.market}
    assert {a.unit for a in alerts.report_deadlines(county.office, day)} == {county.gov, county.market}


def test_alerts_centre_lists_filters_and_names_the_rule(client, county, broken_provider):
    client.force_login(county.office)
    html = client.get("/alerts/").content.decode()
    assert "某县司法局有文件逾期未报备" in html and "测试规则：15日内报备" in html
    assert f'href="/orgs/units/{county.justice.pk}/"' in html
    assert "检查失败" in html and "坏的检查" in html  # a failing provider is a failed check, not an error page
    html = client.get(f"/alerts/?unit={county.market.pk}").content.decode()
    assert "某县市场监督管理局有文件逾期未报备" in html and "某县司法局有文件" not in html
    assert "某县司法局有文件" not in client.get("/alerts/?module=reporting").content.decode()
    assert "逾期未报备" not in client.get("/alerts/?severity=warning").content.decode()
    assert "逾期未报备" not in client.get("/alerts/?due_before=2020-01-09").content.decode()
    assert "逾期未报备" in client.get("/alerts/?due_before=2020-01-10").content.decode()
    export = client.get(f"/alerts/?unit={county.market.pk}&export=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_unit_sees_only_its_own_alerts(client, county, broken_provider):
    client.force_login(county.outsider)
    html = client.get("/alerts/").content.decode()
    assert "水利和湖泊局有文件逾期未报备" in html
    assert "市场监督管理局" not in html and "司法局有文件" not in html


def test_the_alerts_centre_query_count_does_not_grow(client, county, broken_provider):
    from fazhi.orgs import services as org_services

    client.force_login(county.office)
    client.get("/alerts/")
    with CaptureQueriesContext(connection) as few:
        client.get("/alerts/")
    for i in range(15):
        org_services.unit_create(actor=None, code=f"X-{i}", name=f"某县第{i}局", kind="department", parent=county.gov)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/alerts/").status_code == 200
    assert len(many) == len(few)
