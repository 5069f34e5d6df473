"""Every write of the decisions module: one transaction, one audit entry, rules raised as ``DomainError``.

Decisions run through ``workflows.DECISION_FLOW`` (the five-step procedure of 国务院令第713号);
the procedure steps are ``ProcedureStep`` records; the public's comments are kept for ever
(hidden ones too); legal advisers are checked against the configurable qualification rules.
"""
import datetime
import hashlib

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from fazhi.core import audit, audit_events
from fazhi.core.errors import DomainError
from fazhi.core.masking import mask_text
from fazhi.core.rules import get_setting
from fazhi.orgs.choices import UnitKind

from . import workflows as wf
from .choices import (
    CONDITIONAL_STEPS,
    STEP_ORDER,
    CatalogueStatus,
    DecisionStatus,
    Disposition,
    Excluded,
    MemberRole,
    ParticipationMethod,
    ReviewState,
    StepCode,
    StepStatus,
)
from .models import (
    AdviserService,
    CatalogueAdjustment,
    Decision,
    DecisionAttachment,
    DecisionCatalogue,
    DecisionEvent,
    Evaluation,
    ExpertOpinion,
    LegalAdviser,
    MemberView,
    ProcedureStep,
    ProgressReport,
    PublicComment,
)
from .search import index as search_index

for _code, _name, _label in [
    (501, "decisions.decision_created", "登记重大行政决策事项"),
    (502, "decisions.decision_updated", "修改决策事项"),
    (503, "decisions.draft_revised", "修改决策草案"),
    (504, "decisions.comment_opened", "公开征求意见"),
    (505, "decisions.comment_closed", "结束征求意见"),
    (506, "decisions.review_submitted", "提交合法性审查"),
    (507, "decisions.discussion_submitted", "提请集体讨论"),
    (508, "decisions.returned", "退回修改"),
    (509, "decisions.decided", "集体讨论作出决定"),
    (510, "decisions.published", "公布决策"),
    (511, "decisions.withdrawn", "终止决策程序"),
    (520, "decisions.step_recorded", "登记程序环节"),
    (521, "decisions.step_not_applicable", "程序环节不适用"),
    (522, "decisions.expert_opinion_added", "登记专家论证意见"),
    (523, "decisions.review_opinion_given", "出具合法性审查意见"),
    (524, "decisions.meeting_recorded", "登记集体讨论会议"),
    (525, "decisions.attachment_added", "上传决策材料"),
    (530, "decisions.comment_submitted", "收到公众意见"),
    (531, "decisions.comment_disposed", "处理公众意见"),
    (532, "decisions.comment_hidden", "屏蔽公众意见"),
    (540, "decisions.party_reported", "向党委请示报告"),
    (541, "decisions.progress_reported", "报告决策执行情况"),
    (542, "decisions.evaluation_started", "启动决策后评估"),
    (543, "decisions.evaluation_finished", "完成决策后评估"),
    (550, "decisions.catalogue_created", "起草年度决策事项目录"),
    (551, "decisions.catalogue_approved", "批准年度决策事项目录"),
    (552, "decisions.catalogue_published", "公布年度决策事项目录"),
    (553, "decisions.catalogue_adjusted", "调整年度决策事项目录"),
    (560, "decisions.adviser_registered", "聘任法律顾问"),
    (561, "decisions.adviser_updated", "修改法律顾问"),
    (562, "decisions.adviser_ended", "解聘法律顾问"),
    (563, "decisions.service_logged", "登记法律顾问服务"),
]:
    audit_events.register(_code, _name, _label)

DECISION_FIELDS = ["title", "category", "organ", "lead_unit", "proposer", "proposal", "draft_text", "explanation",
                   "technical", "stability_risk", "planned_meeting_on", "catalogue", "year"]


def _event(decision, actor, text):
    DecisionEvent.objects.create(decision=decision, actor=actor if getattr(actor, "is_authenticated", False) else None,
                                 actor_name=(actor.get_full_name() if getattr(actor, "is_authenticated", False)
                                             else "系统"), text=text)


def _today():
    return wf.today()


# Decisions -----------------------------------------------------------------------------------------

