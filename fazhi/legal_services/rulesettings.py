"""Parameters of public legal services that RULES.md §14 leaves to the province or the county (CONFIG)."""
from decimal import Decimal

from fazhi.core.rules import register_setting

register_setting("legal_services.max_villages_per_lawyer", label="每名律师包联村（社区）上限（个）", default=8, minimum=1,
                 rule="“一村（社区）一法律顾问”工作方案：包联数量由县司法局确定")
register_setting("legal_services.confirm_days", label="服务日志确认期限（日）", default=7, minimum=1,
                 rule="驻村律师服务日志由村（社区）或乡镇签字确认，超期未确认的提醒")
register_setting("legal_services.min_days_per_village", label="每村（社区）每月最少驻村天数（天）", default=2, minimum=0,
                 rule="“一村（社区）一法律顾问”工作方案：驻村服务天数由县司法局确定")
register_setting("legal_services.rate_day", label="驻点服务补贴（元/天）", kind="decimal", default=Decimal("200"),
                 minimum=Decimal("0"), rule="政府购买法律服务合同约定的补贴标准")
register_setting("legal_services.rate_publicity", label="法治宣传补贴（元/场次）", kind="decimal",
                 default=Decimal("100"), minimum=Decimal("0"), rule="政府购买法律服务合同约定的补贴标准")
register_setting("legal_services.rate_opinion", label="法律意见书补贴（元/份）", kind="decimal", default=Decimal("300"),
                 minimum=Decimal("0"), rule="政府购买法律服务合同约定的补贴标准")
register_setting("legal_services.aid_review_days_2003", label="法律援助审查期限（2022年前，日）", default=7, minimum=1,
                 rule="《法律援助条例》第十八条：法律援助机构应当及时进行审查（期限由省级规定）")
register_setting("legal_services.aid_assign_days_2003", label="法律援助指派期限（2022年前，日）", default=3, minimum=1,
                 rule="《法律援助条例》第二十一条：决定提供法律援助后及时指派（期限由省级规定）")
register_setting("legal_services.aid_materials_days", label="补充材料期限（日）", default=15, minimum=1,
                 rule="《中华人民共和国法律援助法》第四十三条：材料不齐全的，一次性告知补充，逾期未补充的视为撤回申请")
