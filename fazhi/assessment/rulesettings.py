"""Parameters of the module that the rules leave to the province or the county (CONFIG). Each part edits only its
own block."""
from fazhi.core.rules import register_setting  # noqa: F401

# --- leadership ---
register_setting("assessment.progress_interval_days", label="任务进展报送周期（日）", default=90, minimum=1,
                 rule="县法治政府建设示范创建实施方案：各牵头单位按季度报送任务推进情况")

# --- evaluation ---
register_setting("assessment.objection_days", label="考评结果申诉期限（工作日）", default=5, kind="int",
                 minimum=1, maximum=30, rule="县依法行政考评办法（由县确定）",
                 help="计分结果反馈后，被考评单位可以提出申诉的工作日数（计分当日不计入）")
