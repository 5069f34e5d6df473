"""Scheduled jobs of enforcement: the day an officer's certificate passes its date (执法证有效期届满) the officer and
the unit's liaisons are told that the officer may no longer be put on a case (持证上岗).

A certificate's status as of a day is computed on every read (``OfficerQuerySet.with_current_status`` and
``certified_on``: a valid certificate past its date counts as expired and is refused for cases), so no stored change
waits for a page; the notice did, and this job sends it (the past week's lapses too, after downtime; each once).
The certificates about to expire are in the daily alert digest (``enforcement.certificates_expiring``).
"""
import datetime

from django.urls import reverse

from fazhi.core import notify
from fazhi.core.jobs import register_job
from fazhi.orgs.selectors import unit_liaisons

from .models import Officer

CATCH_UP_DAYS = 7


def certificate_lapse_notices(day):
    lapsed = list(Officer.objects.with_current_status(day).filter(
        is_overdue=True, valid_until__gte=day - datetime.timedelta(days=CATCH_UP_DAYS)).select_related("user"))
    liaisons = unit_liaisons({o.unit_id for o in lapsed})
    sent = 0
    for officer in lapsed:
        people = list(liaisons.get(officer.unit_id, []))
        if officer.user is not None and officer.user.is_active and officer.user not in people:
            people.append(officer.user)
        for user in people:
            sent += notify.send(
                user, key=f"enforcement.certificate_lapsed:{officer.pk}:{officer.valid_until}:{user.pk}",
                link=reverse("enforcement:officer_detail", args=[officer.pk]),
                title=f"执法证已过期：{officer.name}",
                body=(f"{officer.name}的执法证（证号{officer.certificate_no}）有效期至{officer.valid_until:%Y年%m月%d日}，"
                      "已过期。依照《中华人民共和国行政处罚法》第四十二条，行政处罚应当由具有行政执法资格的执法人员实施；"
                      "执法证过期后不得再参加执法办案，请及时办理换证。")) is not None
    return f"{len(lapsed)}张执法证过期，发出通知{sent}条"


register_job("enforcement.certificate_lapse_notices", label="执法证过期通知", run=certificate_lapse_notices,
             at="00:15")
