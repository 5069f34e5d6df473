"""Each gate of the procedure refused, and the lawful path allowed (RULES.md §5, §6, §6.1, §7)."""
import datetime
from decimal import Decimal

import pytest

from fazhi.core import masking, workdays
from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.enforcement import records, selectors, services
from fazhi.enforcement.choices import (
    Act,
    CaseKind,
    CaseStatus,
    CertificateStatus,
    CoerciveMeasure,
    MajorReason,
    PublicationStatus,
    Step,
)
from fazhi.enforcement.models import Case, CaseRecord, Publication

from .factories import officer, party, penalty_case, photo, step, to_decision, video

pytestmark = pytest.mark.django_db
D = datetime.date


# 持证上岗 ------------------------------------------------------------------------------------

def test_uncertified_officer_cannot_be_put_on_a_case(enf):
    expired = officer(enf, unit=enf.market_station, name="李过期", issued_on=D(2014, 1, 1), valid_until=D(2019, 1, 1))
    with pytest.raises(DomainError, match="李过期的执法证.*已过期.*持证上岗") as e:
        penalty_case(enf, enf.body, expired)
    assert e.value.field == "officers" and not Case.objects.exists()
    case = penalty_case(enf, enf.body, enf.colleague)
    with pytest.raises(DomainError, match="已过期"):
        services.officer_assign(actor=enf.officer, case=case, officer=expired, on=D(2025, 3, 4))
    third = officer(enf, unit=enf.market, name="周有效")
    # a colleague leaves: the case can still get a replacement, then go on
    services.officer_set_status(actor=enf.office, officer=enf.colleague, status=CertificateStatus.WITHDRAWN,
                                reason="调离")
    with pytest.raises(DomainError, match="只有1名"):
        step(enf, case, "investigate", D(2025, 3, 4))
    services.officer_assign(actor=enf.officer, case=case, officer=third, on=D(2025, 3, 4))
    assert case.officers.count() == 3
    assert step(enf, case, "investigate", D(2025, 3, 4)).status == CaseStatus.INVESTIGATING


def test_uncertified_officer_cannot_sign_a_step(enf):
    case = penalty_case(enf, enf.body, enf.colleague)
    services.officer_set_status(actor=enf.office, officer=enf.me, status=CertificateStatus.SUSPENDED,
                                reason="涉嫌违纪暂扣")
    with pytest.raises(DomainError, match="暂扣.*不能从事执法活动"):
        step(enf, case, "investigate", D(2025, 3, 4))
    assert Case.objects.get(pk=case.pk).status == CaseStatus.REGISTERED
    services.officer_set_status(actor=enf.office, officer=enf.me, status=CertificateStatus.VALID)
    assert step(enf, case, "investigate", D(2025, 3, 4)).status == CaseStatus.INVESTIGATING


def test_suspending_needs_a_reason_and_a_withdrawn_certificate_stays_withdrawn(enf):
    with pytest.raises(DomainError, match="须说明原因"):
        services.officer_set_status(actor=enf.office, officer=enf.colleague, status=CertificateStatus.WITHDRAWN)
    services.officer_set_status(actor=enf.office, officer=enf.colleague, status=CertificateStatus.WITHDRAWN,
                                reason="调离执法岗位")
    with pytest.raises(DomainError, match="不能恢复"):
        services.officer_set_status(actor=enf.office, officer=enf.colleague, status=CertificateStatus.VALID)


def test_a_penalty_needs_two_certified_officers(enf):
    with pytest.raises(DomainError, match="两名以上"):
        services.case_register(actor=enf.officer, body=enf.body, kind=CaseKind.PENALTY, title="单人处罚",
                               registered_on=D(2025, 3, 3), parties=[party()])
    inspection = services.case_register(actor=enf.officer, body=enf.body, kind=CaseKind.INSPECTION,
                                        title="日常检查", registered_on=D(2025, 3, 3))
    assert inspection.number == "某县市场监督管理局立案〔2025〕1号"
    # a colleague whose certificate lapses mid-case stops the penalty case
    case = penalty_case(enf, enf.body, enf.colleague)
    services.officer_set_status(actor=enf.office, officer=enf.colleague, status=CertificateStatus.WITHDRAWN,
                                reason="退休")
    with pytest.raises(DomainError, match="两名以上持有效执法证.*只有1名"):
        step(enf, case, "investigate", D(2025, 3, 4))


