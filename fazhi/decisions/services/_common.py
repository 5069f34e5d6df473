"""What every service of the decisions module shares: the audit events and the decision's timeline."""
from fazhi.core import audit_events, clock

from ..models import DecisionEvent

for _code, _name, _label in [
    (501, "decisions.decision_created", "登记重大行政决策事项"),
    (502, "decisions.decision_updated", "修改决策事项"),
    (503, "decisions.draft_revised", "修改决策草案"),
    (504, "decisions.comment_opened", "公开征求意见"),
    (505, "decisions.comment_closed", "结束征求意见"),
    (506, "decisions.review_submitted", "提交合法性审查"),
    (507, "decisions.discussion_submitted", "提请集体讨论"),
    (508, "decisions.returned", "退回修改"),
    (509, "decisions.decided", "集体讨论作出决定"),
    (510, "decisions.published", "公布决策"),
    (511, "decisions.withdrawn", "终止决策程序"),
    (520, "decisions.step_recorded", "登记程序环节"),
    (521, "decisions.step_not_applicable", "程序环节不适用"),
    (522, "decisions.expert_opinion_added", "登记专家论证意见"),
    (523, "decisions.review_opinion_given", "出具合法性审查意见"),
    (524, "decisions.meeting_recorded", "登记集体讨论会议"),
    (525, "decisions.attachment_added", "上传决策材料"),
    (530, "decisions.comment_submitted", "收到公众意见"),
    (531, "decisions.comment_disposed", "处理公众意见"),
    (532, "decisions.comment_hidden", "屏蔽公众意见"),
    (540, "decisions.party_reported", "向党委请示报告"),
    (541, "decisions.progress_reported", "报告决策执行情况"),
    (542, "decisions.evaluation_started", "启动决策后评估"),
    (543, "decisions.evaluation_finished", "完成决策后评估"),
    (550, "decisions.catalogue_created", "起草年度决策事项目录"),
    (551, "decisions.catalogue_approved", "批准年度决策事项目录"),
    (552, "decisions.catalogue_published", "公布年度决策事项目录"),
    (553, "decisions.catalogue_adjusted", "调整年度决策事项目录"),
    (560, "decisions.adviser_registered", "聘任法律顾问"),
    (561, "decisions.adviser_updated", "修改法律顾问"),
    (562, "decisions.adviser_ended", "解聘法律顾问"),
    (563, "decisions.service_logged", "登记法律顾问服务"),
]:
    audit_events.register(_code, _name, _label)

def _event(decision, actor, text):
    DecisionEvent.objects.create(decision=decision, actor=actor if getattr(actor, "is_authenticated", False) else None,
                                 actor_name=(actor.get_full_name() if getattr(actor, "is_authenticated", False)
                                             else "系统"), text=text)


def _today():
    return clock.today()