def _check_decision_fields(data):
    if not (data.get("title") or "").strip():
        raise DomainError("请填写决策事项名称。", field="title")
    if not data.get("lead_unit"):
        raise DomainError("请选择承办单位（713号第11条）。", field="lead_unit")
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
    if excluded:
        label = dict(Excluded.choices).get(excluded, excluded)
        raise DomainError(f"“{label}”不适用重大行政决策程序（713号第3条第2款），不能登记为重大行政决策事项。",
                          field="excluded")
    data = dict(title=title, category=category, organ=organ, lead_unit=lead_unit, proposer=proposer, year=year,
                proposal=proposal, draft_text=draft_text, explanation=explanation, technical=technical,
                stability_risk=stability_risk, planned_meeting_on=planned_meeting_on, catalogue=catalogue)
    _check_decision_fields(data)
    if not (proposer or "").strip():
        raise DomainError("请填写决策建议提出者（713号第10条）。", field="proposer")
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
    if decision.status not in (DecisionStatus.DRAFT, DecisionStatus.CONSULTATION):
        raise DomainError("决策事项已进入审查或讨论，不能再修改基本信息。")
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
    if decision.status != DecisionStatus.DRAFT:
        raise DomainError("只有拟订中的决策事项可以修改草案（征求意见中须先结束征求意见）。")
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


# Steps ---------------------------------------------------------------------------------------------

STEP_FIELDS = {
    StepCode.PUBLIC_PARTICIPATION: ["methods", "comment_start", "comment_end", "shortening_reason", "hearing_on",
                                    "hearing_materials_sent_on", "hearing_participants", "summary"],
    StepCode.EXPERT_CONSULTATION: ["summary"],
    StepCode.RISK_ASSESSMENT: ["risk_points", "risk_level", "risk_controllable", "risk_measures",
                               "contingency_plan", "assessor", "summary"],
}


def _editable(step):
    if step.decision.status not in (DecisionStatus.DRAFT, DecisionStatus.CONSULTATION):
        raise DomainError("决策事项已提交审查，不能再修改前置程序环节；如需修改，请先退回修改。")


@transaction.atomic
def step_record(*, actor, step, complete=False, completed_on=None, **data):
    """Record a conditional step's evidence (公众参与/专家论证/风险评估), and optionally mark it done."""
    step = ProcedureStep.objects.select_for_update().select_related("decision").get(pk=step.pk)
    if step.code not in STEP_FIELDS:
        raise DomainError("该环节通过审查或会议登记办理。")
    _editable(step)
    decision = step.decision
    fields = STEP_FIELDS[step.code]
    before = audit.snapshot(step, fields + ["status"])
    if step.code == StepCode.PUBLIC_PARTICIPATION and decision.status == DecisionStatus.CONSULTATION:
        for f in ("comment_start", "comment_end", "shortening_reason"):
            if f in data and data[f] != getattr(step, f):
                raise DomainError("征求意见已公布，不能修改征求意见期限。", field=f)
    if step.code == StepCode.RISK_ASSESSMENT and step.risk_controllable is False \
            and step.assessed_version == decision.draft_version and data.get("risk_controllable") is True:
        raise DomainError("风险评估认为风险不可控，须先调整决策草案，再对修改后的草案重新评估（713号第24条）。",
                          field="risk_controllable")
    for f in fields:
        if f in data:
            setattr(step, f, data[f])
    if step.code == StepCode.PUBLIC_PARTICIPATION:
        refusal = wf.hearing_refusal(step.hearing_on, step.hearing_materials_sent_on)
        if refusal:
            raise DomainError(f"{refusal}（{wf.R_HEARING}）", field="hearing_materials_sent_on")
        if step.comment_start or step.comment_end:
            refusal = wf.comment_period_refusal(step.comment_start, step.comment_end, step.shortening_reason)
            if refusal:
                raise DomainError(f"{refusal}（{wf.R_COMMENT}）", field="comment_end")
    if step.code == StepCode.RISK_ASSESSMENT and step.risk_controllable is not None:
        step.assessed_version = decision.draft_version
    if complete:
        _check_complete(step)
        step.status = StepStatus.DONE
        step.completed_on = completed_on or _today()
        step.completed_by = actor
        step.na_reason = ""
        if step.code == StepCode.PUBLIC_PARTICIPATION:
            decision.adoption_note = adoption_note(decision)
            decision.save(update_fields=["adoption_note", "updated_at"])
    step.save()
    changes = audit.diff(before, audit.snapshot(step, fields + ["status"]))
    _event(decision, actor, f"登记{step.get_code_display()}" + ("，本环节办结" if complete else ""))
    audit.record(actor=actor, event="decisions.step_recorded", obj=step, changes=changes)
    return step


