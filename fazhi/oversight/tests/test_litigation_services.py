"""The rules of court cases, appearances and reconsideration: each with its refused and allowed path."""
import datetime

import pytest

from fazhi.core.errors import DomainError
from fazhi.oversight import services
from fazhi.oversight.models import LitigationCase

from .factories_litigation import D, judged, make_case, make_hearing, make_recon, record  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(lit_at, county):
    from fazhi.core.rules import setting_set

    setting_set(actor=county.sysadmin, key="core.backdate_days", raw="3650")  # the tests type 2019's dates
    lit_at(D(2019, 12, 20))


# Court cases -----------------------------------------------------------------------------------------

def test_defence_deadline_is_15_days_from_receipt_and_a_late_defence_is_recorded_as_late(county):
    case = make_case(county, received_on=D(2019, 3, 4))
    assert case.defence_due == D(2019, 3, 19)
    with pytest.raises(DomainError, match="不能早于"):
        services.litigation_defend(actor=county.office, case=case, on=D(2019, 3, 1))
    case = services.litigation_defend(actor=county.office, case=case, on=D(2019, 3, 25))
    assert case.defence_late and case.status == "defended"
    on_time = services.litigation_defend(actor=county.office, case=make_case(county), on=D(2019, 3, 19))
    assert not on_time.defence_late


def test_a_defence_period_ending_on_a_rest_day_rolls_to_the_next_working_day(county):
    case = make_case(county, received_on=D(2019, 9, 16))  # +15 = 2019-10-01, National Day
    assert case.defence_due == D(2019, 10, 8)


def test_register_refusals(county):
    with pytest.raises(DomainError, match="被诉"):
        services.litigation_register(actor=county.office, unit=county.market, instance="first", court="法院",
                                     case_number="X1", plaintiff_name="甲", plaintiff_kind="person",
                                     received_on=D(2019, 3, 1))
    make_case(county)
    dup = LitigationCase.objects.first().case_number
    with pytest.raises(DomainError, match="已经登记"):
        services.litigation_register(actor=county.office, unit=county.market, instance="first", court="法院",
                                     case_number=dup, plaintiff_name="甲", plaintiff_kind="person",
                                     received_on=D(2019, 3, 1), act_text="x")
    with pytest.raises(DomainError, match="一审案件没有前一审级"):
        make_case(county, previous=LitigationCase.objects.first())
    with pytest.raises(DomainError, match="尚未作出裁判"):
        make_case(county, instance="appeal", previous=LitigationCase.objects.first())
    with pytest.raises(DomainError, match="案号"):
        services.litigation_register(actor=county.office, unit=county.market, instance="first", court="法院",
                                     case_number=" ", plaintiff_name="甲", plaintiff_kind="person",
                                     received_on=D(2019, 3, 1), act_text="x")
    with pytest.raises(DomainError, match="同一行政机关"):
        make_case(county, instance="appeal", unit=county.township,
                  previous=judged(county, make_case(county)))


def test_units_register_only_their_own_cases_and_leader_and_outsider_are_refused(county):
    assert make_case(county, actor=county.liaison).unit == county.market
    with pytest.raises(DomainError):
        make_case(county, actor=county.liaison, unit=county.water)
    with pytest.raises(DomainError):
        make_case(county, actor=county.leader)
    with pytest.raises(DomainError):
        make_case(county, actor=county.outsider)
    case = make_case(county)
    hearing = make_hearing(county, case)
    with pytest.raises(Exception):  # noqa: B017 - NotFound for the outsider, a refusal for the leader
        services.hearing_record(actor=county.outsider, hearing=hearing, on=hearing.hearing_on, **{
            "role": "staff", "appeared_name": "甲", "appeared_post": "科员"})
    with pytest.raises(DomainError):
        services.hearing_record(actor=county.leader, hearing=hearing, on=hearing.hearing_on, role="none")


def test_appeal_period_15_days_for_a_judgment_10_for_a_ruling_refused_after_it(county):
    case = judged(county, make_case(county), kind="judgment", outcome="revoked", on=D(2019, 6, 3))
    assert case.appeal_due == D(2019, 6, 18)
    ruling = judged(county, make_case(county), kind="ruling", outcome="dismissed", on=D(2019, 6, 3))
    assert ruling.appeal_due == D(2019, 6, 13)
    with pytest.raises(DomainError, match="上诉期限已于2019年06月13日届满"):
        services.litigation_appeal(actor=county.office, case=ruling, on=D(2019, 6, 14))
    appealed = services.litigation_appeal(actor=county.office, case=case, on=D(2019, 6, 18))
    assert appealed.status == "appealed"
    with pytest.raises(DomainError, match="裁判文书类型"):
        judged(county, make_case(county), kind="judgment", outcome="withdrawn")


