"""Every read of the decisions module, limited to the reader's data scope.

A decision is seen by whoever's scope holds its lead unit (承办单位), and by the reviewing body
(司法局) once the draft is sent to it for legality review.

The decision archive (决策档案, 713号 art. 33) is a read too: ``archive_sections`` gives every material in
procedural order for the archive page, ``archive_bundle`` writes the same materials into one .zip.
"""
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Prefetch, Q, Subquery
from django.template.loader import render_to_string
from django.utils import timezone

from fazhi.core import clock, comments
from fazhi.core.errors import NotFound
from fazhi.core.rules import get_setting
from fazhi.orgs import scope
from fazhi.orgs.choices import UnitKind
from fazhi.orgs.models import OrgUnit

from .choices import DecisionStatus, ReviewState, StepCode, StepStatus
from .models import (
    AdviserService,
    Decision,
    DecisionAttachment,
    DecisionCatalogue,
    Evaluation,
    LegalAdviser,
    ProcedureStep,
)
from .permissions import DecisionPerm as P


def visible_decisions(user):
    """Decisions ``user`` may see: those of the units in the user's scope, and those sent to the user's unit for
    legality review."""
    own = scope.visible(user, Decision.objects.all(), perm=P.VIEW)
    reviews = scope.visible(user, ProcedureStep.objects.filter(code=StepCode.LEGALITY_REVIEW)
                            .exclude(review_state=ReviewState.NONE), perm=P.REVIEW)
    return Decision.objects.filter(Q(pk__in=own.values("pk")) | Q(pk__in=reviews.values("decision_id")))


def decision_list(*, user, today=None):
    """The register of decisions ``user`` may see, each row with its marks: ``done_steps`` (of five),
    ``comment_count``, ``review_due`` and ``overdue`` (a legality review past its time limit).
    ``filters.DecisionFilter`` filters and sorts it."""
    today = today or clock.today()
    reviews = ProcedureStep.objects.filter(decision=OuterRef("pk"), code=StepCode.LEGALITY_REVIEW)
    return (visible_decisions(user).select_related("lead_unit", "organ", "catalogue")
            .annotate(comment_count=Count("comments", distinct=True),
                      done_steps=Count("steps", filter=Q(steps__status__in=(StepStatus.DONE, StepStatus.NOT_APPLICABLE)),
                                       distinct=True),
                      review_due=Subquery(reviews.values("due_on")[:1]),
                      overdue=Exists(reviews.filter(review_state=ReviewState.REQUESTED, due_on__lt=today)))
            .order_by("-id"))


def decision_detail_queryset():
    """What a decision's record page reads with it (``DecisionPolicy.get`` limits it to the reader's scope)."""
    return Decision.objects.select_related("lead_unit", "organ", "catalogue", "implementing_unit", "created_by")


def decision_steps(decision):
    steps = {s.code: s for s in decision.steps.select_related("responsible_unit", "adviser", "completed_by")
             .prefetch_related("expert_opinions", "member_views")}
    return [steps[c] for c in [c.value for c in StepCode] if c in steps]


def review_overdue(step, today):
    return (step.code == StepCode.LEGALITY_REVIEW and step.review_state == ReviewState.REQUESTED
            and step.due_on is not None and step.due_on < today)


def evaluation_queryset():
    return Evaluation.objects.select_related("decision")


def attachment_get(*, user, pk):
    row = scope.visible(user, DecisionAttachment.objects.all(), perm=P.VIEW).filter(pk=pk).first() \
        if str(pk).isdecimal() else None
    if row is None:
        raise NotFound()
    return row


def catalogue_list(*, user):
    qs = scope.visible(user, DecisionCatalogue.objects.select_related("organ"), perm=P.VIEW)
    return qs.annotate(item_count=Count("decisions")).order_by("-year", "-id")


# Public site: only what has been published ------------------------------------------------------------

PUBLIC_STATUSES = (DecisionStatus.CONSULTATION, DecisionStatus.PUBLISHED)


def public_decisions():
    return (Decision.objects.filter(status__in=PUBLIC_STATUSES).select_related("lead_unit", "organ")
            .prefetch_related(Prefetch("steps", queryset=ProcedureStep.objects.filter(
                code=StepCode.PUBLIC_PARTICIPATION))).order_by("-id"))


