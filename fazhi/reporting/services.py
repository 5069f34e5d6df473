"""Every write of the reporting app: drafting a report from figures, editing, refreshing, the procedure."""
import calendar
import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core import audit, audit_events, clock, registry
from fazhi.core.errors import DomainError, PermissionDenied
from fazhi.core.rules import get_setting
from fazhi.orgs import scope

from . import selectors
from .choices import MEASURES, PARTS, THEME_CODES, THEMES, ReportStatus
from .models import FigureSnapshot, Report, ReportSection
from .permissions import ReportingPerm
from .search import index_report
from .workflows import FILL_IN_MARK, REPORT_WORKFLOW

# reporting: 7xx
audit_events.register(701, "reporting.report_drafted", "起草年度报告")
audit_events.register(702, "reporting.report_updated", "修改年度报告")
audit_events.register(703, "reporting.figures_refreshed", "刷新年度报告指标")
audit_events.register(704, "reporting.report_submitted", "年度报告报送上级")
audit_events.register(705, "reporting.report_published", "年度报告向社会公开")
audit_events.register(706, "reporting.report_withdrawn", "年度报告退回修改")

REPORTING_KINDS = {"government", "department", "township"}


# Deadlines -------------------------------------------------------------------------------------

def _date_in(year, month, day):
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def deadline_rule():
    """The configured (month, day) of both deadlines: ``((3, 1), (4, 1))`` by default."""
    return ((get_setting("reporting.submit_month"), get_setting("reporting.submit_day")),
            (get_setting("reporting.publish_month"), get_setting("reporting.publish_day")))


def deadlines(year, rule=None):
    """``(report to the superior by, publish by)`` for the report on ``year`` (dates in the next year)."""
    (sm, sd), (pm, pd) = rule or deadline_rule()
    return _date_in(year + 1, sm, sd), _date_in(year + 1, pm, pd)


# Drafting --------------------------------------------------------------------------------------

LABEL_FIRST_UNITS = {"%", "％", "分", "元", "万元"}
LABEL_FIRST_ENDINGS = ("率", "数", "分", "额", "量")


def _phrase(c):
    """How a figure reads in the draft: 77个县直单位 (a count, as the seed writes it); 考试通过率98%,
    案卷评查平均分89.3分, 培训人数736人 (a rate, a score, a label that is itself a quantity)."""
    token = "{{" + c.key + "}}"
    if c.unit in LABEL_FIRST_UNITS or c.label.endswith(LABEL_FIRST_ENDINGS):
        return f"{c.label}{token}{c.unit}"
    return f"{token}{c.unit}{c.label}"


def _theme_text(theme, figs, computed):
    """The theme's paragraph: its registered sentences (``selectors.theme_paragraph``); figures of the theme no
    sentence states yet are added in a plain clause; a theme without figures is marked for the office to write."""
    text, stated = selectors.theme_paragraph(theme, computed)
    with_sentences = selectors.prose.modules_with_sentences()
    rest = [c for c in figs if c.key not in stated and c.module not in with_sentences
            and not c.error and selectors.prose._nonzero(c.value)]
    if rest:
        text += "此外，" + "；".join(_phrase(c) for c in rest) + "。"
    if not text:
        return f"{FILL_IN_MARK}：本部分暂无平台记录，请补充本年度的工作举措和成效。】"
    return text


def _part_from_sentences(code, computed):
    text, _keys = selectors.theme_paragraph(code, computed)
    return text