def test_closing_waits_for_the_appeal_period(county):
    case = judged(county, make_case(county), on=D(2019, 6, 3))
    with pytest.raises(DomainError, match="尚未生效"):
        services.litigation_close(actor=county.office, case=case, on=D(2019, 6, 10))
    assert services.litigation_close(actor=county.office, case=case, on=D(2019, 6, 19)).status == "closed"
    with pytest.raises(DomainError, match="已结案"):
        make_hearing(county, LitigationCase.objects.get(pk=case.pk))


def test_losing_case_analysis_only_for_lost_cases(county):
    lost = judged(county, make_case(county), outcome="revoked")
    assert services.litigation_analyse(actor=county.office, case=lost, text="取证不充分").loss_analysis == "取证不充分"
    with pytest.raises(DomainError, match="败诉"):
        services.litigation_analyse(actor=county.office, case=judged(county, make_case(county)), text="x")


# Hearings and appearances ----------------------------------------------------------------------------

def test_a_lawyer_alone_is_refused_as_an_appearance_with_the_rule_cited(county):
    hearing = make_hearing(county, make_case(county))
    with pytest.raises(DomainError, match="第一百二十八条") as e:
        services.hearing_record(actor=county.office, hearing=hearing, role="lawyer", on=hearing.hearing_on)
    assert "不视为" in e.value.message and e.value.field == "role"
    h = services.hearing_record(actor=county.office, hearing=hearing, role="none", lawyer_present=True,
                                on=hearing.hearing_on)
    assert not h.head_appeared and "nobody" in h.triggers


def test_head_needs_identity_proof_and_a_statement_then_counts(county):
    hearing = make_hearing(county, make_case(county))
    with pytest.raises(DomainError, match="身份证明"):
        record(county, hearing, identity_proof=False)
    with pytest.raises(DomainError, match="实质性解决"):
        record(county, hearing, statement="")
    with pytest.raises(DomainError, match="姓名"):
        record(county, hearing, appeared_name="")
    h = record(county, hearing)
    assert h.head_appeared and h.triggers == ""
    deputy = record(county, make_hearing(county, make_case(county)), role="deputy")
    assert deputy.head_appeared


def test_recording_before_the_hearing_is_refused(county):
    hearing = make_hearing(county, make_case(county), hearing_on=D(2019, 12, 30))
    with pytest.raises(DomainError, match="不能早于开庭日期"):
        services.hearing_record(actor=county.office, hearing=hearing, role="none", on=D(2019, 12, 20))


def test_hearing_dates_refused(county):
    case = make_case(county)
    with pytest.raises(DomainError, match="开庭日期不能早于"):
        make_hearing(county, case, hearing_on=D(2019, 3, 1))
    with pytest.raises(DomainError, match="不能晚于开庭日期"):
        make_hearing(county, case, hearing_on=D(2019, 4, 10), notice_on=D(2019, 4, 11))
    with pytest.raises(DomainError, match="开庭日期"):
        services.hearing_add(actor=county.office, case=case, hearing_on=None)


def test_must_appear_case_head_absent_without_excuse_flags_a_judicial_suggestion(county):
    case = make_case(county, must_appear="public_interest")
    h = record(county, make_hearing(county, case), role="staff", appeared_name="李科长", appeared_post="法规科科长",
               statement="")
    assert not h.head_appeared
    assert h.triggers == "absent_no_reason"
    excused = record(county, make_hearing(county, case, hearing_on=D(2019, 5, 10)), role="staff",
                     appeared_name="李科长", appeared_post="法规科科长", excuse="duties", excuse_proof=True)
    assert excused.triggers == ""
    unproven = record(county, make_hearing(county, case, hearing_on=D(2019, 6, 10)), role="staff",
                      appeared_name="李科长", appeared_post="法规科科长", excuse="duties", excuse_proof=False)
    assert unproven.triggers == "absent_no_reason"


def test_court_notice_served_at_least_3_days_before_makes_the_head_required(county):
    case = make_case(county)
    free = record(county, make_hearing(county, case), role="staff", appeared_name="甲", appeared_post="科员")
    assert free.triggers == ""
    short = make_hearing(county, case, hearing_on=D(2019, 5, 10), notice_on=D(2019, 5, 8))
    assert short.notice_short and not services.head_required(short)
    notified = make_hearing(county, case, hearing_on=D(2019, 6, 10), notice_on=D(2019, 6, 7))
    assert not notified.notice_short and services.head_required(notified)
    h = record(county, notified, role="staff", appeared_name="甲", appeared_post="科员")
    assert h.triggers == "absent_no_reason"


