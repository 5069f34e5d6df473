"""The steps of a court case (one instance) and of a reconsideration application as transition tables.

Litigation (RULES.md §8): 收到起诉状副本 → 答辩（15日，《中华人民共和国行政诉讼法》第六十七条） → 裁判 → 上诉（判决15日、
裁定10日，第八十五条）或结案. Reconsideration (§9): 收到申请 → 受理/不予受理（5个工作日） → 审结（60日，经批准延长不超过
30日）; the law in force on the application's date names the articles.
"""
from fazhi.core.workflow import Transition, Workflow

from ..models.litigation import LitigationCase, LitigationStatus, ReconsiderationCase, ReconStatus
from ..permissions import OversightPerm as P

LS = LitigationStatus
RS = ReconStatus

RULE_DEFENCE = "《中华人民共和国行政诉讼法》第六十七条（收到起诉状副本之日起十五日内提交答辩状和证据）"
RULE_APPEAL = "《中华人民共和国行政诉讼法》第八十五条（不服判决的上诉期限十五日，不服裁定的上诉期限十日）"


def may_appeal(user, case, on=None):
    if case.appeal_due and on and on > case.appeal_due:
        return f"上诉期限已于{case.appeal_due:%Y年%m月%d日}届满，不能再提起上诉"
    return None


def may_close(user, case, on=None):
    if case.status == LS.JUDGED and case.appeal_due and on and on <= case.appeal_due:
        return f"上诉期限{case.appeal_due:%Y年%m月%d日}届满前，裁判尚未生效，不能结案"
    return None


LITIGATION_FLOW = Workflow(model=LitigationCase, transitions=[
    Transition("defend", "登记答辩", (LS.RECEIVED,), LS.DEFENDED, event="oversight.litigation_defended",
               permission=P.HANDLE, rule=RULE_DEFENCE, actor_label="被告行政机关"),
    Transition("judge", "登记裁判结果", (LS.DEFENDED,), LS.JUDGED, event="oversight.litigation_judged",
               permission=P.HANDLE, rule="《中华人民共和国行政诉讼法》第六十九条至第七十八条", actor_label="被告行政机关"),
    Transition("appeal", "提起上诉", (LS.JUDGED,), LS.APPEALED, event="oversight.litigation_appealed",
               permission=P.HANDLE, guard=may_appeal, rule=RULE_APPEAL, actor_label="被告行政机关"),
    Transition("close", "结案", (LS.JUDGED, LS.APPEALED), LS.CLOSED, event="oversight.litigation_closed",
               permission=P.HANDLE, guard=may_close, rule=RULE_APPEAL, actor_label="被告行政机关",
               confirm="结案后本审级不能再登记开庭，确定结案吗？"),
])


def recon_articles(case):
    """The articles of the law in force on the application's date, per step (shown on the record page)."""
    if case.law_2023:
        return {"accept": "第三十条", "answer": "第四十八条", "decide": "第六十二条", "doc": "第五十六条", "days": "第八十八条"}
    return {"accept": "第十七条", "answer": "第二十三条", "decide": "第三十一条", "doc": "第二十六条、第二十七条",
            "days": "第四十条"}


def recon_rule(case, step):
    return f"{case.law_name}{recon_articles(case)[step]}"


RECON_RULE = "《中华人民共和国行政复议法》（申请日期在2024年1月1日前的适用2017年修正文本，此后适用2023年修订文本）"

RECON_FLOW = Workflow(model=ReconsiderationCase, transitions=[
    Transition("accept", "受理", (RS.RECEIVED,), RS.ACCEPTED, event="oversight.recon_accepted",
               permission=P.MANAGE, rule=RECON_RULE, actor_label="法治办（行政复议机构）"),
    Transition("not_accept", "不予受理", (RS.RECEIVED,), RS.NOT_ACCEPTED, event="oversight.recon_not_accepted",
               permission=P.MANAGE, rule=RECON_RULE, needs_reason=True, style="danger",
               actor_label="法治办（行政复议机构）"),
    Transition("decide", "作出复议决定", (RS.ACCEPTED,), RS.DECIDED, event="oversight.recon_decided",
               permission=P.MANAGE, rule=RECON_RULE, actor_label="法治办（行政复议机构）",
               confirm="复议决定作出后不能再修改，确定登记吗？"),
])
