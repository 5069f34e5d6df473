"""Reads for the annual report, the dashboard and the alerts centre — built only on the registries.

This app knows figure keys and alert providers, never another module's models: every number comes
from ``fazhi.core.registry.figures()`` and every alert from ``alert_providers()``.

Conventions read from a ``FigureValue`` (all optional, see the module's README in the final report):
- ``breakdown`` keyed by month (``"2019-01"`` … or ``"1月"`` …): the figure offers a monthly trend;
- ``breakdown`` keyed by unit names (or codes): the figure can rank units;
- a breakdown value may be a number or ``{"value": n, "link": url}`` (a drill-down per element).
"""
import hashlib
import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

from fazhi.core import registry
from fazhi.core.errors import NotFound
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from .choices import CN_NUMERALS, MODULE_THEMES, THEME_CODES, ReportStatus
from .models import FigureSnapshot, Report, ReportSection
from .permissions import ReportingPerm

logger = logging.getLogger("fazhi.reporting")

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z][A-Za-z0-9_]*\.[A-Za-z0-9_.]+)\s*\}\}")
MONTH_KEY = re.compile(r"^(?:(\d{4})-)?(\d{1,2})(?:月)?$")


# Figures -------------------------------------------------------------------------------------

@dataclass
class Computed:
    key: str
    label: str
    unit: str
    chapter: str
    value: object = None
    link: str = ""
    breakdown: dict = field(default_factory=dict)
    records: list = field(default_factory=list)
    error: str = ""

    @property
    def module(self):
        return module_of(self.key)

    @property
    def display(self):
        return format_value(self.value)

    @property
    def digest(self):
        return records_digest(self.records)


def module_of(key):
    return key.split(".", 1)[0]


def module_label(module):
    try:
        return apps.get_app_config(module).verbose_name
    except LookupError:
        return module


def theme_of(figure):
    """The theme (of the first part) a figure belongs to: its chapter's numeral 一…六, else its module's."""
    chapter = (figure.chapter or "").strip()
    for i, numeral in enumerate(CN_NUMERALS[: len(THEME_CODES)]):
        if chapter.startswith((f"{numeral}、", f"（{numeral}）")):
            return THEME_CODES[i]
    return MODULE_THEMES.get(module_of(figure.key))


def plain_value(value):
    """A JSON-safe copy of a figure's value (Decimals as text, to keep them exact)."""
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, Decimal):
        return str(value.normalize()) if value == value.to_integral() else str(value)
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 4)
    if isinstance(value, dict):
        return {str(k): plain_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_value(v) for v in value]
    return str(value)


def format_value(value):
    """How a number is written in the report: 77, 98.5, 14500 (no thousands separator, as the seed)."""
    if value is None:
        return "—"
    if isinstance(value, str):
        try:
            value = Decimal(value)
        except Exception:
            return value
    if isinstance(value, float):
        value = Decimal(str(round(value, 2)))
    if isinstance(value, Decimal):
        value = value.quantize(Decimal("0.01")) if value != value.to_integral() else value.to_integral()
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def number_of(value):
    """A breakdown element's number (a value may be ``{"value": n, "link": url}``)."""
    raw = value.get("value") if isinstance(value, dict) else value
    try:
        return float(raw)
    except (TypeError, ValueError):
        return 0.0


def records_digest(records):
    if not records:
        return ""
    text = ",".join(sorted(str(r) for r in records))
    return hashlib.sha256(text.encode()).hexdigest()


def compute_figure(figure, *, year, unit_ids=None) -> Computed:
    """One figure's value; a failing compute is logged and reported as an error, never raised."""
    c = Computed(figure.key, figure.label, figure.unit, figure.chapter)
    try:
        result = figure.compute(year=year, unit_ids=unit_ids)
    except Exception as exc:  # one module's bug must not take the report or the dashboard down
        logger.exception("figure %s failed", figure.key)
        c.error = f"取数失败：{type(exc).__name__}"
        return c
    if not isinstance(result, registry.FigureValue):
        result = registry.FigureValue(value=result)
    c.value, c.link = result.value, result.link or ""
    c.breakdown = dict(result.breakdown or {})
    c.records = list(result.records or [])
    return c


def compute_all(*, year, unit_ids=None, keys=None) -> dict:
    figs = registry.figures()
    if keys is not None:
        figs = {k: f for k, f in figs.items() if k in keys}
    return {key: compute_figure(f, year=year, unit_ids=unit_ids) for key, f in figs.items()}


def subtree_ids(unit):
    return set(OrgUnit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))