def public_state(decision, on=None):
    """What the public page shows of ``decision`` on day ``on``: whether it is published, in consultation, and
    whether a comment may be sent now."""
    from .policies import comment_window_refusal

    on = on or clock.today()
    step = decision.step(StepCode.PUBLIC_PARTICIPATION)
    return {"published": decision.status == DecisionStatus.PUBLISHED,
            "consulting": decision.status == DecisionStatus.CONSULTATION,
            "open_now": comment_window_refusal(decision, step, on) is None, "step": step}


def public_decision_get(pk):
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    decision = public_decisions().filter(pk=pk).first()
    if decision is None:
        raise NotFound()
    return decision


# Legal advisers -------------------------------------------------------------------------------------

def adviser_list(*, user, today=None):
    """The advisers ``user`` may see, each with ``service_count``, ``active`` (in contract today) and ``expiring``
    (in contract, ending within the office's warning period). ``filters.AdviserFilter`` filters and sorts it."""
    today = today or clock.today()
    warn = get_setting("decisions.adviser_expiry_warning_days")
    active = Q(contract_start__lte=today, contract_end__gte=today, ended_reason="")
    qs = scope.visible(user, LegalAdviser.objects.select_related("client_unit"), perm=P.VIEW_ADVISERS)
    return qs.annotate(
        service_count=Count("services"),
        active=ExpressionWrapper(active, output_field=BooleanField()),
        expiring=ExpressionWrapper(active & Q(contract_end__lte=today + datetime.timedelta(days=warn)),
                                   output_field=BooleanField()),
    ).order_by("client_unit__path", "name", "id")


def adviser_queryset():
    return LegalAdviser.objects.select_related("client_unit")


def adviser_choices(*, user, on=None, organ=None):
    """Advisers in contract that ``user`` may pick: those in the user's scope, plus (for a legality review)
    the advisers retained by the decision organ."""
    on = on or clock.today()
    active = LegalAdviser.objects.filter(contract_start__lte=on, contract_end__gte=on, ended_reason="")
    mine = scope.visible(user, active, perm=P.VIEW_ADVISERS).values("pk")
    q = Q(pk__in=mine) | (Q(client_unit=organ) if organ is not None else Q(pk__in=[]))
    return active.filter(q).select_related("client_unit").order_by("client_unit__path", "name")


def service_list(*, user):
    """The advisers' service records ``user`` may see (``filters.ServiceFilter`` filters and sorts them)."""
    return scope.visible(user, AdviserService.objects.select_related("adviser", "unit", "decision"),
                         perm=P.VIEW_ADVISERS).order_by("-served_on", "-id")


COVERED_KINDS = (UnitKind.GOVERNMENT, UnitKind.DEPARTMENT, UnitKind.TOWNSHIP, UnitKind.VILLAGE)


def covered_unit_ids(on, unit_ids=None):
    """Ids of the organs and villages that have an adviser in contract on ``on``."""
    active = LegalAdviser.objects.filter(contract_start__lte=on, contract_end__gte=on, ended_reason="")
    ids = set(active.values_list("client_unit_id", flat=True))
    ids |= set(LegalAdviser.covered_units.through.objects.filter(legaladviser__in=active)
               .values_list("orgunit_id", flat=True))
    return ids


def coverage(*, unit_ids=None, on=None):
    """Per kind: units, covered units, and the gaps (units without an adviser)."""
    on = on or clock.today()
    covered = covered_unit_ids(on)
    units = OrgUnit.objects.filter(kind__in=COVERED_KINDS, is_active=True).order_by("path")
    if unit_ids is not None:
        units = units.filter(pk__in=unit_ids)
    result = {}
    for kind in COVERED_KINDS:
        result[kind] = {"label": dict(UnitKind.choices)[kind], "total": 0, "covered": 0, "gaps": []}
    for unit in units.only("id", "name", "kind", "path"):
        row = result[unit.kind]
        row["total"] += 1
        if unit.pk in covered:
            row["covered"] += 1
        else:
            row["gaps"].append(unit)
    return result


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


# The decision archive ------------------------------------------------------------------------------------

@dataclass
class Section:
    title: str
    lines: list = field(default_factory=list)

    @property
    def text(self):
        return "\n".join(self.lines)


def _d(day):
    return f"{day.year}年{day.month}月{day.day}日" if day else "—"


