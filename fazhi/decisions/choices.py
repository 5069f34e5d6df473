"""Choice lists of the decisions module (labels are what the UI shows)."""
from django.db import models

from fazhi.core import comments


class Category(models.TextChoices):
    PUBLIC_POLICY = "public_policy", "重大公共政策和措施"
    PLAN = "plan", "经济和社会发展等方面的重要规划"
    RESOURCES = "resources", "开发利用保护重要自然资源和文化资源的重大公共政策和措施"
    PROJECT = "project", "重大公共建设项目"
    OTHER = "other", "对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项"


class Excluded(models.TextChoices):
    """Matters the 713号 art. 3 para. 2 takes out of the procedure: registering one is refused."""

    NONE = "", "不属于排除事项"
    MACRO = "macro", "财政政策、货币政策等宏观调控决策"
    LAWMAKING = "lawmaking", "政府立法决策"
    EMERGENCY = "emergency", "突发事件应急处置决策"


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", "拟订中"
    CONSULTATION = "consultation", "公开征求意见中"
    REVIEW = "review", "合法性审查中"
    DISCUSSION = "discussion", "待集体讨论"
    DECIDED = "decided", "已作出决定"
    PUBLISHED = "published", "已公布执行"
    WITHDRAWN = "withdrawn", "已终止"


class StepCode(models.TextChoices):
    PUBLIC_PARTICIPATION = "public_participation", "公众参与"
    EXPERT_CONSULTATION = "expert_consultation", "专家论证"
    RISK_ASSESSMENT = "risk_assessment", "风险评估"
    LEGALITY_REVIEW = "legality_review", "合法性审查"
    COLLECTIVE_DECISION = "collective_decision", "集体讨论决定"


STEP_ORDER = [c.value for c in StepCode]
# The law makes these steps conditional (713号 arts. 14, 19, 22): they may be marked not applicable with a reason.
CONDITIONAL_STEPS = {StepCode.PUBLIC_PARTICIPATION, StepCode.EXPERT_CONSULTATION, StepCode.RISK_ASSESSMENT}


class StepStatus(models.TextChoices):
    PENDING = "pending", "待办理"
    DONE = "done", "已完成"
    NOT_APPLICABLE = "not_applicable", "不适用"


class ReviewState(models.TextChoices):
    NONE = "none", "未送审"
    REQUESTED = "requested", "审查中"
    GIVEN = "given", "已出具意见"


class ParticipationMethod(models.TextChoices):
    SYMPOSIUM = "symposium", "座谈会"
    HEARING = "hearing", "听证会"
    VISIT = "visit", "实地走访"
    WRITTEN = "written", "书面征求意见"
    ONLINE = "online", "向社会公开征求意见"
    SURVEY = "survey", "问卷调查"
    POLL = "poll", "民意调查"


class RiskLevel(models.TextChoices):
    LOW = "low", "低风险"
    MEDIUM = "medium", "中风险"
    HIGH = "high", "高风险"


class ReviewOpinion(models.TextChoices):
    LAWFUL = "lawful", "合法"
    LAWFUL_WITH_CHANGES = "lawful_with_changes", "修改后合法"
    UNLAWFUL = "unlawful", "不合法"


class MeetingType(models.TextChoices):
    STANDING = "standing", "政府常务会议"
    PLENARY = "plenary", "政府全体会议"


class MemberRole(models.TextChoices):
    HEAD = "head", "行政首长"
    MEMBER = "member", "组成人员"


class Position(models.TextChoices):
    AGREE = "agree", "同意"
    AGREE_WITH_CHANGES = "agree_with_changes", "原则同意（附修改意见）"
    DISAGREE = "disagree", "不同意"
    ABSTAIN = "abstain", "弃权"


class Outcome(models.TextChoices):
    ADOPTED = "adopted", "通过"
    ADOPTED_WITH_CHANGES = "adopted_with_changes", "修改后通过"
    NOT_ADOPTED = "not_adopted", "不予通过"
    POSTPONED = "postponed", "暂缓决策"


Disposition = comments.Disposition  # the shared public-comment mechanism's (fazhi.core.comments)


class CatalogueStatus(models.TextChoices):
    DRAFT = "draft", "起草中"
    APPROVED = "approved", "已批准"
    PUBLISHED = "published", "已公布"


class AdjustmentKind(models.TextChoices):
    ADD = "add", "增加事项"
    REMOVE = "remove", "删除事项"
    CHANGE = "change", "调整事项"


class EvaluationTrigger(models.TextChoices):
    TARGETS_MISSED = "targets_missed", "实施后明显未达到预期效果"
    PUBLIC_OBJECTIONS = "public_objections", "公民、法人或者其他组织提出较多意见"
    ORGAN_NEED = "organ_need", "决策机关认为有必要"


class EvaluationResult(models.TextChoices):
    CONTINUE = "continue", "继续执行"
    ADJUST = "adjust", "调整完善"
    STOP = "stop", "停止执行"


class AdviserKind(models.TextChoices):
    LAWYER = "lawyer", "执业律师"
    SCHOLAR = "scholar", "法学专家"
    PUBLIC_LAWYER = "public_lawyer", "公职律师"
    STAFF = "staff", "法制机构人员"


class ServiceKind(models.TextChoices):
    DECISION_REVIEW = "decision_review", "重大决策合法性审查"
    PROJECT_REVIEW = "project_review", "重大事项和重大项目风险评估、合法性审查"
    DOCUMENT_REVIEW = "document_review", "规范性文件审查"
    CONTRACT_REVIEW = "contract_review", "合同审查"
    LITIGATION = "litigation", "涉法涉诉案件"
    PETITION = "petition", "信访事项"
    LEGAL_OPINION = "legal_opinion", "出具法律意见"
