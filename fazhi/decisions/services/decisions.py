"""The decision itself: registration, draft, the status changes that carry no data of their own, the
collective discussion and what follows it (party report, publication, progress, evaluation, materials)."""
import hashlib

from django.db import transaction

from fazhi.core import audit, uploads
from fazhi.core.errors import DomainError
from fazhi.orgs.choices import UnitKind

from .. import workflows as wf
from ..choices import (
    STEP_ORDER,
    CatalogueStatus,
    DecisionStatus,
    Excluded,
    MemberRole,
    ReviewState,
    StepCode,
    StepStatus,
)
from ..models import (
    Decision,
    DecisionAttachment,
    Evaluation,
    MemberView,
    ProcedureStep,
    ProgressReport,
)
from ..policies import DECISIONS, EVALUATIONS
from ..search import index as search_index
from ..selectors import adoption_note
from ._common import _event

DECISION_FIELDS = ["title", "category", "organ", "lead_unit", "proposer", "proposal", "draft_text", "explanation",
                   "technical", "stability_risk", "planned_meeting_on", "catalogue", "year"]


# Decisions -----------------------------------------------------------------------------------------

def _check_decision_fields(data):
    if not (data.get("title") or "").strip():
        raise DomainError("请填写决策事项名称。", field="title")
    if not data.get("lead_unit"):
        raise DomainError("请选择承办单位（《重大行政决策程序暂行条例》第十一条）。", field="lead_unit")
    if data.get("organ") is not None and data["organ"].kind not in (UnitKind.GOVERNMENT, UnitKind.DEPARTMENT,
                                                                    UnitKind.TOWNSHIP):
        raise DomainError("决策机关应为县政府、县直部门或乡镇政府。", field="organ")
    catalogue = data.get("catalogue")
    if catalogue is not None and catalogue.year != data.get("year"):
        raise DomainError(f"所选目录是{catalogue.year}年度的，与决策事项的年度不一致。", field="catalogue")


@transaction.atomic
def decision_create(*, actor, title, category, organ, lead_unit, proposer, year, excluded="", proposal="",
                    draft_text="", explanation="", technical=False, stability_risk=False, planned_meeting_on=None,
                    catalogue=None):
    """Register a decision with its five procedure steps. Matters the law excludes are refused with the reason."""
    DECISIONS.check(actor, "create")
    if excluded:
        label = dict(Excluded.choices).get(excluded, excluded)
        raise DomainError(f"“{label}”不适用重大行政决策程序（《重大行政决策程序暂行条例》第三条第二款），不能登记为重大行政决策事项。",
                          field="excluded")
    data = dict(title=title, category=category, organ=organ, lead_unit=lead_unit, proposer=proposer, year=year,
                proposal=proposal, draft_text=draft_text, explanation=explanation, technical=technical,
                stability_risk=stability_risk, planned_meeting_on=planned_meeting_on, catalogue=catalogue)
    _check_decision_fields(data)
    if not (proposer or "").strip():
        raise DomainError("请填写决策建议提出者（《重大行政决策程序暂行条例》第十条）。", field="proposer")
    if catalogue is not None and catalogue.status != CatalogueStatus.DRAFT:
        raise DomainError("目录已批准或公布，增加事项须办理目录调整（经党委同意）。", field="catalogue")
    decision = Decision.objects.create(created_by=actor, **data)
    for code in STEP_ORDER:
        ProcedureStep.objects.create(decision=decision, code=code, responsible_unit=lead_unit)
    _event(decision, actor, "登记决策事项")
    search_index(decision)
    audit.record(actor=actor, event="decisions.decision_created", obj=decision,
                 changes=audit.diff({}, audit.snapshot(decision, DECISION_FIELDS)))
    return decision


@transaction.atomic
def decision_update(*, actor, decision, **data):
    DECISIONS.check(actor, "edit", decision)
    before = audit.snapshot(decision, DECISION_FIELDS)
    merged = {f: data.get(f, getattr(decision, f)) for f in DECISION_FIELDS}
    _check_decision_fields(merged)
    if merged["draft_text"] != decision.draft_text and decision.status == DecisionStatus.CONSULTATION:
        raise DomainError("征求意见期间不能修改已公布的草案；如需修改，请结束征求意见后修改并重新征求意见。",
                          field="draft_text")
    if merged["catalogue"] != decision.catalogue and any(
            c is not None and c.status != CatalogueStatus.DRAFT for c in (merged["catalogue"], decision.catalogue)):
        raise DomainError("目录已批准或公布，增加或删除事项须办理目录调整（经党委同意）。", field="catalogue")
    draft_changed = merged["draft_text"] != decision.draft_text
    for f, v in merged.items():
        setattr(decision, f, v)
    if draft_changed:
        _revise(decision, actor)
    decision.save()
    ProcedureStep.objects.filter(decision=decision).exclude(code=StepCode.LEGALITY_REVIEW).update(
        responsible_unit=decision.lead_unit)
    search_index(decision)
    audit.record(actor=actor, event="decisions.decision_updated", obj=decision,
                 changes=audit.diff(before, audit.snapshot(decision, DECISION_FIELDS)))
    return decision


