"""Petitions (信访): one person one matter, classification and every clock under the rule version in force on
the event's date, the complaint-against-a-person routing, read logging, the public query, the opinion letter."""
import datetime

import pytest

from fazhi.core import workdays
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.models import AuditEntry
from fazhi.disputes import policies, selectors, services
from fazhi.disputes.choices import PetitionStatus

from .factories import petition

pytestmark = pytest.mark.django_db

D = datetime.date
NEW = D(2024, 3, 4)  # a Monday; events after 2022-05-01 → 信访工作条例
OLD_EVENT = D(2021, 6, 1)  # → 信访条例 (2005)


def routed(county, at, *, on=NEW, **kw):
    at(on)
    p = petition(county, on=on, **kw)
    return services.petition_route(actor=county.office, petition=p, unit=county.market, on=on)


def answered(county, at, *, on=NEW, **kw):
    p = routed(county, at, on=on, **kw)
    p = services.petition_accept(actor=county.liaison, petition=p, on=on)
    return services.petition_answer(actor=county.liaison, petition=p, outcome="support", facts="经核实属实",
                                    reasons="合同约定明确", decision="责令公司支付工程款",
                                    legal_basis="《中华人民共和国民法典》第五百七十七条", on=on)


# Registration, classification, merging ------------------------------------------------------

def test_every_channel_registers(county, at):
    at(NEW)
    for channel in ("visit", "letter", "phone", "online", "mailbox", "transferred"):
        p = petition(county, on=NEW, channel=channel)
        assert p.route_due == workdays.add_calendar_days(NEW, 15) and p.contacts.count() == 1


def test_classification_follows_the_rules_in_force_on_the_event_date_not_today(county, at):
    at(NEW)
    with pytest.raises(DomainError, match="信访条例"):
        petition(county, on=NEW, event_on=D(2022, 4, 30), category="claim")
    p = petition(county, on=NEW, event_on=D(2022, 4, 30), category="old_complaint")
    assert not p.rules_2022
    with pytest.raises(DomainError, match="信访工作条例"):
        petition(county, on=NEW, event_on=D(2022, 5, 1), category="old_complaint")
    assert petition(county, on=NEW, event_on=D(2022, 5, 1), category="accusation").rules_2022


def test_a_repeat_is_proposed_for_merging_and_counted_not_duplicated(county, at):
    at(NEW)
    first = petition(county, on=NEW, name="王 大 明", phone="13907191234")
    with pytest.raises(DomainError) as refused:
        petition(county, on=NEW, name="王 大 明 ", phone="１３９０７１９１２３４", merge=None)
    assert refused.value.code == "merge_proposed" and first.number in refused.value.message
    merged = petition(county, on=NEW, name="王 大 明", phone="13907191234", merge=first, channel="phone")
    assert merged.pk == first.pk and merged.repeat_count == 1 and merged.contacts.count() == 2
    assert selectors.merge_candidates(name="王 大 明", phone="13907191234").count() == 1
    # another person with the same phone is not the same petitioner
    assert not selectors.merge_candidates(name="李小红", phone="13907191234").exists()
    # staff may judge it a new matter
    assert petition(county, on=NEW, name="王 大 明", phone="13907191234", merge="new").pk != first.pk


def test_after_recheck_the_same_matter_is_not_accepted_again(county, at):
    p = answered(county, at, name="赵终结", phone="13900000001")
    p = services.petition_request_review(actor=county.office, petition=p, on=NEW)
    p = services.petition_review(actor=county.office, petition=p, opinion="维持", on=NEW)
    p = services.petition_request_recheck(actor=county.office, petition=p, on=NEW)
    p = services.petition_recheck(actor=county.office, petition=p, opinion="维持", on=NEW)
    assert p.status == PetitionStatus.FINAL
    with pytest.raises(DomainError, match="不再受理（《信访工作条例》第三十六条）"):
        petition(county, on=NEW, name="赵终结", phone="13900000001", merge=p)


# Clocks -------------------------------------------------------------------------------------

