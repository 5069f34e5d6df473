"""The public home, the login page and the lists' query counts."""
import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_public_home_and_login_are_chinese(client):
    html = client.get("/").content.decode()
    assert 'lang="zh-Hans"' in html and "法治政府建设" in html
    assert "登录" in client.get("/login/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["orgs:unit_list", "orgs:user_list", "console:audit_list", "orgs:login_log"])
def test_list_query_count_does_not_grow_with_rows(client, county, settings, url_name):
    """Twenty rows or two hundred: the same number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.orgs import services
    from fazhi.orgs.choices import UnitKind

    settings.FAZHI_PAGE_SIZE = 500
    client.post("/login/", {"username": "office", "password": "bad"})  # every list has at least one row
    client.force_login(county.office)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(url_name)).status_code == 200
        return len(ctx)

    small = count()
    client.logout()
    for i in range(40):
        unit = services.unit_create(actor=county.office, code=f"Q-{i}", name=f"测试单位{i}",
                                    kind=UnitKind.DEPARTMENT, parent=county.gov)
        user = services.user_create(actor=county.office, username=f"q{i}", full_name=f"测试{i}", unit=unit,
                                    password="Fazhi@2019")
        services.role_grant(actor=county.office, user=user, role_code="liaison")
        client.post("/login/", {"username": f"q{i}", "password": "bad"})
    from fazhi.orgs.models import LoginLog

    assert LoginLog.objects.filter(event="failure").count() == 41
    client.force_login(county.office)
    assert count() == small
