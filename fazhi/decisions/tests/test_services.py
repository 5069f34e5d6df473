"""The procedure's rules (国务院令第713号), each shown allowed and refused, through the real services."""
import datetime

import pytest

from fazhi.core import clock
from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.decisions import services
from fazhi.decisions.choices import (
    DecisionStatus,
    MemberRole,
    Position,
    ReviewOpinion,
    ReviewState,
    StepCode,
    StepStatus,
)
from fazhi.decisions.models import Decision, PublicComment

from . import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db


def last_event():
    return AuditEntry.objects.order_by("-seq").first().event_name


class TestRegistration:
    def test_a_decision_gets_its_five_steps(self, county):
        d = f.decision(county)
        assert [s.code for s in d.steps.order_by("id")] == [c.value for c in StepCode]
        assert d.status == DecisionStatus.DRAFT and last_event() == "decisions.decision_created"

    def test_emergency_response_is_refused_with_the_reason(self, county):
        with pytest.raises(DomainError, match="突发事件应急处置决策.*不适用重大行政决策程序") as e:
            f.decision(county, excluded="emergency")
        assert e.value.field == "excluded" and not Decision.objects.exists()

    def test_lead_unit_is_required(self, county):
        with pytest.raises(DomainError, match="承办单位"):
            services.decision_create(actor=county.office, title="x", category="plan", organ=county.gov,
                                     lead_unit=None, proposer="p", year=2026)


class TestStepsAreNeverSilentlySkipped:
    def test_conditional_step_marked_not_applicable_with_reason(self, county):
        d = f.decision(county)
        s = services.step_mark_not_applicable(actor=county.office, step=f.step(d, StepCode.EXPERT_CONSULTATION),
                                              reason="不属于专业性技术性较强的事项")
        assert s.status == StepStatus.NOT_APPLICABLE and s.na_reason

    def test_not_applicable_needs_a_reason(self, county):
        d = f.decision(county)
        with pytest.raises(DomainError, match="理由"):
            services.step_mark_not_applicable(actor=county.office, step=f.step(d, StepCode.EXPERT_CONSULTATION),
                                              reason=" ")

    def test_legality_review_can_never_be_not_applicable(self, county):
        d = f.decision(county)
        with pytest.raises(DomainError, match="法定必经程序"):
            services.step_mark_not_applicable(actor=county.office, step=f.step(d, StepCode.LEGALITY_REVIEW),
                                              reason="无")

    def test_technical_matter_must_have_experts(self, county):
        d = f.decision(county, technical=True)
        with pytest.raises(DomainError, match="必须组织专家论证"):
            services.step_mark_not_applicable(actor=county.office, step=f.step(d, StepCode.EXPERT_CONSULTATION),
                                              reason="不需要")

    def test_review_cannot_be_requested_with_a_step_left_open(self, county):
        d = f.decision(county)
        with pytest.raises(DomainError, match="尚未办结或标记不适用：公众参与、专家论证、风险评估"):
            services.review_submit(actor=county.office, decision=d, review_unit=county.justice,
                                   submitted_on=D(2026, 6, 1), due_on=D(2026, 6, 10))
        assert Decision.objects.get(pk=d.pk).status == DecisionStatus.DRAFT

    def test_expert_with_an_interest_is_refused_and_signed_opinions_complete_the_step(self, county):
        d = f.decision(county)
        with pytest.raises(DomainError, match="直接利害关系") as e:
            services.expert_opinion_add(actor=county.office, decision=d, expert="刘教授", affiliation="某大学",
                                        opinion="可行", given_on=D(2026, 5, 1), signed=True, no_conflict=False)
        assert e.value.field == "no_conflict"
        services.expert_opinion_add(actor=county.office, decision=d, expert="刘教授", affiliation="某大学",
                                    opinion="可行", given_on=D(2026, 5, 1), signed=False, no_conflict=True)
        step = f.step(d, StepCode.EXPERT_CONSULTATION)
        with pytest.raises(DomainError, match="尚未签字：刘教授"):
            services.step_record(actor=county.office, step=step, complete=True)
        step.expert_opinions.update(signed=True)
        assert services.step_record(actor=county.office, step=step, complete=True).status == StepStatus.DONE


