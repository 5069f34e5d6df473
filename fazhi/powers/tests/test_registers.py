"""Registers on the shared pieces: junk in the address bar is a warning, never an error page; the policies
refuse the outsider and the read-only leader; the adjustment's audit trail only for those the audit page
admits."""
import datetime

import pytest
from django.urls import reverse

from fazhi.core.errors import DomainError, NotFound
from fazhi.powers import services
from fazhi.powers.models import ApprovalItem, ItemFlag, ListAdjustment, PowerItem
from fazhi.powers.policies import (
    AdjustmentPolicy,
    ApprovalPolicy,
    FlagPolicy,
    LawChangePolicy,
    PowerItemPolicy,
    VersionPolicy,
)

from .factories import approved_list, content

pytestmark = pytest.mark.django_db
D = datetime.date

PERSONAS = ["sysadmin", "office", "liaison", "reviewer", "officer", "lawyer", "leader", "outsider"]
LISTS = ["powers:item_list", "powers:adjustment_list", "powers:version_list", "powers:law_list",
         "powers:approval_list", "powers:public_list"]
JUNK = {"unit": "abc", "year": ["-1", "99999999999999999999"], "month": "13", "sort": "zzz", "status": "zz",
        "page": "abc", "size": "7", "body": "99999999999999999999"}
FIELD_JUNK = ["abc", "-1", "99999999999999999999", "<script>", "' or 1=1 --", "x" * 300]


@pytest.fixture
def published(county):
    approved_list(county)
    services.version_publish(actor=county.office, title="2019年版", published_on=D(2019, 3, 1))
    return county


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_list_survives_junk_in_the_address_bar(client, published, persona):
    client.force_login(getattr(published, persona))
    for name in LISTS:
        url = reverse(name)
        response = client.get(url, JUNK)
        assert response.status_code in (200, 302, 403), (persona, name, response.status_code)
        if response.status_code != 200:
            continue
        assert "已忽略无效的筛选条件" in response.content.decode(), (persona, name)
        fs = client.get(url).context.get("filter")
        for field in (list(fs.filters) if fs is not None else []):
            for junk in FIELD_JUNK:
                r = client.get(url, {field: junk})
                assert r.status_code == 200, (persona, name, field, junk, r.status_code)
        assert client.get(url, {"export": "xlsx", **JUNK}).status_code == 200


def test_public_pages_refuse_junk_quietly(client, published):
    for url, params in [("powers:public_item", {"id": "99999999999999999999"}),
                        ("powers:public_item", {"code": "x" * 500}),
                        ("powers:public_changes", {"v": "99999999999999999999"}),
                        ("powers:public_compare", {"a": "99999999999999999999", "b": "abc"}),
                        ("powers:public_list", {"unit": "99999999999999999999", "q": "x" * 500})]:
        assert client.get(reverse(url), params).status_code in (200, 404), (url, params)


def test_a_bad_value_is_named_and_the_good_ones_still_apply(client, published):
    client.force_login(published.office)
    page = client.get(reverse("powers:item_list"), {"category": "licensing", "unit": "abc"}).content.decode()
    assert "已忽略无效的筛选条件" in page and "单位" in page
    assert "食品经营许可" in page and "食品生产经营违法行为的处罚" not in page


# Policies -------------------------------------------------------------------------------------------------

def _draft(county):
    adj = services.adjustment_create(actor=county.liaison, unit=county.market, title="六月调整", reason="法律修改",
                                     trigger_document="市政府令", effective_on=D(2019, 6, 30))
    services.line_add(actor=county.liaison, adjustment=adj, kind="add", code="N-1", content=content("新事项"))
    return adj


def test_adjustment_policy(county):
    approved_list(county)
    policy = AdjustmentPolicy()
    adj = _draft(county)
    assert policy.can_on(county.liaison, "edit", adj) and policy.can_on(county.liaison, "submit", adj)
    for who in (county.leader, county.outsider):
        assert not policy.can_on(who, "edit", adj)
        assert not policy.can_on(who, "submit", adj)
    assert policy.can_on(county.leader, "view", adj) and not policy.can_on(county.outsider, "view", adj)
    with pytest.raises(NotFound):
        services.line_add(actor=county.outsider, adjustment=adj, kind="add", code="N-2", content=content("x"))
    with pytest.raises(DomainError):
        services.adjustment_submit(actor=county.leader, adjustment=adj)
    adj = services.adjustment_submit(actor=county.liaison, adjustment=adj)
    assert "不能再修改" in policy.refusal(county.liaison, "edit", adj)
    assert policy.can_on(county.office, "approve", adj)
    assert not policy.can_on(county.liaison, "approve", adj) and not policy.can_on(county.leader, "approve", adj)
    assert [t.action for t in policy.buttons(county.office, adj)] == ["approve", "return"]
    assert policy.buttons(county.leader, adj) == []
    assert policy.can(county.liaison, "create") and not policy.can(county.leader, "create")