def report_unit_ids(unit):
    """The units a report's figures cover: the whole county for a top-level government, else the unit's tree."""
    if unit.parent_id is None and unit.kind == "government":
        return None
    return subtree_ids(unit)


# Reports ---------------------------------------------------------------------------------------

REPORT_SORTS = {"year": "year", "-year": "-year", "unit": "unit__path", "status": "status"}


def report_list(*, user, filters=None):
    f = filters or {}
    qs = scope.visible(user, Report.objects.select_related("unit"), perm=ReportingPerm.VIEW_REPORT)
    if f.get("year"):
        qs = qs.filter(year=f["year"])
    if f.get("unit"):
        qs = qs.filter(unit_id=f["unit"])
    if f.get("status"):
        qs = qs.filter(status=f["status"])
    if f.get("q"):
        qs = qs.filter(Q(title__contains=f["q"]) | Q(unit__name__contains=f["q"]))
    return qs.order_by(REPORT_SORTS.get(f.get("sort") or "-year", "-year"), "unit__path")


def report_get(*, user, pk):
    report = scope.visible(user, Report.objects.select_related("unit", "created_by"),
                           perm=ReportingPerm.VIEW_REPORT).filter(pk=pk).first()
    if report is None:
        raise NotFound()
    return report


def public_reports():
    return Report.objects.filter(status=ReportStatus.PUBLISHED).select_related("unit").order_by("-year", "unit__path")


def public_report_get(pk):
    report = public_reports().filter(pk=pk).first()
    if report is None:
        raise NotFound("报告不存在或尚未公开。")
    return report


@dataclass
class FigureCell:
    """A number as the report shows it: the value used, and the current one when the records changed."""

    key: str
    label: str
    unit: str
    display: str
    link: str = ""
    missing: bool = False
    changed: bool = False
    new_display: str = ""
    error: str = ""


def report_cells(report, *, check_changes=True):
    """``{key: FigureCell}`` for every snapshot of ``report``; a draft is compared with today's records.

    A published report is read from its frozen snapshots only: later corrections never change it.
    """
    snaps = list(report.snapshots.all())
    current = {}
    if check_changes and not report.is_published:
        current = compute_all(year=report.year, unit_ids=report_unit_ids(report.unit),
                              keys={s.key for s in snaps})
    cells = {}
    for s in snaps:
        cell = FigureCell(s.key, s.label, s.unit_label, format_value(s.value), s.link, error=s.error)
        now = current.get(s.key)
        if now is not None and not now.error:
            cell.link = now.link or s.link
            if plain_value(now.value) != s.value or now.digest != s.records_digest:
                cell.changed = True
                cell.new_display = now.display
        cells[s.key] = cell
    return cells


def report_placeholders(report):
    keys = []
    for section in report.sections.all():
        keys.extend(PLACEHOLDER.findall(section.body))
    return list(dict.fromkeys(keys))


def changed_cells(cells):
    return [c for c in cells.values() if c.changed]


def sections_of(report):
    return list(ReportSection.objects.filter(report=report).order_by("position"))


def snapshots_of(report):
    return list(FigureSnapshot.objects.filter(report=report).order_by("key"))


# Dashboard -------------------------------------------------------------------------------------

def dashboard_scope(*, user, unit_id=None):
    """``(unit, unit_ids)`` for the dashboard: a liaison is limited to the own units; a chosen unit to its tree."""
    visible = scope.visible_unit_ids(user, perm=ReportingPerm.VIEW_DASHBOARD)
    if not unit_id:
        return None, visible
    unit = scope.visible(user, OrgUnit.objects.all(), perm=ReportingPerm.VIEW_DASHBOARD).filter(pk=unit_id).first()
    if unit is None:
        raise NotFound("单位不存在或不在您的查看范围内。")
    ids = subtree_ids(unit)
    return unit, ids if visible is None else ids & visible


def dashboard_units(*, user):
    """The units one may pick on the dashboard (villages are reached through their township)."""
    return scope.visible(user, OrgUnit.objects.filter(is_active=True).exclude(kind="village"),
                         perm=ReportingPerm.VIEW_DASHBOARD).order_by("path")


def _with_param(link, name, value):
    if not link:
        return ""
    return f"{link}{'&' if '?' in link else '?'}{name}={value}"


def _element_link(figure_link, raw, fallback=""):
    if isinstance(raw, dict) and raw.get("link"):
        return raw["link"]
    return fallback or figure_link