class TestCommentPeriod:
    def test_thirty_days_is_allowed(self, county):
        d = f.decision(county)
        d = services.comment_open(actor=county.office, decision=d, comment_start=D(2026, 3, 1),
                                  comment_end=D(2026, 3, 31))
        assert d.status == DecisionStatus.CONSULTATION and last_event() == "decisions.comment_opened"

    def test_shorter_is_refused_without_a_reason(self, county):
        d = f.decision(county)
        with pytest.raises(DomainError, match="少于30日") as e:
            services.comment_open(actor=county.office, decision=d, comment_start=D(2026, 3, 1),
                                  comment_end=D(2026, 3, 20))
        assert e.value.field == "comment_end"
        assert Decision.objects.get(pk=d.pk).status == DecisionStatus.DRAFT

    def test_shorter_is_allowed_with_a_recorded_reason(self, county):
        d = f.decision(county)
        d = services.comment_open(actor=county.office, decision=d, comment_start=D(2026, 3, 1),
                                  comment_end=D(2026, 3, 10), shortening_reason="汛期临近，情况紧急")
        assert d.status == DecisionStatus.CONSULTATION
        assert f.step(d, StepCode.PUBLIC_PARTICIPATION).shortening_reason == "汛期临近，情况紧急"

    def test_the_window_cannot_be_closed_early(self, county, monkeypatch):
        d = f.decision(county)
        services.comment_open(actor=county.office, decision=d, comment_start=D(2026, 3, 1),
                              comment_end=D(2026, 3, 31))
        monkeypatch.setattr(clock, "today", lambda: D(2026, 3, 15))
        with pytest.raises(DomainError, match="期满后才能结束"):
            services.comment_close(actor=county.office, decision=d)
        monkeypatch.setattr(clock, "today", lambda: D(2026, 4, 1))
        assert services.comment_close(actor=county.office, decision=d).status == DecisionStatus.DRAFT


class TestHearing:
    def test_materials_seven_days_before_is_allowed(self, county):
        d = f.decision(county)
        s = services.step_record(actor=county.office, step=f.step(d, StepCode.PUBLIC_PARTICIPATION),
                                 methods=["hearing"], hearing_on=D(2026, 4, 20),
                                 hearing_materials_sent_on=D(2026, 4, 13), hearing_participants="经营户代表10名")
        assert s.hearing_on == D(2026, 4, 20)

    def test_materials_six_days_before_is_refused(self, county):
        d = f.decision(county)
        with pytest.raises(DomainError, match="7日前送达.*仅提前6日") as e:
            services.step_record(actor=county.office, step=f.step(d, StepCode.PUBLIC_PARTICIPATION),
                                 methods=["hearing"], hearing_on=D(2026, 4, 20),
                                 hearing_materials_sent_on=D(2026, 4, 14))
        assert e.value.field == "hearing_materials_sent_on"
        assert f.step(d, StepCode.PUBLIC_PARTICIPATION).hearing_on is None


class TestReviewTime:
    def test_seven_working_days_is_allowed(self, county):
        d = f.decision(county)
        f.resolve_preliminary(county, d)
        # 2026-06-01 (Mon) + 7 working days = 2026-06-10
        d = services.review_submit(actor=county.office, decision=d, review_unit=county.justice,
                                   submitted_on=D(2026, 6, 1), due_on=D(2026, 6, 10))
        assert d.status == DecisionStatus.REVIEW
        assert f.step(d, StepCode.LEGALITY_REVIEW).responsible_unit == county.justice

    def test_six_working_days_is_refused(self, county):
        d = f.decision(county)
        f.resolve_preliminary(county, d)
        with pytest.raises(DomainError, match="不得少于7个工作日.*不得早于2026-06-10") as e:
            services.review_submit(actor=county.office, decision=d, review_unit=county.justice,
                                   submitted_on=D(2026, 6, 1), due_on=D(2026, 6, 9))
        assert e.value.field == "due_on" and Decision.objects.get(pk=d.pk).status == DecisionStatus.DRAFT

    def test_holidays_do_not_count(self, county):
        d = f.decision(county)
        f.resolve_preliminary(county, d)
        # 2026-09-30 + 7 working days: National Day holidays are skipped; 10-10 (Saturday) is a make-up day.
        with pytest.raises(DomainError, match="不得早于2026-10-15"):
            services.review_submit(actor=county.office, decision=d, review_unit=county.justice,
                                   submitted_on=D(2026, 9, 30), due_on=D(2026, 10, 14))


