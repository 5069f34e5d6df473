"""Dispute clusters (矛盾纠纷专项化解): the register, the cluster with its leading group's members and meetings,
households one by one and from Excel, progress, who may read and who may change, the to-do, the demo."""
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.errors import DomainError, NotFound
from fazhi.core.models import AuditEntry
from fazhi.disputes import cluster_selectors, cluster_services, policies, services
from fazhi.disputes.models import ClusterHousehold, DisputeCluster

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 5, 6)


def make(county, *, unit=None, members=(), name="某小区逾期交房专项"):
    return cluster_services.cluster_save(
        actor=county.office, name=name, kind="housing", unit=unit or county.justice, leading_group="某小区专项领导小组",
        set_up_on=datetime.date(2024, 3, 1), member_units=list(members), leader=county.leader)


def household(county, cluster, name="张三", status="open", **extra):
    return cluster_services.household_add(actor=county.office, cluster=cluster, name=name, request="请求按期交房",
                                          handler=county.market, status=status, **extra)


def cluster_form(county, **extra):
    data = {"name": "某小区逾期交房专项", "kind": "housing", "unit": str(county.justice.pk), "leading_group": "领导小组",
            "leader": str(county.leader.pk), "member_units": [str(county.market.pk)], "set_up_on": "2024-03-01",
            "status": "handling", "closing_summary": ""}
    data.update(extra)
    return data