def _check_complete(step):
    decision = step.decision
    if step.code == StepCode.PUBLIC_PARTICIPATION:
        if not step.methods:
            raise DomainError("请选择公众参与方式（713号第14条）。", field="methods")
        if ParticipationMethod.HEARING in step.methods and not step.hearing_on:
            raise DomainError("选择了听证会的，须登记听证会日期。", field="hearing_on")
        if ParticipationMethod.ONLINE in step.methods:
            if not step.comment_start or not step.comment_end:
                raise DomainError("向社会公开征求意见的，须登记征求意见期限。", field="comment_end")
            if decision.status == DecisionStatus.CONSULTATION or step.comment_end >= _today():
                raise DomainError("征求意见期限届满并结束征求意见后，才能办结公众参与。", field="comment_end")
            if decision.comments.filter(hidden=False, disposition="").exists():
                raise DomainError("还有公众意见未处理：须逐条研究并给出处理结果（713号第18条）。")
    elif step.code == StepCode.EXPERT_CONSULTATION:
        opinions = list(step.expert_opinions.all())
        if not opinions:
            raise DomainError("请先登记专家的书面论证意见（713号第19条）。")
        unsigned = [o.expert for o in opinions if not o.signed]
        if unsigned:
            raise DomainError("以下专家的书面意见尚未签字：" + "、".join(unsigned) + "。")
    elif step.code == StepCode.RISK_ASSESSMENT:
        for f, label in [("risk_points", "风险点"), ("risk_level", "风险等级"), ("risk_measures", "防范化解措施"),
                         ("contingency_plan", "应急处置预案")]:
            if not str(getattr(step, f) or "").strip():
                raise DomainError(f"风险评估报告须载明{label}（713号第23条）。", field=f)
        if step.risk_controllable is None:
            raise DomainError("请判断风险是否可控。", field="risk_controllable")


@transaction.atomic
def step_mark_not_applicable(*, actor, step, reason):
    """A step the law makes conditional is marked not applicable, never silently skipped."""
    step = ProcedureStep.objects.select_for_update().select_related("decision").get(pk=step.pk)
    decision = step.decision
    if step.code not in CONDITIONAL_STEPS:
        raise DomainError(f"{step.get_code_display()}是法定必经程序，不能标记为不适用（713号第25、30条）。")
    _editable(step)
    if not (reason or "").strip():
        raise DomainError("请填写不适用的理由。", field="reason")
    if step.code == StepCode.EXPERT_CONSULTATION and decision.technical:
        raise DomainError("该事项专业性、技术性较强，必须组织专家论证（713号第19条）。", field="reason")
    if step.code == StepCode.RISK_ASSESSMENT and decision.stability_risk:
        raise DomainError("该事项可能影响社会稳定、公共安全，必须进行风险评估（713号第22条）。", field="reason")
    if step.code == StepCode.PUBLIC_PARTICIPATION and decision.comments.exists():
        raise DomainError("已收到公众意见，公众参与不能标记为不适用。", field="reason")
    before = {"status": step.status}
    step.status = StepStatus.NOT_APPLICABLE
    step.na_reason = reason.strip()
    step.completed_on = _today()
    step.completed_by = actor
    step.save()
    _event(decision, actor, f"{step.get_code_display()}标记为不适用：{step.na_reason}")
    audit.record(actor=actor, event="decisions.step_not_applicable", obj=step,
                 changes={**audit.diff(before, {"status": step.status}), "na_reason": [None, step.na_reason]})
    return step


@transaction.atomic
def expert_opinion_add(*, actor, decision, expert, affiliation, opinion, given_on, field="", signed=False,
                       no_conflict=False, dissenting=False):
    step = ProcedureStep.objects.select_related("decision").get(decision=decision, code=StepCode.EXPERT_CONSULTATION)
    _editable(step)
    if not no_conflict:
        raise DomainError("与决策事项有直接利害关系的专家不得参加论证：须确认专家已声明无直接利害关系"
                          "（713号第20条）。", field="no_conflict")
    if not (opinion or "").strip():
        raise DomainError("请填写论证意见。", field="opinion")
    row = ExpertOpinion.objects.create(step=step, expert=expert, affiliation=affiliation, field=field,
                                       opinion=opinion, signed=signed, no_conflict=no_conflict,
                                       dissenting=dissenting, given_on=given_on)
    _event(decision, actor, f"登记专家论证意见：{expert}")
    audit.record(actor=actor, event="decisions.expert_opinion_added", obj=row,
                 changes={"expert": [None, expert], "signed": [None, signed]})
    return row


# Public comment ------------------------------------------------------------------------------------

