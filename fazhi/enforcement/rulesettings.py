"""Parameters of the enforcement rules that the law leaves to the province or that RULES.md marks CONFIG."""
from decimal import Decimal

from fazhi.core.rules import register_setting

register_setting("enforcement.decision_days", label="处罚决定期限（立案之日起，日）", default=90, minimum=1,
                 rule="《中华人民共和国行政处罚法》第六十条：立案之日起90日内作出决定")
register_setting("enforcement.statement_days", label="陈述申辩/听证申请期限（告知后，工作日）", default=5, minimum=1,
                 rule="《中华人民共和国行政处罚法》第六十四条：告知后5日内提出听证")
register_setting("enforcement.hearing_notice_days", label="听证通知提前期（工作日）", default=7, minimum=1,
                 rule="《中华人民共和国行政处罚法》第六十四条：举行听证7日前通知")
register_setting("enforcement.service_days", label="决定书送达期限（工作日）", default=7, minimum=1,
                 rule="《中华人民共和国行政处罚法》第六十一条：7日内送达")
register_setting("enforcement.hearing_fine_person", label="较大数额罚款标准：自然人（元）", kind="decimal",
                 default=Decimal("10000"), minimum=Decimal("0"),
                 rule="《市场监督管理行政处罚听证办法》第五条：听证的“较大数额”由省或部门规定（市场监管：自然人1万元）")
register_setting("enforcement.hearing_fine_org", label="较大数额罚款标准：法人或其他组织（元）", kind="decimal",
                 default=Decimal("100000"), minimum=Decimal("0"),
                 rule="《市场监督管理行政处罚听证办法》第五条：听证的“较大数额”由省或部门规定（市场监管：组织10万元）")
register_setting("enforcement.major_fine", label="重大执法决定罚没金额标准（元）", kind="decimal",
                 default=Decimal("50000"), minimum=Decimal("0"),
                 rule="国办发〔2018〕118号：重大执法决定法制审核目录（各主体可另定）")
register_setting("enforcement.publish_days_main", label="许可、处罚决定公示期限（工作日）", default=7, minimum=1,
                 rule="国办发〔2018〕118号：许可、处罚决定7个工作日内公开")
register_setting("enforcement.publish_days_other", label="其他执法决定公示期限（工作日）", default=20, minimum=1,
                 rule="国办发〔2018〕118号：执法决定20个工作日内公开")
register_setting("enforcement.withdraw_days", label="决定变更撤销后撤下公示期限（工作日）", default=3, minimum=1,
                 rule="《中华人民共和国行政处罚法》第四十八条：3日内撤回")
register_setting("enforcement.display_months", label="公示期（月）", default=36, minimum=1,
                 rule="《市场监督管理行政处罚信息公示规定》第十三条：一般处罚信息公示期3年")
register_setting("enforcement.training_hours", label="执法人员年度培训学时要求", default=60, minimum=0,
                 rule="国办发〔2023〕27号：每人每年不少于60学时（待核实）")
register_setting("enforcement.certificate_years", label="执法证有效期（年）", default=5, minimum=1,
                 rule="行政执法证件管理规定：执法证有效期一般为5年")
register_setting("enforcement.expiry_alert_days", label="执法证到期提醒（日）", default=60, minimum=1,
                 rule="执法证到期前提醒换证")
register_setting("enforcement.pass_score", label="执法资格考试合格分数", default=60, minimum=0, maximum=100,
                 rule="持证上岗：未经执法资格考试合格，不得授予执法资格")
