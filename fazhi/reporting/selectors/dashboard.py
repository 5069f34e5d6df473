"""The dashboard: module cards and charts, monthly trends, unit rankings and alert counts."""
from dataclasses import dataclass, field

from fazhi.core import clock, numbers, registry
from fazhi.core.errors import NotFound
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from ..permissions import ReportingPerm
from .alerts import alerts_for
from .figures import (
    MONTH_KEY,
    Computed,
    compute_all,
    compute_figure,
    format_value,
    module_label,
    number_of,
    subtree_ids,
)


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


def crosstab(computed: Computed):
    """A breakdown by category whose entries break down further by unit (``{"value", "link", "by": {unit: {"value",
    "link"}}}``, e.g. tasks by area and lead unit) as a table: columns are the categories, rows the units, every cell
    linking to its records; else ``None``."""
    b = computed.breakdown
    if not b or not all(isinstance(v, dict) and isinstance(v.get("by"), dict) for v in b.values()):
        return None
    columns = [(label, format_value(number_of(v)), v.get("link") or computed.link) for label, v in b.items()]
    units = list(dict.fromkeys(u for v in b.values() for u in v["by"]))
    rows = []
    for u in units:
        cells = [(format_value(number_of(v["by"][u])), _element_link("", v["by"][u])) if u in v["by"] else ("", "")
                 for v in b.values()]
        rows.append((u, cells, sum(number_of(v["by"].get(u, 0)) for v in b.values())))
    rows.sort(key=lambda r: (-r[2], r[0]))
    return {"key": computed.key, "title": f"{computed.label}（按类别和单位）", "unit": computed.unit,
            "columns": columns, "rows": [(u, cells, format_value(total)) for u, cells, total in rows]}


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

    modules, charts, trends, rankings, crosstabs = {}, [], [], [], []
    for c in computed.values():
        table = crosstab(c)
        if table is not None:
            crosstabs.append(table)
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
        # one chart per unit of measure: 件, 人 and 分 never share an axis (rates are shown as cards)
        by_unit = {}
        for c in m["figures"]:
            if not c.error and c.unit != "%" and not isinstance(c.value, str):  # a fact in words has no bar
                by_unit.setdefault(c.unit, []).append(c)
        for i, (measure, bars) in enumerate(by_unit.items()):
            charts.append({"id": f"module-{m['module']}" + (f"-{i}" if i else ""), "kind": "bar",
                           "title": f"{m['label']}（单位：{measure}）", "unit": measure,
                           "categories": [c.label for c in bars], "values": [number_of(c.value) for c in bars],
                           "links": [c.link for c in bars]})
    today = today or clock.today()
    rows, failures = alerts_for(user=user, today=today)
    counts = {sev: 0 for sev in registry.SEVERITIES}
    for r in rows:  # counted as the alerts centre lists them: one row, one alert
        counts[r.alert.severity] += 1
    from django.urls import reverse

    alerts_url = reverse("reporting:alert_list")
    severity_chart = {"id": "alerts-severity", "kind": "bar", "title": "预警提醒（按级别）", "unit": "项",
                      "categories": list(registry.SEVERITIES.values()), "values": list(counts.values()),
                      "links": [f"{alerts_url}?severity={s}" for s in registry.SEVERITIES],
                      "colors": ["#0b5ed7", "#d48806", "#b71c1c"]}
    headlines = headline_indicators(year=year, unit_ids=unit_ids, computed=computed, trend=True)
    return {
        "unit": unit, "unit_ids": unit_ids, "headlines": headlines, "alert_total": len(rows),
        "modules": sorted(modules.values(), key=lambda m: m["module"]),
        "charts": charts, "trends": trends, "rankings": rankings, "severity_chart": severity_chart,
        "crosstabs": crosstabs,
        "alert_counts": [{"severity": s, "label": label, "count": counts[s]} for s, label in registry.SEVERITIES.items()],
        "failed_checks": failures,
    }


# Headline indicators ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Headline:
    """A headline indicator: a registered figure, the rule parameter holding its target, and the breakdown
    entry that says how many records were due (``base``: when nothing was due the indicator is neutral)."""

    key: str
    short: str
    target_setting: str
    base: str = ""  # breakdown label(s) of the records due; "*总数" sums the labels ending in 总数
    higher_is_better: bool = True


HEADLINES = [
    Headline("normative_docs.filing_rate", "规范性文件报备率", "reporting.target_filing_rate", base="应报备"),
    Headline("normative_docs.on_time_rate", "规范性文件按时报备率", "reporting.target_filing_on_time", base="应报备"),
    Headline("enforcement.published_on_time", "执法决定按时公示率", "reporting.target_publication_on_time",
             base="应公示"),
    Headline("enforcement.evaluation_score", "执法案卷评查平均分", "reporting.target_evaluation_score", base="评查案卷"),
    Headline("enforcement.officers_trained", "执法人员业务培训", "reporting.target_officers_trained"),
    Headline("decisions.adviser_coverage", "法律顾问覆盖率", "reporting.target_adviser_coverage", base="*总数"),
    Headline("legal_education.exam_pass_rate", "学法用法考试通过率", "reporting.target_exam_pass_rate"),
    Headline("oversight.appearance_rate", "行政机关负责人出庭应诉率", "oversight.target_appearance_rate", base="开庭审理"),
]
STATUS_LABELS = {"on": "达标", "risk": "有风险", "off": "未达标", "none": "无应办事项"}
TREND_YEARS = 5


