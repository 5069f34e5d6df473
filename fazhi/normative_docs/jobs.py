"""Scheduled jobs of normative documents: the day a document's validity ends (有效期届满) its issuing unit is told.

A document's effect is computed from its dates on every read (``NormativeDocument.effect_on``), so the lists and the
public site show it lapsed from the day after ``valid_until`` without a stored change; what waited for someone to
open a page was the notice to the unit, which this job sends (the past week's lapses too, after downtime; each
notice once).
"""
import datetime

from fazhi.core import notify
from fazhi.core.jobs import register_job
from fazhi.orgs.selectors import unit_liaisons

from .choices import DocStatus
from .models import NormativeDocument

CATCH_UP_DAYS = 7


def lapse_notices(day):
    docs = list(NormativeDocument.objects.filter(
        status=DocStatus.PUBLISHED, ended_on__isnull=True, valid_until__lt=day,
        valid_until__gte=day - datetime.timedelta(days=CATCH_UP_DAYS)).select_related("unit"))
    liaisons = unit_liaisons({d.unit_id for d in docs})
    sent = 0
    for doc in docs:
        for user in liaisons.get(doc.unit_id, []):
            sent += notify.send(
                user, key=f"normative_docs.lapsed:{doc.pk}:{user.pk}", link=doc.get_absolute_url(),
                title=f"规范性文件有效期届满：{doc.title}",
                body=(f"《{doc.title}》（{doc.number}）有效期至{doc.valid_until:%Y年%m月%d日}，已自动失效。"
                      "需要继续施行的，应当按程序重新制定或者修订后重新公布。")) is not None
    return f"{len(docs)}份文件有效期届满，发出通知{sent}条"


register_job("normative_docs.lapse_notices", label="规范性文件有效期届满通知", run=lapse_notices, at="00:10")
