"""Compliance checks for normative documents; each counts only the records in the user's data scope."""
import datetime

from django.urls import reverse

from fazhi.core.registry import Alert, register_alert
from fazhi.core.rules import get_setting
from fazhi.orgs import scope

from .choices import DocStatus, FilingStatus
from .models import Filing, LegalityReview, NormativeDocument
from .permissions import DocPerm


def _visible(user, qs):
    if user is None or not user.has_perm(DocPerm.VIEW):
        return qs.none()
    return scope.visible(user, qs, perm=DocPerm.VIEW)


def _months_ahead(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    try:
        return day.replace(year=year, month=month)
    except ValueError:
        return (day.replace(day=1, year=year, month=month) + datetime.timedelta(days=31)).replace(day=1) \
            - datetime.timedelta(days=1)


def _alert(qs, *, rule, severity, title, link):
    count = qs.count()
    if not count:
        return []
    return [Alert(rule=rule, severity=severity, title=title.format(n=count), link=link, count=count)]


def review_overdue(user, today):
    qs = _visible(user, LegalityReview.objects.filter(opinion="", document__status=DocStatus.REVIEWING,
                                                      due_on__lt=today))
    return _alert(qs, rule="《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）第（五）项：合法性审核最长不超过15个工作日", severity="overdue",
                  title="{n}件规范性文件合法性审核已超期", link=reverse("normative_docs:review_queue"))


def filing_overdue(user, today):
    days = get_setting("normative_docs.filing_days")
    docs = _visible(user, NormativeDocument.objects.issued().filter(
        imported=False, filing__isnull=True, published_on__lt=today - datetime.timedelta(days=days)))
    incomplete = _visible(user, Filing.objects.filter(status=FilingStatus.INCOMPLETE))
    return (_alert(docs, rule="《湖北省规范性文件备案审查规定》（湖北省人民政府令第258号）第七条：公布之日起15日内报送备案", severity="overdue",
                   title="{n}件规范性文件公布后逾期未报备", link=reverse("normative_docs:doc_list"))
            + _alert(incomplete, rule="《湖北省规范性文件备案审查规定》（湖北省人民政府令第258号）：报备材料应当齐全", severity="warning",
                     title="{n}件规范性文件报备材料不齐全", link=f"{reverse('normative_docs:filing_list')}?status=incomplete"))


def correction_overdue(user, today):
    qs = _visible(user, Filing.objects.filter(status=FilingStatus.CORRECTION, correction_due__lt=today))
    return _alert(qs, rule="《湖北省规范性文件备案审查规定》（湖北省人民政府令第258号）第四条：有错必纠", severity="overdue", title="{n}件规范性文件逾期未按备案审查意见纠正",
                  link=f"{reverse('normative_docs:filing_list')}?status=correction")


def validity(user, today):
    months = get_setting("normative_docs.evaluation_months")
    soon = _visible(user, NormativeDocument.objects.filter(
        status=DocStatus.PUBLISHED, valid_until__gte=today, valid_until__lte=_months_ahead(today, months)))
    past = _visible(user, NormativeDocument.objects.past_validity_marked_in_force(today))
    return (_alert(soon, rule="本省规范性文件管理规定：有效期届满前6个月评估", severity="warning",
                   title="{n}件规范性文件有效期将在" + str(months) + "个月内届满，请评估后修改、废止或重新发布",
                   link=f"{reverse('normative_docs:doc_list')}?effect=in_force&sort=valid_until")
            + _alert(past, rule="《国务院关于加强法治政府建设的意见》（国发〔2010〕33号）有效期制度：有效期届满自动失效", severity="info",
                     title="{n}件规范性文件已过有效期（已自动失效），请在台账中确认或重新发布",
                     link=f"{reverse('normative_docs:doc_list')}?effect=expired"))


def revision_overdue(user, today):
    from .selectors import revision_overdue as overdue

    qs = _visible(user, overdue(today))
    return _alert(qs, rule="清理结果公布的修改/修订期限：清理中决定修改的文件应在期限内完成修改", severity="overdue",
                  title="{n}件规范性文件逾期未按清理结果完成修改/修订",
                  link=reverse("normative_docs:campaign_list"))


register_alert("normative_docs.revision_overdue", label="清理后修改/修订超期", check=revision_overdue)
register_alert("normative_docs.review_overdue", label="规范性文件合法性审核超期", check=review_overdue)
register_alert("normative_docs.filing_overdue", label="规范性文件报备", check=filing_overdue)
register_alert("normative_docs.correction_overdue", label="备案审查纠正超期", check=correction_overdue)
register_alert("normative_docs.validity", label="规范性文件有效期", check=validity)