class TestRiskGate:
    def _uncontrollable(self, county):
        d = f.decision(county, stability_risk=True)
        services.step_mark_not_applicable(actor=county.office, step=f.step(d, StepCode.PUBLIC_PARTICIPATION),
                                          reason="依法不公开")
        services.step_mark_not_applicable(actor=county.office, step=f.step(d, StepCode.EXPERT_CONSULTATION),
                                          reason="非技术事项")
        services.step_record(actor=county.office, step=f.step(d, StepCode.RISK_ASSESSMENT), complete=True,
                             risk_points="大规模搬迁", risk_level="high", risk_controllable=False,
                             risk_measures="—", contingency_plan="—", assessor="第三方评估机构")
        return d

    def test_uncontrollable_risk_blocks(self, county):
        d = self._uncontrollable(county)
        with pytest.raises(DomainError, match="风险不可控"):
            services.review_submit(actor=county.office, decision=d, review_unit=county.justice,
                                   submitted_on=D(2026, 6, 1), due_on=D(2026, 6, 10))

    def test_it_cannot_be_waved_through_without_changing_the_draft(self, county):
        d = self._uncontrollable(county)
        with pytest.raises(DomainError, match="须先调整决策草案"):
            services.step_record(actor=county.office, step=f.step(d, StepCode.RISK_ASSESSMENT), complete=True,
                                 risk_controllable=True)

    def test_changed_draft_reassessed_as_controllable_goes_on(self, county):
        d = self._uncontrollable(county)
        d = services.draft_revise(actor=county.office, decision=d, draft_text="第二稿：分期实施搬迁")
        assert f.step(d, StepCode.RISK_ASSESSMENT).status == StepStatus.PENDING
        services.step_record(actor=county.office, step=f.step(d, StepCode.RISK_ASSESSMENT), complete=True,
                             risk_level="medium", risk_controllable=True, risk_measures="分期实施")
        d = services.review_submit(actor=county.office, decision=d, review_unit=county.justice,
                                   submitted_on=D(2026, 6, 1), due_on=D(2026, 6, 10))
        assert d.status == DecisionStatus.REVIEW


class TestLegalityGate:
    def test_lawful_opinion_goes_to_discussion(self, county):
        d = f.to_discussion(county, f.decision(county))
        assert d.status == DecisionStatus.DISCUSSION and last_event() == "decisions.discussion_submitted"

    def test_without_an_opinion_it_cannot_go_to_discussion(self, county):
        d = f.to_review(county, f.decision(county))
        with pytest.raises(DomainError, match="尚未经合法性审查，不得提交集体讨论"):
            services.decision_act(actor=county.office, decision=d, action="discussion_submit")

    def test_unlawful_opinion_blocks_discussion(self, county):
        d = f.to_review(county, f.decision(county))
        f.opinion_give(county, d, opinion=ReviewOpinion.UNLAWFUL)
        with pytest.raises(DomainError, match="不合法.*不得提交集体讨论"):
            services.decision_act(actor=county.office, decision=d, action="discussion_submit")
        d = services.decision_act(actor=county.office, decision=d, action="draft_return", reason="按审查意见修改")
        assert d.status == DecisionStatus.DRAFT
        assert f.step(d, StepCode.LEGALITY_REVIEW).review_state == ReviewState.NONE

    def test_exploratory_reform_goes_with_its_risk_statement(self, county):
        d = f.to_review(county, f.decision(county))
        f.opinion_give(county, d, opinion=ReviewOpinion.UNLAWFUL,
                       exploratory_risk="属于探索性改革，国家尚无明确规定，存在被上级纠正的法律风险")
        d = services.decision_act(actor=county.office, decision=d, action="discussion_submit")
        assert d.status == DecisionStatus.DISCUSSION

    def test_decide_is_refused_when_the_review_was_unlawful(self, county):
        """Even a record that reached discussion is checked again when the decision is taken."""
        d = f.to_discussion(county, f.decision(county))
        f.record_meeting(county, d)
        f.step(d, StepCode.LEGALITY_REVIEW).__class__.objects.filter(
            decision=d, code=StepCode.LEGALITY_REVIEW).update(opinion=ReviewOpinion.UNLAWFUL)
        with pytest.raises(DomainError, match="不合法"):
            services.decision_decide(actor=county.office, decision=d)

    def test_opinion_needs_a_legal_adviser(self, county):
        d = f.to_review(county, f.decision(county))
        with pytest.raises(DomainError, match="法律顾问参与"):
            services.review_opinion_give(actor=county.reviewer, step=f.step(d, StepCode.LEGALITY_REVIEW),
                                         opinion="lawful", opinion_text="合法", adviser=None)

    def test_the_reviewer_of_the_justice_bureau_may_give_it_but_not_the_outsider(self, county):
        d = f.to_review(county, f.decision(county))
        adv = f.adviser(county)
        with pytest.raises(DomainError, match="权限"):
            services.review_opinion_give(actor=county.outsider, step=f.step(d, StepCode.LEGALITY_REVIEW),
                                         opinion="lawful", opinion_text="合法", adviser=adv)
        step = services.review_opinion_give(actor=county.reviewer, step=f.step(d, StepCode.LEGALITY_REVIEW),
                                            opinion="lawful", opinion_text="合法", adviser=adv)
        assert step.review_state == ReviewState.GIVEN
        assert adv.services.filter(kind="decision_review").count() == 1


