"""Deadlines of the annual report (RULES.md §16), configurable by the rule-of-law office."""
from fazhi.core.rules import register_setting

register_setting("reporting.submit_month", label="年度报告报送上级截止月份（次年）", default=3, kind="int",
                 minimum=1, maximum=12, rule="RULES.md §16：每年3月1日前向上级报告上一年度法治政府建设情况")
register_setting("reporting.submit_day", label="年度报告报送上级截止日（次年）", default=1, kind="int",
                 minimum=1, maximum=31, rule="RULES.md §16：3月1日")
register_setting("reporting.publish_month", label="年度报告向社会公开截止月份（次年）", default=4, kind="int",
                 minimum=1, maximum=12, rule="RULES.md §16：每年4月1日前通过报刊、网站等向社会公开")
register_setting("reporting.publish_day", label="年度报告向社会公开截止日（次年）", default=1, kind="int",
                 minimum=1, maximum=31, rule="RULES.md §16：4月1日")
register_setting("reporting.warning_days", label="年度报告期限提前预警天数", default=30, kind="int",
                 minimum=1, maximum=120, rule="本平台：期限前若干天在预警中心提醒",
                 help="距报送或公开期限不超过该天数时提示“预警”，过期后提示“逾期”")
