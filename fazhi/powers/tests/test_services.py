import datetime

import pytest

from fazhi.core.errors import DomainError, NotFound
from fazhi.core.models import AuditEntry
from fazhi.powers import selectors, services
from fazhi.powers.models import ItemFlag, ListVersion, ListVersionEntry, PowerItem, PowerItemVersion

from .factories import content

pytestmark = pytest.mark.django_db
D = datetime.date
JAN1 = datetime.date(2019, 1, 1)


def _adjust(county, actor=None, effective_on=JAN1):
    return services.adjustment_create(actor=actor or county.liaison, unit=county.market, title="调整",
                                      reason="法律修改", trigger_document="十堰市政府令第1号",
                                      effective_on=effective_on)


def test_adjustment_takes_effect_only_after_review(county):
    adj = _adjust(county)
    services.line_add(actor=county.liaison, adjustment=adj, kind="add", code="C-1", content=content())
    services.adjustment_submit(actor=county.liaison, adjustment=adj)
    assert not PowerItem.objects.exists()  # submitted is not in force
    with pytest.raises(DomainError, match="权限"):
        services.adjustment_approve(actor=county.liaison, adjustment=adj)  # a liaison cannot approve
    assert not PowerItem.objects.exists()
    adj = services.adjustment_approve(actor=county.office, adjustment=adj)
    assert adj.status == "approved"
    v = PowerItemVersion.objects.get()
    assert (v.item.code, v.item.unit, v.valid_from, v.name) == ("C-1", county.market, D(2019, 1, 1), content()["name"])
    assert AuditEntry.objects.filter(event_code__in=[401, 403, 405, 406]).count() == 4


def test_return_needs_reason_and_allows_resubmit(county):
    adj = _adjust(county)
    services.line_add(actor=county.liaison, adjustment=adj, kind="add", code="C-1", content=content())
    services.adjustment_submit(actor=county.liaison, adjustment=adj)
    with pytest.raises(DomainError, match="理由"):
        services.adjustment_return(actor=county.office, adjustment=adj, reason=" ")
    adj = services.adjustment_return(actor=county.office, adjustment=adj, reason="依据不全")
    assert adj.status == "returned" and adj.review_opinion == "依据不全"
    services.line_add(actor=county.liaison, adjustment=adj, kind="add", code="C-2", content=content("另一项"))
    adj = services.adjustment_submit(actor=county.liaison, adjustment=adj)
    assert adj.status == "submitted"
    with pytest.raises(DomainError, match="不能再修改"):
        services.line_add(actor=county.liaison, adjustment=adj, kind="add", code="C-3", content=content())


def test_empty_adjustment_cannot_be_submitted(county):
    adj = _adjust(county)
    with pytest.raises(DomainError, match="至少一项"):
        services.adjustment_submit(actor=county.liaison, adjustment=adj)


def test_liaison_adjusts_only_own_units_list(county):
    with pytest.raises(DomainError, match="本单位"):
        services.adjustment_create(actor=county.outsider, unit=county.market, title="x", reason="x",
                                   trigger_document="x", effective_on=D(2019, 1, 1))
    adj = _adjust(county)
    with pytest.raises(NotFound):
        services.line_add(actor=county.outsider, adjustment=adj, kind="add", code="C-9", content=content())
    with pytest.raises(DomainError):
        services.adjustment_submit(actor=county.outsider, adjustment=adj)
    with pytest.raises(DomainError, match="权限"):
        services.adjustment_create(actor=county.leader, unit=county.market, title="x", reason="x",
                                   trigger_document="x", effective_on=D(2019, 1, 1))


