"""Registers on the shared pieces: junk in the address bar is a warning, never an error page; the policies
refuse the outsider and the read-only leader and allow the people whose work it is."""
import pytest
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.normative_docs import services
from fazhi.normative_docs.models import NormativeDocument
from fazhi.normative_docs.policies import (
    CampaignPolicy,
    CleanupItemPolicy,
    DocumentPolicy,
    FilingPolicy,
    PrefixPolicy,
    ReviewPolicy,
)

from .factories import D, draft, published

pytestmark = pytest.mark.django_db

PERSONAS = ["sysadmin", "office", "liaison", "reviewer", "officer", "lawyer", "leader", "outsider"]
LISTS = ["normative_docs:doc_list", "normative_docs:review_queue", "normative_docs:filing_list",
         "normative_docs:campaign_list", "normative_docs:prefix_list", "normative_docs:public_list"]
JUNK = {"unit": "abc", "year": ["-1", "99999999999999999999"], "month": "13", "sort": "zzz", "status": "zz",
        "page": "abc", "size": "7", "body": "99999999999999999999"}
FIELD_JUNK = ["abc", "-1", "99999999999999999999", "<script>", "' or 1=1 --", "x" * 300]


def _fields(response):
    fs = response.context and response.context.get("filter")
    return list(fs.filters) if fs is not None else []


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_list_survives_junk_in_the_address_bar(client, county, persona):
    published(county, title="某县农贸市场管理办法")
    client.force_login(getattr(county, persona))
    for name in LISTS:
        url = reverse(name)
        response = client.get(url, JUNK)
        assert response.status_code in (200, 302, 403), (persona, name, response.status_code)
        if response.status_code != 200:
            continue
        page = response.content.decode()
        assert "已忽略无效的筛选条件" in page, (persona, name)
        for field in _fields(client.get(url)):
            for junk in FIELD_JUNK:
                r = client.get(url, {field: junk})
                assert r.status_code == 200, (persona, name, field, junk, r.status_code)
        assert client.get(url, {"export": "xlsx", **JUNK}).status_code == 200


def test_a_bad_value_is_named_and_the_good_ones_still_apply(client, county):
    published(county, title="某县农贸市场管理办法")
    published(county, title="某县集贸市场摊位规定")
    client.force_login(county.office)
    page = client.get(reverse("normative_docs:doc_list"), {"q": "农贸", "year": "abc"}).content.decode()
    assert "年度" in page and "已忽略无效的筛选条件" in page
    assert "某县农贸市场管理办法" in page and "某县集贸市场摊位规定" not in page
    page = client.get(reverse("normative_docs:public_list"), {"issuer": "99999999999999999999"}).content.decode()
    assert "制定机关" in page and "已忽略无效的筛选条件" in page


def test_public_detail_refuses_junk_quietly(client, county):
    doc = published(county, title="某县农贸市场管理办法")
    for params in [{"id": "99999999999999999999"}, {"id": "-1"}, {"id": str(doc.pk), "on": "2019-13-45"},
                   {"id": str(doc.pk), "q": "x" * 1000}]:
        assert client.get(reverse("normative_docs:public_detail"), params).status_code in (200, 404), params
    assert client.get(reverse("normative_docs:public_campaign"), {"id": "99999999999999999999"}).status_code == 200


# Policies -------------------------------------------------------------------------------------------------

