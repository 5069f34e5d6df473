"""The dashboard: module cards and charts, monthly trends, unit rankings and alert counts."""
from fazhi.core import clock, registry
from fazhi.core.errors import NotFound
from fazhi.orgs import scope
from fazhi.orgs.models import OrgUnit

from ..permissions import ReportingPerm
from .alerts import alerts_for
from .figures import MONTH_KEY, Computed, compute_all, module_label, number_of, subtree_ids


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
    today = today or clock.today()
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