def _shortcomings(*, year, unit, computed, actor):
    """Part two from the records: targets not met in the year, and the overdue items the alerts centre lists whose
    deadline fell in the year or before."""
    sentences = []
    if actor is not None:
        for row in selectors.headline_indicators(year=year, unit_ids=selectors.report_unit_ids(unit),
                                                 computed=computed):
            if row.status in ("off", "risk"):
                sentences.append(f"{row.label}为{row.display}{row.unit_suffix}，"
                                 f"{'未达到' if row.status == 'off' else '接近但未稳定达到'}{row.target_text}的目标")
    overdue = {}
    if actor is not None:
        rows, _failures = selectors.alerts_for(user=actor, today=clock.today())
        for r in rows:
            if r.alert.severity == "overdue" and r.alert.due is not None and r.alert.due.year <= year:
                overdue[r.provider] = overdue.get(r.provider, 0) + 1
    if overdue:
        sentences.append("预警中心显示，" + "，".join(f"{label}方面仍有{n}项逾期未办结事项" for label, n in overdue.items()))
    own = _part_from_sentences("shortcomings", computed)
    text = own + ("；".join(sentences) + "。" if sentences else "")
    if sentences or own:
        text = "对照年度目标，本年度工作还存在以下不足：" + text
    return (text + "\n" if text else "") + f"{FILL_IN_MARK}：分析上述不足的主客观原因。】"


def _leaders(computed):
    own = _part_from_sentences("leaders", computed)
    mark = (f"{FILL_IN_MARK}：说明党政主要负责人履行推进法治建设第一责任人职责的情况"
            "（主持研究法治政府建设的会议、带头学法、督促整改等），平台暂无相应记录的内容由办公室补充。】")
    return (own + "\n" if own else "") + mark


def _plan(*, year, computed, shortfalls):
    own = _part_from_sentences("plan", computed)
    lines = [own] if own else []
    if shortfalls:
        lines.append(f"{year + 1}年，将针对" + "、".join(shortfalls) + "等薄弱环节，逐项制定整改措施，确保达到年度目标。")
    lines.append(f"{FILL_IN_MARK}：列出{year + 1}年度推进法治政府建设的主要安排（以年度工作要点为准）。】")
    return "\n".join(lines)


def draft_sections(*, year, unit, computed, actor=None):
    """The required structure with generated prose; every number is a placeholder of a registered figure. Parts
    two to four are drafted from the records that exist; what only people can write is marked 【待填写：…】."""
    by_theme = {code: [] for code in THEME_CODES}
    other = []
    for c in computed.values():
        fig = registry.figures().get(c.key)
        theme = selectors.theme_of(fig) if fig else None
        (by_theme[theme] if theme in by_theme else other).append(c)
    sections = []
    parts = dict(PARTS)
    pos = 0

    def add(code, level, heading, body):
        nonlocal pos
        pos += 1
        sections.append(ReportSection(code=code, level=level, position=pos, heading=heading, body=body))

    add(MEASURES, 1, parts[MEASURES].format(year=year, next_year=year + 1),
        f"{year}年，{unit.name}深入贯彻落实《法治政府建设实施纲要（2015－2020年）》，明确目标、夯实责任、强化措施，"
        "不断提高依法行政水平。主要举措和成效如下：")
    for code, heading in THEMES:
        add(code, 2, heading, _theme_text(code, by_theme[code], computed))
    shortfalls = []
    if actor is not None:
        shortfalls = [r.label for r in selectors.headline_indicators(
            year=year, unit_ids=selectors.report_unit_ids(unit), computed=computed) if r.status == "off"]
    add("shortcomings", 1, parts["shortcomings"], _shortcomings(year=year, unit=unit, computed=computed, actor=actor))
    add("leaders", 1, parts["leaders"], _leaders(computed))
    add("plan", 1, parts["plan"].format(year=year, next_year=year + 1),
        _plan(year=year, computed=computed, shortfalls=shortfalls))
    other = [c for c in other if not c.error and selectors.prose._nonzero(c.value)]
    other_text = ("其他指标：" + "；".join(_phrase(c) for c in other) + "。") if other else "无。"
    add("other", 1, parts["other"], other_text)
    return sections


