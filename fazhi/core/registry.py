"""Registries that let modules contribute to shared screens without those screens importing them.

At start-up ``autodiscover`` imports each installed app's ``reporting.py``, ``alerts.py``,
``search.py``, ``navigation.py`` and ``deadlines.py`` (as Django's admin imports ``admin.py``). Those modules call
the ``register_*`` functions below.

- figures: numbers for the annual report and the dashboard, by key ``<module>.<name>``;
- unit measures: ``(numerator, denominator)`` per unit with the records behind them, for assessments;
- alerts: compliance checks ``(user, today) -> list[Alert]``;
- search sources: how a module's records become search entries;
- navigation: the workbench's left menu (modules not built yet are simply absent);
- deadlines (``deadlines.py``, registry in ``fazhi.core.deadlines``): how stored due dates are
  recomputed when the office confirms a year's holiday schedule.
"""
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import autodiscover_modules

logger = logging.getLogger("fazhi.registry")

SEVERITIES = {"info": "提示", "warning": "预警", "overdue": "逾期"}


@dataclass
class FigureValue:
    """A figure's value for a year and scope, and where its records are listed.

    ``value`` is a number (int, Decimal or float; a rate as a percentage 0–100); ``link`` is the URL of
    the records behind it (a list page filtered by year and unit); ``breakdown`` optionally maps a
    label (a unit, a category) to a number; ``records`` optionally the ids behind the value.

    ``rows``, instead of a ``link``, is a queryset of exactly the counted records (item level: one row per
    counted comment, step, visit…): the report and the dashboard then link to the shared drill-down page, which
    lists them with a total equal to the value. A figure that adds a number up (visitors, 人次, 万元) names the
    field in ``rows_sum`` (and ``rows_divisor`` to turn 元 into 万元); the page shows that column and its 合计.
    """

    value: Any
    link: str = ""
    breakdown: dict = field(default_factory=dict)
    records: list = field(default_factory=list)
    rows: Any = None
    rows_sum: str = ""
    rows_divisor: int = 1


@dataclass(frozen=True)
class Figure:
    """``compute(year=..., unit_ids=None)`` returns a ``FigureValue``. ``unit_ids`` is ``None`` for the whole
    county or the set of unit ids the figure is limited to (a liaison's dashboard)."""

    key: str
    label: str
    unit: str
    chapter: str
    compute: Callable[..., Any]
    description: str = ""
    # the figure's definition (指标口径), shown in its tooltip and on the help page:
    year_basis: str = ""  # which date puts a record in a year, e.g. "按文件公布日期所在年度统计"
    imported: str = ""  # whether records imported from a register (Excel) are counted, said plainly
    rounding: str = ""  # for a rate: how it is rounded ("" = the platform rule, fazhi.core.numbers)

    @property
    def definition(self) -> str:
        """The figure's definition in one paragraph of plain Chinese."""
        parts = [self.description.rstrip("。")] if self.description else []
        if self.year_basis:
            parts.append(self.year_basis.rstrip("。"))
        if self.imported:
            parts.append(self.imported.rstrip("。"))
        if self.unit == "%" or self.rounding:
            from .numbers import RULE_TEXT

            parts.append((self.rounding or RULE_TEXT).rstrip("。"))
        return "；".join(parts) + ("。" if parts else "")


@dataclass(frozen=True)
class AlertProvider:
    key: str
    label: str
    check: Callable[..., list]


@dataclass
class Alert:
    rule: str
    severity: str
    title: str
    unit: Any = None
    due: Any = None
    link: str = ""
    count: int = 1
    source: str = ""  # the provider's key, set by collect_alerts

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown alert severity {self.severity!r}")

    @property
    def provisional(self):
        """The due date lies in a year whose holiday schedule is not confirmed yet (暂定)."""
        from .workdays import is_provisional

        return is_provisional(self.due)

    @property
    def severity_label(self):
        return SEVERITIES[self.severity]


@dataclass(frozen=True)
class SearchSource:
    key: str
    label: str
    entries: Callable[..., Any]
    # ``on_public_site(object_ids, today)`` → the ids among them the public site shows today, for a source whose
    # public entries stop being public with time (a decision displayed for a period); None: every public entry.
    on_public_site: Callable[..., Any] | None = None


