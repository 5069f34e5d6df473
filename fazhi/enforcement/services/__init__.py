"""Every write of the enforcement module: one transaction, one audit entry, Chinese refusals.

Split by entity; import from here (``from fazhi.enforcement import services``):

- ``bodies``: enforcement bodies and random-inspection lists;
- ``officers``: officers and certificates (持证上岗), training, the certificate campaign;
- ``cases``: 立案, team, parties, full-process record, the steps of the procedure;
- ``publicity``: publication of decisions, change/revocation, withdrawal;
- ``evaluation``: case-file evaluation.

Each service re-checks the record type's policy (``policies.py``) the page asked.
"""
from ._base import officers_text
from .bodies import BODY_FIELDS, INSPECTION_FIELDS, body_save, inspection_save
from .cases import (
    case_register,
    case_transition,
    major_set,
    officer_assign,
    party_add,
    person_add,
    record_add,
)
from .evaluation import SCORE_LIMITS, evaluation_add
from .officers import (
    OFFICER_FIELDS,
    certificates_renew,
    officer_create,
    officer_set_status,
    officer_update,
    officers_import,
    training_add,
)
from .publicity import decision_publish, decision_revoke, public_draft, publication_withdraw

__all__ = [
    "BODY_FIELDS", "INSPECTION_FIELDS", "OFFICER_FIELDS", "SCORE_LIMITS", "body_save", "case_register",
    "case_transition", "certificates_renew", "decision_publish", "decision_revoke", "evaluation_add",
    "inspection_save", "major_set", "officer_assign", "officer_create", "officer_set_status", "officer_update",
    "officers_import", "officers_text", "party_add", "person_add", "public_draft", "publication_withdraw", "record_add",
    "training_add",
]