@transaction.atomic
def comment_open(*, actor, decision, comment_start, comment_end, shortening_reason=""):
    """Publish the draft and its explanation for comment (713号 art. 15): at least 30 days unless a reason is given."""
    step = ProcedureStep.objects.select_for_update().get(decision=decision, code=StepCode.PUBLIC_PARTICIPATION)
    refusal = wf.comment_period_refusal(comment_start, comment_end, shortening_reason)
    if refusal:
        raise DomainError(f"{refusal}（{wf.R_COMMENT}）", field="comment_end")
    step.comment_start, step.comment_end = comment_start, comment_end
    step.shortening_reason = (shortening_reason or "").strip()
    if ParticipationMethod.ONLINE not in step.methods:
        step.methods = [*step.methods, ParticipationMethod.ONLINE]
    step.save()
    changes = {"comment_start": [None, str(comment_start)], "comment_end": [None, str(comment_end)]}
    if step.shortening_reason:
        changes["shortening_reason"] = [None, step.shortening_reason]
    decision = wf.DECISION_FLOW.apply(actor=actor, obj=decision, action="open_comment", changes=changes)
    _event(decision, actor, f"公开征求意见：{comment_start:%Y-%m-%d}至{comment_end:%Y-%m-%d}")
    return decision


@transaction.atomic
def comment_close(*, actor, decision):
    decision = wf.DECISION_FLOW.apply(actor=actor, obj=decision, action="close_comment")
    _event(decision, actor, f"结束征求意见，共收到意见{decision.comments.count()}条")
    return decision


def address_hash(address):
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address or ''}".encode()).hexdigest()


@transaction.atomic
def comment_submit(*, decision, body, address, name="", contact="", now=None):
    """A comment from anyone, no account needed. Checked against abuse: rate per address, length, duplicates."""
    today = timezone.localdate(now) if now else wf.today()
    now = now or timezone.now()
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    step = ProcedureStep.objects.get(decision=decision, code=StepCode.PUBLIC_PARTICIPATION)
    if decision.status != DecisionStatus.CONSULTATION or not step.comment_start or not (
            step.comment_start <= today <= step.comment_end):
        raise DomainError("该决策草案当前不在征求意见期内，不能提交意见。")
    body = (body or "").strip()
    shortest, longest = get_setting("decisions.comment_min_length"), get_setting("decisions.comment_max_length")
    if len(body) < shortest:
        raise DomainError(f"意见内容至少{shortest}个字。", field="body")
    if len(body) > longest:
        raise DomainError(f"意见内容不能超过{longest}个字（现为{len(body)}个字）。", field="body")
    if len(name or "") > 50:
        raise DomainError("姓名不能超过50个字。", field="name")
    if len(contact or "") > 100:
        raise DomainError("联系方式不能超过100个字。", field="contact")
    source = address_hash(address)
    limit = get_setting("decisions.comment_rate_limit")
    recent = PublicComment.objects.filter(address_hash=source, submitted_at__gte=now - datetime.timedelta(hours=1))
    if recent.count() >= limit:
        raise DomainError(f"提交过于频繁：同一来源每小时最多提交{limit}条意见，请稍后再试。")
    digest = hashlib.sha256(" ".join(body.split()).encode()).hexdigest()
    if PublicComment.objects.filter(decision=decision, body_hash=digest).exists():
        raise DomainError("已收到内容相同的意见，请勿重复提交。", field="body")
    number = (decision.comments.aggregate(m=Max("number"))["m"] or 0) + 1
    comment = PublicComment.objects.create(decision=decision, number=number, body=body, name=(name or "").strip(),
                                           contact=(contact or "").strip(), address_hash=source, body_hash=digest,
                                           submitted_at=now)
    audit.record(actor=None, event="decisions.comment_submitted", obj=comment, unit=decision.lead_unit,
                 changes={"number": [None, number], "length": [None, len(body)]})
    return comment


@transaction.atomic
def comment_dispose(*, actor, comment, disposition, reason=""):
    comment = PublicComment.objects.select_for_update().select_related("decision").get(pk=comment.pk)
    if disposition not in (Disposition.ADOPTED, Disposition.PARTLY, Disposition.REJECTED):
        raise DomainError("请选择处理结果：采纳、部分采纳或不采纳。", field="disposition")
    if disposition != Disposition.ADOPTED and not (reason or "").strip():
        raise DomainError("部分采纳或不采纳的，须说明理由。", field="reason")
    if comment.decision.status in (DecisionStatus.DECIDED, DecisionStatus.PUBLISHED, DecisionStatus.WITHDRAWN):
        raise DomainError("决策已作出，不能再修改意见的处理结果。")
    before = {"disposition": comment.disposition, "reason": comment.disposition_reason}
    comment.disposition = disposition
    comment.disposition_reason = (reason or "").strip()
    comment.disposed_by = actor
    comment.disposed_at = timezone.now()
    comment.save()
    audit.record(actor=actor, event="decisions.comment_disposed", obj=comment,
                 changes=audit.diff(before, {"disposition": disposition, "reason": comment.disposition_reason}))
    return comment