def monthly_series(computed: Computed):
    """``[(month 1–12, value, link)]`` when the breakdown is by month, else ``None``."""
    if not computed.breakdown:
        return None
    months = {}
    for key, raw in computed.breakdown.items():
        m = MONTH_KEY.match(str(key).strip())
        if not m or not 1 <= int(m.group(2)) <= 12:
            return None
        months[int(m.group(2))] = raw
    return [(m, number_of(months.get(m, 0)), _element_link(computed.link, months.get(m))) for m in range(1, 13)]


def unit_series(computed: Computed, units_by_name):
    """``[(unit, value, link)]`` when the breakdown is by unit (names, short names or codes), else ``None``."""
    if not computed.breakdown:
        return None
    rows = []
    for key, raw in computed.breakdown.items():
        unit = units_by_name.get(str(key).strip())
        if unit is None:
            return None
        rows.append((unit, number_of(raw), _element_link(computed.link, raw, _with_param(computed.link, "unit", unit.pk))))
    return rows


def dashboard_data(*, user, year, unit_id=None, today=None):
    """Everything the dashboard shows: module cards and charts, trends, rankings, alert counts."""
    unit, unit_ids = dashboard_scope(user=user, unit_id=unit_id)
    computed = compute_all(year=year, unit_ids=unit_ids)
    units = OrgUnit.objects.only("pk", "name", "short_name", "code")
    if unit_ids is not None:
        units = units.filter(pk__in=unit_ids)
    units_by_name = {}
    for u in units:
        for name in (u.code, u.short_name, u.name):
            if name:
                units_by_name[name] = u

    modules, charts, trends, rankings = {}, [], [], []
    for c in computed.values():
        modules.setdefault(c.module, {"module": c.module, "label": module_label(c.module), "figures": []})
        modules[c.module]["figures"].append(c)
        series = monthly_series(c)
        if series is not None:
            trends.append({"id": f"trend-{c.key}", "kind": "line", "title": f"{c.label}（按月）", "unit": c.unit,
                           "categories": [f"{m}月" for m, _v, _l in series], "values": [v for _m, v, _l in series],
                           "links": [link for _m, _v, link in series]})
            continue
        ranked = unit_series(c, units_by_name)
        if ranked:
            ranked.sort(key=lambda r: (-r[1], r[0].name))
            rankings.append({"id": f"rank-{c.key}", "kind": "bar", "horizontal": True,
                             "title": f"单位排名：{c.label}", "unit": c.unit,
                             "categories": [u.short_name or u.name for u, _v, _l in ranked[:15]],
                             "values": [v for _u, v, _l in ranked[:15]],
                             "links": [link for _u, _v, link in ranked[:15]]})
    for m in modules.values():
        bars = [c for c in m["figures"] if not c.error and c.unit != "%"]
        if bars:
            charts.append({"id": f"module-{m['module']}", "kind": "bar", "title": m["label"], "unit": "",
                           "categories": [c.label for c in bars], "values": [number_of(c.value) for c in bars],
                           "links": [c.link for c in bars]})
    today = today or timezone.localdate()
    rows, failures = alerts_for(user=user, today=today)
    counts = {sev: 0 for sev in registry.SEVERITIES}
    for r in rows:
        counts[r.alert.severity] += r.alert.count or 1
    from django.urls import reverse

    alerts_url = reverse("reporting:alert_list")
    severity_chart = {"id": "alerts-severity", "kind": "bar", "title": "预警提醒（按级别）", "unit": "项",
                      "categories": list(registry.SEVERITIES.values()), "values": list(counts.values()),
                      "links": [f"{alerts_url}?severity={s}" for s in registry.SEVERITIES],
                      "colors": ["#0b5ed7", "#d48806", "#b71c1c"]}
    return {
        "unit": unit, "unit_ids": unit_ids,
        "modules": sorted(modules.values(), key=lambda m: m["module"]),
        "charts": charts, "trends": trends, "rankings": rankings, "severity_chart": severity_chart,
        "alert_counts": [{"severity": s, "label": label, "count": counts[s]} for s, label in registry.SEVERITIES.items()],
        "failed_checks": failures,
    }


# Alerts centre ---------------------------------------------------------------------------------

@dataclass
class AlertRow:
    module: str
    module_label: str
    provider: str
    alert: registry.Alert

    @property
    def unit_id(self):
        return getattr(self.alert.unit, "pk", None)

    @property
    def unit_name(self):
        u = self.alert.unit
        return "" if u is None else str(u)

    @property
    def is_overdue(self):
        return self.alert.severity == "overdue"


SEVERITY_ORDER = {"overdue": 0, "warning": 1, "info": 2}


