"""The workbench as people use it: find a to-do, act on it, see it leave; filters; bounded queries; landing."""
import datetime
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.registry import collect_todos
from fazhi.powers import services as powers
from fazhi.powers.tests.factories import content


def _submitted(county, title="食品经营事项调整", code="SCJ-CF-101"):
    adj = powers.adjustment_create(actor=county.liaison, unit=county.market, title=title, reason="法律修改",
                                   trigger_document="县政府办〔2019〕1号", effective_on=datetime.date(2019, 6, 1))
    powers.line_add(actor=county.liaison, adjustment=adj, kind="add", code=code, content=content())
    return powers.adjustment_submit(actor=county.liaison, adjustment=adj)


def _workbench(client, user, **params):
    client.force_login(user)
    return client.get(reverse("console:workbench"), params)


@pytest.mark.django_db
class TestTodos:
    def test_office_finds_the_adjustment_approves_it_and_it_leaves_the_list(self, client, county):
        adj = _submitted(county)
        html = _workbench(client, county.office).content.decode()
        link = reverse("powers:adjustment_detail", args=[adj.pk])
        assert f"审核动态调整：{adj.title}" in html and link in html
        # the record page says what happens next and who does it
        page = client.get(link).content.decode()
        assert "待法治办审核通过" in page
        powers.adjustment_approve(actor=county.office, adjustment=adj)
        html = _workbench(client, county.office).content.decode()
        assert f"审核动态调整：{adj.title}" not in html

    def test_only_who_may_act_sees_the_to_do(self, county):
        adj = _submitted(county)
        today = datetime.date(2019, 7, 1)
        titles = {name: [t.title for t in collect_todos(getattr(county, name), today)[0]]
                  for name in ("office", "liaison", "reviewer", "leader", "outsider")}
        wanted = f"审核动态调整：{adj.title}（{county.market.name}提交）"
        assert wanted in titles["office"]
        for name in ("liaison", "reviewer", "leader", "outsider"):
            assert wanted not in titles[name], name

    def test_returned_adjustment_waits_for_its_unit(self, county):
        adj = _submitted(county)
        powers.adjustment_return(actor=county.office, adjustment=adj, reason="依据不全")
        todos = collect_todos(county.liaison, datetime.date(2019, 7, 1))[0]
        assert any(t.title == f"动态调整已退回，修改后重新提交：{adj.title}" for t in todos)

    def test_the_menu_counts_the_to_dos(self, client, county):
        _submitted(county)
        _submitted(county, title="第二项调整", code="SCJ-CF-102")
        menu = _workbench(client, county.office).context["nav_menu"]
        powers_section = next(s for s in menu if s["section"] == "权责清单")
        assert powers_section["todos"] == 2


@pytest.mark.django_db
class TestFilters:
    def test_week_month_overdue_and_junk(self, client, county):
        _submitted(county)  # due 5 working days (the rule parameter) after submission
        today = datetime.date.today()

        def titles(**params):
            return [r["todo"].title for r in _workbench(client, county.office, **params).context["todos"]]

        with mock.patch("fazhi.core.clock.today", return_value=today + datetime.timedelta(days=60)):
            assert any("审核动态调整" in t for t in titles(period="overdue"))
            assert any("审核动态调整" in t for t in titles(period="week"))  # overdue counts as due this week
        assert not any("审核动态调整" in t for t in titles(period="overdue"))
        response = _workbench(client, county.office, period="<script>")
        assert response.status_code == 200 and "筛选条件无效" in response.content.decode()
        assert any("审核动态调整" in r["todo"].title for r in response.context["todos"])


@pytest.mark.django_db
class TestQueryCount:
    def _count(self, client, user):
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("console:workbench")).status_code == 200
        return len(ctx.captured_queries)

    def test_the_workbench_does_not_grow_with_the_records(self, client, county):
        _submitted(county, code="SCJ-CF-200")
        few = self._count(client, county.office)
        for i in range(25):  # more than one provider lists record by record
            _submitted(county, title=f"调整{i}", code=f"SCJ-CF-{300 + i}")
        many = self._count(client, county.office)
        assert many <= few + 2, (few, many)  # one count for the "另有N项" line


@pytest.mark.django_db
class TestLanding:
    def test_leader_lands_on_the_dashboard_others_on_the_workbench(self, client, county):
        for name, target in (("leader", reverse("reporting:dashboard")), ("office", reverse("console:workbench")),
                             ("officer", reverse("console:workbench"))):
            client.logout()
            user = getattr(county, name)
            user.set_password("pw-12345678")
            user.save()
            response = client.post(reverse("orgs:login"), {"username": user.username, "password": "pw-12345678"})
            assert response.status_code == 302 and response.url == target, (name, response.url)


@pytest.mark.django_db
class TestNextStep:
    def test_a_signed_document_waits_for_the_office_to_register_its_number(self, client, county):
        from fazhi.normative_docs import services as docs
        from fazhi.normative_docs.tests.factories import draft, signed

        doc = signed(county)
        client.force_login(county.liaison)
        page = client.get(reverse("normative_docs:doc_detail", args=[doc.pk])).content.decode()
        assert "下一步：</strong>待法治办统一登记编号" in page
        # the office finds it on its workbench, registers the number, and it leaves the list
        wanted = f"统一登记编号：{doc.title}"
        assert wanted in _workbench(client, county.office).content.decode()
        docs.doc_register(actor=county.office, doc=doc, on=datetime.date(2019, 3, 14))
        html = _workbench(client, county.office).content.decode()
        assert wanted not in html and f"统一公布：{doc.title}" in html
        # a document in review waits for the reviewer's opinion
        reviewing = docs.review_submit(actor=county.liaison, doc=draft(county, title="第二份文件"),
                                       on=datetime.date(2019, 3, 1))
        client.force_login(county.liaison)
        page = client.get(reverse("normative_docs:doc_detail", args=[reviewing.pk])).content.decode()
        assert "待法制审核机构出具合法性审核意见" in page

    def test_history_reads_as_plain_chinese(self, client, county):
        from fazhi.normative_docs.tests.factories import published

        doc = published(county)
        client.force_login(county.office)
        page = client.get(reverse("normative_docs:doc_detail", args=[doc.pk])).content.decode()
        assert "规范性文件统一公布（2019-03-20）" in page
        assert "normative_docs.published" not in page and "registered →" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["sysadmin", "office", "liaison", "reviewer", "officer", "lawyer", "leader",
                                     "outsider"])
def test_the_menu_shows_each_role_only_what_it_can_use(client, county, persona):
    from fazhi.core.navigation import menu_for

    user = getattr(county, persona)
    client.force_login(user)
    refused = []
    for section in menu_for(user):
        for item in section["items"]:
            status = client.get(item["url"]).status_code
            if status != 200:
                refused.append((section["section"], item["label"], status))
    assert not refused, refused