def _snapshot(report, c, now, *, frozen=False):
    return FigureSnapshot(report=report, key=c.key, label=c.label, unit_label=c.unit, chapter=c.chapter,
                          value=selectors.plain_value(c.value), link=c.link[:500],
                          breakdown=selectors.plain_value(c.breakdown) if isinstance(c.breakdown, dict) else {},
                          records_digest=c.digest, record_count=len(c.records) if c.records else None,
                          computed_at=now, frozen=frozen, error=c.error[:300])


def _check_manage(actor, unit):
    if actor is None or not actor.has_perm(ReportingPerm.MANAGE_REPORT):
        raise PermissionDenied("您没有编写年度报告的权限。")
    if not scope.can_change(actor, unit, perm=ReportingPerm.MANAGE_REPORT):
        raise DomainError("该单位不在您可以办理的范围内。", field="unit")


def report_create(*, actor, year, unit):
    """Draft the report of ``unit`` for ``year`` from the registered figures (RULES.md §16)."""
    if unit is None:
        raise DomainError("请选择报告单位。", field="unit")
    _check_manage(actor, unit)
    if unit.kind not in REPORTING_KINDS:
        raise DomainError("只有县政府、县直部门和乡镇（场、区）编写法治政府建设年度报告。", field="unit")
    today = clock.today()
    if not 2015 <= int(year) <= today.year:
        raise DomainError(f"年度应在2015年至{today.year}年之间。", field="year")
    with transaction.atomic():
        if Report.objects.select_for_update().filter(unit=unit, year=year).exists():
            raise DomainError(f"{unit.name}{year}年度的报告已经存在。", field="year")
        computed = selectors.compute_all(year=year, unit_ids=selectors.report_unit_ids(unit))
        now = timezone.now()
        report = Report.objects.create(unit=unit, year=year, created_by=actor, drafted_at=now,
                                       title=f"{unit.name}{year}年度法治政府建设工作情况报告")
        sections = draft_sections(year=year, unit=unit, computed=computed, actor=actor)
        for s in sections:
            s.report = report
        ReportSection.objects.bulk_create(sections)
        FigureSnapshot.objects.bulk_create([_snapshot(report, c, now) for c in computed.values()])
        audit.record(actor=actor, event="reporting.report_drafted", obj=report, unit=unit,
                     changes={"year": [None, year], "figures": [None, len(computed)]})
        index_report(report)
    return report


def unknown_placeholders(report, bodies=None):
    known = registry.figures()
    texts = bodies.values() if bodies is not None else [s.body for s in report.sections.all()]
    found = []
    for text in texts:
        found.extend(selectors.PLACEHOLDER.findall(text))
    return [k for k in dict.fromkeys(found) if k not in known]


def _refuse_unless_draft(actor, report, what):
    _check_manage(actor, report.unit)
    if report.status != ReportStatus.DRAFT:
        raise DomainError(f"报告{report.get_status_display()}，不能{what}；如需修改请先退回。")


_KEEP = object()