def test_officer_qualification_check(enf):
    with pytest.raises(DomainError, match="工勤人员不得申领"):
        officer(enf, staffing="worker")
    with pytest.raises(DomainError, match="考试成绩须达到60分"):
        officer(enf, exam_score=50)


# Procedure and deadlines --------------------------------------------------------------------

def test_lawful_penalty_path_with_deadlines_in_working_days(enf):
    case = penalty_case(enf, enf.body, enf.colleague)
    assert case.decision_due == workdays.add_calendar_days(D(2025, 3, 3), 90)
    case = step(enf, case, "investigate", D(2025, 3, 4))
    with pytest.raises(DomainError, match="作出行政处罚决定前，应当告知"):
        step(enf, case, "decide", D(2025, 3, 5), decision="罚款")
    case = step(enf, case, "notify", D(2025, 3, 7), fine_amount=Decimal("3000"))
    assert case.statement_due == D(2025, 3, 14)  # 5 working days after a Friday
    case = step(enf, case, "decide", D(2025, 3, 20), decision="罚款3000元")
    assert case.decision_number == "某县市场监督管理局决字〔2025〕1号"
    assert case.service_due == workdays.add_working_days(D(2025, 3, 20), 7)
    case = step(enf, case, "serve", D(2025, 3, 21))
    case = step(enf, case, "execute", D(2025, 3, 28))
    with pytest.raises(DomainError, match="尚未公示，不能结案"):
        step(enf, case, "close", D(2025, 3, 28))
    services.decision_publish(actor=enf.officer, case=case, on=D(2025, 3, 25))
    case = step(enf, case, "close", D(2025, 3, 28))
    assert case.status == CaseStatus.CLOSED
    steps = list(CaseRecord.objects.filter(case=case).values_list("step", flat=True))
    assert steps == ["register", "investigate", "notify", "decide", "serve", "execute", "publicity", "close"]
    assert AuditEntry.objects.filter(event_name="enforcement.case_closed", object_id=str(case.pk)).exists()


def test_no_decision_while_the_statement_window_is_open(enf):
    today = datetime.date.today()
    case = penalty_case(enf, enf.body, enf.colleague, on=today)
    case = step(enf, case, "investigate", today)
    case = step(enf, case, "notify", today, fine_amount=Decimal("500"))
    with pytest.raises(DomainError, match="期限尚未届满"):
        step(enf, case, "decide", today, decision="罚款500元")
    case2 = penalty_case(enf, enf.body, enf.colleague, on=today)
    case2 = step(enf, case2, "investigate", today)
    case2 = step(enf, case2, "notify", today, fine_amount=Decimal("500"), rights_waived=True)
    assert step(enf, case2, "decide", today, decision="罚款500元").status == CaseStatus.DECIDED


def test_hearing_request_within_five_working_days_and_only_when_the_penalty_qualifies(enf):
    case = penalty_case(enf, enf.body, enf.colleague)
    case = step(enf, case, "investigate", D(2025, 3, 4))
    case = step(enf, case, "notify", D(2025, 3, 7), fine_amount=Decimal("3000"))
    with pytest.raises(DomainError, match="已超过期限"):
        step(enf, case, "request_hearing", D(2025, 3, 17), hearing_kind="statement")
    with pytest.raises(DomainError, match="不属于听证范围"):
        step(enf, case, "request_hearing", D(2025, 3, 10), hearing_kind="hearing")
    case = step(enf, case, "request_hearing", D(2025, 3, 10), hearing_kind="statement")
    assert case.status == CaseStatus.HEARING and not case.is_major

    big = penalty_case(enf, enf.body, enf.colleague)
    big = step(enf, big, "investigate", D(2025, 3, 4))
    big = step(enf, big, "notify", D(2025, 3, 7), fine_amount=Decimal("20000"))
    with pytest.raises(DomainError, match="不得早于"):
        step(enf, big, "request_hearing", D(2025, 3, 10), hearing_kind="hearing", hearing_on=D(2025, 3, 12))
    big = step(enf, big, "request_hearing", D(2025, 3, 10), hearing_kind="hearing", hearing_on=D(2025, 3, 20))
    assert MajorReason.AFTER_HEARING in big.major_reasons  # art. 58(2): decided after a hearing → legal review


