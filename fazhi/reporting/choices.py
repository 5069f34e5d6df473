"""Statuses and the required structure of the annual report (RULES.md §16)."""
from django.db import models


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "起草中"
    SUBMITTED = "submitted", "已报送上级"
    PUBLISHED = "published", "已公开"


# The five parts the 督察规定 requires, in order; within the first part the seed report's six themes.
# (code, level, heading template); level 1 = 一、 level 2 = （一）. ``{year}`` / ``{next_year}`` are filled in.
MEASURES = "measures"
THEMES = [
    ("theme_org", "强化组织领导，夯实工作责任"),
    ("theme_functions", "规范审批行为，全面履行职能"),
    ("theme_decisions", "遵循规范程序，推进科学决策"),
    ("theme_enforcement", "加强制度建设，规范执法行为"),
    ("theme_oversight", "强化民主监督，行政行为阳光运行"),
    ("theme_disputes", "创新工作方法，防范和化解社会矛盾"),
]
PARTS = [
    (MEASURES, "{year}年度推进法治政府建设的主要举措和成效"),
    ("shortcomings", "推进法治政府建设存在的不足和原因"),
    ("leaders", "党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况"),
    ("plan", "{next_year}年度推进法治政府建设的主要安排"),
    ("other", "其他需要报告的事项"),
]
REQUIRED_PARTS = [code for code, _ in PARTS]
THEME_CODES = [code for code, _ in THEMES]

# Which theme a module's figures belong to when the figure's chapter does not say (DESIGN.md's module table).
MODULE_THEMES = {
    "orgs": "theme_org",
    "assessment": "theme_org",
    "powers": "theme_functions",
    "decisions": "theme_decisions",
    "legal_education": "theme_decisions",
    "normative_docs": "theme_enforcement",
    "enforcement": "theme_enforcement",
    "oversight": "theme_oversight",
    "disputes": "theme_disputes",
    "legal_services": "theme_disputes",
}
CN_NUMERALS = "一二三四五六七八九十"