class TestCollectiveDiscussion:
    def test_complete_record_decides(self, county):
        d = f.to_decided(county, f.decision(county))
        assert d.status == DecisionStatus.DECIDED and d.decided_on == D(2026, 6, 20)
        assert f.step(d, StepCode.COLLECTIVE_DECISION).status == StepStatus.DONE

    def test_head_must_speak_last(self, county):
        d = f.to_discussion(county, f.decision(county))
        views = [f.VIEWS[2], f.VIEWS[0], f.VIEWS[1]]
        with pytest.raises(DomainError, match="行政首长应当最后发表意见"):
            f.record_meeting(county, d, views=views)

    def test_dissent_must_be_minuted(self, county):
        d = f.to_discussion(county, f.decision(county))
        views = [f.VIEWS[0], {**f.VIEWS[1], "position": Position.DISAGREE}, f.VIEWS[2]]
        with pytest.raises(DomainError, match="李副县长.*如实记载"):
            f.record_meeting(county, d, views=views)
        f.record_meeting(county, d, views=views, dissent="李副县长认为应暂缓实施")
        assert services.decision_decide(actor=county.office, decision=d).status == DecisionStatus.DECIDED

    def test_head_departing_from_the_majority_gives_reasons(self, county):
        d = f.to_discussion(county, f.decision(county))
        views = [{**f.VIEWS[0], "position": Position.DISAGREE}, {**f.VIEWS[1], "position": Position.DISAGREE},
                 f.VIEWS[2]]
        with pytest.raises(DomainError, match="与多数人意见不一致"):
            f.record_meeting(county, d, views=views, dissent="两位副县长不同意")
        f.record_meeting(county, d, views=views, dissent="两位副县长不同意",
                         head_departure_reason="项目已纳入省级规划，须按期实施")

    def test_the_meeting_cannot_predate_the_review(self, county):
        d = f.to_discussion(county, f.decision(county))  # opinion given 2026-06-08
        with pytest.raises(DomainError, match="须先审查、后讨论") as e:
            f.record_meeting(county, d, meeting_on=D(2026, 6, 5))
        assert e.value.field == "meeting_on"

    def test_decide_without_a_meeting_record_is_refused(self, county):
        d = f.to_discussion(county, f.decision(county))
        with pytest.raises(DomainError, match="会议类型和日期"):
            services.decision_decide(actor=county.office, decision=d)

    def test_a_liaison_cannot_take_the_decision(self, county):
        d = f.to_discussion(county, f.decision(county))
        f.record_meeting(county, d)
        with pytest.raises(DomainError, match="权限"):
            services.decision_decide(actor=county.liaison, decision=d)


