"""The decision's transition table: every action refused from a wrong status, audited when allowed."""
import datetime

import pytest

from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.decisions import services
from fazhi.decisions.choices import DecisionStatus
from fazhi.decisions.models import Decision
from fazhi.decisions.workflows import DECISION_FLOW

from . import factories as f

pytestmark = pytest.mark.django_db

ALL = [s.value for s in DecisionStatus]


@pytest.mark.parametrize("action", [t.action for t in DECISION_FLOW.transitions])
def test_each_action_is_refused_from_every_status_it_does_not_leave_from(county, action):
    d = f.decision(county)
    t = DECISION_FLOW.transition(action)
    for status in ALL:
        if status in t.sources:
            continue
        Decision.objects.filter(pk=d.pk).update(status=status)
        d.refresh_from_db()
        assert DECISION_FLOW.refusal(county.office, d, action).startswith("当前状态为"), (action, status)
        with pytest.raises(DomainError, match="当前状态为"):
            DECISION_FLOW.apply(actor=county.office, obj=d, action=action, reason="x")


@pytest.mark.parametrize("persona", ["leader", "outsider", "officer", "lawyer"])
def test_people_without_the_right_cannot_move_a_decision(county, persona):
    d = f.decision(county)
    assert DECISION_FLOW.available(getattr(county, persona), d) == []


def test_allowed_transitions_are_audited_and_on_the_timeline(county):
    d = f.to_decided(county, f.decision(county))
    events = list(AuditEntry.objects.filter(object_type="decisions.Decision", object_id=str(d.pk))
                  .order_by("seq").values_list("event_name", flat=True))
    assert events == ["decisions.decision_created", "decisions.review_submitted", "decisions.discussion_submitted",
                      "decisions.decided"]
    texts = [e.text for e in d.events.all()]
    assert texts[0] == "登记决策事项" and texts[-1].startswith("集体讨论作出决定")


def test_withdraw_needs_a_reason_and_keeps_it(county):
    d = f.decision(county)
    with pytest.raises(DomainError, match="理由"):
        services.decision_act(actor=county.office, decision=d, action="withdraw", reason="")
    d = services.decision_act(actor=county.office, decision=d, action="withdraw", reason="上级政策调整")
    assert d.status == DecisionStatus.WITHDRAWN and d.withdrawn_reason == "上级政策调整"


def test_review_deadline_in_a_year_without_calendar_is_provisional_never_refused(county):
    """A year whose holiday schedule is not entered yet: the deadline counts weekends and statutory holidays,
    is marked provisional (暂定), and the submission is not refused (the shared working-days rule)."""
    from fazhi.core.workdays import is_provisional

    d = f.decision(county)
    f.resolve_preliminary(county, d)
    d = services.review_submit(actor=county.office, decision=d, review_unit=county.justice,
                               submitted_on=datetime.date(2027, 3, 1), due_on=datetime.date(2027, 3, 20))
    assert d.status == DecisionStatus.REVIEW and is_provisional(datetime.date(2027, 3, 20))
    with pytest.raises(DomainError, match="不得少于7个工作日"):
        services.review_submit(actor=county.office, decision=f.decision(county, title="另一事项"),
                               review_unit=county.justice, submitted_on=datetime.date(2027, 3, 1),
                               due_on=datetime.date(2027, 3, 5))


def test_the_review_guard_rechecks_the_hearing_notice(county):
    """A hearing record changed behind the service's back is still caught by the workflow's guard."""
    from fazhi.decisions.choices import StepCode
    from fazhi.decisions.models import ProcedureStep

    d = f.decision(county)
    f.resolve_preliminary(county, d)
    ProcedureStep.objects.filter(decision=d, code=StepCode.PUBLIC_PARTICIPATION).update(
        hearing_on=datetime.date(2026, 4, 20), hearing_materials_sent_on=datetime.date(2026, 4, 18))
    with pytest.raises(DomainError, match="7日前送达"):
        services.review_submit(actor=county.office, decision=d, review_unit=county.justice,
                               submitted_on=datetime.date(2026, 6, 1), due_on=datetime.date(2026, 6, 10))