def test_hearing_threshold_is_a_setting(enf):
    from fazhi.core.rules import setting_set

    setting_set(actor=enf.office, key="enforcement.hearing_fine_person", raw="2000")
    case = penalty_case(enf, enf.body, enf.colleague)
    case = step(enf, case, "investigate", D(2025, 3, 4))
    case = step(enf, case, "notify", D(2025, 3, 7), fine_amount=Decimal("3000"))
    assert step(enf, case, "request_hearing", D(2025, 3, 10), hearing_kind="hearing").hearing_kind == "hearing"


# Legal review of major decisions ------------------------------------------------------------

def test_major_case_cannot_be_decided_without_a_passed_review_by_a_qualified_reviewer(enf):
    case = penalty_case(enf, enf.body, enf.colleague, major_reasons=[MajorReason.PUBLIC_INTEREST])
    case = step(enf, case, "investigate", D(2025, 3, 4))
    case = step(enf, case, "notify", D(2025, 3, 7), fine_amount=Decimal("3000"))
    with pytest.raises(DomainError, match="未经法制审核"):
        step(enf, case, "decide", D(2025, 3, 20), decision="罚款")
    case = step(enf, case, "submit_review", D(2025, 3, 17))
    # a reviewer without legal-professional qualification is refused
    services.officer_update(actor=enf.office, officer=enf.legal, legal_qualification=False)
    with pytest.raises(DomainError, match="法律职业资格"):
        step(enf, case, "review_pass", D(2025, 3, 18), actor=enf.reviewer)
    services.officer_update(actor=enf.office, officer=enf.legal, legal_qualification=True)
    case = step(enf, case, "review_reject", D(2025, 3, 18), "证据不足，补充调查", actor=enf.reviewer)
    assert case.status == CaseStatus.INVESTIGATING
    with pytest.raises(DomainError, match="未经法制审核"):
        step(enf, case, "decide", D(2025, 3, 20), decision="罚款")
    case = step(enf, case, "submit_review", D(2025, 3, 19))
    case = step(enf, case, "review_pass", D(2025, 3, 20), "事实清楚，证据充分，同意", actor=enf.reviewer)
    case = step(enf, case, "decide", D(2025, 3, 21), decision="罚款3000元")
    assert case.status == CaseStatus.DECIDED
    assert [(r.reviewer_name, r.passed) for r in case.reviews.order_by("id")] == [("司法局赵审核", False),
                                                                                 ("司法局赵审核", True)]


def test_large_amount_makes_a_case_major(enf):
    case = penalty_case(enf, enf.body, enf.colleague)
    case = step(enf, case, "investigate", D(2025, 3, 4))
    case = step(enf, case, "notify", D(2025, 3, 7), fine_amount=Decimal("60000"))
    assert MajorReason.LARGE_AMOUNT in case.major_reasons


def test_the_case_officer_cannot_review_the_case(enf):
    from fazhi.enforcement.qualifications import reviewer_refusal

    case = penalty_case(enf, enf.body, enf.colleague, major_reasons=[MajorReason.COMPLEX])
    assert reviewer_refusal(enf.reviewer, case) is None
    case.officers.add(enf.legal)  # the reviewer also investigated the case
    assert reviewer_refusal(enf.reviewer, case) == "本案的执法人员不能审核本案"
    assert reviewer_refusal(enf.officer, case) == "法制审核人员须具有法律职业资格"


# Full-process record ------------------------------------------------------------------------

def test_mandatory_audio_video_step_needs_a_recording(enf):
    case = services.case_register(actor=enf.officer, body=enf.body, kind=CaseKind.COERCION, title="查封过期食品",
                                  registered_on=D(2025, 3, 3), officers=[enf.colleague],
                                  coercive_measure=CoerciveMeasure.SEIZURE)
    case = step(enf, case, "investigate", D(2025, 3, 4))
    with pytest.raises(DomainError, match="须全程音像记录"):
        services.record_add(actor=enf.officer, case=case, step=Step.INVESTIGATE, act=Act.SEIZURE,
                            text="现场查封", occurred_on=D(2025, 3, 4))
    record = services.record_add(actor=enf.officer, case=case, step=Step.INVESTIGATE, act=Act.SEIZURE,
                                 text="现场查封", occurred_on=D(2025, 3, 4), upload=video())
    assert record.file_kind == "video" and len(record.file_sha256) == 64
    case = step(enf, case, "decide", D(2025, 3, 5), decision="查封")
    case = step(enf, case, "serve", D(2025, 3, 6))
    with pytest.raises(DomainError, match="须全程音像记录"):
        step(enf, case, "execute", D(2025, 3, 7))
    with pytest.raises(DomainError, match="须全程音像记录"):
        step(enf, case, "execute", D(2025, 3, 7), upload=photo())
    assert step(enf, case, "execute", D(2025, 3, 7), upload=video()).status == CaseStatus.EXECUTED


