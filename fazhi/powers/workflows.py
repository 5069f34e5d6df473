"""The transition table of a list adjustment (动态调整): draft → submitted → approved / returned."""
from fazhi.core.workflow import Transition, Workflow

from .choices import AdjustmentStatus as S
from .models import ListAdjustment
from .permissions import PowersPerm

# Source: RULES.md §1.
RULE = "《关于推行地方各级政府工作部门权力清单制度的指导意见》（中办发〔2015〕21号）：清单动态调整须经审核"


def may_submit(user, adj, on=None):
    if not adj.lines.exists():
        return "请先添加至少一项调整事项"
    item_ids = list(adj.lines.filter(item__isnull=False).values_list("item_id", flat=True))
    clash = (ListAdjustment.objects.filter(status=S.SUBMITTED, lines__item_id__in=item_ids)
             .exclude(pk=adj.pk).first())
    if clash:
        return f"其中的事项已在待审核的调整“{clash.title}”中，请等其审核后再提交"
    from .selectors import line_problems

    problems = line_problems(adj)
    return "；".join(problems[:3]) if problems else None


def may_approve(user, adj, on=None):
    from .selectors import line_problems

    problems = line_problems(adj)
    return "不能批准：" + "；".join(problems[:3]) if problems else None


adjustment_workflow = Workflow(
    model=ListAdjustment,
    transitions=[
        Transition("submit", "提交审核", (S.DRAFT, S.RETURNED), S.SUBMITTED, "powers.adjustment_submitted",
                   permission=PowersPerm.EDIT, guard=may_submit, rule=RULE, actor_label="填报单位"),
        Transition("approve", "审核通过", (S.SUBMITTED,), S.APPROVED, "powers.adjustment_approved",
                   permission=PowersPerm.REVIEW, guard=may_approve, rule=RULE,
                   confirm="批准后调整将按生效日期写入清单，不能撤回。确定批准吗？", style="success", actor_label="法治办"),
        Transition("return", "退回修改", (S.SUBMITTED,), S.RETURNED, "powers.adjustment_returned",
                   permission=PowersPerm.REVIEW, rule=RULE, needs_reason=True, style="outline-danger", actor_label="法治办"),
    ],
)