def _revise(decision, actor):
    """A new draft version. A risk found uncontrollable must be assessed again on the changed draft (art. 24)."""
    decision.draft_version += 1
    risk = ProcedureStep.objects.filter(decision=decision, code=StepCode.RISK_ASSESSMENT).first()
    text = f"修改决策草案（第{decision.draft_version}稿）"
    if risk and risk.status == StepStatus.DONE and risk.risk_controllable is False:
        risk.status = StepStatus.PENDING
        risk.save(update_fields=["status"])
        text += "；原风险评估认为风险不可控，须对修改后的草案重新评估"
    _event(decision, actor, text)


@transaction.atomic
def draft_revise(*, actor, decision, draft_text, explanation=None):
    DECISIONS.check(actor, "draft_revise", decision)
    if not (draft_text or "").strip():
        raise DomainError("决策草案不能为空。", field="draft_text")
    before = {"draft_version": decision.draft_version}
    decision.draft_text = draft_text
    if explanation is not None:
        decision.explanation = explanation
    _revise(decision, actor)
    decision.save()
    search_index(decision)
    audit.record(actor=actor, event="decisions.draft_revised", obj=decision,
                 changes=audit.diff(before, {"draft_version": decision.draft_version}))
    return decision


#: the status changes that carry no data of their own (one click, or a reason)
ACT_ACTIONS = ("discussion_submit", "draft_return", "withdraw")


@transaction.atomic
def decision_act(*, actor, decision, action, reason=""):
    """The transitions that need no data of their own: discussion_submit, draft_return, withdraw."""
    if action not in ACT_ACTIONS:
        raise DomainError("未知操作。")
    t = wf.DECISION_FLOW.transition(action)
    if action == "withdraw":
        decision.withdrawn_reason = (reason or "").strip()
    decision = wf.DECISION_FLOW.apply(actor=actor, obj=decision, action=action, reason=reason,
                                      effect=(lambda d: setattr(d, "withdrawn_reason", reason.strip()))
                                      if action == "withdraw" else None)
    if action == "draft_return":
        ProcedureStep.objects.filter(decision=decision, code=StepCode.LEGALITY_REVIEW).update(
            review_state=ReviewState.NONE, status=StepStatus.PENDING)
    _event(decision, actor, t.label + (f"：{reason}" if reason else ""))
    return decision


# Collective discussion and after ---------------------------------------------------------------------

@transaction.atomic
def meeting_record(*, actor, decision, meeting_type, meeting_on, meeting_name, attendees, outcome, views,
                   dissent="", head_departure_reason="", decision_text=""):
    """The collective discussion's record: every member's view in speaking order, the head last (art. 30)."""
    DECISIONS.check(actor, "meeting_record", decision)
    step = ProcedureStep.objects.select_for_update().get(decision=decision, code=StepCode.COLLECTIVE_DECISION)
    review = ProcedureStep.objects.get(decision=decision, code=StepCode.LEGALITY_REVIEW)
    if meeting_on and review.completed_on and meeting_on < review.completed_on:
        raise DomainError(f"会议日期早于合法性审查意见出具日期（{review.completed_on:%Y-%m-%d}）：须先审查、后讨论。",
                          field="meeting_on")
    if not views:
        raise DomainError("请按发言顺序登记每位参会人员的意见。", field="views")
    step.meeting_type, step.meeting_on, step.meeting_name = meeting_type, meeting_on, meeting_name
    step.attendees, step.outcome = attendees, outcome
    step.dissent, step.head_departure_reason = dissent or "", head_departure_reason or ""
    step.save()
    step.member_views.all().delete()
    for order, v in enumerate(views, start=1):
        MemberView.objects.create(step=step, order=order, member=v["member"], role=v.get("role", MemberRole.MEMBER),
                                  position=v["position"], view=v.get("view", ""))
    refusal = wf.meeting_refusal(step)
    if refusal:
        raise DomainError(f"{refusal}（{wf.R_MEETING}）", field="views")
    if decision_text:
        decision.decision_text = decision_text
        decision.save(update_fields=["decision_text", "updated_at"])
    _event(decision, actor, f"登记{step.get_meeting_type_display()}（{meeting_on:%Y-%m-%d}）")
    audit.record(actor=actor, event="decisions.meeting_recorded", obj=step,
                 changes={"meeting_on": [None, str(meeting_on)], "outcome": [None, outcome],
                          "views": [None, len(views)]})
    return step


@transaction.atomic
def decision_decide(*, actor, decision):
    def effect(d):
        step = ProcedureStep.objects.get(decision=d, code=StepCode.COLLECTIVE_DECISION)
        step.status, step.completed_on, step.completed_by = StepStatus.DONE, step.meeting_on, actor
        step.save()
        d.decided_on = step.meeting_on

    decision = wf.DECISION_FLOW.apply(actor=actor, obj=decision, action="decide", effect=effect)
    _event(decision, actor, f"集体讨论作出决定（{decision.decided_on:%Y-%m-%d}）")
    return decision


