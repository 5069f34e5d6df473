"""The alerts centre: every provider's alerts for a user, filtered and sorted."""
from dataclasses import dataclass

from fazhi.core import clock, registry
from fazhi.orgs import scope

from .figures import logger, module_label, module_of


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
    "due": lambda r: (r.alert.due is None, r.alert.due or clock.today()),
    "-due": lambda r: (r.alert.due is not None, r.alert.due or clock.today()),
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