def test_route_and_acceptance_clocks_count_late_after_they_lapse(county, at):
    at(NEW)
    p = petition(county, on=NEW)
    late_day = p.route_due + datetime.timedelta(days=1)
    at(late_day)
    p = services.petition_route(actor=county.office, petition=p, unit=county.market, on=late_day)
    assert p.accept_due == workdays.add_calendar_days(late_day, 15)
    assert [c["late"] for c in p.clocks(late_day) if c["label"] == "转送"] == [True]
    p2 = routed(county, at)
    assert [c["late"] for c in p2.clocks(NEW) if c["label"] == "转送"] == [False]
    on_time = p2.accept_due
    at(on_time)
    p2 = services.petition_accept(actor=county.liaison, petition=p2, on=on_time)
    assert not [c for c in p2.clocks(on_time) if c["late"]]
    assert p2.handle_due == workdays.add_calendar_days(on_time, 60)


def test_objection_within_five_working_days_2022(county, at):
    p = routed(county, at)
    assert p.objection_due == workdays.add_working_days(NEW, 5)
    at(p.objection_due + datetime.timedelta(days=1))
    assert policies.petitions.refusal(county.liaison, "object", p, on=p.objection_due + datetime.timedelta(days=1))
    with pytest.raises(DomainError, match="5个工作日"):
        services.petition_object(actor=county.liaison, petition=p, reason="不属本单位职权",
                                 on=p.objection_due + datetime.timedelta(days=1))
    p = services.petition_object(actor=county.liaison, petition=p, reason="不属本单位职权", on=p.objection_due)
    assert p.status == PetitionStatus.REGISTERED and p.unit == county.justice


def test_no_objection_procedure_under_the_2005_rules(county, at):
    p = routed(county, at, event_on=OLD_EVENT)
    assert p.objection_due is None
    with pytest.raises(DomainError, match="《信访条例》"):
        services.petition_object(actor=county.liaison, petition=p, reason="不属本单位职权", on=NEW)


def test_extension_at_most_30_days_with_approval_before_the_period_lapses(county, at):
    at(NEW)
    p = services.petition_accept(actor=county.liaison, petition=routed(county, at), on=NEW)
    with pytest.raises(DomainError, match="不得超过30日"):
        services.petition_extend(actor=county.liaison, petition=p, days=31, reason="需鉴定", approver="局长张某",
                                 told_on=NEW, on=NEW)
    with pytest.raises(DomainError, match="告知信访人"):
        services.petition_extend(actor=county.liaison, petition=p, days=10, reason="需鉴定", approver="局长张某",
                                 on=NEW)
    p = services.petition_extend(actor=county.liaison, petition=p, days=20, reason="需鉴定", approver="局长张某",
                                 told_on=NEW, on=NEW)
    assert p.handle_deadline == p.handle_due + datetime.timedelta(days=20)
    with pytest.raises(DomainError, match="已延长20日"):
        services.petition_extend(actor=county.liaison, petition=p, days=11, reason="再鉴定", approver="局长张某",
                                 told_on=NEW, on=NEW)
    late = p.handle_deadline + datetime.timedelta(days=1)
    at(late)
    with pytest.raises(DomainError, match="已于.*届满"):
        services.petition_extend(actor=county.liaison, petition=p, days=5, reason="再鉴定", approver="局长张某",
                                 told_on=late, on=late)


@pytest.mark.parametrize("event_on, law", [(D(2023, 1, 1), "《信访工作条例》第三十五条"), (OLD_EVENT, "《信访条例》第三十四条")])
def test_review_request_within_30_days(county, at, event_on, law):
    p = answered(county, at, event_on=event_on)
    assert p.review_request_due == workdays.add_calendar_days(NEW, 30)
    late = p.review_request_due + datetime.timedelta(days=1)
    at(late)
    with pytest.raises(DomainError, match=law):
        services.petition_request_review(actor=county.office, petition=p, on=late)
    p = services.petition_request_review(actor=county.office, petition=p, on=p.review_request_due)
    assert p.review_due == workdays.add_calendar_days(p.review_request_due, 30)
    assert [c["late"] for c in p.clocks(p.review_due) if c["label"] == "复查"] == [False]
    assert [c["late"] for c in p.clocks(p.review_due + datetime.timedelta(days=1)) if c["label"] == "复查"] == [True]