@dataclass(frozen=True)
class NavItem:
    section: str
    label: str
    url_name: str
    permission: str | None = None
    order: int = 100
    children: tuple = field(default_factory=tuple)
    #: ``show(user) -> bool``: a further condition beyond the permission (e.g. the user is a registered lawyer)
    show: Callable[[Any], bool] | None = None


@dataclass
class Todo:
    """One thing waiting for a user: ``title`` (e.g. "待审核：郧西县市场监管局权责清单动态调整"), the exact record's
    ``link``, its ``due`` date (None when the law sets none), ``count`` when it stands for several records,
    the ``unit`` it concerns, and ``action`` — the verb shown on the button (审核、编号、处理…)."""

    title: str
    link: str
    due: Any = None
    count: int = 1
    unit: Any = None
    action: str = "办理"
    source: str = ""  # the provider's key, set by collect_todos


@dataclass(frozen=True)
class TodoProvider:
    key: str
    label: str
    collect: Callable[..., list]


@dataclass(frozen=True)
class Sentence:
    """A sentence template in official prose for the annual report: ``template`` names figures by key in
    braces, e.g. "全县{legal_education.duty_list_units}个县直单位制定了普法责任清单", with the theme (part one's
    six themes, see ``fazhi.reporting.choices.THEMES``) and its order within the theme."""

    key: str
    template: str
    theme: str
    order: int = 100
    figures: tuple = ()


@dataclass(frozen=True)
class UnitMeasure:
    """A measure computed for every unit at once, for assessments that score units (依法行政考评):
    ``compute(unit_ids, year) -> {unit_id: (numerator, denominator)}`` (a unit without records may be absent)
    and ``drilldown(unit_id, year) -> [(title, url), …]``, exactly the records counted in that unit's numerator
    and denominator. A module adds a source by registering it in its ``reporting.py``."""

    key: str
    label: str
    compute: Callable[..., dict]
    drilldown: Callable[..., list]
    description: str = ""


_figures: dict[str, Figure] = {}
_unit_measures: dict[str, UnitMeasure] = {}
_todos: dict[str, TodoProvider] = {}
_sentences: dict[str, Sentence] = {}
_alerts: dict[str, AlertProvider] = {}
_search: dict[str, SearchSource] = {}
_nav: list[NavItem] = []


def _check_key(key):
    if "." not in key or key.startswith(".") or key.endswith("."):
        raise ValueError(f"registry key must look like '<module>.<name>': {key!r}")


def register_figure(key, *, label, unit, chapter, compute, description="", year_basis="", imported="", rounding=""):
    """``description``/``year_basis``/``imported``/``rounding`` make the figure's definition (指标口径): what is
    counted, by which date's year, whether imported records are counted, how a rate is rounded."""
    _check_key(key)
    if key in _figures and _figures[key].compute is not compute:
        raise ValueError(f"figure {key} is registered twice")
    _figures[key] = Figure(key, label, unit, chapter, compute, description, year_basis, imported, rounding)
    return _figures[key]


def register_unit_measure(key, *, label, compute, drilldown, description=""):
    """A per-unit measure (see ``UnitMeasure``); the assessment's automatic indicators choose among them."""
    _check_key(key)
    if key in _unit_measures and _unit_measures[key].compute is not compute:
        raise ValueError(f"unit measure {key} is registered twice")
    _unit_measures[key] = UnitMeasure(key, label, compute, drilldown, description)
    return _unit_measures[key]


def unit_measures() -> dict[str, UnitMeasure]:
    return dict(sorted(_unit_measures.items()))


def register_alert(key, *, label, check):
    _check_key(key)
    if key in _alerts and _alerts[key].check is not check:
        raise ValueError(f"alert provider {key} is registered twice")
    _alerts[key] = AlertProvider(key, label, check)
    return _alerts[key]


def register_search(key, *, label, entries, on_public_site=None):
    _check_key(key)
    _search[key] = SearchSource(key, label, entries, on_public_site)
    return _search[key]


