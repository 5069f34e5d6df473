"""Case-file evaluation (案卷评查): the office's scoring sheet for a decided case."""
from django.db import IntegrityError, transaction

from fazhi.core import audit
from fazhi.core.errors import DomainError

from .. import policies
from ..models import CaseFileEvaluation
from ._base import act_date, check

SCORE_LIMITS = {"subject_score": 20, "facts_score": 25, "law_score": 20, "procedure_score": 25, "documents_score": 10}


@transaction.atomic
def evaluation_add(*, actor, case, evaluated_on=None, comments="", **scores):
    check(policies.cases, actor, "evaluate", case)
    evaluated_on = act_date(evaluated_on, case, field="evaluated_on")
    values = {}
    for name, limit in SCORE_LIMITS.items():
        value = scores.get(name)
        if value is None or not (0 <= int(value) <= limit):
            label = CaseFileEvaluation._meta.get_field(name).verbose_name
            raise DomainError(f"“{label}”应在0到{limit}分之间。", field=name)
        values[name] = int(value)
    try:
        evaluation = CaseFileEvaluation.objects.create(case=case, evaluator=actor, evaluated_on=evaluated_on,
                                                       total=sum(values.values()), comments=comments or "", **values)
    except IntegrityError as e:  # pragma: no cover - no unique constraint today
        raise DomainError("保存失败。") from e
    audit.record(actor=actor, event="enforcement.evaluation_added", obj=case,
                 changes={"total": [None, evaluation.total]})
    return evaluation