def test_the_five_judicial_suggestion_triggers(county):
    case = make_case(county, must_appear="court_suggested")
    delayed = record(county, make_hearing(county, case, postponed=True), role="staff", appeared_name="甲",
                     appeared_post="科员")
    assert delayed.triggers.split(",") == ["absent_no_reason", "absent_after_delay"]
    nobody = record(county, make_hearing(county, case, hearing_on=D(2019, 5, 1)), role="none", excuse="accident",
                    excuse_proof=True)
    assert nobody.triggers == "nobody"
    left = record(county, make_hearing(county, case, hearing_on=D(2019, 5, 2)), left_early=True)
    assert left.triggers == "left" and left.head_appeared
    silent = record(county, make_hearing(county, case, hearing_on=D(2019, 5, 3)), silent=True, statement="")
    assert silent.triggers == "silent"
    assert len(set(",".join([delayed.triggers, nobody.triggers, left.triggers, silent.triggers]).split(","))) == 5
    assert silent.trigger_labels == ["出庭后不发表意见或者拒绝说明"]


# Reconsideration ----------------------------------------------------------------------------------------

def test_the_law_follows_the_application_date_not_today(county, lit_at):
    lit_at(D(2024, 3, 1))
    old = make_recon(county, applied_on=D(2023, 12, 29), received_on=D(2024, 1, 2))
    new = make_recon(county, applied_on=D(2024, 1, 2), received_on=D(2024, 1, 3))
    assert not old.law_2023 and new.law_2023
    assert "2017" in old.law_name and "2023" in new.law_name
    from fazhi.oversight.workflows.litigation import recon_rule

    assert recon_rule(old, "decide").endswith("第三十一条") and recon_rule(new, "decide").endswith("第六十二条")
    for case in (old, new):
        case = services.recon_accept(actor=county.office, case=case, on=D(2024, 1, 5))
        case = services.recon_serve_copy(actor=county.office, case=case, on=D(2024, 1, 8))
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.answer_due == D(2024, 1, 18)  # ten calendar days (2017 law)
    assert new.answer_due == D(2024, 1, 22)  # ten working days (2023 law, art. 88)


def test_acceptance_examined_within_5_working_days_no_refusal_after(county):
    case = make_recon(county, received_on=D(2019, 9, 27))  # Friday before National Day
    assert case.accept_due == D(2019, 10, 10)  # 09-29 (Sunday) was a make-up working day; 10-01…07 off
    with pytest.raises(DomainError, match="视为受理"):
        services.recon_not_accept(actor=county.office, case=case, reason="超过申请期限", on=D(2019, 10, 11))
    ok = services.recon_not_accept(actor=county.office, case=case, reason="超过申请期限", on=D(2019, 10, 10))
    assert ok.status == "not_accepted"
    with pytest.raises(DomainError, match="理由"):
        services.recon_not_accept(actor=county.office, case=make_recon(county), reason="", on=D(2019, 3, 5))


def test_decision_within_60_days_extension_at_most_30_before_lapse(county):
    case = services.recon_accept(actor=county.office, case=make_recon(county), on=D(2019, 3, 6))
    assert case.decision_due == D(2019, 5, 5)  # 60 days: 2019-05-05, a Sunday worked in lieu of the May holiday
    with pytest.raises(DomainError, match="最多不超过30日"):
        services.recon_extend(actor=county.office, case=case, days=31, approver="张主任", reason="案情复杂",
                              on=D(2019, 5, 1))
    with pytest.raises(DomainError, match="已于2019年05月05日届满"):
        services.recon_extend(actor=county.office, case=case, days=30, approver="张主任", reason="案情复杂",
                              on=D(2019, 5, 6))
    case = services.recon_extend(actor=county.office, case=case, days=30, approver="张主任", reason="案情复杂",
                                 on=D(2019, 5, 5))
    assert case.decision_deadline == D(2019, 6, 4)
    with pytest.raises(DomainError, match="已经延长过"):
        services.recon_extend(actor=county.office, case=case, days=5, approver="张主任", reason="x", on=D(2019, 5, 5))
    with pytest.raises(DomainError, match="复议结果"):
        services.recon_decide(actor=county.office, case=case, outcome="bogus", on=D(2019, 6, 1))
    case = services.recon_decide(actor=county.office, case=case, outcome="revoked", on=D(2019, 6, 1))
    assert case.status == "decided" and case.corrected


