"""Every write of the legal-education module (one transaction each; refusals as ``DomainError`` in Chinese)."""
from ._base import E  # noqa: F401  (registers the audit events)
from .exams import (  # noqa: F401
    attempt_open,
    attempt_start,
    attempt_submit,
    exam_create,
    exam_publish,
    finalize_due,
    grade_attempt,
    save_answer,
)
from .importer import confirm_import, parse_text, questions_import  # noqa: F401
from .work import (  # noqa: F401
    activity_save,
    case_publish,
    case_save,
    duty_list_save,
    duty_list_step,
    honour_save,
    programme_save,
    site_save,
    study_save,
)
