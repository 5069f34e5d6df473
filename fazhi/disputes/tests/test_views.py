"""The pages: registration proposes merging, opening a petition is logged, the export is masked, the public
query shows only the own matter, the statistics page reports a subtotal mismatch, junk filters are warnings."""
import datetime
import io

import pytest
from django.urls import reverse

from fazhi.core.models import AuditEntry
from fazhi.disputes import services
from fazhi.disputes.models import Petition

from .factories import case, org, petition

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 3, 4)


def form(**extra):
    data = {"channel": "visit", "received_on": "2024-03-04", "petitioner_name": "钱多多", "phone": "13977778888",
            "persons": "1", "event_on": "2024-02-01", "category": "claim", "level": "general",
            "request": "请求退还购房定金", "facts": "开发商逾期未交房。"}
    data.update(extra)
    return data


def test_registration_page_proposes_merging(client, county, at):
    at(DAY)
    client.force_login(county.office)
    url = reverse("disputes:petition_create")
    assert client.post(url, form()).status_code == 302
    first = Petition.objects.get(petitioner_name="钱多多")
    response = client.post(url, form(channel="letter"))
    assert response.status_code == 200 and "一人一事" in response.content.decode() and first.number in \
        response.content.decode()
    response = client.post(url, form(channel="letter", merge=str(first.pk)))
    assert response.status_code == 302 and Petition.objects.filter(petitioner_name="钱多多").count() == 1
    first.refresh_from_db()
    assert first.repeat_count == 1


def test_detail_logs_the_reader_and_export_is_masked(client, county, at):
    from openpyxl import load_workbook

    at(DAY)
    p = petition(county, on=DAY, name="孙小美", phone="13955556666")
    client.force_login(county.office)
    assert client.get(reverse("disputes:petition_detail", args=[p.pk])).status_code == 200
    assert AuditEntry.objects.filter(event_name="disputes.petition_read", object_id=str(p.pk),
                                     actor=county.office).count() == 1
    response = client.get(reverse("disputes:petition_list") + "?export=xlsx&year=abc&sort=zzz")
    assert response.status_code == 200
    text = " ".join(str(c.value) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()
                    for c in row if c.value)
    assert p.number in text and "孙小美" not in text and "13955556666" not in text


def test_public_query_page(client, county, at):
    at(DAY)
    mine = petition(county, on=DAY, phone="13911113333")
    other = petition(county, on=DAY, phone="13922224444")
    url = reverse("disputes:public_query")
    assert client.get(url).status_code == 200
    page = client.post(url, {"code": mine.receipt_code, "phone": "13911113333"}).content.decode()
    assert mine.number in page and "已登记" in page and other.number not in page and mine.request not in page
    page = client.post(url, {"code": other.receipt_code, "phone": "13911113333"}).content.decode()
    assert other.number not in page and "不正确" in page


def test_statistics_page_reports_the_mismatch(client, county, at):
    at(DAY)
    o = org(county)
    case(county, o, on=DAY)
    services.return_save(actor=county.office, org=o, year=2024, accepted=5, succeeded=4, lines=[("family", 3, 3)])
    client.force_login(county.office)
    page = client.get(reverse("disputes:statistics") + "?year=2024").content.decode()
    assert "小计与合计不符" in page and "分类型受理小计3件，与报表合计5件不符" in page
    assert client.get(reverse("disputes:statistics") + "?year=junk").status_code == 200


def test_lists_ignore_junk_filters(client, county):
    client.force_login(county.office)
    for name in ("petition_list", "case_list", "org_list", "hall_list"):
        assert client.get(reverse(f"disputes:{name}") + "?status=zzz&year=x&sort=bad&page=abc").status_code == 200