def test_answer_after_copy_and_only_by_the_respondent_side(county):
    case = services.recon_accept(actor=county.office, case=make_recon(county), on=D(2019, 3, 6))
    with pytest.raises(DomainError, match="副本送达"):
        services.recon_answer(actor=county.liaison, case=case, on=D(2019, 3, 8))
    case = services.recon_serve_copy(actor=county.office, case=case, on=D(2019, 3, 8))
    with pytest.raises(DomainError):
        services.recon_serve_copy(actor=county.office, case=case, on=D(2019, 3, 9))
    case = services.recon_answer(actor=county.liaison, case=case, on=D(2019, 3, 20))
    assert case.answered_on == D(2019, 3, 20) and case.answered_on > case.answer_due  # late, recorded
    with pytest.raises(DomainError, match="已提出"):
        services.recon_answer(actor=county.liaison, case=case, on=D(2019, 3, 21))
    with pytest.raises(DomainError):
        services.recon_accept(actor=county.liaison, case=make_recon(county), on=D(2019, 3, 6))


def test_normative_document_review_path(county):
    competent = services.recon_accept(actor=county.office, case=make_recon(county, doc_title="某县规定"),
                                      on=D(2019, 3, 6))
    assert competent.doc_due == D(2019, 4, 8)  # 30 days = 04-05 (清明) → next working day 04-08
    forwarded = services.recon_accept(actor=county.office, on=D(2019, 3, 6),
                                      case=make_recon(county, doc_title="某局通知", doc_competent=False))
    assert forwarded.doc_due == D(2019, 3, 15)  # 7 working days
    assert services.recon_doc_done(actor=county.office, case=forwarded, on=D(2019, 3, 12)).doc_done_on
    with pytest.raises(DomainError, match="附带审查"):
        services.recon_doc_done(actor=county.office, case=make_recon(county), on=D(2019, 3, 12))


def test_recon_register_refusals(county):
    with pytest.raises(DomainError, match="申请日期"):
        make_recon(county, applied_on=None)
    with pytest.raises(DomainError, match="不能早于申请日期"):
        make_recon(county, applied_on=D(2019, 3, 5), received_on=D(2019, 3, 4))
    make_recon(county, number="重复〔2019〕1号")
    with pytest.raises(DomainError, match="已经登记"):
        make_recon(county, number="重复〔2019〕1号")
    with pytest.raises(DomainError):
        services.recon_register(actor=county.liaison, role="body", body_name="县政府", unit=county.market,
                                number="L1", applicant_name="甲", applicant_kind="person", matter="penalty",
                                applied_on=D(2019, 3, 1), act_text="x")
    with pytest.raises(DomainError, match="复议案号"):
        make_recon(county, number=" ")
    with pytest.raises(DomainError, match="行政行为"):
        services.recon_register(actor=county.office, role="body", body_name="县政府", unit=county.market,
                                number="L2", applicant_name="甲", applicant_kind="person", matter="penalty",
                                applied_on=D(2019, 3, 1))


def test_return_save_rules(county):
    with pytest.raises(DomainError, match="受理数"):
        services.recon_return_save(actor=county.office, unit=county.gov, year=2019, received=1, accepted=2,
                                   concluded=0, corrected=0)
    with pytest.raises(DomainError, match="纠错数"):
        services.recon_return_save(actor=county.office, unit=county.gov, year=2019, received=2, accepted=2,
                                   concluded=1, corrected=2)
    with pytest.raises(DomainError):
        services.recon_return_save(actor=county.liaison, unit=county.gov, year=2019, received=2, accepted=2,
                                   concluded=1, corrected=0)
    r = services.recon_return_save(actor=county.office, unit=county.gov, year=2019, received=2, accepted=2,
                                   concluded=1, corrected=0)
    assert str(r) == "2019年行政复议统计上报数"


def test_next_instance_links_the_previous_one(county):
    first = judged(county, make_case(county), on=D(2019, 6, 3))
    appeal = make_case(county, instance="appeal", previous=first, received_on=D(2019, 6, 20))
    assert appeal.previous == first and str(appeal).endswith("（二审）")
    assert appeal.get_absolute_url().endswith(f"/{appeal.pk}/")
    hearing = make_hearing(county, appeal, hearing_on=D(2019, 7, 1))
    assert str(hearing) == f"{appeal.case_number} 2019-07-01开庭"
    assert hearing.get_absolute_url().endswith(f"/hearings/{hearing.pk}/")
    datetime.date.today  # noqa: B018 - the platform clock is patched; nothing reads the system date