def test_records_are_append_only(enf):
    case = penalty_case(enf, enf.body, enf.colleague)
    record = case.records.get()
    record.text = "改过的"
    with pytest.raises(RuntimeError):
        record.save()
    with pytest.raises(RuntimeError):
        record.delete()


def test_tampering_with_a_stored_record_is_detected(enf):
    case = to_decision(enf, penalty_case(enf, enf.body, enf.colleague))
    services.record_add(actor=enf.officer, case=case, step=Step.DECIDE, text="附现场录像", occurred_on=D(2025, 3, 25),
                        upload=video())
    assert records.verify_case(case).ok and records.verify_all(check_files=True).ok
    CaseRecord.objects.filter(case=case, seq=2).update(text="篡改后的笔录")
    result = records.verify_all()
    assert not result.ok and result.problems[0][1] == 2 and "被修改" in result.problems[0][2]


def test_deleting_a_record_is_detected(enf):
    from django.db import connection

    case = to_decision(enf, penalty_case(enf, enf.body, enf.colleague))
    table = CaseRecord._meta.db_table
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {table} WHERE case_id = %s AND seq = %s", [case.pk, case.record_count])
    result = records.verify_case(case)
    assert not result.ok and "末尾的记录被删除" in result.problems[0][2]
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {table} WHERE case_id = %s AND seq = 2", [case.pk])
    assert "缺失" in records.verify_case(case).problems[0][2]


def test_a_replaced_attachment_is_detected(enf):
    from django.core.files.storage import default_storage

    case = penalty_case(enf, enf.body, enf.colleague)
    record = services.record_add(actor=enf.officer, case=case, step=Step.REGISTER, text="现场", upload=video(),
                                 occurred_on=D(2025, 3, 3))
    with default_storage.open(record.file.name, "wb") as fh:
        fh.write(b"another video")
    assert records.verify_case(case).ok  # rows intact
    assert "附件内容" in records.verify_case(case, check_files=True).problems[0][2]


def test_verify_records_command(enf):
    from django.core.management import CommandError, call_command

    case = penalty_case(enf, enf.body, enf.colleague)
    call_command("verify_records")
    call_command("verify_records", case=case.number)
    CaseRecord.objects.filter(case=case).update(actor_name="别人")
    with pytest.raises(CommandError, match="被篡改"):
        call_command("verify_records")


# Publicity ----------------------------------------------------------------------------------

def test_publication_is_masked_and_on_time(enf):
    case = to_decision(enf, penalty_case(enf, enf.body, enf.colleague))
    publication = case.publication
    assert publication.due_on == workdays.add_working_days(case.decided_on, 7)
    publication = services.decision_publish(actor=enf.officer, case=case, on=case.decided_on)
    text = publication.party + publication.title + publication.content
    assert "张某" in text and "张三丰" not in text and not masking.find_leaks(text, names=["张三丰"])
    assert publication.on_time and publication.status == PublicationStatus.PUBLISHED


def test_late_publication_is_refused_without_a_reason_and_marked_late(enf):
    case = to_decision(enf, penalty_case(enf, enf.body, enf.colleague))
    late = workdays.add_working_days(case.decided_on, 8)
    with pytest.raises(DomainError, match="已超过公示期限") as e:
        services.decision_publish(actor=enf.officer, case=case, on=late)
    assert e.value.field == "late_reason"
    assert Publication.objects.get(case=case).status == PublicationStatus.PENDING
    publication = services.decision_publish(actor=enf.officer, case=case, on=late, late_reason="系统故障")
    assert not publication.on_time and publication.late_reason == "系统故障"