def test_line_rules(county, approved):
    adj = _adjust(county, effective_on=D(2019, 6, 30))
    with pytest.raises(DomainError, match="实施依据") as e:
        services.line_add(actor=county.liaison, adjustment=adj, kind="add", code="C-5", content=content(bases=""))
    assert e.value.field == "bases"
    with pytest.raises(DomainError, match="权力类型"):
        services.line_add(actor=county.liaison, adjustment=adj, kind="add", code="C-5",
                          content=content(category="行政管理"))
    with pytest.raises(DomainError, match="已被使用"):
        services.line_add(actor=county.liaison, adjustment=adj, kind="add", code="SCJ-CF-001", content=content())
    item = PowerItem.objects.get(code="SCJ-CF-001")
    with pytest.raises(DomainError, match="相同"):
        services.line_add(actor=county.liaison, adjustment=adj, kind="change", item=item,
                          content=selectors.open_version(item).content())
    with pytest.raises(DomainError, match="下放至"):
        services.line_add(actor=county.liaison, adjustment=adj, kind="delegate", item=item)


def test_change_cancel_delegate_are_dated(county, approved):
    cf, xk = PowerItem.objects.get(code="SCJ-CF-001"), PowerItem.objects.get(code="SCJ-XK-001")
    adj = _adjust(county, effective_on=D(2019, 6, 30))
    services.line_add(actor=county.liaison, adjustment=adj, kind="change", item=cf,
                      content=content(time_limit="90日"))
    services.line_add(actor=county.liaison, adjustment=adj, kind="delegate", item=xk, note="下放至乡镇")
    services.adjustment_submit(actor=county.liaison, adjustment=adj)
    services.adjustment_approve(actor=county.office, adjustment=adj)
    before = PowerItemVersion.objects.in_force_on(D(2019, 6, 29))
    after = PowerItemVersion.objects.in_force_on(D(2019, 6, 30))
    assert sorted(v.item.code for v in before) == ["SCJ-CF-001", "SCJ-XK-001"]
    assert [(v.item.code, v.time_limit) for v in after] == [("SCJ-CF-001", "90日")]
    xk.refresh_from_db()
    assert (xk.ended_on, xk.end_kind) == (D(2019, 6, 30), "delegate")


def test_effective_date_must_follow_current_content(county, approved):
    cf = PowerItem.objects.get(code="SCJ-CF-001")
    adj = _adjust(county, effective_on=D(2018, 12, 1))
    services.line_add(actor=county.liaison, adjustment=adj, kind="cancel", item=cf)
    with pytest.raises(DomainError, match="生效日期应在其后"):
        services.adjustment_submit(actor=county.liaison, adjustment=adj)


def test_same_item_cannot_be_in_two_pending_reviews(county, approved):
    cf = PowerItem.objects.get(code="SCJ-CF-001")
    first, second = _adjust(county, effective_on=D(2019, 6, 1)), _adjust(county, effective_on=D(2019, 7, 1))
    services.line_add(actor=county.liaison, adjustment=first, kind="cancel", item=cf)
    services.line_add(actor=county.liaison, adjustment=second, kind="change", item=cf, content=content(remarks="x"))
    services.adjustment_submit(actor=county.liaison, adjustment=first)
    with pytest.raises(DomainError, match="待审核"):
        services.adjustment_submit(actor=county.liaison, adjustment=second)


@pytest.fixture
def approved(county):
    from .factories import approved_list

    return approved_list(county)


def test_published_version_never_changes(county, approved):
    version = services.version_publish(actor=county.office, title="2019年版", published_on=D(2019, 3, 1))
    assert version.item_count == 2
    entry = version.entries.get(code="SCJ-CF-001")
    # later adjustments do not touch the published copy
    adj = _adjust(county, effective_on=D(2019, 6, 30))
    services.line_add(actor=county.liaison, adjustment=adj, kind="change", item=entry.item,
                      content=content("新名称"))
    services.adjustment_submit(actor=county.liaison, adjustment=adj)
    services.adjustment_approve(actor=county.office, adjustment=adj)
    assert ListVersionEntry.objects.get(pk=entry.pk).name == content()["name"]
    # and nothing may edit or delete it
    entry.name = "篡改"
    with pytest.raises(RuntimeError, match="不能修改"):
        entry.save()
    with pytest.raises(RuntimeError, match="不能修改"):
        ListVersionEntry.objects.filter(pk=entry.pk).update(name="篡改")
    with pytest.raises(RuntimeError, match="不能删除"):
        ListVersionEntry.objects.filter(version=version).delete()
    version.title = "改名"
    with pytest.raises(RuntimeError):
        version.save()
    with pytest.raises(RuntimeError):
        version.delete()
    assert ListVersion.objects.get(pk=version.pk).title == "2019年版"
    assert not hasattr(services, "version_update") and not hasattr(services, "version_delete")


