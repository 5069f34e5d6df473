"""The adjustment's transition table: every allowed and every refused move, with its audit entry."""
import datetime

import pytest

from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.powers import services
from fazhi.powers.workflows import adjustment_workflow

from .factories import content

pytestmark = pytest.mark.django_db


def _adjustment(county, status):
    adj = services.adjustment_create(actor=county.liaison, unit=county.market, title="t", reason="r",
                                     trigger_document="d", effective_on=datetime.date(2019, 6, 30))
    services.line_add(actor=county.liaison, adjustment=adj, kind="add", code="X1", content=content())
    if status in ("submitted", "returned", "approved"):
        adj = services.adjustment_submit(actor=county.liaison, adjustment=adj)
    if status == "returned":
        adj = services.adjustment_return(actor=county.office, adjustment=adj, reason="补充依据")
    if status == "approved":
        adj = services.adjustment_approve(actor=county.office, adjustment=adj)
    return adj


ALLOWED = [("draft", "submit", "liaison", "submitted", 405), ("returned", "submit", "liaison", "submitted", 405),
           ("submitted", "approve", "office", "approved", 406), ("submitted", "return", "office", "returned", 407)]
REFUSED = [("draft", "approve", "office"), ("draft", "return", "office"), ("submitted", "submit", "liaison"),
           ("submitted", "approve", "liaison"), ("submitted", "approve", "leader"), ("approved", "return", "office"),
           ("approved", "approve", "office"), ("returned", "approve", "office"), ("draft", "submit", "outsider"),
           ("draft", "submit", "leader")]


@pytest.mark.parametrize("status,action,persona,target,code", ALLOWED)
def test_allowed(county, status, action, persona, target, code):
    adj = _adjustment(county, status)
    assert action in [t.action for t in adjustment_workflow.available(getattr(county, persona), adj)]
    adj = adjustment_workflow.apply(actor=getattr(county, persona), obj=adj, action=action,
                                    reason="理由" if action == "return" else "")
    assert adj.status == target
    assert AuditEntry.objects.filter(event_code=code, object_id=str(adj.pk)).exists()


@pytest.mark.parametrize("status,action,persona", REFUSED)
def test_refused(county, status, action, persona):
    adj = _adjustment(county, status)
    before = AuditEntry.objects.count()
    with pytest.raises(DomainError):
        adjustment_workflow.apply(actor=getattr(county, persona), obj=adj, action=action, reason="理由")
    adj.refresh_from_db()
    assert adj.status == status and AuditEntry.objects.count() == before
