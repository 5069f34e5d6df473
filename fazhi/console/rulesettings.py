"""The notification rules the office may change (规则参数)."""
from fazhi.core.rules import register_setting

register_setting("console.reminder_days", label="到期提醒提前天数", default=3, kind="int", minimum=0, maximum=30,
                 rule="办理期限届满前提醒承办人员，避免逾期",
                 help="每天早上向承办人员发送站内消息，列出该天数内到期的待办事项；设为0则只提醒当天到期和已逾期的事项")
