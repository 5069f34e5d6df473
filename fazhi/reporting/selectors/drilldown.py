"""The shared drill-down page of a figure whose module gives its counted records as ``rows``.

The page recomputes the figure for the reader's own scope (a liaison sees the own units only, a chosen unit
narrows it to the unit's tree), so its total is the figure the reader was shown, and lists exactly those
records — one row per counted item, the owning unit beside it and, for a figure that adds a number up, that
number with its 合计.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from fazhi.core import registry
from fazhi.core.errors import NotFound
from fazhi.orgs import scope

from ..permissions import ReportingPerm
from .dashboard import dashboard_scope
from .figures import format_value


@dataclass
class FigureRows:
    figure: registry.Figure
    year: int
    unit: object
    value: object
    rows: object  # the queryset, ordered
    total_amount: object = None  # the 合计 of ``rows_sum`` (None when the figure counts rows)
    amount_field: str = ""
    divisor: int = 1

    @property
    def value_display(self):
        return format_value(self.value)

    @property
    def amount_display(self):
        return format_value(self.total_amount)

    def unit_of(self, obj):
        return owner_unit(obj)

    def amount_of(self, obj):
        raw = getattr(obj, self.amount_field, None) or 0
        return format_value(Decimal(raw) / self.divisor if self.divisor != 1 else raw)


def owner_unit(obj):
    """The unit owning a record, by the model's declared ``scope_owner`` path."""
    path = getattr(type(obj), "scope_owner", None)
    if not path:
        return None
    if path == "self":
        return obj
    target = obj
    for part in path.split("__"):
        target = getattr(target, part, None)
        if target is None:
            return None
    return target


class ChainedRows:
    """Several querysets listed one after another (a figure adding up records of two kinds): what the
    paginator and the export need — ``count``, slicing, ``iterator`` — without loading them all."""

    def __init__(self, querysets):
        self.querysets = list(querysets)
        self._counts = None

    def counts(self):
        if self._counts is None:
            self._counts = [qs.count() for qs in self.querysets]
        return self._counts

    def count(self):
        return sum(self.counts())

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return list(self[index:index + 1])[0]
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        out, offset = [], 0
        for qs, n in zip(self.querysets, self.counts(), strict=True):
            lo, hi = max(start - offset, 0), min(stop - offset, n)
            if lo < hi:
                out.extend(qs[lo:hi])
            offset += n
        return out

    def iterator(self, chunk_size=500):
        for qs in self.querysets:
            yield from qs.iterator(chunk_size=chunk_size)


def _scoped(user, rows):
    """The rows the reader may see, ordered, with their owning unit fetched in the same query."""
    model = rows.model
    if getattr(model, "scope_owner", None):
        rows = scope.visible(user, rows, perm=ReportingPerm.VIEW_DASHBOARD)
        if model.scope_owner != "self":
            rows = rows.select_related(model.scope_owner)
    return rows if rows.ordered else rows.order_by("pk")


def figure_rows(*, user, key, year, unit_id=None) -> FigureRows:
    figure = registry.figures().get(key)
    if figure is None:
        raise NotFound("指标不存在。")
    unit, unit_ids = dashboard_scope(user=user, unit_id=unit_id)
    result = figure.compute(year=year, unit_ids=unit_ids)
    rows = getattr(result, "rows", None)
    if rows is None:
        raise NotFound("该指标没有可列出的记录明细。")
    if isinstance(rows, (list, tuple)):
        rows = ChainedRows(_scoped(user, qs) for qs in rows)
    else:
        rows = _scoped(user, rows)
    data = FigureRows(figure=figure, year=year, unit=unit, value=result.value, rows=rows,
                      amount_field=result.rows_sum, divisor=result.rows_divisor or 1)
    if result.rows_sum:
        total = rows.aggregate(t=Sum(result.rows_sum))["t"] or 0
        data.total_amount = Decimal(total) / data.divisor if data.divisor != 1 else total
    return data