@dataclass
class HeadlineRow:
    key: str
    label: str
    unit: str
    value: object
    display: str
    link: str
    target: object
    status: str
    due: object = None  # how many records were due (None: the figure does not say)
    previous: object = None
    change: str = ""
    chart: dict = field(default_factory=dict)
    note: str = ""

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def unit_suffix(self):
        return self.unit

    @property
    def target_text(self):
        return f"{format_value(self.target)}{self.unit}"


def _base(computed, spec):
    if not spec.base or computed is None:
        return None
    b = computed.breakdown or {}
    if spec.base.startswith("*"):
        parts = [v for k, v in b.items() if str(k).endswith(spec.base[1:])]
        return sum(number_of(v) for v in parts) if parts else None
    return number_of(b[spec.base]) if spec.base in b else None


def headline_status(value, target, *, due=None, band=None, higher_is_better=True):
    """``on`` / ``risk`` / ``off`` against the target, or ``none`` when nothing was due (a 0% filing rate with no
    document due is no failure). ``band`` (percent of the target) is the 有风险 margin."""
    from fazhi.core.rules import get_setting

    if due is not None and due == 0:
        return "none"
    band = get_setting("reporting.target_risk_band") if band is None else band
    v, t = number_of(value), float(target)
    if higher_is_better:
        if v >= t:
            return "on"
        return "risk" if v >= t * (1 - band / 100) else "off"
    if v <= t:
        return "on"
    return "risk" if v <= t * (1 + band / 100) else "off"


def _has_data(computed, spec):
    """Whether a year has anything behind a headline figure: something due (a rate's base) or, for a figure
    without a base, a value or a counted record. A year before the records begin is “no data”, not a zero."""
    if computed is None or computed.error:
        return False
    due = _base(computed, spec)
    if due is not None:
        return due > 0
    return bool(number_of(computed.value) or computed.records)


def _change(unit, now, before, before_due):
    if before is None or (before_due is not None and before_due == 0):
        return "上年无可比数据"
    diff = number_of(now) - number_of(before)
    if abs(diff) < 1e-9:
        return "与上年持平"
    sign = "+" if diff > 0 else "−"
    amount = format_value(numbers.round_half_up(str(abs(diff)), 1))
    return f"较上年{sign}{amount}{'个百分点' if unit == '%' else unit}"


def headline_indicators(*, year, unit_ids=None, computed=None, trend=False):
    """The 6–8 headline indicators of ``year`` (those whose figures are registered), each with its target, status,
    change against the previous year and (``trend=True``) a small chart of the last years in its own unit."""
    from fazhi.core.rules import get_setting

    registered = registry.figures()
    specs = [h for h in HEADLINES if h.key in registered]
    years = list(range(year - (TREND_YEARS - 1 if trend else 1), year + 1))
    by_year = {}
    for y in years:
        if y == year and computed is not None:
            by_year[y] = {h.key: computed.get(h.key) for h in specs}
        else:
            by_year[y] = compute_all(year=y, unit_ids=unit_ids, keys={h.key for h in specs})
    rows = []
    for h in specs:
        fig = registered[h.key]
        c = by_year[year].get(h.key) or compute_figure(fig, year=year, unit_ids=unit_ids)
        target = get_setting(h.target_setting)
        due = _base(c, h)
        status = "none" if c.error else headline_status(c.value, target, due=due, higher_is_better=h.higher_is_better)
        prev = by_year[year - 1].get(h.key)
        row = HeadlineRow(h.key, h.short, fig.unit, c.value, c.display if not c.error else "—", c.link, target, status,
                          due=due, previous=prev.value if _has_data(prev, h) else None)
        row.change = _change(fig.unit, c.value, row.previous, _base(prev, h) if prev else None)
        if due == 0:
            row.note = "本年无应办事项"
        if trend:
            points = [(y, by_year[y].get(h.key)) for y in years]
            row.chart = {"id": f"headline-{h.key.replace('.', '-')}", "kind": "bar", "title": h.short,
                         "unit": fig.unit, "target": float(target),
                         "categories": [f"{y}年" for y, _c in points],
                         # a year with nothing behind the figure has no bar (not a red zero)
                         "values": [number_of(p.value) if _has_data(p, h) else None for _y, p in points],
                         "links": [p.link if _has_data(p, h) else "" for _y, p in points], "small": True}
        rows.append(row)
    return rows


def default_year(*, unit_ids=None, today=None):
    """The current year when it has records, else the latest year that has: a year “has records” when at least
    half of the headline indicators have something due or counted in it (a figure of today's state — advisers in
    office — does not make an empty year look full)."""
    today = today or clock.today()
    specs = [h for h in HEADLINES if h.key in registry.figures()]
    if not specs:
        return today.year
    for y in range(today.year, today.year - 8, -1):
        computed = compute_all(year=y, unit_ids=unit_ids, keys={h.key for h in specs})
        with_data = 0
        for h in specs:
            c = computed[h.key]
            due = _base(c, h)
            if not c.error and (due if due is not None else (number_of(c.value) or c.records)):
                with_data += 1
        if with_data * 2 >= len(specs):
            return y
    return today.year