@transaction.atomic
def comment_hide(*, actor, comment, reason):
    """Hide abusive content from the public account; the comment stays in the archive with who and why."""
    comment = PublicComment.objects.select_for_update().get(pk=comment.pk)
    if comment.hidden:
        raise DomainError("该意见已被屏蔽。")
    if not (reason or "").strip():
        raise DomainError("请填写屏蔽理由。", field="reason")
    comment.hidden = True
    comment.hidden_reason = reason.strip()
    comment.hidden_by = actor
    comment.hidden_at = timezone.now()
    comment.save()
    _event(comment.decision, actor, f"屏蔽第{comment.number}条意见：{comment.hidden_reason}")
    audit.record(actor=actor, event="decisions.comment_hidden", obj=comment,
                 changes={"hidden": [False, True], "reason": [None, comment.hidden_reason]})
    return comment


CN_NUM = "一二三四五六七八九十"


def adoption_note(decision):
    """The 采纳情况说明, written from the dispositions (personal data masked: it is published)."""
    step = ProcedureStep.objects.filter(decision=decision, code=StepCode.PUBLIC_PARTICIPATION).first()
    comments = list(decision.comments.order_by("number"))
    shown = [c for c in comments if not c.hidden]
    hidden = len(comments) - len(shown)
    county = settings.FAZHI_COUNTY_NAME
    lines = [f"关于《{decision.title}》公开征求意见采纳情况的说明", ""]
    if step and step.comment_start:
        period = f"{_cn(step.comment_start)}至{_cn(step.comment_end)}"
        lines.append(f"{period}，{decision.lead_unit.name}通过{county}法治政府建设平台向社会公开征求意见，"
                     f"共收到意见{len(comments)}条" + (f"（其中{hidden}条因含有与决策事项无关或不当内容未予公开，"
                                                      f"已存入决策档案）" if hidden else "") + "。")
    else:
        lines.append(f"本事项共收到公众意见{len(comments)}条。")
    groups = [(Disposition.ADOPTED, "采纳的意见"), (Disposition.PARTLY, "部分采纳的意见"),
              (Disposition.REJECTED, "未采纳的意见")]
    counts = {d: sum(1 for c in shown if c.disposition == d) for d, _ in groups}
    lines.append(f"经逐条研究，采纳{counts[Disposition.ADOPTED]}条，部分采纳{counts[Disposition.PARTLY]}条，"
                 f"未采纳{counts[Disposition.REJECTED]}条。具体情况如下：")
    index = 0
    for disposition, title in groups:
        rows = [c for c in shown if c.disposition == disposition]
        if not rows:
            continue
        lines.append("")
        lines.append(f"{CN_NUM[index]}、{title}")
        index += 1
        for n, c in enumerate(rows, start=1):
            body = mask_text(c.body, names=[c.name])
            excerpt = body if len(body) <= 120 else body[:120] + "……"
            reason = mask_text(c.disposition_reason, names=[c.name])
            lines.append(f"{n}. 意见：{excerpt}" + (f" 处理：{reason}" if reason else ""))
    return "\n".join(lines)


def _cn(day):
    return f"{day.year}年{day.month}月{day.day}日"


# Legality review -----------------------------------------------------------------------------------

@transaction.atomic
def review_submit(*, actor, decision, review_unit, submitted_on, due_on):
    """Send the draft to the legality review, allowing the reviewer at least 7 working days (art. 26)."""
    refusal = wf.review_time_refusal(submitted_on, due_on)
    if refusal:
        raise DomainError(f"{refusal}（{wf.R_REVIEW_TIME}）", field="due_on")
    if review_unit is None:
        raise DomainError("请选择合法性审查机构。", field="review_unit")
    step = ProcedureStep.objects.select_for_update().get(decision=decision, code=StepCode.LEGALITY_REVIEW)
    step.responsible_unit = review_unit
    step.submitted_on, step.due_on = submitted_on, due_on
    step.review_state = ReviewState.REQUESTED
    step.opinion = ""
    step.status = StepStatus.PENDING
    step.save()
    decision = wf.DECISION_FLOW.apply(actor=actor, obj=decision, action="submit_review", changes={
        "review_unit": [None, review_unit.name], "due_on": [None, str(due_on)]})
    _event(decision, actor, f"提交{review_unit.name}合法性审查，审查期限至{due_on:%Y-%m-%d}")
    return decision


