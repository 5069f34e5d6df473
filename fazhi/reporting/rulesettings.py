"""Deadlines of the annual report (RULES.md §16), configurable by the rule-of-law office."""
from fazhi.core.rules import register_setting

register_setting("reporting.submit_month", label="年度报告报送上级截止月份（次年）", default=3, kind="int",
                 minimum=1, maximum=12, rule="《法治政府建设与责任落实督察工作规定》：每年3月1日前向上级报告上一年度法治政府建设情况")
register_setting("reporting.submit_day", label="年度报告报送上级截止日（次年）", default=1, kind="int",
                 minimum=1, maximum=31, rule="《法治政府建设与责任落实督察工作规定》：每年3月1日前报告")
register_setting("reporting.publish_month", label="年度报告向社会公开截止月份（次年）", default=4, kind="int",
                 minimum=1, maximum=12, rule="《法治政府建设与责任落实督察工作规定》第二十四条：每年4月1日前通过报刊、网站等向社会公开")
register_setting("reporting.publish_day", label="年度报告向社会公开截止日（次年）", default=1, kind="int",
                 minimum=1, maximum=31, rule="《法治政府建设与责任落实督察工作规定》第二十四条：每年4月1日前公开")
register_setting("reporting.warning_days", label="年度报告期限提前预警天数", default=30, kind="int",
                 minimum=1, maximum=120, rule="本平台：期限前若干天在预警中心提醒",
                 help="距报送或公开期限不超过该天数时提示“预警”，过期后提示“逾期”")

# The dashboard's headline indicators: each target the office sets (达标 at or above it; 有风险 within the band).
for _key, _label, _default, _rule in [
    ("reporting.target_filing_rate", "驾驶舱目标：规范性文件报备率（%）", 100,
     "有件必备：规范性文件应当自公布之日起在规定期限内报送备案"),
    ("reporting.target_filing_on_time", "驾驶舱目标：规范性文件按时报备率（%）", 100,
     "有件必备：规范性文件应当自公布之日起在规定期限内报送备案"),
    ("reporting.target_publication_on_time", "驾驶舱目标：行政执法决定按时公示率（%）", 100,
     "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》：执法决定应在规定时限内公开"),
    ("reporting.target_evaluation_score", "驾驶舱目标：行政执法案卷评查平均分（分）", 80,
     "本县行政执法案卷评查标准：80分以上为合格"),
    ("reporting.target_adviser_coverage", "驾驶舱目标：党政机关和村（社区）法律顾问覆盖率（%）", 100,
     "《关于推行法律顾问制度和公职律师公司律师制度的意见》：党政机关普遍设立法律顾问"),
    ("reporting.target_officers_trained", "驾驶舱目标：年度参加行政执法业务培训人数（人）", 700,
     "本县年度工作要点：持证执法人员每年参加业务培训"),
    ("reporting.target_exam_pass_rate", "驾驶舱目标：学法用法考试通过率（%）", 95,
     "本县年度普法工作要点"),
]:
    register_setting(_key, label=_label, default=_default, kind="int", minimum=0, rule=_rule)
register_setting("reporting.target_risk_band", label="驾驶舱：距目标多少（%）以内视为“有风险”", default=5, kind="int",
                 minimum=0, maximum=50, rule="本平台：指标低于目标但差距不超过目标值的该百分比时显示黄色“有风险”，"
                 "差距更大时显示红色“未达标”")
