"""The report's procedure: 起草 → 报送上级 → 向社会公开 (RULES.md §16)."""
from fazhi.core.workflow import Transition, Workflow

from .choices import ReportStatus
from .models import Report
from .permissions import ReportingPerm

RULE_PARTS = "《法治政府建设与责任落实督察工作规定》：报告须包括主要举措和成效、不足和原因、第一责任人履职、下一年度安排、其他事项五部分"
RULE_FROZEN = "《法治政府建设与责任落实督察工作规定》第二十四条：年度报告向社会公开，公开的数字须与记录一致，公开后不再变动"
FILL_IN_MARK = "【待填写"


def incomplete_parts(report):
    """Headings of the required parts (and themes) that are empty or still carry a 【待填写…】 hint."""
    return [s.heading for s in report.sections.all() if not s.body.strip() or FILL_IN_MARK in s.body]


def may_submit(user, report, on=None):
    missing = incomplete_parts(report)
    if missing:
        return f"以下部分尚未完成：{'；'.join(missing)}"
    from .services import unknown_placeholders

    unknown = unknown_placeholders(report)
    if unknown:
        return f"正文引用了未登记的指标：{'、'.join(unknown)}"
    return None


def may_publish(user, report, on=None):
    reason = may_submit(user, report)
    if reason:
        return reason
    from .selectors import changed_cells, report_cells

    cells = getattr(report, "_cells", None)
    if cells is None:
        cells = report_cells(report)
    changed = changed_cells(cells)
    if changed:
        names = "、".join(c.label for c in changed)
        return f"{len(changed)}个指标的记录在取数后发生了变化（{names}），请核对后先“刷新指标”再公开"
    return None


REPORT_WORKFLOW = Workflow(
    model=Report,
    scope_permission=ReportingPerm.MANAGE_REPORT,
    transitions=[
        Transition("submit", "报送上级", (ReportStatus.DRAFT,), ReportStatus.SUBMITTED, "reporting.report_submitted",
                   permission=ReportingPerm.MANAGE_REPORT, actor_label="报告起草单位", guard=may_submit, rule=RULE_PARTS,
                   confirm="确认已向上级报送本报告？报送后正文不能再修改（可退回修改）。"),
        Transition("withdraw", "退回修改", (ReportStatus.SUBMITTED,), ReportStatus.DRAFT, "reporting.report_withdrawn",
                   permission=ReportingPerm.MANAGE_REPORT, actor_label="报告起草单位", needs_reason=True, style="outline-secondary",
                   confirm="确认退回修改？"),
        Transition("publish", "向社会公开", (ReportStatus.SUBMITTED,), ReportStatus.PUBLISHED,
                   "reporting.report_published", permission=ReportingPerm.MANAGE_REPORT, actor_label="报告起草单位", guard=may_publish,
                   rule=RULE_FROZEN, confirm="公开后报告中的全部数字将被冻结，不再随记录变化。确认公开？"),
    ],
)