def _step_lines(step):
    lines = [f"办理情况：{step.get_status_display()}", f"责任单位：{step.responsible_unit.name}"]
    if step.status == StepStatus.NOT_APPLICABLE:
        lines.append(f"不适用理由：{step.na_reason}")
    if step.completed_on:
        lines.append(f"完成日期：{_d(step.completed_on)}")
    code = step.code
    if code == StepCode.PUBLIC_PARTICIPATION:
        lines += [f"参与方式：{step.methods_display() or '—'}",
                  f"征求意见期限：{_d(step.comment_start)}至{_d(step.comment_end)}"]
        if step.shortening_reason:
            lines.append(f"缩短期限理由：{step.shortening_reason}")
        if step.hearing_on:
            lines += [f"听证会日期：{_d(step.hearing_on)}", f"听证材料送达日期：{_d(step.hearing_materials_sent_on)}",
                      f"听证参加人：{step.hearing_participants}"]
    elif code == StepCode.EXPERT_CONSULTATION:
        for o in step.expert_opinions.all():
            lines.append(f"专家：{o.expert}（{o.affiliation}），{_d(o.given_on)}，"
                         f"{'已签字' if o.signed else '未签字'}，{'已声明无利害关系' if o.no_conflict else ''}"
                         f"{'，持不同意见' if o.dissenting else ''}：{o.opinion}")
    elif code == StepCode.RISK_ASSESSMENT:
        lines += [f"评估主体：{step.assessor or '—'}", f"风险点：{step.risk_points or '—'}",
                  f"风险等级：{step.get_risk_level_display() or '—'}",
                  "风险可控：" + {True: "是", False: "否", None: "—"}[step.risk_controllable],
                  f"防范化解措施：{step.risk_measures or '—'}", f"应急处置预案：{step.contingency_plan or '—'}",
                  f"评估的草案版次：第{step.assessed_version or '—'}稿"]
    elif code == StepCode.LEGALITY_REVIEW:
        lines += [f"审查状态：{step.get_review_state_display()}", f"送审日期：{_d(step.submitted_on)}",
                  f"审查期限：{_d(step.due_on)}", f"参与审查的法律顾问：{step.adviser or '—'}",
                  f"审查结论：{step.get_opinion_display() or '—'}", f"审查意见书：{step.opinion_text or '—'}"]
        if step.exploratory_risk:
            lines.append(f"探索性改革事项法律风险说明：{step.exploratory_risk}")
    elif code == StepCode.COLLECTIVE_DECISION:
        lines += [f"会议：{step.get_meeting_type_display() or '—'} {step.meeting_name}（{_d(step.meeting_on)}）",
                  f"出席人员：{step.attendees or '—'}"]
        for v in step.member_views.all():
            lines.append(f"{v.order}. {v.member}（{v.get_role_display()}）：{v.get_position_display()}。{v.view}")
        lines += [f"决定结果：{step.get_outcome_display() or '—'}", f"不同意见：{step.dissent or '无'}"]
        if step.head_departure_reason:
            lines.append(f"行政首长拍板理由：{step.head_departure_reason}")
    if step.summary:
        lines.append(f"说明：{step.summary}")
    return lines