def report_update(*, actor, report, title, bodies, withheld=False, withheld_note="", signing_organ=_KEEP,
                  signed_on=_KEEP):
    """Edit the prose around the numbers, the signing organ and the 成文日期. Every ``{{key}}`` must name a
    registered figure."""
    title = (title or "").strip()
    if not title:
        raise DomainError("请填写报告标题。", field="title")
    if signed_on is not _KEEP and signed_on is not None:
        if not report.year <= signed_on.year <= report.year + 1:
            raise DomainError(f"成文日期应在{report.year}年或{report.year + 1}年内。", field="signed_on")
    if withheld and not (withheld_note or "").strip():
        raise DomainError("部分内容不公开时，请说明不公开的内容和依据。", field="withheld_note")
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        _refuse_unless_draft(actor, report, "修改")
        sections = {s.code: s for s in report.sections.all()}
        for code, body in bodies.items():
            if code not in sections:
                raise DomainError(f"未知的报告部分：{code}。")
            unknown = unknown_placeholders(report, {code: body})
            if unknown:
                raise DomainError(f"“{sections[code].heading}”引用了未登记的指标：{'、'.join(unknown)}。"
                                  "数字须来自平台指标，请用指标列表中的代码。", field=f"body_{code}")
        before = {"title": report.title, "withheld": report.withheld, "withheld_note": report.withheld_note,
                  "signing_organ": report.signing_organ, "signed_on": report.signed_on and report.signed_on.isoformat(),
                  **{c: s.body for c, s in sections.items()}}
        report.title, report.withheld, report.withheld_note = title, bool(withheld), (withheld_note or "").strip()
        if signing_organ is not _KEEP:
            organ = (signing_organ or "").strip()
            report.signing_organ = "" if organ == report.unit.name else organ
        if signed_on is not _KEEP:
            report.signed_on = signed_on
        report.save(update_fields=["title", "withheld", "withheld_note", "signing_organ", "signed_on", "updated_at"])
        for code, body in bodies.items():
            if sections[code].body != body:
                sections[code].body = body
                sections[code].save(update_fields=["body"])
        # a figure referenced for the first time gets its snapshot now
        have = set(report.snapshots.values_list("key", flat=True))
        new_keys = set(selectors.report_placeholders(report)) - have
        if new_keys:
            now = timezone.now()
            computed = selectors.compute_all(year=report.year, unit_ids=selectors.report_unit_ids(report.unit),
                                             keys=new_keys)
            FigureSnapshot.objects.bulk_create([_snapshot(report, c, now) for c in computed.values()])
        after = {"title": report.title, "withheld": report.withheld, "withheld_note": report.withheld_note,
                 "signing_organ": report.signing_organ, "signed_on": report.signed_on and report.signed_on.isoformat(),
                 **{c: s.body for c, s in sections.items()}}
        audit.record(actor=actor, event="reporting.report_updated", obj=report, unit=report.unit,
                     changes=audit.diff(before, after))
        index_report(report)
    return report


def report_refresh(*, actor, report):
    """Take every figure again from today's records (the office accepts the new values)."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        _refuse_unless_draft(actor, report, "刷新指标")
        keys = set(registry.figures()) | set(report.snapshots.values_list("key", flat=True))
        computed = selectors.compute_all(year=report.year, unit_ids=selectors.report_unit_ids(report.unit), keys=keys)
        old = {s.key: s.value for s in report.snapshots.all()}
        now = timezone.now()
        report.snapshots.all().delete()
        FigureSnapshot.objects.bulk_create([_snapshot(report, c, now) for c in computed.values()])
        report.drafted_at = now
        report.save(update_fields=["drafted_at", "updated_at"])
        changes = {k: [old.get(k), selectors.plain_value(c.value)] for k, c in computed.items()
                   if old.get(k) != selectors.plain_value(c.value)}
        audit.record(actor=actor, event="reporting.figures_refreshed", obj=report, unit=report.unit, changes=changes)
        index_report(report)
    return report


# The procedure ---------------------------------------------------------------------------------

def report_submit(*, actor, report):
    def effect(r):
        r.submitted_on = clock.today()

    return REPORT_WORKFLOW.apply(actor=actor, obj=report, action="submit", effect=effect)


def report_withdraw(*, actor, report, reason):
    return REPORT_WORKFLOW.apply(actor=actor, obj=report, action="withdraw", reason=reason)


def report_publish(*, actor, report):
    """Publish: every figure is frozen as it stands (no record changed since it was taken — the guard)."""

    with transaction.atomic():
        def effect(r):
            r.published_on = clock.today()
            r.snapshots.update(frozen=True)
            # the public downloads are rendered once, masked, from the frozen figures (never re-rendered)
            r.public_docx = selectors.report_docx(r, mask=True)
            r.public_pdf = selectors.docx_to_pdf(r.public_docx) if selectors.soffice_path() else None

        report = REPORT_WORKFLOW.apply(actor=actor, obj=report, action="publish", effect=effect)
        index_report(report)  # now public: its frozen text is found on the public site
    return report


ACTIONS = {"submit": report_submit, "publish": report_publish}