@pytest.mark.parametrize("event_on, law", [(D(2023, 1, 1), "《信访工作条例》第三十六条"), (OLD_EVENT, "《信访条例》第三十五条")])
def test_recheck_request_within_30_days(county, at, event_on, law):
    p = answered(county, at, event_on=event_on)
    p = services.petition_request_review(actor=county.office, petition=p, on=NEW)
    p = services.petition_review(actor=county.office, petition=p, opinion="维持原处理意见", on=NEW)
    late = p.recheck_request_due + datetime.timedelta(days=1)
    at(late)
    with pytest.raises(DomainError, match=law):
        services.petition_request_recheck(actor=county.office, petition=p, on=late)
    p = services.petition_request_recheck(actor=county.office, petition=p, on=p.recheck_request_due)
    assert p.recheck_due == workdays.add_calendar_days(p.recheck_request_due, 30)


# Privacy ------------------------------------------------------------------------------------

def test_a_complaint_against_a_named_official_is_kept_from_that_official(county, at):
    at(NEW)
    p = petition(county, on=NEW, category="accusation", subject_user=county.liaison)
    with pytest.raises(DomainError, match="被反映人所在单位"):
        services.petition_route(actor=county.office, petition=p, unit=county.market, on=NEW)
    claim = petition(county, on=NEW, subject_user=county.liaison)
    claim = services.petition_route(actor=county.office, petition=claim, unit=county.market, on=NEW)
    # the liaison handles the market bureau's petitions, but not the one about himself
    other = routed(county, at)
    visible = set(selectors.petition_list(user=county.liaison).values_list("pk", flat=True))
    assert other.pk in visible and claim.pk not in visible
    with pytest.raises(NotFound):
        services.petition_open(actor=county.liaison, pk=claim.pk)
    with pytest.raises((DomainError, NotFound)):
        services.petition_accept(actor=county.liaison, petition=claim, on=NEW)
    assert claim.pk in set(selectors.petition_list(user=county.office).values_list("pk", flat=True))


def test_every_opening_is_logged(county, at):
    p = routed(county, at)
    services.petition_open(actor=county.liaison, pk=p.pk)
    services.petition_open(actor=county.office, pk=p.pk)
    reads = AuditEntry.objects.filter(event_name="disputes.petition_read", object_id=str(p.pk))
    assert reads.count() == 2
    assert {e.actor_id for e in reads} == {county.liaison.pk, county.office.pk}


def test_the_outsider_cannot_open_a_petition(county, at):
    p = routed(county, at)
    with pytest.raises(NotFound):
        services.petition_open(actor=county.outsider, pk=p.pk)


def test_public_query_shows_only_the_own_matter(county, at):
    at(NEW)
    mine = petition(county, on=NEW, phone="13911112222")
    other = petition(county, on=NEW, phone="13933334444")
    found = selectors.public_progress(code=mine.receipt_code.lower(), phone="139 1111 2222")
    assert found["number"] == mine.number and found["stage"] == "已登记（待转送）"
    assert selectors.public_progress(code=other.receipt_code, phone="13911112222") is None
    assert selectors.public_progress(code=mine.receipt_code, phone="") is None


def test_opinion_letter_is_an_official_docx(county, at):
    import io

    from docx import Document

    from fazhi.disputes.documents import opinion_docx

    p = answered(county, at)
    doc = Document(io.BytesIO(opinion_docx(p)))
    texts = [para.text for para in doc.paragraphs]
    assert texts[0] == "信访事项处理意见书" and any("四、处理意见（支持）" in t for t in texts)
    assert any("《中华人民共和国民法典》第五百七十七条" in t for t in texts)
    xml = doc.paragraphs[0].runs[0]._element.xml
    assert 'w:eastAsia="方正小标宋简体"' in xml