class TestPublicComment:
    def _open(self, county):
        d = f.decision(county)
        return services.comment_open(actor=county.office, decision=d, comment_start=D(2026, 3, 1),
                                     comment_end=D(2026, 3, 31))

    def submit(self, d, body="建议增加停车位，方便群众。", address="10.0.0.1", minute=0, **kw):
        now = datetime.datetime(2026, 3, 10, 9, minute, tzinfo=datetime.UTC)
        return services.comment_submit(decision=d, body=body, address=address, now=now, **kw)

    def test_anyone_may_comment_inside_the_window(self, county):
        d = self._open(county)
        c = self.submit(d, name="张三", contact="13800000000")
        assert c.number == 1 and c.name == "张三" and last_event() == "decisions.comment_submitted"
        entry = AuditEntry.objects.order_by("-seq").first()
        assert "张三" not in str(entry.changes) and "13800000000" not in str(entry.changes)

    def test_outside_the_window_is_refused(self, county):
        d = self._open(county)
        with pytest.raises(DomainError, match="不在征求意见期内"):
            services.comment_submit(decision=d, body="建议增加停车位。", address="10.0.0.1",
                                    now=datetime.datetime(2026, 4, 2, 9, tzinfo=datetime.UTC))

    def test_length_duplicates_and_rate(self, county):
        d = self._open(county)
        with pytest.raises(DomainError, match="至少5个字"):
            self.submit(d, body="好")
        with pytest.raises(DomainError, match="不能超过2000个字"):
            self.submit(d, body="长" * 2001)
        self.submit(d)
        with pytest.raises(DomainError, match="请勿重复提交"):
            self.submit(d, address="10.0.0.2")
        for i in range(4):
            self.submit(d, body=f"第{i}条不同的建议内容", minute=i + 1)
        with pytest.raises(DomainError, match="每小时最多提交5条"):
            self.submit(d, body="第六条建议内容", minute=6)
        assert self.submit(d, body="另一来源的建议", address="10.0.0.9").number == 6
        assert PublicComment.objects.filter(decision=d).count() == 6

    def test_dispose_needs_a_reason_unless_adopted(self, county):
        d = self._open(county)
        c = self.submit(d)
        with pytest.raises(DomainError, match="须说明理由") as e:
            services.comment_dispose(actor=county.office, comment=c, disposition="rejected")
        assert e.value.field == "reason"
        c = services.comment_dispose(actor=county.office, comment=c, disposition="rejected", reason="超出本决策范围")
        assert c.disposition == "rejected" and c.disposed_by == county.office

    def test_hidden_comment_keeps_who_and_why(self, county):
        d = self._open(county)
        c = self.submit(d, body="广告：办证请联系13900000000")
        with pytest.raises(DomainError, match="屏蔽理由"):
            services.comment_hide(actor=county.office, comment=c, reason="")
        c = services.comment_hide(actor=county.office, comment=c, reason="广告内容")
        assert PublicComment.objects.get(pk=c.pk).hidden_by == county.office
        assert c.hidden_reason == "广告内容"

    def test_adoption_note_is_written_from_dispositions_and_masked(self, county, monkeypatch):
        d = self._open(county)
        a = self.submit(d, body="张三建议：增加停车位，联系13800000000", name="张三")
        b = self.submit(d, body="建议推迟改造时间", minute=1)
        h = self.submit(d, body="无关广告内容", minute=2)
        services.comment_dispose(actor=county.office, comment=a, disposition="adopted")
        services.comment_dispose(actor=county.office, comment=b, disposition="partly", reason="分两期实施")
        services.comment_hide(actor=county.office, comment=h, reason="广告")
        monkeypatch.setattr(clock, "today", lambda: D(2026, 4, 1))
        services.comment_close(actor=county.office, decision=d)
        step = services.step_record(actor=county.office, step=f.step(d, StepCode.PUBLIC_PARTICIPATION),
                                    complete=True)
        assert step.status == StepStatus.DONE
        note = Decision.objects.get(pk=d.pk).adoption_note
        assert "共收到意见3条" in note and "其中1条" in note
        assert "采纳1条，部分采纳1条，未采纳0条" in note and "分两期实施" in note
        assert "张三" not in note and "13800000000" not in note and "张某" in note

    def test_participation_cannot_finish_with_undisposed_comments(self, county, monkeypatch):
        d = self._open(county)
        self.submit(d)
        monkeypatch.setattr(clock, "today", lambda: D(2026, 4, 1))
        services.comment_close(actor=county.office, decision=d)
        with pytest.raises(DomainError, match="未处理"):
            services.step_record(actor=county.office, step=f.step(d, StepCode.PUBLIC_PARTICIPATION), complete=True)