def alerts_for(*, user, today):
    """Every provider's alerts for ``user`` (each provider applies scope; units out of scope are dropped
    once more here), and the providers that failed — logged, shown as a failed check, never raised."""
    rows, failures = [], []
    visible = scope.visible_unit_ids(user)
    for provider in registry.alert_providers().values():
        try:
            found = list(provider.check(user, today))
        except Exception:
            logger.exception("alert provider %s failed", provider.key)
            failures.append(provider)
            continue
        module = module_of(provider.key)
        for alert in found:
            unit_pk = getattr(alert.unit, "pk", None)
            if visible is not None and unit_pk is not None and unit_pk not in visible:
                continue
            rows.append(AlertRow(module, module_label(module), provider.label, alert))
    return rows, failures


ALERT_SORTS = {
    "due": lambda r: (r.alert.due is None, r.alert.due or timezone.localdate()),
    "-due": lambda r: (r.alert.due is not None, r.alert.due or timezone.localdate()),
    "severity": lambda r: SEVERITY_ORDER[r.alert.severity],
    "module": lambda r: r.module,
    "unit": lambda r: r.unit_name,
}


def alert_list(*, user, today, filters=None, collected=None):
    """The alerts centre's rows, filtered and sorted; ``collected`` reuses an ``alerts_for`` result."""
    f = filters or {}
    rows, failures = collected if collected is not None else alerts_for(user=user, today=today)
    if f.get("module"):
        rows = [r for r in rows if r.module == f["module"]]
    if f.get("unit"):
        rows = [r for r in rows if str(r.unit_id) == str(f["unit"])]
    if f.get("severity"):
        rows = [r for r in rows if r.alert.severity == f["severity"]]
    if f.get("due_before"):
        rows = [r for r in rows if r.alert.due is not None and r.alert.due <= f["due_before"]]
    if f.get("due_after"):
        rows = [r for r in rows if r.alert.due is not None and r.alert.due >= f["due_after"]]
    rows.sort(key=lambda r: (SEVERITY_ORDER[r.alert.severity], r.alert.due is None, r.alert.due or today))
    sort = f.get("sort")
    if sort in ALERT_SORTS:
        rows.sort(key=ALERT_SORTS[sort])
    return rows, failures


# Rendering and export --------------------------------------------------------------------------

def numbered_headings(sections):
    """``[(section, "一、…" or "（一）…")]`` in the official numbering (一、（一）)."""
    top = sub = 0
    out = []
    for s in sections:
        if s.level == 1:
            top, sub = top + 1, 0
            out.append((s, f"{CN_NUMERALS[top - 1]}、{s.heading}"))
        else:
            sub += 1
            out.append((s, f"（{CN_NUMERALS[sub - 1]}）{s.heading}"))
    return out


def _paragraphs(body):
    return [p.strip() for p in body.replace("\r\n", "\n").split("\n") if p.strip()]


def render_text(body, cells, *, mask=False):
    """Plain paragraphs with the numbers filled in (for .docx and the public page)."""
    from fazhi.core.masking import mask_text

    def fill(m):
        cell = cells.get(m.group(1))
        return cell.display if cell else f"【缺少指标{m.group(1)}】"

    paras = [PLACEHOLDER.sub(fill, p) for p in _paragraphs(body)]
    return [mask_text(p) for p in paras] if mask else paras


def render_html(body, cells, *, links=True, mask=False):
    """Paragraphs as HTML; each number links to the records behind it and shows a change since drafting."""
    from django.utils.html import escape, format_html
    from django.utils.safestring import mark_safe

    from fazhi.core.masking import mask_text

    out = []
    for para in _paragraphs(body):
        pieces, pos = [], 0
        for m in PLACEHOLDER.finditer(para):
            text = para[pos:m.start()]
            pieces.append(escape(mask_text(text) if mask else text))
            cell = cells.get(m.group(1))
            if cell is None:
                pieces.append(format_html('<span class="figure figure-missing" title="未取得该指标">【缺少指标{}】</span>',
                                          m.group(1)))
            elif links and cell.link:
                pieces.append(format_html('<a class="figure" href="{}" data-figure="{}" title="{}：查看记录">{}</a>',
                                          cell.link, cell.key, cell.label, cell.display))
            else:
                pieces.append(format_html('<span class="figure" data-figure="{}">{}</span>', cell.key, cell.display))
            if cell is not None and cell.changed:
                pieces.append(format_html(
                    '<span class="figure-changed" data-figure-changed="{}">（记录已变化：取数时{}，现为{}）</span>',
                    cell.key, cell.display, cell.new_display))
            pos = m.end()
        tail = para[pos:]
        pieces.append(escape(mask_text(tail) if mask else tail))
        out.append("<p>" + "".join(str(p) for p in pieces) + "</p>")
    return mark_safe("".join(out))  # noqa: S308 (built from escaped parts)