@transaction.atomic
def review_give_opinion(*, actor, step, opinion, opinion_text, adviser, reviewed_on=None, exploratory_risk=""):
    """The reviewing body's opinion, with a legal adviser involved (art. 28)."""
    step = ProcedureStep.objects.select_for_update().select_related("decision").get(pk=step.pk)
    if step.code != StepCode.LEGALITY_REVIEW:
        raise DomainError("这不是合法性审查环节。")
    if adviser is not None and not adviser.active_on(reviewed_on or _today()):
        raise DomainError(f"{adviser.name}不在聘期内，不能参与审查。", field="adviser")
    step.opinion, step.opinion_text, step.adviser = opinion, (opinion_text or "").strip(), adviser
    step.exploratory_risk = (exploratory_risk or "").strip()
    step.status = StepStatus.DONE
    step.completed_on = reviewed_on or _today()
    step.completed_by = actor
    step.save()
    step = wf.REVIEW_FLOW.apply(actor=actor, obj=step, action="give_opinion", changes={
        "opinion": [None, opinion], "adviser": [None, str(adviser) if adviser else None]})
    _event(step.decision, actor, f"{step.responsible_unit.name}出具合法性审查意见：{step.get_opinion_display()}"
                                 f"（法律顾问{adviser.name}参与）")
    if adviser is not None:
        AdviserService.objects.create(adviser=adviser, unit=step.decision.organ, kind="decision_review",
                                      served_on=step.completed_on, subject=f"《{step.decision.title}》合法性审查",
                                      outcome=step.get_opinion_display(), decision=step.decision, created_by=actor)
    return step


@transaction.atomic
def decision_act(*, actor, decision, action, reason=""):
    """The transitions that need no data of their own: submit_discussion, return_draft, withdraw."""
    if action not in ("submit_discussion", "return_draft", "withdraw"):
        raise DomainError("未知操作。")
    t = wf.DECISION_FLOW.transition(action)
    if action == "withdraw":
        decision.withdrawn_reason = (reason or "").strip()
    decision = wf.DECISION_FLOW.apply(actor=actor, obj=decision, action=action, reason=reason,
                                      effect=(lambda d: setattr(d, "withdrawn_reason", reason.strip()))
                                      if action == "withdraw" else None)
    if action == "return_draft":
        ProcedureStep.objects.filter(decision=decision, code=StepCode.LEGALITY_REVIEW).update(
            review_state=ReviewState.NONE, status=StepStatus.PENDING)
    _event(decision, actor, t.label + (f"：{reason}" if reason else ""))
    return decision


# Collective discussion and after ---------------------------------------------------------------------

@transaction.atomic
def meeting_record(*, actor, decision, meeting_type, meeting_on, meeting_name, attendees, outcome, views,
                   dissent="", head_departure_reason="", decision_text=""):
    """The collective discussion's record: every member's view in speaking order, the head last (art. 30)."""
    if decision.status != DecisionStatus.DISCUSSION:
        raise DomainError("决策事项提请集体讨论后才能登记会议。")
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
    if decision.status not in (DecisionStatus.DISCUSSION, DecisionStatus.DECIDED):
        raise DomainError("集体讨论后、公布前登记向党委请示报告情况。")
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
        raise DomainError("请指定决策执行单位（713号第34条）。", field="implementing_unit")
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
    if decision.status != DecisionStatus.PUBLISHED:
        raise DomainError("决策公布后，执行单位才能报告执行情况。")
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
    if decision.status != DecisionStatus.PUBLISHED:
        raise DomainError("决策公布执行后才能开展决策后评估。")
    if not (evaluator or "").strip():
        raise DomainError("请填写评估主体。", field="evaluator")
    pre = ProcedureStep.objects.filter(decision=decision, code=StepCode.RISK_ASSESSMENT).first()
    if third_party and pre and pre.assessor and pre.assessor.strip() == evaluator.strip():
        raise DomainError("决策后评估不得委托参与决策前评估的单位（713号第36条）。", field="evaluator")
    row = Evaluation.objects.create(decision=decision, trigger=trigger, evaluator=evaluator.strip(),
                                    third_party=third_party, started_on=started_on)
    _event(decision, actor, f"启动决策后评估：{row.get_trigger_display()}")
    audit.record(actor=actor, event="decisions.evaluation_started", obj=row, changes={"trigger": [None, trigger]})
    return row


