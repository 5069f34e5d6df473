"""Alerts of the evaluation part: self-assessments without evidence, objections awaiting the office's reply."""
from django.urls import reverse

from fazhi.core.registry import Alert, register_alert
from fazhi.orgs import scope

from ..models.evaluation import EvalCard, EvalCardStatus, PilotAssessment
from ..permissions import AssessmentPerm as P


def _visible(user, qs):
    if user is None or not user.has_perm(P.VIEW):
        return qs.none()
    return scope.visible(user, qs, perm=P.VIEW)


def self_assessment_without_evidence(user, today):
    qs = _visible(user, PilotAssessment.objects.filter(evidence="")).select_related("pilot__unit")
    alerts = []
    for pilot_id, unit_name in sorted({(a.pilot_id, a.pilot.unit.name) for a in qs}):
        n = qs.filter(pilot_id=pilot_id).count()
        alerts.append(Alert(rule="示范创建自评应附佐证材料", severity="warning", count=n, unit=unit_name,
                            title=f"{unit_name}有{n}项示范创建自评缺少佐证材料",
                            link=reverse("assessment:pilot_detail", args=[pilot_id])))
    return alerts


def objections_waiting(user, today):
    qs = _visible(user, EvalCard.objects.filter(status=EvalCardStatus.OBJECTED))
    n = qs.count()
    if not n:
        return []
    # no due date: the county's assessment rules set no reply deadline (publication waits for every reply)
    return [Alert(rule="考评申诉应及时答复，全部答复后才能公布考评结果", severity="warning", count=n,
                  title=f"{n}个单位的依法行政考评申诉等待答复",
                  link=f"{reverse('assessment:card_list')}?objected=on")]


register_alert("assessment.self_assessment_evidence", label="示范创建自评缺少佐证材料",
               check=self_assessment_without_evidence)
register_alert("assessment.objections_waiting", label="考评申诉待答复", check=objections_waiting)