# GB/T 9704 layout
FONT_TITLE, FONT_H1, FONT_H2, FONT_BODY, FONT_PAGE = "方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体"


def _font(run, name, size_pt, bold=False):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(slot), name)


def _page_number(paragraph):
    """— PAGE — as a field, 宋体 四号 (14 pt)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    _font(paragraph.add_run("— "), FONT_PAGE, 14)
    run = paragraph.add_run()
    _font(run, FONT_PAGE, 14)
    for tag, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        elif text == "1":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._element.append(el)
    _font(paragraph.add_run(" —"), FONT_PAGE, 14)


def report_docx(report, cells=None) -> bytes:
    """The report as .docx in the official layout (GB/T 9704-2012): A4; margins 37/35/28/26 mm; title
    方正小标宋 22 pt; body 仿宋_GB2312 16 pt, exact 28.95 pt lines, 2-character indent; page numbers outside."""
    import io

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    if cells is None:
        cells = report_cells(report, check_changes=False)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(21)
    doc.settings.odd_and_even_pages_header_footer = True

    def para(text, font, size, *, align=None, indent=True, bold=False):
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(28.95)
        fmt.space_before = fmt.space_after = Pt(0)
        if indent:
            fmt.first_line_indent = Pt(32)
        if align is not None:
            p.alignment = align
        _font(p.add_run(text), font, size, bold)
        return p

    title = para(report.title, FONT_TITLE, 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    title.paragraph_format.line_spacing = Pt(40)
    para("", FONT_BODY, 16, indent=False)
    for s, heading in numbered_headings(sections_of(report)):
        para(heading, FONT_H1 if s.level == 1 else FONT_H2, 16)
        for text in render_text(s.body, cells):
            para(text, FONT_BODY, 16, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    para("", FONT_BODY, 16, indent=False)
    sign = para(report.unit.name, FONT_BODY, 16, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    sign.paragraph_format.right_indent = Pt(64)
    on = report.published_on or report.submitted_on or timezone.localdate()
    dated = para(f"{on.year}年{on.month}月{on.day}日", FONT_BODY, 16, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    dated.paragraph_format.right_indent = Pt(64)

    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(14)
    _page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(14)
    _page_number(even)
    doc.core_properties.title = report.title
    doc.core_properties.author = report.unit.name
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


FONTCONFIG_ALIASES = [
    (FONT_TITLE, ["Noto Serif CJK SC"]), ("宋体", ["Noto Serif CJK SC"]), (FONT_BODY, ["Noto Serif CJK SC"]),
    ("仿宋", ["Noto Serif CJK SC"]), (FONT_H1, ["Noto Sans CJK SC"]), (FONT_H2, ["AR PL UKai CN", "Noto Serif CJK SC"]),
]


def soffice_path():
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, *, timeout=120) -> bytes | None:
    """Convert with LibreOffice in a throw-away profile; ``None`` where LibreOffice is not installed."""
    import os
    import subprocess
    import tempfile
    from pathlib import Path

    soffice = soffice_path()
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="fazhi-report-") as tmp:
        tmpdir = Path(tmp)
        (tmpdir / "config" / "fontconfig").mkdir(parents=True)
        aliases = "".join(
            f"<alias><family>{name}</family><prefer>{''.join(f'<family>{f}</family>' for f in prefer)}</prefer></alias>"
            for name, prefer in FONTCONFIG_ALIASES)
        (tmpdir / "config" / "fontconfig" / "fonts.conf").write_text(
            f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>{aliases}</fontconfig>',
            encoding="utf-8")
        source = tmpdir / "report.docx"
        source.write_bytes(data)
        env = {**os.environ, "HOME": tmp, "XDG_CONFIG_HOME": str(tmpdir / "config")}
        subprocess.run([soffice, "--headless", "--norestore", "--nologo", f"-env:UserInstallation=file://{tmp}/lo",
                        "--convert-to", "pdf", "--outdir", tmp, str(source)],
                       env=env, timeout=timeout, check=True, capture_output=True)
        target = tmpdir / "report.pdf"
        if not target.exists():
            raise RuntimeError("LibreOffice 未能生成 PDF")
        return target.read_bytes()