class TestAfterTheDecision:
    def test_publish_needs_the_party_committee_report(self, county):
        d = f.to_decided(county, f.decision(county))
        with pytest.raises(DomainError, match="不能早于集体讨论决定日期"):
            services.party_report_record(actor=county.office, decision=d, reported_on=D(2026, 6, 1), note="x")
        with pytest.raises(DomainError, match="党委请示报告"):
            services.decision_publish(actor=county.office, decision=d, published_on=D(2026, 6, 25),
                                      published_where="县政府网站", implementing_unit=county.market)
        services.party_report_record(actor=county.office, decision=d, reported_on=D(2026, 6, 22),
                                     note="已向县委常委会请示报告")
        d = services.decision_publish(actor=county.office, decision=Decision.objects.get(pk=d.pk),
                                      published_on=D(2026, 6, 25), published_where="县政府网站",
                                      implementing_unit=county.market)
        assert d.status == DecisionStatus.PUBLISHED and d.adoption_note

    def test_progress_and_evaluation(self, county):
        d = f.to_decided(county, f.decision(county))
        with pytest.raises(DomainError, match="公布后"):
            services.progress_report_add(actor=county.liaison, decision=d, reported_on=D(2026, 9, 1), content="x")
        services.party_report_record(actor=county.office, decision=d, reported_on=D(2026, 6, 22), note="已报告")
        d = services.decision_publish(actor=county.office, decision=Decision.objects.get(pk=d.pk),
                                      published_on=D(2026, 6, 25), published_where="县政府网站",
                                      implementing_unit=county.market)
        services.progress_report_add(actor=county.liaison, decision=d, reported_on=D(2026, 9, 1),
                                     content="已完成一期改造")
        with pytest.raises(DomainError, match="不得委托参与决策前评估的单位"):
            services.evaluation_start(actor=county.office, decision=d, trigger="public_objections",
                                      evaluator="县市场监管局", third_party=True, started_on=D(2026, 10, 1))
        ev = services.evaluation_start(actor=county.office, decision=d, trigger="public_objections",
                                       evaluator="某大学评估中心", third_party=True, started_on=D(2026, 10, 1))
        ev = services.evaluation_finish(actor=county.office, evaluation=ev, finished_on=D(2026, 11, 1),
                                        conclusion="总体达到预期", result="continue")
        assert ev.result == "continue"


class TestCatalogue:
    def test_approve_needs_party_consent_then_publish_then_adjust(self, county):
        cat = services.catalogue_create(actor=county.office, organ=county.gov, year=2026, title="2026年度目录")
        d = f.decision(county, catalogue=cat)
        with pytest.raises(DomainError, match="党委同意"):
            services.catalogue_approve(actor=county.office, catalogue=cat, party_consent="", party_consent_on=None,
                                       approved_on=D(2026, 2, 25))
        cat = services.catalogue_approve(actor=county.office, catalogue=cat, party_consent="县委常委会同意",
                                         party_consent_on=D(2026, 2, 20), approved_on=D(2026, 2, 25))
        cat = services.catalogue_publish(actor=county.office, catalogue=cat, published_on=D(2026, 3, 1),
                                         published_where="县政府网站")
        assert cat.status == "published"
        with pytest.raises(DomainError, match="目录调整"):
            f.decision(county, catalogue=cat, title="新增事项")
        extra = f.decision(county, title="新增事项")
        with pytest.raises(DomainError, match="目录调整") as e:
            services.decision_update(actor=county.office, decision=extra, catalogue=cat)
        assert e.value.field == "catalogue"
        services.catalogue_adjust(actor=county.office, catalogue=cat, kind="add", decision=extra,
                                  reason="年中新增", party_consent="县委同意", adjusted_on=D(2026, 7, 1))
        assert set(cat.decisions.all()) == {d, extra}


class TestAdvisers:
    def test_qualified_lawyer_is_registered(self, county):
        a = f.adviser(county)
        assert a.active_on(D(2026, 6, 1)) and last_event() == "decisions.adviser_registered"

    def test_too_few_practice_years_is_refused_and_the_rule_is_configurable(self, county):
        from fazhi.core.rules import setting_set

        with pytest.raises(DomainError, match="执业5年以上") as e:
            f.adviser(county, practice_since=2023)
        assert e.value.field == "practice_since"
        setting_set(actor=county.office, key="decisions.adviser_min_practice_years", raw="2")
        assert f.adviser(county, practice_since=2023).pk

    def test_sanctioned_lawyer_and_overlong_contract(self, county):
        with pytest.raises(DomainError, match="处分"):
            f.adviser(county, sanctioned=True)
        with pytest.raises(DomainError, match="聘期不能超过3年"):
            f.adviser(county, contract_end=D(2030, 1, 1))

    def test_service_must_fall_in_the_contract(self, county):
        a = f.adviser(county)
        with pytest.raises(DomainError, match="不在陈律师的聘期内"):
            services.service_log(actor=county.office, adviser=a, unit=county.gov, kind="contract_review",
                                 served_on=D(2025, 5, 1), subject="合同")
        s = services.service_log(actor=county.office, adviser=a, unit=county.gov, kind="contract_review",
                                 served_on=D(2026, 5, 1), subject="PPP项目合同审查")
        assert s.pk


def test_members_view_roles_are_kept(county):
    d = f.to_decided(county, f.decision(county))
    views = list(f.step(d, StepCode.COLLECTIVE_DECISION).member_views.order_by("order"))
    assert [v.role for v in views] == [MemberRole.MEMBER, MemberRole.MEMBER, MemberRole.HEAD]
