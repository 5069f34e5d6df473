"""Core's own configurable rules."""
from .rules import register_setting

register_setting("core.calendar_warning_month", label="提醒录入次年节假日的月份", default=11, kind="int",
                 minimum=1, maximum=12, rule="国务院办公厅通常在每年11月前后公布次年节假日安排",
                 help="从该月起，若次年节假日数据尚未录入，工作台提示法治办录入")

register_setting("core.backdate_days", label="补录日期无需说明理由的天数", default=30, kind="int", minimum=0,
                 maximum=3650, rule="纸质办理后补录环节的，以实际办理日期为准",
                 help="环节日期早于今天超过该天数的，须填写补录理由，理由记入操作审计日志")

register_setting("core.comment_min_length", label="公众意见最少字数", default=5, kind="int", minimum=1,
                 rule="公开征求意见时过短的意见无法研究处理")
register_setting("core.comment_max_length", label="公众意见最大字数", default=2000, kind="int", minimum=50,
                 rule="公开征求意见时防止超长内容占用存储")
register_setting("core.comment_rate_limit", label="同一来源每小时最多提交意见数", default=5, kind="int", minimum=1,
                 rule="防止同一来源批量提交公众意见", help="对所有公开征求意见的草案合计计数；超过后该来源须等待一小时再提交")
register_setting("core.challenge_min_seconds", label="公众表单验证问题最短作答时间（秒）", default=3, kind="int",
                 minimum=0, maximum=600, rule="防止自动程序批量提交公众意见",
                 help="打开页面后少于该秒数即提交的，视为自动程序提交，不予接收")
register_setting("core.challenge_max_minutes", label="公众表单验证问题有效时间（分钟）", default=120, kind="int",
                 minimum=5, maximum=1440, rule="防止自动程序重复使用同一验证问题",
                 help="打开页面超过该时间才提交的，须回答新的验证问题")
