"""Every write of the decisions module: one transaction, one audit entry, rules raised as ``DomainError``.

Decisions run through ``workflows.DECISION_FLOW`` (the five-step procedure of 国务院令第713号);
the procedure steps are ``ProcedureStep`` records; the public's comments are kept for ever
(hidden ones too); legal advisers are checked against the configurable qualification rules.
Each service re-checks the record type's policy (``policies.py``) before it writes.

One module per entity, every name ``<entity>_<verb>``:

- ``decisions``  — decision_create/update/act/decide/publish, draft_revise, meeting_record, party_report_record,
  progress_report_add, evaluation_start/finish, attachment_add
- ``steps``      — step_record, step_mark_not_applicable, expert_opinion_add, review_submit, review_opinion_give
- ``comments``   — comment_open/close/submit/dispose/hide
- ``catalogues`` — catalogue_create/approve/publish/adjust
- ``advisers``   — adviser_register/update/end, service_log
"""
from .advisers import ADVISER_FIELDS, adviser_end, adviser_register, adviser_update, service_log
from .catalogues import catalogue_adjust, catalogue_approve, catalogue_create, catalogue_publish
from .comments import address_hash, comment_close, comment_dispose, comment_hide, comment_open, comment_submit
from .decisions import (
    ACT_ACTIONS,
    DECISION_FIELDS,
    attachment_add,
    decision_act,
    decision_create,
    decision_decide,
    decision_publish,
    decision_update,
    draft_revise,
    evaluation_finish,
    evaluation_start,
    meeting_record,
    party_report_record,
    progress_report_add,
)
from .steps import (
    STEP_FIELDS,
    expert_opinion_add,
    review_opinion_give,
    review_submit,
    step_mark_not_applicable,
    step_record,
)

__all__ = [
    "ACT_ACTIONS", "ADVISER_FIELDS", "DECISION_FIELDS", "STEP_FIELDS", "address_hash", "adviser_end",
    "adviser_register", "adviser_update", "attachment_add", "catalogue_adjust", "catalogue_approve",
    "catalogue_create", "catalogue_publish", "comment_close", "comment_dispose", "comment_hide", "comment_open",
    "comment_submit", "decision_act", "decision_create", "decision_decide", "decision_publish", "decision_update",
    "draft_revise", "evaluation_finish", "evaluation_start", "expert_opinion_add", "meeting_record",
    "party_report_record", "progress_report_add", "review_opinion_give", "review_submit", "service_log",
    "step_mark_not_applicable", "step_record",
]
