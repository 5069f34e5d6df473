"""The public site: one navigation bar and one search on every public page; drafts open for comment on the home
page; counts that equal the rows listed."""
import datetime
import re

import pytest
from django.urls import reverse

from fazhi.core import clock, search
from fazhi.decisions import services as decision_services
from fazhi.decisions.tests import factories as df
from fazhi.portal.registry import public_sections

pytestmark = pytest.mark.django_db


def _open_draft(county, title="某县城区养犬管理规定"):
    d = df.decision(county, title=title)
    today = clock.today()
    return decision_services.comment_open(actor=county.office, decision=d, comment_start=today - datetime.timedelta(days=1),
                                          comment_end=today + datetime.timedelta(days=30))


def test_every_public_page_has_the_navigation_with_every_register_and_the_site_search(client, county):
    sections = public_sections()
    assert {"法治政府建设年度报告", "权责清单", "行政规范性文件库", "重大行政决策征求意见", "行政执法公示"} <= {
        s["title"] for s in sections}
    for url in [reverse("portal:home"), reverse("portal:search"), reverse("decisions:public_list"),
                reverse("normative_docs:public_list"), reverse("reporting:public_report_list")]:
        html = client.get(url).content.decode()
        nav = html.split('data-testid="public-nav"')[1].split("</nav>")[0]
        for s in sections:
            assert f'href="{s["url"]}"' in nav, (url, s["title"])
        assert f'action="{reverse("portal:search")}"' in nav and 'name="q"' in nav, url


def test_home_lists_drafts_open_for_comment_with_their_comment_form(client, county):
    d = _open_draft(county)
    closed = df.decision(county, title="尚未公开征求意见的草案")
    html = client.get(reverse("portal:home")).content.decode()
    drafts = html.split('data-testid="open-drafts"')[1].split("</section>")[0]
    link = reverse("decisions:public_detail") + f"?id={d.pk}"
    assert d.title in drafts and f'{link}#comment' in drafts and closed.title not in drafts
    page = client.get(link).content.decode()
    assert 'id="comment"' in page and "验证问题" in page


def test_site_search_lists_public_hits_with_highlights_and_counts_what_it_lists(client, county):
    d = _open_draft(county, title="某县城区养犬管理规定草案")
    search.index(d, title=d.title, text="关于城区养犬登记和牵绳的规定", unit=county.gov, url="/x/", public=True,
                 source="decisions.decision")
    html = client.get(reverse("portal:search"), {"q": "养犬"}).content.decode()
    total = int(re.search(r"共 (\d+) 条结果", html).group(1))
    assert total == html.count('class="search-hit"') >= 1
    assert "<mark>养犬</mark>" in html and "重大行政决策" in html
    assert "共 0 条结果" in client.get(reverse("portal:search"), {"q": "没有这个词语"}).content.decode()


def test_an_over_long_query_says_it_was_shortened(client, county):
    html = client.get(reverse("portal:search"), {"q": "依法行政" * 30}).content.decode()
    assert 'data-testid="search-notice"' in html and "检索词过长" in html


def test_junk_page_numbers_are_harmless(client, county):
    for page in ["0", "-1", "abc", "99999999"]:
        assert client.get(reverse("portal:search"), {"q": "管理", "page": page}).status_code == 200


@pytest.mark.django_db
def test_public_registers_of_the_demo_count_exactly_the_rows_they_list(client, demo_county):
    """The public search of enforcement decisions once said "共 17 条" over an empty list: the index also holds
    decisions whose display period has ended. Count and rows now come from the same set."""
    for url, params in [("enforcement:public_decisions", {"q": q}) for q in ["食品", "处罚", "市场", "安全"]] + [
            ("decisions:public_list", {"q": "方案"}), ("decisions:public_list", {"status": "consultation"}),
            ("decisions:public_list", {})]:
        html = client.get(reverse(url), {**params, "size": 100}).content.decode()
        count = int(re.search(r"共 (\d+) 条", html).group(1))
        body = html.split("<tbody>")[1].split("</tbody>")[0]
        rows = body.count("<tr") - body.count('colspan=')
        assert count == rows, (url, params, count, rows)
    for q in ["食品", "行政处罚", "规定"]:
        html = client.get(reverse("portal:search"), {"q": q}).content.decode()
        total = int(re.search(r"共 (\d+) 条结果", html).group(1))
        assert html.count('class="search-hit"') == min(total, 20), q