def test_document_policy(county):
    policy = DocumentPolicy()
    doc = draft(county, title="某县农贸市场管理办法")
    assert policy.can_on(county.liaison, "edit", doc)
    assert policy.can_on(county.liaison, "start_comment", doc) is False  # does not affect the public
    assert not policy.can_on(county.outsider, "edit", doc)
    assert not policy.can_on(county.leader, "edit", doc)
    assert policy.can_on(county.leader, "view", doc)
    assert not policy.can_on(county.outsider, "view", doc)
    assert policy.can_on(county.liaison, "submit_review", doc)
    assert not policy.can_on(county.leader, "submit_review", doc)
    assert not policy.can_on(county.outsider, "submit_review", doc)
    with pytest.raises(DomainError):
        services.doc_update(actor=county.leader, doc=doc, title="改", issuer=doc.issuer, text="新",
                            affects_public=False, market_related=False)
    with pytest.raises(DomainError):
        services.review_submit(actor=county.outsider, doc=doc, on=D(2019, 3, 1))
    issued = published(county, title="某县集贸市场摊位规定")
    assert "修改决定" in policy.refusal(county.liaison, "edit", issued)
    assert policy.can_on(county.office, "repeal", issued)
    assert policy.can_on(county.office, "amend", issued)
    assert not policy.can_on(county.leader, "repeal", issued)
    assert not policy.can_on(county.liaison, "repeal", issued)
    assert policy.can_on(county.liaison, "file", issued)
    assert not policy.can_on(county.leader, "file", issued)
    assert policy.may(county.leader, issued, actions=["edit", "amend", "file"]) == {
        "edit": False, "amend": False, "file": False}
    assert policy.can(county.office, "import") and not policy.can(county.leader, "import")


def test_review_filing_and_cleanup_policies(county):
    doc = services.review_submit(actor=county.liaison, doc=draft(county, title="县政府文件", issuer=county.gov),
                                 on=D(2019, 3, 1))
    review = doc.reviews.get()
    assert ReviewPolicy().can_on(county.reviewer, "opine", review)
    assert not ReviewPolicy().can_on(county.leader, "opine", review)
    assert not ReviewPolicy().can_on(county.outsider, "opine", review)

    issued = published(county, title="某县农贸市场管理办法")
    filing = services.filing_create(actor=county.liaison, doc=issued, filed_on=D(2019, 3, 25), has_text=True)
    policy = FilingPolicy()
    assert policy.actions_for(county.liaison, filing) == [("complete", "补充报备材料")]
    assert policy.actions_for(county.leader, filing) == []
    assert "报备材料不齐全" in policy.refusal(county.office, "review", filing)
    with pytest.raises(DomainError):
        services.filing_complete(actor=county.outsider, filing=filing, has_cover_letter=True)

    campaign = services.campaign_open(actor=county.office, title="2019年清理", opened_on=D(2019, 10, 8))
    assert CampaignPolicy().can_on(county.office, "approve", campaign) is True
    assert not CampaignPolicy().can_on(county.leader, "approve", campaign)
    assert not CampaignPolicy().can_on(county.office, "publish", campaign)
    assert not CampaignPolicy().can_on(county.office, "show_public", campaign)
    with pytest.raises(DomainError):
        services.campaign_open(actor=county.leader, title="领导清理", opened_on=D(2019, 10, 8))
    item = campaign.items.get(document=issued)
    assert CleanupItemPolicy().can_on(county.liaison, "mark", item)
    assert not CleanupItemPolicy().can_on(county.leader, "mark", item)
    assert not CleanupItemPolicy().can_on(county.outsider, "mark", item)

    assert PrefixPolicy().can(county.office, "set") and not PrefixPolicy().can(county.liaison, "set")
    with pytest.raises(DomainError):
        services.prefix_set(actor=county.liaison, unit=county.market, prefix="郧西市监规")


def test_pages_show_only_what_the_policy_allows(client, county):
    doc = published(county, title="某县农贸市场管理办法")
    client.force_login(county.leader)
    page = client.get(doc.get_absolute_url()).content.decode()
    assert reverse("normative_docs:doc_action", args=[doc.pk, "repeal"]) not in page
    assert reverse("normative_docs:doc_amend", args=[doc.pk]) not in page
    response = client.post(reverse("normative_docs:doc_action", args=[doc.pk, "repeal"]),
                           {"on": "2019-09-01", "reason": "领导废止"})
    assert response.status_code in (200, 403)
    assert NormativeDocument.objects.get(pk=doc.pk).status == "published"
    client.force_login(county.office)
    page = client.get(doc.get_absolute_url()).content.decode()
    assert reverse("normative_docs:doc_action", args=[doc.pk, "repeal"]) in page
    response = client.get(reverse("normative_docs:doc_edit", args=[doc.pk]))
    assert response.status_code == 302  # a published document is changed by an amendment only
