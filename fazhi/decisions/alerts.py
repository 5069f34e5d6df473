"""Compliance checks of the decisions module, each limited to what the user may see."""
import datetime

from django.db.models import Max, Q
from django.urls import reverse

from fazhi.core.registry import Alert, register_alert
from fazhi.core.rules import get_setting
from fazhi.orgs import scope

from . import selectors
from .choices import CatalogueStatus, DecisionStatus, ReviewState, StepCode
from .models import Decision, LegalAdviser, ProcedureStep
from .permissions import DecisionPerm as P


def _one_or_many(rule, severity, records, title_one, title_many, link_one, link_many, due=None, unit=None):
    if not records:
        return []
    if len(records) == 1:
        r = records[0]
        return [Alert(rule=rule, severity=severity, title=title_one(r), link=link_one(r), due=due(r) if due else None,
                      unit=unit(r) if unit else None)]
    return [Alert(rule=rule, severity=severity, title=title_many(len(records)), link=link_many, count=len(records))]


def _detail(d):
    return reverse("decisions:decision_detail", args=[d.pk])


def short_comment_window(user, today):
    if user is None or not user.has_perm(P.VIEW):
        return []
    minimum = get_setting("decisions.comment_min_days")
    steps = scope.visible(user, Decision.objects.filter(status=DecisionStatus.CONSULTATION), perm=P.VIEW)
    rows = [s for s in ProcedureStep.objects.filter(decision__in=steps, code=StepCode.PUBLIC_PARTICIPATION,
                                                    shortening_reason="").select_related("decision")
            if s.comment_start and s.comment_end and (s.comment_end - s.comment_start).days < minimum]
    return _one_or_many("《重大行政决策程序暂行条例》第十五条：征求意见期限一般不少于30日", "warning", [s.decision for s in rows],
                        lambda d: f"“{d.title}”征求意见期限少于{minimum}日且未说明理由",
                        lambda n: f"{n}项决策征求意见期限少于{minimum}日且未说明理由", _detail,
                        reverse("decisions:decision_list") + "?status=consultation")


def review_overdue(user, today):
    if user is None or not (user.has_perm(P.REVIEW) or user.has_perm(P.MANAGE)):
        return []
    steps = ProcedureStep.objects.filter(code=StepCode.LEGALITY_REVIEW, review_state=ReviewState.REQUESTED,
                                         due_on__lt=today)
    mine = scope.visible(user, steps, perm=P.REVIEW).values("pk")
    led = steps.filter(decision__in=scope.visible(user, Decision.objects.all(), perm=P.MANAGE))
    rows = list(steps.filter(Q(pk__in=mine) | Q(pk__in=led.values("pk")))
                .select_related("decision", "responsible_unit").order_by("due_on"))
    return _one_or_many("《重大行政决策程序暂行条例》第二十六条：合法性审查", "overdue", rows,
                        lambda s: f"“{s.decision.title}”合法性审查已超过期限（{s.due_on:%Y-%m-%d}）",
                        lambda n: f"{n}项重大行政决策合法性审查超过期限",
                        lambda s: _detail(s.decision), reverse("decisions:decision_list") + "?reviewing=1",
                        due=lambda s: s.due_on, unit=lambda s: s.responsible_unit)


def meeting_without_review(user, today):
    if user is None or not user.has_perm(P.VIEW):
        return []
    days = get_setting("decisions.meeting_warning_days")
    qs = scope.visible(user, Decision.objects.filter(
        status__in=[DecisionStatus.DRAFT, DecisionStatus.CONSULTATION, DecisionStatus.REVIEW],
        planned_meeting_on__gte=today, planned_meeting_on__lte=today + datetime.timedelta(days=days)), perm=P.VIEW)
    rows = list(qs.select_related("lead_unit").order_by("planned_meeting_on"))
    return _one_or_many("《重大行政决策程序暂行条例》第二十五条：未经合法性审查的，不得提交集体讨论", "warning", rows,
                        lambda d: f"“{d.title}”拟于{d.planned_meeting_on:%Y-%m-%d}提请会议，尚未完成合法性审查",
                        lambda n: f"{n}项决策拟提请会议但尚未完成合法性审查", _detail,
                        reverse("decisions:decision_list"), due=lambda d: d.planned_meeting_on,
                        unit=lambda d: d.lead_unit)


def stalled_catalogue_items(user, today):
    if user is None or not user.has_perm(P.VIEW):
        return []
    days = get_setting("decisions.stalled_days")
    since = today - datetime.timedelta(days=days)
    qs = scope.visible(user, Decision.objects.filter(catalogue__status=CatalogueStatus.PUBLISHED,
                                                     catalogue__year=today.year, status=DecisionStatus.DRAFT),
                       perm=P.VIEW).annotate(last=Max("events__at")).filter(last__date__lt=since)
    rows = list(qs.select_related("lead_unit"))
    return _one_or_many("《重大行政决策程序暂行条例》第三条：年度决策事项目录", "warning", rows,
                        lambda d: f"目录事项“{d.title}”{days}日以上没有办理进展",
                        lambda n: f"{n}项目录事项{days}日以上没有办理进展", _detail,
                        reverse("decisions:decision_list") + f"?year={today.year}&status=draft",
                        unit=lambda d: d.lead_unit)


def adviser_contracts(user, today):
    if user is None or not user.has_perm(P.VIEW_ADVISERS):
        return []
    days = get_setting("decisions.adviser_expiry_warning_days")
    qs = scope.visible(user, LegalAdviser.objects.filter(
        ended_reason="", contract_start__lte=today, contract_end__gte=today,
        contract_end__lte=today + datetime.timedelta(days=days)), perm=P.VIEW_ADVISERS)
    rows = list(qs.select_related("client_unit").order_by("contract_end"))
    alerts = _one_or_many("《关于推行法律顾问制度和公职律师公司律师制度的意见》：法律顾问聘期", "warning", rows,
                          lambda a: f"法律顾问{a.name}（{a.client_unit.name}）聘期将于{a.contract_end:%Y-%m-%d}届满",
                          lambda n: f"{n}名法律顾问聘期将在{days}日内届满",
                          lambda a: reverse("decisions:adviser_detail", args=[a.pk]),
                          reverse("decisions:adviser_list") + "?sort=end", due=lambda a: a.contract_end,
                          unit=lambda a: a.client_unit)
    if user.has_perm(P.MANAGE_ADVISERS):
        rows = selectors.coverage(unit_ids=scope.visible_unit_ids(user, perm=P.MANAGE_ADVISERS), on=today)
        gaps = sum(len(r["gaps"]) for r in rows.values())
        if gaps:
            alerts.append(Alert(rule="党政机关和村（社区）法律顾问全覆盖", severity="warning",
                                title=f"{gaps}个党政机关或村（社区）没有在聘的法律顾问",
                                link=reverse("decisions:coverage"), count=gaps))
    return alerts


register_alert("decisions.short_comment_window", label="征求意见期限", check=short_comment_window)
register_alert("decisions.review_overdue", label="合法性审查期限", check=review_overdue)
register_alert("decisions.meeting_without_review", label="未经审查提请会议", check=meeting_without_review)
register_alert("decisions.stalled_catalogue_items", label="目录事项进展", check=stalled_catalogue_items)
register_alert("decisions.adviser_contracts", label="法律顾问聘期与覆盖", check=adviser_contracts)
