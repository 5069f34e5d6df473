"""Configurable rules of the decisions module (RULES.md §2, §3)."""
from fazhi.core.rules import register_setting

register_setting("decisions.comment_min_days", label="公开征求意见最短期限（日）", default=30, minimum=1,
                 rule="《重大行政决策程序暂行条例》第十五条，征求意见期限一般不少于30日")
register_setting("decisions.hearing_notice_days", label="听证材料提前送达天数（日）", default=7, minimum=1,
                 rule="《重大行政决策程序暂行条例》第十六条，至少在听证会召开7日前送达材料")
register_setting("decisions.review_min_working_days", label="合法性审查最短时间（工作日）", default=7, minimum=1,
                 rule="《重大行政决策程序暂行条例》第二十六条，保证合法性审查的时间一般不少于7个工作日")
register_setting("decisions.stalled_days", label="目录事项无进展提醒天数", default=60, minimum=7,
                 help="已列入目录的事项在该天数内没有任何办理记录时提醒")
register_setting("decisions.meeting_warning_days", label="拟提请会议前未完成审查的提醒天数", default=10, minimum=1)
register_setting("decisions.adviser_min_practice_years", label="外聘律师担任法律顾问的最低执业年限", default=5,
                 minimum=0, rule="中办发〔2016〕30号《关于推行法律顾问制度和公职律师公司律师制度的意见》，外聘律师执业5年以上")
register_setting("decisions.adviser_exclude_sanctioned", label="受过行政处罚或行业处分的律师不得聘任", default=True,
                 kind="bool", rule="《关于推行法律顾问制度和公职律师公司律师制度的意见》外聘法律顾问条件")
register_setting("decisions.adviser_contract_max_years", label="法律顾问聘期最长年限", default=3, minimum=1,
                 rule="《关于推行法律顾问制度和公职律师公司律师制度的意见》：聘期由各地确定（通常1至3年）")
register_setting("decisions.adviser_expiry_warning_days", label="法律顾问聘期届满提前提醒天数", default=30, minimum=1)