def test_other_decisions_have_twenty_working_days(enf):
    case = services.case_register(actor=enf.officer, body=enf.body, kind=CaseKind.INSPECTION, title="检查",
                                  registered_on=D(2025, 3, 3), parties=[party()])
    case = step(enf, case, "investigate", D(2025, 3, 4))
    case = step(enf, case, "decide", D(2025, 3, 5), decision="责令整改")
    assert case.publication.due_on == workdays.add_working_days(D(2025, 3, 5), 20)


def test_a_minors_case_is_never_published(enf):
    case = to_decision(enf, penalty_case(enf, enf.body, enf.colleague, parties=[party("王小明", is_minor=True)]))
    assert case.publication.status == PublicationStatus.NOT_PUBLISHED
    with pytest.raises(DomainError, match="未成年人"):
        services.decision_publish(actor=enf.officer, case=case, on=case.decided_on)
    case = step(enf, step(enf, case, "serve", D(2025, 3, 25)), "execute", D(2025, 3, 26))
    assert step(enf, case, "close", D(2025, 3, 26)).status == CaseStatus.CLOSED


def test_revoked_decision_is_withdrawn_within_three_working_days(enf):
    case = to_decision(enf, penalty_case(enf, enf.body, enf.colleague))
    services.decision_publish(actor=enf.officer, case=case, on=case.decided_on)
    with pytest.raises(DomainError, match="原因"):
        services.decision_revoke(actor=enf.liaison, case=case, reason="", on=D(2025, 4, 3))
    services.decision_revoke(actor=enf.liaison, case=case, reason="行政复议撤销", on=D(2025, 4, 3))
    publication = Publication.objects.get(case=case)
    assert publication.withdraw_due == D(2025, 4, 9)  # 清明 4–6 April 2025 not counted
    services.publication_withdraw(actor=enf.liaison, case=case, on=D(2025, 4, 7))
    assert Publication.objects.get(case=case).status == PublicationStatus.WITHDRAWN


# Evaluation, training, scope ----------------------------------------------------------------

def test_case_file_evaluation_scores(enf):
    case = to_decision(enf, penalty_case(enf, enf.body, enf.colleague))
    with pytest.raises(DomainError, match="0到25分"):
        services.evaluation_add(actor=enf.office, case=case, subject_score=20, facts_score=30, law_score=20,
                                procedure_score=25, documents_score=10)
    ev = services.evaluation_add(actor=enf.office, case=case, subject_score=20, facts_score=22, law_score=18,
                                 procedure_score=25, documents_score=8, evaluated_on=D(2025, 6, 1))
    assert ev.total == 93 and ev.grade == "优秀"


def test_training_hours(enf):
    services.training_add(actor=enf.office, officer=enf.me, title="2019年行政执法业务培训", held_on=D(2025, 5, 1),
                           hours=Decimal("24"))
    with pytest.raises(DomainError, match="学时"):
        services.training_add(actor=enf.office, officer=enf.me, title="x", held_on=D(2025, 5, 1), hours=0)
    assert selectors.training_hours([enf.me.pk], 2025) == {enf.me.pk: Decimal("24")}


def test_outsider_cannot_touch_a_case(enf):
    case = penalty_case(enf, enf.body, enf.colleague)
    with pytest.raises(DomainError):
        services.case_transition(actor=enf.outsider, case=case, action="investigate", text="x",
                                 on=D(2025, 3, 4))
    from fazhi.core.errors import NotFound

    with pytest.raises(NotFound):
        services.decision_revoke(actor=enf.outsider, case=case, reason="x")


def test_search_finds_cases_for_staff_and_masked_decisions_for_the_public(enf):
    from fazhi.core import search

    case = to_decision(enf, penalty_case(enf, enf.body, enf.colleague))
    assert [h.entry.url for h in search.query("过期食品", user=enf.liaison)] == [f"/enforcement/cases/{case.pk}/"]
    assert search.query("过期食品", user=enf.outsider).total == 0
    assert search.query("过期食品", public_only=True).total == 0  # not published yet
    services.decision_publish(actor=enf.officer, case=case, on=case.decided_on)
    hits = search.query("过期食品", public_only=True)
    assert hits.total == 1 and "张三丰" not in hits.hits[0].entry.title + hits.hits[0].entry.text
    services.decision_revoke(actor=enf.liaison, case=case, reason="复议撤销", on=D(2025, 4, 3))
    services.publication_withdraw(actor=enf.liaison, case=case, on=D(2025, 4, 7))
    assert search.query("过期食品", public_only=True).total == 0
