"""Stored deadlines that depend on the holiday calendar, and how they are recomputed.

A deadline counted into a year the State Council has not published yet is provisional (暂定, see
``fazhi.core.workdays``). When the office confirms a year's schedule (or corrects a day of a confirmed
year), ``recompute_year`` asks every module how its stored due dates come out under the confirmed
calendar. Each module declares that in its own ``deadlines.py``::

    register_deadline("enforcement.statement_due", label="陈述申辩/听证申请期限", recompute=fn)

``fn(*, year, calendar, previous)`` updates the records whose deadline falls in ``year`` or whose
period runs across it (use ``span(start_field, due_field, year)``) and returns a ``Moved`` for each
unit to be told. ``calendar`` is the confirmed calendar, ``previous`` the one before the change
(for deadlines the user chose within a window: a due date that was the old default follows it).

A step already taken on or before its provisional deadline is never made late by the recomputation
(``keeps``): the unit acted in good faith on the date it was shown. Every other stored deadline,
open or done, takes the confirmed date.

The confirming service runs this inside its transaction, writes one audit entry listing what moved,
and keeps a ``DeadlineChange`` per affected unit and record, shown to that unit for 30 days.
"""
import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q

logger = logging.getLogger("fazhi.deadlines")

NOTICE_DAYS = 30


@dataclass(frozen=True)
class DeadlineSpec:
    key: str
    label: str
    recompute: Callable[..., list]


@dataclass
class Moved:
    """One stored deadline that changed, for one unit to be told."""

    unit: object  # OrgUnit
    record: str
    old: datetime.date
    new: datetime.date
    link: str = ""
    label: str = ""


_deadlines: dict[str, DeadlineSpec] = {}


def register_deadline(key, *, label, recompute):
    if "." not in key or key.startswith(".") or key.endswith("."):
        raise ValueError(f"registry key must look like '<module>.<name>': {key!r}")
    if key in _deadlines and _deadlines[key].recompute is not recompute:
        raise ValueError(f"deadline {key} is registered twice")
    _deadlines[key] = DeadlineSpec(key, label, recompute)
    return _deadlines[key]


def registered() -> dict[str, DeadlineSpec]:
    return dict(sorted(_deadlines.items()))


def keeps(done_on, old, new):
    """True when a step done on ``done_on`` was on time by ``old`` and would be late by ``new``: keep ``old``."""
    return done_on is not None and done_on <= old and done_on > new


def span(start_field, due_field, year):
    """Records whose period (``start_field`` → ``due_field``) touches ``year``."""
    return Q(**{f"{start_field}__lte": datetime.date(year, 12, 31), f"{due_field}__gte": datetime.date(year, 1, 1)})


def recompute_year(*, actor, year, previous):
    """Recompute every registered deadline across ``year``; record notices and one audit entry.

    Must run inside the caller's transaction, after the calendar change is saved.
    """
    from . import audit, clock
    from .models import CalendarYear, DeadlineChange
    from .workdays import Calendar

    calendar = Calendar()
    moved_all = []
    for spec in registered().values():
        for m in spec.recompute(year=year, calendar=calendar, previous=previous) or []:
            if m.old == m.new:
                continue
            m.label = m.label or spec.label
            moved_all.append((spec, m))
    today = clock.today()
    DeadlineChange.objects.bulk_create([
        DeadlineChange(unit=m.unit, year=year, deadline_key=spec.key, label=m.label, record=m.record[:300],
                       link=m.link[:500], old_date=m.old, new_date=m.new, notified_on=today)
        for spec, m in moved_all if m.unit is not None
    ])
    entry = CalendarYear.objects.filter(year=year).first()
    listed = [f"{m.record}：{m.label} {m.old:%Y-%m-%d} → {m.new:%Y-%m-%d}（{getattr(m.unit, 'name', '')}）"
              for _spec, m in moved_all]
    audit.record(actor=actor, event="core.deadlines_recomputed", obj=entry,
                 object_repr=f"{year}年节假日安排：重新计算期限",
                 changes={"year": [None, year], "moved": [None, len(moved_all)], "items": [None, listed[:200]]})
    return [m for _spec, m in moved_all]
