"""Compliance checks of the enforcement module, limited to what the user may see."""
import datetime

from django.db.models import Q, Sum
from django.urls import reverse

from fazhi.core.registry import Alert, register_alert
from fazhi.core.rules import get_setting
from fazhi.orgs import scope

from .choices import AV_KINDS, MANDATORY_AV_ACTS, CaseStatus, CertificateStatus, PublicationStatus
from .models import OPEN_STATUSES, Case, CaseRecord, Officer, Publication
from .permissions import EnforcementPerm as P


def _visible(user, qs):
    if user is None or not user.has_perm(P.VIEW):
        return qs.none()
    return scope.visible(user, qs, perm=P.VIEW)


def certificates_expiring(user, today):
    days = get_setting("enforcement.expiry_alert_days")
    qs = _visible(user, Officer.objects.filter(status=CertificateStatus.VALID, valid_until__gte=today,
                                               valid_until__lte=today + datetime.timedelta(days=days)))
    n = qs.count()
    if not n:
        return []
    first = qs.order_by("valid_until").values_list("valid_until", flat=True).first()
    return [Alert(rule="持证上岗：执法证有效期届满前换证", severity="warning", count=n, due=first,
                  title=f"{n}名执法人员的执法证将在{days}日内到期",
                  link=f"{reverse('enforcement:officer_list')}?expiring=1")]


def training_shortfall(user, today):
    required = get_setting("enforcement.training_hours")
    if not required or today.month < 10:  # checked in the last quarter, when the year's hours are nearly in
        return []
    officers = _visible(user, Officer.objects.filter(status=CertificateStatus.VALID, valid_until__gte=today))
    short = officers.annotate(h=Sum("trainings__hours", filter=Q(trainings__held_on__year=today.year))).filter(
        Q(h__lt=required) | Q(h__isnull=True)).count()
    if not short:
        return []
    return [Alert(rule=f"国办发〔2023〕27号：执法人员每人每年培训不少于{required}学时", severity="warning", count=short,
                  title=f"{short}名执法人员本年培训不足{required}学时", due=datetime.date(today.year, 12, 31),
                  link=reverse("enforcement:officer_list"))]


def cases_near_limit(user, today):
    qs = _visible(user, Case.objects.filter(status__in=OPEN_STATUSES, decision_due__isnull=False))
    overdue = qs.filter(decision_due__lt=today).count()
    near = qs.filter(decision_due__gte=today, decision_due__lte=today + datetime.timedelta(days=10)).count()
    alerts = []
    if overdue:
        alerts.append(Alert(rule="《中华人民共和国行政处罚法》第六十条：立案之日起90日内作出决定", severity="overdue",
                            count=overdue, title=f"{overdue}件执法案件超过决定期限仍未决定",
                            link=f"{reverse('enforcement:case_list')}?overdue=on"))
    if near:
        alerts.append(Alert(rule="《中华人民共和国行政处罚法》第六十条：立案之日起90日内作出决定", severity="warning",
                            count=near, title=f"{near}件执法案件将在10日内到达决定期限",
                            link=reverse("enforcement:case_list")))
    return alerts


def service_late(user, today):
    qs = _visible(user, Case.objects.filter(status=CaseStatus.DECIDED, service_due__lt=today))
    n = qs.count()
    if not n:
        return []
    return [Alert(rule="《中华人民共和国行政处罚法》第六十一条：决定书7个工作日内送达", severity="overdue", count=n,
                  title=f"{n}件执法决定超过送达期限仍未送达", link=f"{reverse('enforcement:case_list')}?status=decided")]


def publication_late(user, today):
    qs = _visible(user, Publication.objects.filter(status=PublicationStatus.PENDING, due_on__lt=today))
    n = qs.count()
    if not n:
        return []
    return [Alert(rule="国办发〔2018〕118号：许可、处罚决定7个工作日、其他决定20个工作日内公开", severity="overdue", count=n,
                  title=f"{n}项执法决定超过期限未公示",
                  link=f"{reverse('enforcement:publication_list')}?status=pending&overdue=on")]