@transaction.atomic
def evaluation_finish(*, actor, evaluation, finished_on, conclusion, result):
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.finished_on:
        raise DomainError("该评估已完成。")
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
    if decision.status not in wf.RECORD_ACTIONS["attachment_add"][1]:
        raise DomainError("决策程序已终止，不能再上传材料。")
    if not (title or "").strip():
        raise DomainError("请填写材料名称。", field="title")
    if file is None:
        raise DomainError("请选择文件。", field="file")
    if file.size > settings.FAZHI_IMPORT_MAX_BYTES:
        raise DomainError("文件过大。", field="file")
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


# Catalogue -----------------------------------------------------------------------------------------

@transaction.atomic
def catalogue_create(*, actor, organ, year, title):
    if DecisionCatalogue.objects.filter(organ=organ, year=year).exists():
        raise DomainError(f"{organ.name}{year}年度的决策事项目录已存在。", field="year")
    if not (title or "").strip():
        raise DomainError("请填写目录名称。", field="title")
    catalogue = DecisionCatalogue.objects.create(organ=organ, year=year, title=title.strip())
    audit.record(actor=actor, event="decisions.catalogue_created", obj=catalogue,
                 changes={"year": [None, year], "organ": [None, organ.name]})
    return catalogue


@transaction.atomic
def catalogue_approve(*, actor, catalogue, party_consent, party_consent_on, approved_on):
    if not (party_consent or "").strip() or not party_consent_on:
        raise DomainError("决策事项目录须经同级党委同意，请登记党委同意情况和日期（713号第3条）。",
                          field="party_consent")
    catalogue.party_consent, catalogue.party_consent_on = party_consent.strip(), party_consent_on
    catalogue.save()

    def effect(c):
        c.approved_on = approved_on

    return wf.CATALOGUE_FLOW.apply(actor=actor, obj=catalogue, action="approve", effect=effect, changes={
        "party_consent": [None, party_consent]})


@transaction.atomic
def catalogue_publish(*, actor, catalogue, published_on, published_where):
    if not (published_where or "").strip():
        raise DomainError("请填写公布渠道。", field="published_where")

    def effect(c):
        c.published_on, c.published_where = published_on, published_where.strip()

    return wf.CATALOGUE_FLOW.apply(actor=actor, obj=catalogue, action="publish", effect=effect, changes={
        "published_on": [None, str(published_on)]})


@transaction.atomic
def catalogue_adjust(*, actor, catalogue, kind, reason, party_consent, adjusted_on, decision=None):
    """Adjust a published catalogue during the year, with the party committee's consent."""
    if catalogue.status != CatalogueStatus.PUBLISHED:
        raise DomainError("目录公布前直接修改即可；公布后的调整须经党委同意。")
    if not (reason or "").strip():
        raise DomainError("请填写调整理由。", field="reason")
    if not (party_consent or "").strip():
        raise DomainError("目录调整须经同级党委同意，请登记同意情况。", field="party_consent")
    if decision is None:
        raise DomainError("请选择调整涉及的决策事项。", field="decision")
    if kind == "add":
        if decision.catalogue_id == catalogue.pk:
            raise DomainError("该事项已在目录中。", field="decision")
        if decision.year != catalogue.year:
            raise DomainError("决策事项的年度与目录不一致。", field="decision")
        decision.catalogue = catalogue
        decision.save(update_fields=["catalogue", "updated_at"])
    elif kind == "remove":
        if decision.catalogue_id != catalogue.pk:
            raise DomainError("该事项不在目录中。", field="decision")
        decision.catalogue = None
        decision.save(update_fields=["catalogue", "updated_at"])
    row = CatalogueAdjustment.objects.create(catalogue=catalogue, kind=kind, decision=decision,
                                             reason=reason.strip(), party_consent=party_consent.strip(),
                                             adjusted_on=adjusted_on, created_by=actor)
    audit.record(actor=actor, event="decisions.catalogue_adjusted", obj=catalogue,
                 changes={"kind": [None, kind], "decision": [None, str(decision)], "reason": [None, row.reason]})
    return row


# Legal advisers ------------------------------------------------------------------------------------

ADVISER_FIELDS = ["name", "kind", "firm", "license_no", "practice_since", "sanctioned", "criminal_record",
                  "client_unit", "full_time", "contract_start", "contract_end", "contract_no"]


