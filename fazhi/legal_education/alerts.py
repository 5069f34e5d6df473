"""Compliance checks of the module, limited to what the user may see: departments without an accepted 普法责任清单
for the year; units whose participation in a closed exam fell below the office's rate."""
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.registry import Alert, register_alert
from fazhi.core.rules import get_setting
from fazhi.orgs import scope
from fazhi.orgs.choices import UnitKind
from fazhi.orgs.models import OrgUnit

from .choices import DutyListStatus, ExamStatus
from .models import DutyList, Exam
from .permissions import LegalEducationPerm as P
from .workflows import RULE_DUTY


def missing_duty_lists(user, today):
    if user is None or not user.has_perm(P.VIEW):
        return []
    units = scope.visible(user, OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT, is_active=True), perm=P.VIEW)
    have = DutyList.objects.filter(year=today.year, status=DutyListStatus.ACCEPTED).values("unit_id")
    n = units.exclude(pk__in=have).count()
    if not n:
        return []
    return [Alert(rule=RULE_DUTY, severity="warning", count=n, title=f"{n}个单位尚无审核通过的{today.year}年普法责任清单",
                  link=f"{reverse('legal_education:duty_list')}?year={today.year}")]


def low_participation(user, today):
    if user is None or not user.has_perm(P.VIEW):
        return []
    from . import selectors

    floor = get_setting("legal_education.min_participation")
    now = clock.now()
    out = []
    exams = scope.visible(user, Exam.objects.filter(status=ExamStatus.PUBLISHED, ends_at__lte=now,
                                                     ends_at__year=today.year), perm=P.VIEW)
    for exam in exams[:5]:
        low = [u for u in selectors.exam_statistics(exam)["units"] if u["eligible"] and u["participation"] < floor]
        if low:
            out.append(Alert(rule="关于完善国家工作人员学法用法制度的意见", severity="warning", count=len(low),
                             title=f"{exam.title}：{len(low)}个单位参考率低于{floor}%",
                             link=reverse("legal_education:exam_detail", args=[exam.pk])))
    return out


def units_not_enrolled(user, today):
    """A published exam (not a make-up) opening within the office's number of days while departments in the
    user's view have no staff enrolled (neither the unit nor any of its people is named by the exam)."""
    if user is None or not user.has_perm(P.VIEW):
        return []
    import datetime

    from django.db.models import Q

    from fazhi.orgs.models import User

    days = get_setting("legal_education.enrolment_alert_days")
    now = clock.now()
    exams = scope.visible(user, Exam.objects.filter(
        status=ExamStatus.PUBLISHED, makeup_of__isnull=True, starts_at__gt=now,
        starts_at__lte=now + datetime.timedelta(days=days)), perm=P.VIEW).order_by("starts_at")
    units = scope.visible(user, OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT, is_active=True), perm=P.VIEW)
    out = []
    for exam in exams[:5]:
        enrolled = User.objects.filter(Q(unit__in=exam.eligible_units.all()) | Q(pk__in=exam.eligible_users.all()),
                                       is_active=True).values("unit_id")
        missing = list(units.exclude(pk__in=enrolled).order_by("sort_order", "code").values_list("name", flat=True))
        if missing:
            names = "、".join(missing[:3]) + (f"等{len(missing)}个单位" if len(missing) > 3 else "")
            out.append(Alert(rule="关于完善国家工作人员学法用法制度的意见", severity="warning", count=len(missing),
                             due=clock.local(exam.starts_at).date(),
                             title=f"{exam.title}将于{clock.local(exam.starts_at):%m月%d日}开考，{names}尚无报名参考人员",
                             link=reverse("legal_education:exam_detail", args=[exam.pk])))
    return out


register_alert("legal_education.missing_duty_lists", label="普法责任清单缺失", check=missing_duty_lists)
register_alert("legal_education.low_participation", label="学法用法考试参考率偏低", check=low_participation)
register_alert("legal_education.units_not_enrolled", label="考试临近而单位未报名", check=units_not_enrolled)