def register_nav(item: NavItem):
    if all(existing.url_name != item.url_name for existing in _nav):
        _nav.append(item)
    return item


def register_todo(key, *, label, collect):
    """``collect(user, today) -> list[Todo]``: what waits for ``user`` in this module, within the user's scope."""
    _check_key(key)
    if key in _todos and _todos[key].collect is not collect:
        raise ValueError(f"to-do provider {key} is registered twice")
    _todos[key] = TodoProvider(key, label, collect)
    return _todos[key]


def register_sentence(key, *, template, theme, order=100):
    """A figure's (or a group's) sentence for the report; every ``{figure.key}`` in it must be a registered figure."""
    import re

    _check_key(key)
    # ``{key}`` an exact number, ``{key|余}`` / ``{key|多}`` in approximate wording (fazhi.reporting.selectors.prose)
    figures_named = tuple(re.findall(r"{([a-z_]+\.[a-z0-9_]+)(?:\|(?:余|多))?}", template))
    _sentences[key] = Sentence(key, template, theme, order, figures_named)
    return _sentences[key]


#: the to-dos one provider lists record by record; the rest are one line with their count
ROWS_PER_KIND = 20


def todo_rows(qs, make, *, more=None, limit=ROWS_PER_KIND):
    """``make(record) -> Todo`` for the first ``limit`` records of ``qs`` (ordered by deadline, one query);
    when there are more, ``more(n) -> Todo`` stands for the other ``n`` (its ``count``), so a provider's cost
    does not grow with the number of records."""
    rows = list(qs[:limit + 1])
    todos = [make(r) for r in rows[:limit]]
    if len(rows) > limit and more is not None:
        todos.append(more(qs.count() - limit))
    return todos


def todo_providers() -> dict[str, TodoProvider]:
    return dict(sorted(_todos.items()))


def sentences() -> dict[str, Sentence]:
    return dict(sorted(_sentences.items(), key=lambda kv: (kv[1].theme, kv[1].order, kv[0])))


def collect_todos(user, today):
    """Every provider's to-dos for ``user``, soonest deadline first; a failing provider is logged, never raised."""
    todos, failures = [], []
    for provider in todo_providers().values():
        try:
            found = list(provider.collect(user, today))
            for todo in found:
                todo.source = provider.key
            todos.extend(found)
        except Exception:  # one module's bug must not take the workbench down
            logger.exception("to-do provider %s failed", provider.key)
            failures.append(provider)
    todos.sort(key=lambda t: (t.due is None, t.due or today, t.title))
    return todos, failures


def todos_for_request(request, today=None):
    """``collect_todos`` for the signed-in user, once per request (the workbench and the menu's counts share it)."""
    cached = getattr(request, "_fazhi_todos", None)
    if cached is None:
        from . import clock

        cached = collect_todos(request.user, today or clock.today())
        request._fazhi_todos = cached
    return cached


def todo_counts(todos) -> dict[str, int]:
    """``{module: number of records waiting}`` (the module is the provider key's first part)."""
    counts: dict[str, int] = {}
    for todo in todos:
        module = todo.source.split(".", 1)[0]
        counts[module] = counts.get(module, 0) + todo.count
    return counts


def figures() -> dict[str, Figure]:
    return dict(sorted(_figures.items()))


def alert_providers() -> dict[str, AlertProvider]:
    return dict(sorted(_alerts.items()))


def search_sources() -> dict[str, SearchSource]:
    return dict(sorted(_search.items()))


def nav_items() -> list[NavItem]:
    return sorted(_nav, key=lambda i: (i.order, i.label))


def collect_alerts(user, today):
    """Every provider's alerts for ``user``; a failing provider is logged and reported, never raised."""
    alerts, failures = [], []
    for provider in alert_providers().values():
        try:
            found = list(provider.check(user, today))
            for alert in found:
                alert.source = provider.key
            alerts.extend(found)
        except Exception:  # one module's bug must not take the page down
            logger.exception("alert provider %s failed", provider.key)
            failures.append(provider)
    return alerts, failures


def autodiscover():
    autodiscover_modules("permissions", "rulesettings", "navigation", "reporting", "alerts", "search", "deadlines", "todos")
