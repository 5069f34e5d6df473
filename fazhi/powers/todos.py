"""What waits for a user in the power lists: adjustments to review (the office), returned ones to resubmit."""
from django.urls import reverse

from fazhi.core import clock, workdays
from fazhi.core.registry import Todo, register_todo, todo_rows
from fazhi.core.rules import get_setting

from .choices import AdjustmentStatus
from .models import ListAdjustment
from .permissions import PowersPerm
from .policies import AdjustmentPolicy

ADJUSTMENTS = AdjustmentPolicy()


def adjustments(user, today):
    if user is None or not user.has_perm(PowersPerm.VIEW):
        return []
    todos = []
    list_url = reverse("powers:adjustment_list")
    if user.has_perm(PowersPerm.REVIEW):
        days = get_setting("powers.review_days")
        cal = workdays.Calendar()
        waiting = ADJUSTMENTS.visible(user, ListAdjustment.objects.filter(status=AdjustmentStatus.SUBMITTED),
                                      action="approve").select_related("unit").order_by("submitted_at", "pk")

        def review(adj):
            due = cal.add_working_days(clock.local(adj.submitted_at).date(), days) if adj.submitted_at else None
            return Todo(title=f"审核动态调整：{adj.title}（{adj.unit.name}提交）", unit=adj.unit.name, due=due,
                        link=reverse("powers:adjustment_detail", args=[adj.pk]), action="审核")

        todos += todo_rows(waiting, review, more=lambda n: Todo(
            title=f"另有{n}项动态调整待审核", count=n, link=f"{list_url}?status=submitted", action="查看"))
    if user.has_perm(PowersPerm.EDIT):
        returned = ADJUSTMENTS.visible(user, ListAdjustment.objects.filter(status=AdjustmentStatus.RETURNED),
                                       action="submit").select_related("unit").order_by("pk")
        todos += todo_rows(returned, lambda adj: Todo(
            title=f"动态调整已退回，修改后重新提交：{adj.title}", unit=adj.unit.name,
            link=reverse("powers:adjustment_detail", args=[adj.pk]), action="修改"),
            more=lambda n: Todo(title=f"另有{n}项退回的动态调整待修改", count=n,
                                link=f"{list_url}?status=returned", action="查看"))
    return todos


register_todo("powers.adjustments", label="权责清单", collect=adjustments)
