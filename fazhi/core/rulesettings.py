"""Core's own configurable rules."""
from .rules import register_setting

register_setting("core.calendar_warning_month", label="提醒录入次年节假日的月份", default=11, kind="int",
                 minimum=1, maximum=12, rule="国务院办公厅通常在每年11月前后公布次年节假日安排",
                 help="从该月起，若次年节假日数据尚未录入，工作台提示法治办录入")
