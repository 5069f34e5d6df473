"""The report's pages, the public site, the dashboard (with a liaison limited to the own unit)."""
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.orgs import services as org_services
from fazhi.orgs.choices import UnitKind
from fazhi.reporting import services
from fazhi.reporting.models import Report
from fazhi.reporting.tests.test_services import complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(county, test_figures):
    return services.report_create(actor=county.office, year=2019, unit=county.gov)


def published(county, report):
    report = complete(report, county.office)
    report = services.report_submit(actor=county.office, report=report)
    return services.report_publish(actor=county.office, report=report)


def test_each_number_links_to_its_records_and_a_change_is_marked(client, county, report):
    client.force_login(county.leader)
    html = client.get(f"/reports/{report.pk}/").content.decode()
    assert re.search(r'<a class="figure" href="/orgs/units/\?kind=village" data-figure="testmod.villages"[^>]*>2</a>'
                     r'个村（社区）', html)
    assert "figure-changed" not in html
    assert "修改正文" not in html and "报送上级</button>" not in html  # the leader only reads
    org_services.unit_create(actor=None, code="P-T01-03", name="南坪村", kind=UnitKind.VILLAGE, parent=county.township)
    html = client.get(f"/reports/{report.pk}/").content.decode()
    assert "（记录已变化：取数时2，现为3）" in html and 'data-testid="changed-figures"' in html


def test_the_office_edits_the_prose_and_sees_refusals_next_to_the_field(client, county, report):
    client.force_login(county.office)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert "修改正文" in page and "暂不能“报送上级”" in page
    data = {"title": report.title, "body_shortcomings": "引用{{bad.key}}"}
    html = client.post(f"/reports/{report.pk}/edit/", data).content.decode()
    assert 'data-field="body_shortcomings"' in html and "bad.key" in html
    data["body_shortcomings"] = "基层覆盖仍有差距。"
    response = client.post(f"/reports/{report.pk}/edit/", data)
    assert response.status_code == 302
    assert report.sections.get(code="shortcomings").body == "基层覆盖仍有差距。"


def test_the_editor_names_figures_in_chinese_and_stores_their_keys(client, county, report):
    client.force_login(county.office)
    data = {"title": report.title, "body_shortcomings": "全县{{村（社区）}}个村（社区）中，{{学法用法考试通过率}}%……"}
    assert client.post(f"/reports/{report.pk}/edit/", data).status_code == 302
    body = report.sections.get(code="shortcomings").body
    assert body == "全县{{testmod.villages}}个村（社区）中，{{testmod.pass_rate}}%……"
    page = client.get(f"/reports/{report.pk}/edit/").content.decode()
    assert "{{村（社区）}}个村" in page and "testmod." not in page  # no figure key on the page
    data["body_shortcomings"] = "{{没有这个指标}}"
    html = client.post(f"/reports/{report.pk}/edit/", data).content.decode()
    assert "没有名为“没有这个指标”的指标" in html
    assert report.sections.get(code="shortcomings").body == body  # nothing saved


def test_the_procedure_through_the_pages(client, county, report):
    complete(report, county.office)
    client.force_login(county.office)
    client.post(f"/reports/{report.pk}/do/submit/")
    report.refresh_from_db()
    assert report.status == "submitted"
    assert client.post(f"/reports/{report.pk}/do/nonsense/").status_code == 404
    client.post(f"/reports/{report.pk}/do/publish/")
    report.refresh_from_db()
    assert report.status == "published"
    html = client.get(f"/reports/{report.pk}/").content.decode()
    assert "全部数字已冻结" in html and "刷新指标" not in html


def test_liaison_and_outsider_cannot_touch_the_county_report(client, county, report):
    client.force_login(county.liaison)
    assert client.get(f"/reports/{report.pk}/").status_code == 404
    assert client.post(f"/reports/{report.pk}/do/submit/").status_code == 404
    client.force_login(county.officer)
    assert client.get(f"/reports/{report.pk}/").status_code == 403