def test_item_flag_law_version_and_approval_policies(county):
    approved_list(county)
    xk = PowerItem.objects.get(code="SCJ-XK-001")
    assert PowerItemPolicy().can_on(county.liaison, "adjust", xk)
    assert not PowerItemPolicy().can_on(county.leader, "adjust", xk)
    assert not PowerItemPolicy().can_on(county.outsider, "view", xk)
    for who in (county.leader, county.liaison, county.outsider):
        assert not LawChangePolicy().can(who, "mark")
        assert not VersionPolicy().can(who, "publish")
        assert not ApprovalPolicy().can(who, "create")
        with pytest.raises(DomainError):
            services.law_change_mark(actor=who, law="行政许可法", kind="repealed", changed_on=D(2019, 5, 1))
    services.law_change_mark(actor=county.office, law="行政许可法", kind="repealed", changed_on=D(2019, 5, 1))
    flag = ItemFlag.objects.get()
    assert FlagPolicy().can_on(county.liaison, "resolve", flag)
    assert not FlagPolicy().can_on(county.leader, "resolve", flag)
    assert not FlagPolicy().can_on(county.outsider, "resolve", flag)
    services.flag_resolve(actor=county.liaison, flag=flag, resolution="条款未变")
    assert FlagPolicy().refusal(county.liaison, "resolve", ItemFlag.objects.get()) == "该提醒已处理。"
    item = services.approval_item_add(actor=county.office, unit=county.market, code="SP-1", name="食品经营许可",
                                      listed_on=D(2019, 1, 1), document="文件", power_item=xk)
    assert ApprovalPolicy().can_on(county.office, "adjust", item)
    assert not ApprovalPolicy().can_on(county.leader, "adjust", item)
    services.approval_item_adjust(actor=county.office, item=item, kind="cancel", changed_on=D(2019, 6, 1),
                                  document="x")
    assert "不能再调整" in ApprovalPolicy().refusal(county.office, "adjust", ApprovalItem.objects.get())


def test_leader_pages_offer_no_changes(client, county):
    approved_list(county)
    adj = _draft(county)
    client.force_login(county.leader)
    page = client.get(reverse("powers:adjustment_detail", args=[adj.pk])).content.decode()
    assert reverse("powers:adjustment_edit", args=[adj.pk]) not in page and 'data-testid="submit"' not in page
    assert client.post(reverse("powers:adjustment_submit", args=[adj.pk])).status_code == 403
    client.force_login(county.outsider)
    assert client.get(reverse("powers:adjustment_detail", args=[adj.pk])).status_code == 404
    assert client.post(reverse("powers:line_add", args=[adj.pk]) + "?kind=add", {"kind": "add"}).status_code == 404
    assert ListAdjustment.objects.get(pk=adj.pk).status == "draft"


# The adjustment's timeline -----------------------------------------------------------------------------------

def _audit_page():
    from django.urls import NoReverseMatch

    for name in ("console:audit_list", "core:audit_list"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    raise AssertionError("the audit page has no URL")


def test_audit_trail_is_shown_only_to_those_the_audit_page_admits(client, county):
    adj = approved_list(county)
    client.force_login(county.office)  # may open the audit log
    page = client.get(reverse("powers:adjustment_detail", args=[adj.pk])).content.decode()
    assert "批准权责清单动态调整" in page and "写入清单" in page  # the audit events, with their changes
    for persona in ("leader", "liaison"):  # may not open the audit log
        client.force_login(getattr(county, persona))
        assert client.get(_audit_page()).status_code == 403
        page = client.get(reverse("powers:adjustment_detail", args=[adj.pk])).content.decode()
        assert "批准权责清单动态调整" not in page and "写入清单" not in page, persona
        assert "新建动态调整" in page and "审核通过" in page, persona  # a plain history instead


def test_an_adjustment_waiting_too_long_is_marked_in_the_list(client, county):
    approved_list(county)
    adj = services.adjustment_submit(actor=county.liaison, adjustment=_draft(county))
    client.force_login(county.office)
    page = client.get(reverse("powers:adjustment_list"), {"overdue": "on"}).content.decode()
    assert "六月调整" not in page  # just submitted: not overdue
    ListAdjustment.objects.filter(pk=adj.pk).update(submitted_at=datetime.datetime(2019, 1, 2, 9, tzinfo=datetime.UTC))
    page = client.get(reverse("powers:adjustment_list"), {"overdue": "on"}).content.decode()
    assert "六月调整" in page and "审核逾期" in page and 'class="overdue"' in page