def test_publish_rules(county, approved):
    with pytest.raises(DomainError, match="权限"):
        services.version_publish(actor=county.liaison, title="x", published_on=D(2019, 3, 1))
    with pytest.raises(DomainError, match="没有有效"):
        services.version_publish(actor=county.office, title="x", published_on=D(2018, 3, 1))
    services.version_publish(actor=county.office, title="v1", published_on=D(2019, 3, 1))
    with pytest.raises(DomainError, match="早于"):
        services.version_publish(actor=county.office, title="v0", published_on=D(2019, 2, 1))
    with pytest.raises(DomainError, match="同名"):
        services.version_publish(actor=county.office, title="v1", published_on=D(2019, 4, 1))


def test_comparison_is_exact_on_a_hand_checked_example(county):
    from .factories import approved_list

    approved_list(county, items=[
        ("A", content("甲事项", "penalty")), ("B", content("乙事项", "licensing")), ("C", content("丙事项", "inspection"))])
    v1 = services.version_publish(actor=county.office, title="v1", published_on=D(2019, 3, 1))
    a, b = PowerItem.objects.get(code="A"), PowerItem.objects.get(code="B")
    adj = _adjust(county, effective_on=D(2019, 6, 30))
    services.line_add(actor=county.liaison, adjustment=adj, kind="change", item=a,
                      content=content("甲事项（修订）", "penalty", bases="《中华人民共和国食品安全法》第一百二十四条"))
    services.line_add(actor=county.liaison, adjustment=adj, kind="cancel", item=b)
    services.line_add(actor=county.liaison, adjustment=adj, kind="add", code="D", content=content("丁事项", "coercion"))
    services.adjustment_submit(actor=county.liaison, adjustment=adj)
    services.adjustment_approve(actor=county.office, adjustment=adj)
    v2 = services.version_publish(actor=county.office, title="v2", published_on=D(2019, 7, 1))
    cmp = selectors.versions_compare(v1, v2)
    assert [e["code"] for e in cmp.added] == ["D"]
    assert [e["code"] for e in cmp.removed] == ["B"]
    assert cmp.changed == [{"code": "A", "name": "甲事项（修订）", "unit_name": "某县市场监督管理局", "fields": [
        ("事项名称", "甲事项", "甲事项（修订）"),
        ("实施依据", "《中华人民共和国食品安全法》第一百二十二条", "《中华人民共和国食品安全法》第一百二十四条"),
    ]}]
    assert cmp.unchanged_count == 1  # C
    back = selectors.versions_compare(v2, v1)
    assert [e["code"] for e in back.added] == ["B"] and [e["code"] for e in back.removed] == ["D"]


def test_repealed_law_flags_every_citing_item(county, approved):
    with pytest.raises(DomainError, match="权限"):
        services.law_change_mark(actor=county.liaison, law="食品安全法", kind="repealed", changed_on=D(2019, 5, 1))
    change = services.law_change_mark(actor=county.office, law="《中华人民共和国食品安全法》", article="第一百二十二条",
                                      kind="amended", changed_on=D(2019, 5, 1))
    assert change.flag_count == 1
    flag = ItemFlag.objects.get()
    assert flag.item.code == "SCJ-CF-001" and "第一百二十二条" in flag.basis
    # a different article flags nothing
    other = services.law_change_mark(actor=county.office, law="中华人民共和国食品安全法", article="第十二条",
                                     kind="amended", changed_on=D(2019, 5, 1))
    assert other.flag_count == 0
    # the whole 行政许可法 repealed: the licensing item is flagged
    services.law_change_mark(actor=county.office, law="行政许可法", kind="repealed", changed_on=D(2019, 5, 1))
    assert set(ItemFlag.objects.values_list("item__code", flat=True)) == {"SCJ-CF-001", "SCJ-XK-001"}
    # the outsider cannot resolve market's flag; the liaison can, with a reason
    with pytest.raises(NotFound):
        services.flag_resolve(actor=county.outsider, flag=flag, resolution="无需调整")
    with pytest.raises(DomainError, match="处理情况"):
        services.flag_resolve(actor=county.liaison, flag=flag, resolution="")
    services.flag_resolve(actor=county.liaison, flag=flag, resolution="所引条款未变")
    assert ItemFlag.objects.filter(resolved_at__isnull=True).count() == 1