def test_public_site_shows_only_published_reports_from_frozen_numbers(client, county, report):
    assert client.get(f"/public/reports/view/?id={report.pk}").status_code == 404
    assert report.title not in client.get("/public/reports/").content.decode()
    published(county, report)
    assert report.title in client.get("/public/reports/").content.decode()
    assert "法治政府建设年度报告" in client.get("/").content.decode()  # listed on the public home page
    org_services.unit_create(actor=None, code="P-T01-03", name="南坪村", kind=UnitKind.VILLAGE, parent=county.township)
    html = client.get(f"/public/reports/view/?id={report.pk}").content.decode()
    assert "2个村（社区）" in re.sub(r"<[^>]+>", "", html) and "/orgs/units/" not in html  # no staff links on the public page
    docx = client.get(f"/public/reports/view/?id={report.pk}&export=docx")
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert client.get("/public/reports/view/?id=abc").status_code == 404


def test_report_list_filters_exports_and_keeps_its_query_count(client, county, test_figures):
    services.report_create(actor=county.office, year=2019, unit=county.gov)
    client.force_login(county.office)
    client.get("/reports/")
    with CaptureQueriesContext(connection) as few:
        assert "某县人民政府2019年度" in client.get("/reports/").content.decode()
    for year in (2016, 2017, 2018):
        services.report_create(actor=county.office, year=year, unit=county.gov)
        services.report_create(actor=county.office, year=year, unit=county.market)
    with CaptureQueriesContext(connection) as many:
        html = client.get("/reports/").content.decode()
    assert html.count('class="overdue"') == 7  # every past year's report is late
    assert len(many) == len(few)
    assert "2018年度" not in client.get("/reports/?year=2019").content.decode()
    export = client.get("/reports/?year=2019&export=xlsx")
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(export.content)).active.values)
    assert len(rows) == 2 and rows[1][1] == "某县人民政府"


def test_create_page(client, county, test_figures):
    client.force_login(county.office)
    response = client.post("/reports/new/", {"year": "2019", "unit": county.gov.pk})
    report = Report.objects.get()
    assert response.status_code == 302 and response.url == f"/reports/{report.pk}/"
    html = client.post("/reports/new/", {"year": "2019", "unit": county.gov.pk}).content.decode()
    assert "已经存在" in html


def _charts(html):
    data = re.search(r'<script id="dashboard-data" type="application/json">(.*?)</script>', html, re.S).group(1)
    return {c["id"]: c for c in json.loads(data)["charts"]}


def test_dashboard_shows_figures_trends_rankings_and_alert_counts(client, county, broken_provider):
    client.force_login(county.leader)
    html = client.get("/dashboard/?year=2019").content.decode()
    assert "<script>" not in html  # no inline script (CSP)
    assert 'href="/orgs/units/?kind=village" data-figure="testmod.villages">2</a>' in html
    charts = _charts(html)
    trend = charts["trend-testmod.monthly"]
    assert trend["kind"] == "line" and trend["categories"][0] == "1月" and trend["values"] == [1] * 12
    rank = charts["rank-testmod.on_time"]
    assert set(rank["categories"]) >= {"某县司法局", "某县市场监督管理局", "某县水利和湖泊局"}
    assert all(link.startswith("/orgs/units/") for link in rank["links"])
    # one chart per unit of measure: 件 and 个 never share an axis
    module = charts["module-testmod"]
    assert module["categories"] == ["月度事项"] and module["unit"] == "件"
    other = charts["module-testmod-1"]
    assert other["categories"] == ["村（社区）"] and other["unit"] == "个" and other["links"][0] == "/orgs/units/?kind=village"
    severity = charts["alerts-severity"]
    from django.utils import timezone

    from fazhi.reporting.alerts import report_deadlines

    own = report_deadlines(county.leader, timezone.localdate())  # this year's deadlines of last year's report
    expected = [sum(a.severity == s for a in own) for s in ("info", "warning", "overdue")]
    expected[2] += 3  # the test provider's three departments
    assert severity["values"] == expected and severity["links"][2] == "/alerts/?severity=overdue"
    assert "坏的检查" in html


