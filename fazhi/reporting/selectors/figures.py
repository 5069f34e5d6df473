"""Figures: every number comes from ``fazhi.core.registry.figures()``, computed for a year and a set of units.

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

from fazhi.core import numbers, registry
from fazhi.orgs.models import OrgUnit

from ..choices import CN_NUMERALS, MODULE_THEMES, THEME_CODES

logger = logging.getLogger("fazhi.reporting")

# ``{{key}}`` states the figure exactly, ``{{key|余}}`` / ``{{key|多}}`` approximately (see ``prose.approximate``)
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z][A-Za-z0-9_]*\.[A-Za-z0-9_.]+?)\s*(?:\|\s*(?:余|多)\s*)?\}\}")
MONTH_KEY = re.compile(r"^(?:(\d{4})-)?(\d{1,2})(?:月)?$")


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
    definition: str = ""  # the figure's definition (指标口径): its tooltip

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
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        value = numbers.round_half_up(value, 2) if value != value.to_integral() else value.to_integral()
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
    c = Computed(figure.key, figure.label, figure.unit, figure.chapter, definition=figure.definition)
    try:
        result = figure.compute(year=year, unit_ids=unit_ids)
    except Exception as exc:  # one module's bug must not take the report or the dashboard down
        logger.exception("figure %s failed", figure.key)
        c.error = f"取数失败：{type(exc).__name__}"
        return c
    if not isinstance(result, registry.FigureValue):
        result = registry.FigureValue(value=result)
    c.value, c.link = result.value, result.link or ""
    if not c.link and result.rows is not None:
        from django.urls import reverse

        c.link = f"{reverse('reporting:figure_records')}?key={figure.key}&year={year}"
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