def test_office_creates_edits_and_closes_a_cluster_only_with_a_closing_summary(client, county, at):
    at(DAY)
    client.force_login(county.office)
    assert client.get(reverse("disputes:cluster_create")).status_code == 200
    assert client.post(reverse("disputes:cluster_create"), cluster_form(county)).status_code == 302
    cluster = DisputeCluster.objects.get(name="某小区逾期交房专项")
    assert list(cluster.member_units.all()) == [county.market] and cluster.leader == county.leader
    edit = reverse("disputes:cluster_edit", args=[cluster.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, cluster_form(county, status="resolved"))
    assert response.status_code == 200 and "须填写化解总结" in response.content.decode()
    assert client.post(edit, cluster_form(county, status="resolved", closing_summary="全部交房，违约金已兑付")
                       ).status_code == 302
    cluster.refresh_from_db()
    assert cluster.status == "resolved" and cluster.closed_on == DAY
    assert AuditEntry.objects.filter(object_id=str(cluster.pk), event_name="disputes.cluster_saved").count() == 2
    # a closed cluster takes no more households; reopening clears the closing date
    with pytest.raises(DomainError, match="已化解"):
        household(county, cluster)
    cluster = cluster_services.cluster_save(actor=county.office, cluster=cluster, name=cluster.name, kind="housing",
                                            unit=county.justice, leading_group="领导小组", set_up_on=cluster.set_up_on)
    assert cluster.closed_on is None
    with pytest.raises(DomainError, match="同名"):
        make(county, name="某小区逾期交房专项")


def test_lead_unit_must_be_within_the_writers_scope(county):
    with pytest.raises(DomainError, match="牵头单位不在"):
        cluster_services.cluster_save(
            actor=county.liaison, name="越权专项", kind="other", unit=county.justice, leading_group="组",
            set_up_on=datetime.date(2024, 1, 1))
    with pytest.raises(DomainError, match="请选择牵头单位"):
        cluster_services.cluster_save(actor=county.office, name="无牵头", kind="other", unit=None,
                                      leading_group="组", set_up_on=datetime.date(2024, 1, 1))
    led = cluster_services.cluster_save(actor=county.liaison, name="市场专项", kind="other", unit=county.market,
                                        leading_group="组", set_up_on=datetime.date(2024, 1, 1))
    assert led.unit == county.market


def test_scope_for_each_persona(client, county):
    led_by_justice = make(county, members=[county.market])
    led_by_market = make(county, unit=county.market, name="市场牵头专项")
    h = household(county, led_by_justice, name="李四")
    p = policies.clusters
    # office: reads and edits everything
    assert p.can_on(county.office, "edit", led_by_justice) and p.can_on(county.office, "edit", led_by_market)
    # liaison of the member unit reads the justice-led cluster, cannot change it; edits the one its unit leads
    assert p.can_on(county.liaison, "view", led_by_justice) and not p.can_on(county.liaison, "edit", led_by_justice)
    assert p.can_on(county.liaison, "add_household", led_by_market)
    # leaders read only
    assert p.can_on(county.leader, "view", led_by_justice)
    assert not any(p.can_on(county.leader, a, led_by_justice) for a in p.permissions)
    # outsider and the village lawyer see nothing
    for who in (county.outsider, county.lawyer):
        assert not p.visible(who).filter(pk=led_by_justice.pk).exists()
        with pytest.raises(NotFound):
            p.get(who, led_by_justice.pk)
    page = reverse("disputes:cluster_detail", args=[led_by_justice.pk])
    client.force_login(county.liaison)
    body = client.get(page).content.decode()
    assert "李某" in body and "李四" not in body and "登记涉及户" not in body  # readers see the name masked
    assert client.get(reverse("disputes:cluster_household_add", args=[led_by_justice.pk])).status_code == 403
    assert client.get(reverse("disputes:cluster_household_update", args=[h.pk])).status_code == 403
    client.force_login(county.leader)
    assert client.get(page).status_code == 200
    assert client.get(reverse("disputes:cluster_edit", args=[led_by_justice.pk])).status_code == 403
    client.force_login(county.outsider)
    assert client.get(page).status_code == 404
    assert client.get(reverse("disputes:cluster_household_update", args=[h.pk])).status_code == 404
    client.force_login(county.office)
    assert "李四" in client.get(page).content.decode()


def test_members_meetings_and_households_refused_and_allowed(client, county, at):
    at(DAY)
    cluster = make(county, members=[county.market])
    url = cluster.get_absolute_url()
    for action, kwargs in [
        (cluster_services.member_add, {"post": "leader", "person": county.leader, "from_on": DAY}),
        (cluster_services.meeting_add, {"held_on": DAY, "chair": "常务副县长", "attendees": "各成员单位",
                                        "topics": "逐户研判", "decisions": "限期化解"}),
    ]:
        for who in (county.leader, county.liaison):
            with pytest.raises(DomainError):
                action(actor=who, cluster=cluster, **kwargs)
        with pytest.raises(NotFound):
            action(actor=county.outsider, cluster=cluster, **kwargs)
        action(actor=county.office, cluster=cluster, **kwargs)
    with pytest.raises(DomainError, match="二者选其一"):
        cluster_services.member_add(actor=county.office, cluster=cluster, post="member", from_on=DAY)
    with pytest.raises(DomainError, match="截止日期"):
        cluster_services.member_add(actor=county.office, cluster=cluster, post="member", unit=county.market,
                                    from_on=DAY, to_on=DAY - datetime.timedelta(days=1))
    client.force_login(county.office)
    assert client.get(reverse("disputes:cluster_member_add", args=[cluster.pk])).status_code == 200
    assert client.post(reverse("disputes:cluster_member_add", args=[cluster.pk]), {
        "post": "member", "unit": str(county.market.pk), "title": "分管副局长", "from_on": "2024-05-01"}).status_code == 302
    assert client.post(reverse("disputes:cluster_meeting_add", args=[cluster.pk]), {
        "held_on": "2024-05-02", "chair": "组长", "attendees": "成员", "topics": "议题甲", "decisions": "决定乙"}
    ).status_code == 302
    body = client.get(url).content.decode()
    assert "议题甲" in body and "分管副局长" in body and "县领导吴某" in body
    assert AuditEntry.objects.filter(object_id=str(cluster.pk), event_name="disputes.cluster_meeting_added").count() == 2
    # households: the form with the pickers, a linked petition, the update marking it resolved
    petition = services.petition_register(actor=county.office, office=county.justice, channel="visit",
                                          petitioner_name="王 五", phone="13900001111", event_on=DAY, category="claim",
                                          request="请求交房", facts="逾期", merge="new")
    add = reverse("disputes:cluster_household_add", args=[cluster.pk])
    assert client.get(add).status_code == 200
    assert client.post(add, {"name": "王 五", "request": "请求交房", "amount": "12000", "handler": str(county.market.pk),
                             "status": "handling", "last_contact_on": "2024-05-03", "petition": str(petition.pk)}
                       ).status_code == 302
    h = ClusterHousehold.objects.get(cluster=cluster)
    assert h.name == "王五" and h.petition == petition and h.amount == Decimal("12000")
    response = client.post(add, {"name": "王五", "request": "重复", "handler": str(county.market.pk), "status": "open"})
    assert response.status_code == 200 and "已有涉及户" in response.content.decode()
    with pytest.raises(DomainError, match="不能为负数"):
        household(county, cluster, name="赵六", amount=Decimal("-1"))
    update = reverse("disputes:cluster_household_update", args=[h.pk])
    assert client.get(update).status_code == 200
    assert client.post(update, {"status": "resolved", "last_contact_on": "2024-05-06", "note": "已交房"}
                       ).status_code == 302
    h.refresh_from_db()
    assert h.status == "resolved" and h.note == "已交房"
    body = client.get(url).content.decode()
    assert "已化解 <strong>1</strong> 户 / 共 1 户（100.0%）" in body and petition.number in body
    with pytest.raises(DomainError):
        cluster_services.household_update(actor=county.leader, household=h, status="open")


def test_household_links_refused_outside_the_writers_scope(county, at):
    at(DAY)
    cluster = make(county, unit=county.market, name="市场牵头专项")
    petition = services.petition_register(actor=county.office, office=county.justice, channel="visit",
                                          petitioner_name="周某某", phone="13900002222", event_on=DAY,
                                          category="claim", request="请求", facts="事实", merge="new")
    with pytest.raises(DomainError, match="信访事项不在"):
        cluster_services.household_add(actor=county.liaison, cluster=cluster, name="周某某", request="请求",
                                       handler=county.market, petition=petition)


def _sheet(rows):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["户主姓名", "诉求", "涉及金额（元）", "包户单位", "化解状态", "最近联系日期", "关联信访事项编号",
               "关联调解案件编号", "备注"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("涉及户.xlsx", out.getvalue(),
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def test_household_import_is_all_or_nothing_with_errors_per_row(client, county, at):
    at(DAY)
    cluster = make(county)
    household(county, cluster, name="钱七")
    client.force_login(county.office)
    url = reverse("disputes:cluster_household_import", args=[cluster.pk])
    assert client.get(url).status_code == 200
    bad = _sheet([
        ["王 明（３栋５０２）", "逾期交房违约金", "8000", county.market.name, "化解中", "2024-05-01", "", "", ""],
        ["钱 七", "重复的户", "", county.market.name, "", "", "", "", ""],
        ["孙八", "诉求", "", "不存在的单位", "", "", "", "", ""],
        ["吴十", "诉求", "", county.market.code, "", "", "XF-不存在", "", ""],
        ["郑十一", "诉求", "", county.market.code, "", "", "", "TJ-不存在", ""],
        ["王明(3栋502)", "同一文件重复", "", county.market.code, "", "", "", "", ""],
    ])
    response = client.post(url, {"file": bad})
    body = response.content.decode()
    assert response.status_code == 200 and cluster.households.count() == 1
    for text in ("第 3 行", "已有涉及户“钱七”", "包户单位“不存在的单位”不存在", "信访事项“XF-不存在”不存在",
                 "调解案件“TJ-不存在”不存在", "已有涉及户“王明(3栋502)”"):
        assert text in body, text
    response = client.post(url, {"file": _sheet([["周九", "诉求", "-5", county.market.code, "", "", "", "", ""]])})
    assert "应为不小于0的金额" in response.content.decode() and cluster.households.count() == 1
    good = _sheet([["王 明（３栋５０２）", "逾期交房违约金", "8000", county.market.name, "化解中", "2024-05-01", "", "",
                    ""], ["孙八", "诉求", "", county.market.code, "已化解", "", "", "", "备注"]])
    assert client.post(url, {"file": good}).status_code == 302
    assert set(cluster.households.values_list("name", flat=True)) == {"钱七", "王明(3栋502)", "孙八"}
    assert AuditEntry.objects.filter(event_name="disputes.households_imported", object_id=str(cluster.pk)).exists()
    template = client.get(reverse("disputes:cluster_household_template"))
    assert template.status_code == 200 and template["Content-Type"].startswith("application/vnd.openxml")
    client.force_login(county.leader)
    assert client.get(url).status_code == 403


def test_progress_arithmetic(county, at):
    at(DAY)
    cluster = make(county)
    empty = cluster_selectors.progress(cluster)
    assert (empty.total, empty.percent) == (0, Decimal("0.0"))
    assert "登记涉及户" in cluster_selectors.next_step_text(cluster, empty)
    for name, status in [("甲", "resolved"), ("乙", "handling"), ("丙", "open")]:
        household(county, cluster, name=name, status=status)
    p = cluster_selectors.progress(cluster)
    assert (p.total, p.resolved, p.handling, p.open, p.percent) == (3, 1, 1, 1, Decimal("33.3"))
    assert "尚有2户未化解" in cluster_selectors.next_step_text(cluster, p)
    ClusterHousehold.objects.filter(cluster=cluster).update(status="resolved")
    p = cluster_selectors.progress(cluster)
    assert p.percent == Decimal("100.0") and "全部化解" in cluster_selectors.next_step_text(cluster, p)
    listed = cluster_selectors.cluster_list(user=county.office).get(pk=cluster.pk)
    assert (listed.total, listed.resolved) == (3, 3)


def test_register_walk_with_junk_filters_and_export(client, county, at):
    at(DAY)
    make(county)
    client.force_login(county.office)
    url = reverse("disputes:cluster_list")
    assert "某小区逾期交房专项" in client.get(url).content.decode()
    for junk in ("?year=abc", "?status=nope&kind=x", "?unit=999999", "?sort=evil", "?q=%00", "?stale=maybe"):
        assert client.get(url + junk).status_code == 200, junk
    assert "某小区逾期交房专项" in client.get(url + "?q=逾期&status=handling&kind=housing&year=2024").content.decode()
    assert "某小区逾期交房专项" not in client.get(url + "?year=2019").content.decode()
    export = client.get(url + "?export=xlsx")
    assert export.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    assert sheet.cell(2, 1).value == "某小区逾期交房专项"
    client.force_login(county.outsider)
    assert "某小区逾期交房专项" not in client.get(url).content.decode()


def test_todo_for_households_without_contact(client, county, at, settings):
    from fazhi.core.registry import todo_providers

    at(DAY)
    cluster = make(county, unit=county.market, name="市场牵头专项")
    household(county, cluster, name="久未联系", last_contact_on=DAY - datetime.timedelta(days=40))
    household(county, cluster, name="刚联系", last_contact_on=DAY - datetime.timedelta(days=3))
    household(county, cluster, name="已化解", status="resolved")
    collect = todo_providers()["disputes.todos"].collect
    mine = [t for t in collect(county.liaison, DAY) if "未联系" in t.title]
    assert len(mine) == 1 and mine[0].due == DAY - datetime.timedelta(days=10)
    assert not [t for t in collect(county.leader, DAY) if "未联系" in t.title]
    assert not [t for t in collect(county.outsider, DAY) if "未联系" in t.title]
    client.force_login(county.office)
    body = client.get(reverse("disputes:cluster_list") + "?stale=on").content.decode()
    assert "市场牵头专项" in body
    assert "超期未联系" in client.get(cluster.get_absolute_url()).content.decode()


def test_demo_clusters(demo_county):
    from fazhi.disputes import demo

    housing = DisputeCluster.objects.get(name__contains="商品房")
    lending = DisputeCluster.objects.get(name__contains="非法集资")
    assert housing.kind == "housing" and lending.kind == "lending"
    assert housing.group_members.count() == 6 and lending.group_members.count() == 4
    assert housing.meetings.count() == 3 and lending.meetings.count() == 2
    assert (housing.households.count(), lending.households.count()) == (36, 24)
    assert cluster_selectors.progress(housing).resolved == 28
    assert housing.households.filter(petition__isnull=False).exists()
    demo.load()
    assert housing.households.count() == 36 and housing.meetings.count() == 3
