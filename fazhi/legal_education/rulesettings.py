"""Parameters of the legal-education rules that RULES.md §13 marks CONFIG (set locally)."""
from fazhi.core.rules import register_setting

register_setting("legal_education.pass_mark", label="学法用法考试默认合格分数（分）", default=60, minimum=0, maximum=1000,
                 rule="湖北省国家工作人员学法用法考试：合格分数由本地确定")
register_setting("legal_education.min_participation", label="单位参考率预警线（%）", default=90, minimum=0, maximum=100,
                 rule="关于完善国家工作人员学法用法制度的意见：学法考试情况纳入年度考核")
register_setting("legal_education.enrolment_alert_days", label="考试开考前提醒未报名单位的天数（天）", default=7, minimum=1,
                 maximum=60, rule="关于完善国家工作人员学法用法制度的意见：国家工作人员应当参加学法考试")
