"""The shared drill-down page of a figure: exactly the counted records, for the reader's scope."""
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

URL = reverse("reporting:figure_records")


def _login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


@pytest.mark.django_db
def test_a_count_lists_each_counted_record_with_its_unit(client, demo_county):
    _login(client, "fzb")
    response = client.get(URL, {"key": "decisions.comments_received", "year": 2019})
    html = response.content.decode()
    assert response.status_code == 200
    assert "重大行政决策收到公众意见（2019年）" in html
    assert 'data-testid="figure-value">25<' in html and "共 25 条" in html


@pytest.mark.django_db
def test_a_sum_shows_the_number_it_adds_up_and_its_total(client, demo_county):
    _login(client, "fzb")
    html = client.get(URL, {"key": "disputes.hall_visitors", "year": 2019}).content.decode()
    assert 'data-testid="figure-amount">553<' in html
    assert "数量（人）" in html
    # 元 turned into 万元 as the figure states it
    html = client.get(URL, {"key": "legal_services.purchase_amount", "year": 2019}).content.decode()
    assert 'data-testid="figure-amount">423.6<' in html


@pytest.mark.django_db
def test_two_kinds_of_records_are_listed_one_after_the_other(client, demo_county):
    _login(client, "fzb")
    html = client.get(URL, {"key": "decisions.matters_reviewed", "year": 2019, "size": 50}).content.decode()
    assert "共 20 条" in html


@pytest.mark.django_db
def test_the_export_has_the_same_rows(client, demo_county):
    _login(client, "fzb")
    response = client.get(URL, {"key": "normative_docs.reviews_done", "year": 2019, "export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1 + 22
    assert [c.value for c in sheet[1]][:2] == ["记录", "所属单位"]


@pytest.mark.django_db
def test_a_chosen_unit_narrows_the_rows_to_its_tree(client, demo_county):
    from fazhi.orgs.models import OrgUnit

    _login(client, "fzb")
    township = OrgUnit.objects.filter(kind="township").order_by("path").first()
    html = client.get(URL, {"key": "legal_services.villages_covered", "year": 2019, "unit": township.pk}).content.decode()
    villages = OrgUnit.objects.filter(parent=township, kind="village").count()
    assert f"共 {villages} 条" in html and township.name in html


@pytest.mark.django_db
def test_bad_parameters_are_a_message_or_a_404_never_an_error(client, demo_county):
    _login(client, "fzb")
    assert client.get(URL, {"key": "no.such_figure", "year": 2019}).status_code == 404
    assert client.get(URL).status_code == 404
    response = client.get(URL, {"key": "decisions.completed", "year": "99999999999999999999", "unit": "abc",
                                "page": "abc", "size": 7})
    assert response.status_code == 200
    assert "年度无效" in response.content.decode()
    # a figure its module links to its own register has no rows here
    assert client.get(URL, {"key": "orgs.departments", "year": 2019}).status_code == 404


@pytest.mark.django_db
def test_a_liaison_sees_only_the_own_units_records_and_the_public_nothing(client, demo_county):
    _login(client, "liaison")
    response = client.get(URL, {"key": "legal_services.villages_covered", "year": 2019})
    assert response.status_code in (200, 403)
    if response.status_code == 200:
        assert "共 286 条" not in response.content.decode()
    client.logout()
    assert client.get(URL, {"key": "decisions.completed", "year": 2019}).status_code in (302, 403)


def _shape(sql):
    """A query with its values taken out: the same statement for another row has the same shape."""
    import re

    return re.sub(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b", "?", sql)


@pytest.mark.django_db
def test_no_figure_page_runs_one_query_per_row(client, demo_county):
    """A page of 50 records costs the same queries as a page of 2: a record named by a related record (a
    procedure step by its decision) has that record fetched with the rows, not once per row."""
    from collections import Counter

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.core.registry import figures
    from fazhi.reporting import selectors

    _login(client, "fzb")
    per_row, checked = [], 0
    for key, figure in figures().items():
        c = selectors.compute_figure(figure, year=2019)
        if not c.link or not c.link.startswith(URL):
            continue
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"{c.link}&size=50")
        assert response.status_code == 200, key
        rows = response.content.decode().count("<tr><td>")
        repeated = [(n, shape) for shape, n in Counter(_shape(q["sql"]) for q in ctx.captured_queries).items()
                    if n > 3]
        if rows > 3 and repeated:
            per_row.append(f"{key}: {rows} rows, {repeated[0][0]}× {repeated[0][1][:160]}")
        checked += 1
    assert checked > 30
    assert not per_row, "\n".join(per_row)