def test_a_liaison_sees_the_dashboard_of_the_own_unit_only(client, county, broken_provider, calls):
    client.force_login(county.liaison)
    html = client.get("/dashboard/?year=2019").content.decode()
    own = {county.market.pk, county.market_station.pk}
    assert calls.unit_ids[-1] == own
    rank = _charts(html)["rank-testmod.on_time"]
    assert rank["categories"] == ["某县市场监督管理局"]
    assert _charts(html)["alerts-severity"]["values"][2] >= 1
    assert client.get(f"/dashboard/?unit={county.justice.pk}").status_code == 404
    client.get(f"/dashboard/?unit={county.market_station.pk}")
    assert calls.unit_ids[-1] == {county.market_station.pk}
    client.force_login(county.office)
    client.get(f"/dashboard/?unit={county.township.pk}")
    assert calls.unit_ids[-1] == {county.township.pk, county.village_east.pk, county.village_west.pk}


def test_dashboard_query_count_does_not_grow_with_the_data(client, county, test_figures):
    client.force_login(county.office)
    client.get("/dashboard/")
    with CaptureQueriesContext(connection) as few:
        client.get("/dashboard/")
    for i in range(20):
        org_services.unit_create(actor=None, code=f"X-{i}", name=f"某县第{i}局", kind="department", parent=county.gov)
    with CaptureQueriesContext(connection) as many:
        client.get("/dashboard/")
    assert len(many) == len(few)


def test_refresh_takes_the_new_values_and_is_a_post(client, county, report):
    client.force_login(county.office)
    org_services.unit_create(actor=None, code="P-T01-03", name="南坪村", kind=UnitKind.VILLAGE, parent=county.township)
    assert client.get(f"/reports/{report.pk}/refresh/").status_code == 405
    client.post(f"/reports/{report.pk}/refresh/")
    html = client.get(f"/reports/{report.pk}/").content.decode()
    assert "figure-changed" not in html and re.search(r'data-figure="testmod.villages"[^>]*>3</a>', html)


def test_public_page_masks_personal_data_in_the_prose(client, county, report):
    services.report_update(actor=county.office, report=report, title=report.title,
                           bodies={"other": "联系人电话13907191234。"})
    published(county, report)
    html = client.get(f"/public/reports/view/?id={report.pk}").content.decode()
    assert "13907191234" not in html and "联系人电话××" in html


def test_month_and_unit_breakdowns_are_recognised(county):
    from fazhi.reporting.selectors import Computed, monthly_series, unit_series

    c = Computed("m.x", "事项", "件", "", value=3, link="/x/?year=2019",
                 breakdown={"1月": 1, "3月": {"value": 2, "link": "/x/?month=3"}})
    series = monthly_series(c)
    assert [v for _m, v, _l in series][:3] == [1, 0, 2] and series[2][2] == "/x/?month=3"
    assert monthly_series(Computed("m.y", "y", "件", "", breakdown={"行政许可": 1})) is None
    ranked = unit_series(Computed("m.z", "z", "%", "", link="/z/", breakdown={"某县司法局": 90}),
                         {"某县司法局": county.justice})
    assert ranked == [(county.justice, 90.0, f"/z/?unit={county.justice.pk}")]


def test_reports_are_found_by_the_shared_search(county, report):
    from fazhi.core import search

    assert [h.entry.url for h in search.query("村（社区）", user=county.office)] == [f"/reports/{report.pk}/"]
    assert search.query("村（社区）", user=county.outsider).total == 0
    assert search.query("村（社区）", public_only=True).total == 0
    published(county, report)
    hits = list(search.query("村（社区）", public_only=True))
    assert [h.entry.url for h in hits] == [f"/public/reports/view/?id={report.pk}"]


def test_a_failing_figure_is_shown_as_such_and_never_breaks_the_dashboard(client, county, test_figures):
    def broken(*, year, unit_ids=None):
        raise ZeroDivisionError

    test_figures.register_figure("testmod.broken", label="坏指标", unit="件", chapter="二、", compute=broken)
    client.force_login(county.office)
    response = client.get("/dashboard/")
    assert response.status_code == 200 and "取数失败：ZeroDivisionError" in response.content.decode()