def test_adjusting_a_flagged_item_resolves_the_flag(county, approved):
    services.law_change_mark(actor=county.office, law="行政许可法", kind="repealed", changed_on=D(2019, 5, 1))
    xk = PowerItem.objects.get(code="SCJ-XK-001")
    adj = _adjust(county, effective_on=D(2019, 6, 30))
    services.line_add(actor=county.liaison, adjustment=adj, kind="cancel", item=xk)
    services.adjustment_submit(actor=county.liaison, adjustment=adj)
    services.adjustment_approve(actor=county.office, adjustment=adj)
    assert not ItemFlag.objects.filter(resolved_at__isnull=True).exists()


def test_approval_catalogue(county, approved):
    xk, cf = PowerItem.objects.get(code="SCJ-XK-001"), PowerItem.objects.get(code="SCJ-CF-001")
    with pytest.raises(DomainError, match="行政许可"):
        services.approval_item_add(actor=county.office, unit=county.market, code="SP-1", name="食品经营许可",
                                   listed_on=D(2019, 1, 1), document="鄂政发〔2019〕1号", power_item=cf)
    with pytest.raises(DomainError, match="权限"):
        services.approval_item_add(actor=county.liaison, unit=county.market, code="SP-1", name="食品经营许可",
                                   listed_on=D(2019, 1, 1), document="x", power_item=xk)
    item = services.approval_item_add(actor=county.office, unit=county.market, code="SP-1", name="食品经营许可",
                                      listed_on=D(2019, 1, 1), document="鄂政发〔2019〕1号", power_item=xk,
                                      legal_days=20, promised_days=10)
    item = services.approval_item_adjust(actor=county.office, item=item, kind="delegate", changed_on=D(2019, 6, 1),
                                         document="十政发〔2019〕5号")
    assert item.status == "delegated"
    with pytest.raises(DomainError, match="不能再调整"):
        services.approval_item_adjust(actor=county.office, item=item, kind="cancel", changed_on=D(2019, 7, 1),
                                      document="x")


def test_cancelling_a_licensing_item_takes_its_approval_item_out_of_the_catalogue(county, approved):
    xk = PowerItem.objects.get(code="SCJ-XK-001")
    approval = services.approval_item_add(actor=county.office, unit=county.market, code="SP-1", name="食品经营许可",
                                          listed_on=D(2019, 1, 1), document="目录", power_item=xk)
    adj = _adjust(county, effective_on=D(2019, 6, 30))
    services.line_add(actor=county.liaison, adjustment=adj, kind="cancel", item=xk)
    services.adjustment_submit(actor=county.liaison, adjustment=adj)
    services.adjustment_approve(actor=county.office, adjustment=adj)
    approval.refresh_from_db()
    assert approval.status == "cancelled"
    change = approval.changes.get(kind="cancel")
    assert (change.changed_on, change.document) == (D(2019, 6, 30), "十堰市政府令第1号")


def test_database_refuses_a_version_ending_before_it_starts(county, approved):
    from django.db import IntegrityError, transaction

    v = PowerItemVersion.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        PowerItemVersion.objects.filter(pk=v.pk).update(valid_to=v.valid_from)