@transaction.atomic
def party_report_record(*, actor, decision, reported_on, note):
    DECISIONS.check(actor, "party_report", decision)
    if not (note or "").strip():
        raise DomainError("请填写请示报告情况。", field="note")
    if decision.decided_on and reported_on < decision.decided_on:
        raise DomainError(f"请示报告日期不能早于集体讨论决定日期（{decision.decided_on:%Y-%m-%d}）。",
                          field="reported_on")
    before = {"party_report_on": decision.party_report_on}
    decision.party_report_on, decision.party_report_note = reported_on, note.strip()
    decision.save()
    _event(decision, actor, f"向党委请示报告：{decision.party_report_note}")
    audit.record(actor=actor, event="decisions.party_reported", obj=decision,
                 changes=audit.diff(before, {"party_report_on": str(reported_on)}))
    return decision


@transaction.atomic
def decision_publish(*, actor, decision, published_on, published_where, implementing_unit):
    """Publish the decision with the 采纳情况说明 written from the dispositions (arts. 32, 34)."""
    if not (published_where or "").strip():
        raise DomainError("请填写公布渠道（政府公报、政府网站、本地报纸等）。", field="published_where")
    if implementing_unit is None:
        raise DomainError("请指定决策执行单位（《重大行政决策程序暂行条例》第三十四条）。", field="implementing_unit")
    if decision.decided_on and published_on < decision.decided_on:
        raise DomainError(f"公布日期不能早于决定日期（{decision.decided_on:%Y-%m-%d}）。", field="published_on")

    def effect(d):
        d.published_on, d.published_where, d.implementing_unit = published_on, published_where.strip(), \
            implementing_unit
        d.adoption_note = adoption_note(d)

    decision = wf.DECISION_FLOW.apply(actor=actor, obj=decision, action="publish", effect=effect, changes={
        "published_on": [None, str(published_on)], "published_where": [None, published_where]})
    _event(decision, actor, f"公布决策：{published_where}，执行单位{implementing_unit.name}")
    search_index(decision)
    return decision


@transaction.atomic
def progress_report_add(*, actor, decision, reported_on, content, problems=""):
    DECISIONS.check(actor, "progress_add", decision)
    if not (content or "").strip():
        raise DomainError("请填写执行情况。", field="content")
    report = ProgressReport.objects.create(decision=decision, reported_on=reported_on, content=content.strip(),
                                           problems=(problems or "").strip(), reported_by=actor)
    _event(decision, actor, f"报告执行情况（{reported_on:%Y-%m-%d}）")
    audit.record(actor=actor, event="decisions.progress_reported", obj=report,
                 changes={"reported_on": [None, str(reported_on)]})
    return report


@transaction.atomic
def evaluation_start(*, actor, decision, trigger, evaluator, third_party, started_on):
    DECISIONS.check(actor, "evaluation_start", decision)
    if not (evaluator or "").strip():
        raise DomainError("请填写评估主体。", field="evaluator")
    pre = ProcedureStep.objects.filter(decision=decision, code=StepCode.RISK_ASSESSMENT).first()
    if third_party and pre and pre.assessor and pre.assessor.strip() == evaluator.strip():
        raise DomainError("决策后评估不得委托参与决策前评估的单位（《重大行政决策程序暂行条例》第三十六条）。", field="evaluator")
    row = Evaluation.objects.create(decision=decision, trigger=trigger, evaluator=evaluator.strip(),
                                    third_party=third_party, started_on=started_on)
    _event(decision, actor, f"启动决策后评估：{row.get_trigger_display()}")
    audit.record(actor=actor, event="decisions.evaluation_started", obj=row, changes={"trigger": [None, trigger]})
    return row


@transaction.atomic
def evaluation_finish(*, actor, evaluation, finished_on, conclusion, result):
    evaluation = Evaluation.objects.select_for_update().select_related("decision").get(pk=evaluation.pk)
    EVALUATIONS.check(actor, "finish", evaluation)
    if not (conclusion or "").strip():
        raise DomainError("请填写评估结论。", field="conclusion")
    if finished_on < evaluation.started_on:
        raise DomainError("完成日期不能早于启动日期。", field="finished_on")
    evaluation.finished_on, evaluation.conclusion, evaluation.result = finished_on, conclusion.strip(), result
    evaluation.save()
    _event(evaluation.decision, actor, f"完成决策后评估：{evaluation.get_result_display()}")
    audit.record(actor=actor, event="decisions.evaluation_finished", obj=evaluation,
                 changes={"result": [None, result]})
    return evaluation


@transaction.atomic
def attachment_add(*, actor, decision, title, file, step_code=""):
    DECISIONS.check(actor, "attachment_add", decision)
    if not (title or "").strip():
        raise DomainError("请填写材料名称。", field="title")
    uploads.check(file, kind="material", field="file", label="文件")
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    row = DecisionAttachment(decision=decision, title=title.strip(), step_code=step_code or "",
                             sha256=digest.hexdigest(), uploaded_by=actor)
    row.file.save(file.name, file, save=False)
    row.save()
    _event(decision, actor, f"上传材料：{row.title}")
    audit.record(actor=actor, event="decisions.attachment_added", obj=row, changes={"sha256": [None, row.sha256]})
    return row