def withdrawal_late(user, today):
    qs = _visible(user, Publication.objects.filter(status=PublicationStatus.PUBLISHED, withdraw_due__lt=today))
    n = qs.count()
    if not n:
        return []
    return [Alert(rule="《中华人民共和国行政处罚法》第四十八条：决定变更、撤销后3个工作日内撤回公示", severity="overdue",
                  count=n, title=f"{n}项已变更或撤销的执法决定仍在公示",
                  link=f"{reverse('enforcement:publication_list')}?status=published&overdue=on")]


def recording_missing(user, today):
    """A mandatory audio-video act recorded without a recording (e.g. entered before the rule was enforced)."""
    qs = _visible(user, CaseRecord.objects.filter(act__in=list(MANDATORY_AV_ACTS))
                  .exclude(file_kind__in=list(AV_KINDS)))
    executed = _visible(user, Case.objects.filter(
        coercive_measure__in=["seizure", "demolition", "closure"],
        status__in=[CaseStatus.EXECUTED, CaseStatus.CLOSED])).exclude(
        pk__in=CaseRecord.objects.filter(file_kind__in=list(AV_KINDS)).values("case_id"))
    n = qs.values("case_id").distinct().count() + executed.count()
    if not n:
        return []
    return [Alert(rule="国办发〔2018〕118号：查封扣押、强制拆除等须全程音像记录", severity="overdue", count=n,
                  title=f"{n}件案件的法定音像记录环节缺少录音录像", link=reverse("enforcement:case_list"))]


register_alert("enforcement.certificates_expiring", label="执法证即将到期", check=certificates_expiring)
register_alert("enforcement.training_shortfall", label="执法人员培训学时不足", check=training_shortfall)
register_alert("enforcement.cases_near_limit", label="执法案件决定期限", check=cases_near_limit)
register_alert("enforcement.service_late", label="执法决定逾期未送达", check=service_late)
register_alert("enforcement.publication_late", label="执法决定逾期未公示", check=publication_late)
register_alert("enforcement.withdrawal_late", label="变更撤销的决定未撤下", check=withdrawal_late)
register_alert("enforcement.recording_missing", label="缺少法定音像记录", check=recording_missing)


def record_chain(user, today):
    """The full-process records' hash chains and attachments: the system administrator sees every problem,
    enforcement staff those of cases they may see."""
    from fazhi.orgs.builtin_roles import Perm

    from . import records

    if user is None or not user.is_authenticated:
        return []
    sysadmin = user.has_perm(Perm.SYSADMIN)
    if not sysadmin and not user.has_perm(P.VIEW):
        return []
    result = records.verify_incremental()
    if result.ok:
        return []
    numbers = {p[0] for p in result.problems}
    if not sysadmin:
        numbers = set(_visible(user, Case.objects.filter(number__in=numbers)).values_list("number", flat=True))
        if not numbers:
            return []
    first = next(p for p in result.problems if p[0] in numbers)
    case = Case.objects.filter(number=first[0]).values_list("pk", flat=True).first()
    kind = "缺少附件文件" if all(p[2] == records.FILE_MISSING for p in result.problems if p[0] in numbers) \
        else "被篡改或缺失"
    link = reverse("enforcement:case_detail", args=[case]) if case and user.has_perm(P.VIEW) else ""
    return [Alert(rule="行政执法全过程记录应当归档保存，不得篡改（《中华人民共和国行政处罚法》第四十七条）",
                  severity="overdue", count=len(numbers),
                  title=f"{len(numbers)}件案件的全过程记录{kind}，首处为案件 {first[0]} 第 {first[1]} 条：{first[2]}",
                  link=link)]


register_alert("enforcement.record_chain", label="全过程记录完整性", check=record_chain)