def qualification_problems(*, kind, practice_since, sanctioned, criminal_record, on):
    """What the configured qualification rules (RULES.md §3) find wrong; empty when qualified."""
    problems = []
    if criminal_record:
        problems.append(("criminal_record", "有犯罪记录的人员不得担任法律顾问。"))
    if sanctioned and get_setting("decisions.adviser_exclude_sanctioned"):
        problems.append(("sanctioned", "受过行政处罚或行业处分的律师不得聘为法律顾问。"))
    if kind == "lawyer":
        minimum = get_setting("decisions.adviser_min_practice_years")
        if practice_since is None:
            problems.append(("practice_since", "外聘律师须登记执业起始年份。"))
        elif on.year - practice_since < minimum:
            problems.append(("practice_since", f"外聘律师须执业{minimum}年以上，该律师执业{on.year - practice_since}年。"))
    return problems


def _clean_adviser(data):
    for f in ("license_no", "contract_no", "firm", "name"):
        if f in data and data[f] is None:
            data[f] = ""
    for f in ("sanctioned", "criminal_record", "full_time"):
        if f in data and data[f] is None:
            data[f] = f == "full_time"
    return data


def _check_adviser(data):
    if not (data.get("name") or "").strip():
        raise DomainError("请填写姓名。", field="name")
    start, end = data.get("contract_start"), data.get("contract_end")
    if not start or not end or end <= start:
        raise DomainError("聘期结束日期应晚于开始日期。", field="contract_end")
    max_years = get_setting("decisions.adviser_contract_max_years")
    try:
        limit = start.replace(year=start.year + max_years)
    except ValueError:
        limit = start.replace(year=start.year + max_years, day=28)
    if end > limit:
        raise DomainError(f"聘期不能超过{max_years}年。", field="contract_end")
    for field, message in qualification_problems(kind=data.get("kind"), practice_since=data.get("practice_since"),
                                                 sanctioned=data.get("sanctioned"),
                                                 criminal_record=data.get("criminal_record"), on=start):
        raise DomainError(message + "（RULES.md §3 法律顾问聘任条件）", field=field)


@transaction.atomic
def adviser_register(*, actor, covered_units=(), **data):
    data = _clean_adviser({f: data.get(f) for f in ADVISER_FIELDS if f in data})
    _check_adviser(data)
    adviser = LegalAdviser.objects.create(**data)
    if covered_units:
        adviser.covered_units.set(covered_units)
    audit.record(actor=actor, event="decisions.adviser_registered", obj=adviser,
                 changes=audit.diff({}, audit.snapshot(adviser, ADVISER_FIELDS)))
    return adviser


@transaction.atomic
def adviser_update(*, actor, adviser, covered_units=None, **data):
    before = audit.snapshot(adviser, ADVISER_FIELDS)
    merged = _clean_adviser({f: data.get(f, getattr(adviser, f)) for f in ADVISER_FIELDS})
    _check_adviser(merged)
    for f, v in merged.items():
        setattr(adviser, f, v)
    adviser.save()
    if covered_units is not None:
        adviser.covered_units.set(covered_units)
    audit.record(actor=actor, event="decisions.adviser_updated", obj=adviser,
                 changes=audit.diff(before, audit.snapshot(adviser, ADVISER_FIELDS)))
    return adviser


@transaction.atomic
def adviser_end(*, actor, adviser, reason):
    if not (reason or "").strip():
        raise DomainError("请填写解聘原因。", field="reason")
    adviser.ended_reason = reason.strip()
    adviser.save(update_fields=["ended_reason"])
    audit.record(actor=actor, event="decisions.adviser_ended", obj=adviser, changes={"ended_reason": [None, reason]})
    return adviser


@transaction.atomic
def service_log(*, actor, adviser, unit, kind, served_on, subject, outcome="", decision=None):
    if not (subject or "").strip():
        raise DomainError("请填写服务事项。", field="subject")
    if not adviser.active_on(served_on):
        raise DomainError(f"{served_on:%Y-%m-%d}不在{adviser.name}的聘期内（{adviser.contract_start:%Y-%m-%d}至"
                          f"{adviser.contract_end:%Y-%m-%d}）。", field="served_on")
    row = AdviserService.objects.create(adviser=adviser, unit=unit, kind=kind, served_on=served_on,
                                        subject=subject.strip(), outcome=(outcome or "").strip(), decision=decision,
                                        created_by=actor)
    audit.record(actor=actor, event="decisions.service_logged", obj=row,
                 changes={"kind": [None, kind], "served_on": [None, str(served_on)]})
    return row