def archive_sections(decision):
    """The archive (决策档案, 713号 art. 33): every material in procedural order, as titled sections."""
    steps = {s.code: s for s in decision.steps.select_related("responsible_unit", "adviser")
             .prefetch_related("expert_opinions", "member_views")}
    out = [Section("决策事项基本情况", [
        f"决策事项：{decision.title}", f"年度：{decision.year}", f"类别：{decision.get_category_display()}",
        f"决策机关：{decision.organ.name}", f"承办单位：{decision.lead_unit.name}",
        f"决策建议提出者：{decision.proposer}", f"所属目录：{decision.catalogue or '未列入目录'}",
        f"当前状态：{decision.get_status_display()}", f"决策建议：{decision.proposal or '—'}"]),
        Section(f"决策草案（第{decision.draft_version}稿）", [decision.draft_text or "—"]),
        Section("起草说明", [decision.explanation or "—"])]
    for number, code in enumerate(StepCode, start=1):
        step = steps.get(code.value)
        if step is not None:
            out.append(Section(f"程序环节{number}：{step.get_code_display()}", _step_lines(step)))
    comments = Section("公众意见及处理情况（含已屏蔽意见）")
    for c in decision.comments.select_related("disposed_by", "hidden_by").order_by("number"):
        line = (f"第{c.number}条（{timezone.localtime(c.submitted_at):%Y-%m-%d %H:%M}）：{c.body}　"
                f"处理结果：{c.get_disposition_display()}" + (f"，理由：{c.disposition_reason}" if c.disposition_reason
                                                          else ""))
        if c.hidden:
            line += (f"　【已屏蔽：{c.hidden_by.get_full_name() if c.hidden_by else ''}于"
                     f"{timezone.localtime(c.hidden_at):%Y-%m-%d %H:%M}屏蔽，理由：{c.hidden_reason}】")
        comments.lines.append(line)
    if not comments.lines:
        comments.lines.append("未收到公众意见。")
    out.append(comments)
    out.append(Section("公众意见采纳情况说明", [decision.adoption_note or "—"]))
    out.append(Section("决策内容与公布", [
        f"决策内容：{decision.decision_text or '—'}", f"决定日期：{_d(decision.decided_on)}",
        f"向党委请示报告：{_d(decision.party_report_on)} {decision.party_report_note}",
        f"公布：{_d(decision.published_on)} {decision.published_where}",
        f"决策执行单位：{decision.implementing_unit or '—'}"]))
    progress = Section("执行情况报告", [f"{_d(p.reported_on)}：{p.content}" + (f"（问题：{p.problems}）"
                                                                           if p.problems else "")
                                    for p in decision.progress_reports.all()] or ["暂无。"])
    out.append(progress)
    out.append(Section("决策后评估", [f"{e.get_trigger_display()}；评估主体：{e.evaluator}"
                                      f"{'（第三方）' if e.third_party else ''}；{_d(e.started_on)}启动，"
                                      f"{_d(e.finished_on)}完成；结论：{e.conclusion or '—'}；"
                                      f"建议：{e.get_result_display() or '—'}"
                                      for e in decision.evaluations.all()] or ["暂无。"]))
    out.append(Section("办理过程", [f"{timezone.localtime(e.at):%Y-%m-%d %H:%M} {e.actor_name}：{e.text}"
                                    for e in decision.events.all()] or ["暂无。"]))
    attachments = list(decision.attachments.all())
    out.append(Section("附件材料", [f"{a.title}（{a.file.name.rsplit('/', 1)[-1]}，附件指纹：{a.sha256}）"
                                    for a in attachments] or ["无。"]))
    return out


def archive_bundle(decision):
    """The archive as one .zip built with the standard library: ``00_目录.html``, one .html and one .txt per
    material in order (hidden comments included, with who hid them and why), uploaded files under ``附件/``."""
    parts = archive_sections(decision)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        names = []
        for number, section in enumerate(parts, start=1):
            stem = f"{number:02d}_{section.title.replace('/', '_')}"
            html = render_to_string("decisions/archive_section.html", {"decision": decision, "section": section})
            archive.writestr(f"{stem}.html", html)
            archive.writestr(f"{stem}.txt", f"{section.title}\n\n{section.text}\n")
            names.append((stem, section.title))
        files = []
        for number, a in enumerate(decision.attachments.all(), start=1):
            base = a.file.name.rsplit("/", 1)[-1]
            name = f"附件/{number:02d}_{base}"
            try:
                with a.file.storage.open(a.file.name, "rb") as fh:
                    archive.writestr(name, fh.read())
            except OSError:  # a missing file is listed as missing, never a failed export
                files.append(("", f"{a.title}（文件缺失）", a.sha256))
                continue
            files.append((name, a.title, a.sha256))
        index = render_to_string("decisions/archive_index.html", {
            "decision": decision, "names": names, "files": files, "generated": timezone.localtime()})
        archive.writestr("00_目录.html", index)
    return buffer.getvalue()


# The 采纳情况说明 (written from the dispositions, read by the services that store it) ---------------------

def adoption_note(decision):
    """The 采纳情况说明, written from the dispositions (personal data masked: it is published)."""
    step = ProcedureStep.objects.filter(decision=decision, code=StepCode.PUBLIC_PARTICIPATION).first()
    rows = list(decision.comments.order_by("number"))
    county = settings.FAZHI_COUNTY_NAME
    lines = [f"关于《{decision.title}》公开征求意见采纳情况的说明", ""]
    if step and step.comment_start:
        opening = (f"{_cn(step.comment_start)}至{_cn(step.comment_end)}，{decision.lead_unit.name}通过{county}"
                   f"法治政府建设平台向社会公开征求意见")
        lines.append(comments.received_sentence(rows, opening=opening, subject="决策事项", archive="决策档案"))
    else:
        lines.append(f"本事项共收到公众意见{len(rows)}条。")
    return "\n".join(lines + comments.adoption_lines(rows))


def _cn(day):
    return f"{day.year}年{day.month}月{day.day}日"
