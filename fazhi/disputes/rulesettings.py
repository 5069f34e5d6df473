"""Parameters of the disputes rules that the law leaves open or that RULES.md marks CONFIG / medium confidence."""
from fazhi.core.rules import register_setting

register_setting("disputes.mediation_target_days", label="人民调解一般结案期限（日）", default=30, minimum=1,
                 rule="《人民调解工作若干规定》第三十三条：调解纠纷一般在一个月内调结")
register_setting("disputes.confirmation_days", label="申请司法确认期限（协议生效之日起，日）", default=30, minimum=1,
                 rule="《中华人民共和国人民调解法》第三十三条：自调解协议生效之日起三十日内共同申请司法确认")
register_setting("disputes.term_years", label="人民调解委员会委员任期（年）", default=3, minimum=1,
                 rule="《中华人民共和国人民调解法》第九条：委员每届任期三年，可以连选连任")
register_setting("disputes.alert_days", label="期限届满前提醒（日）", default=5, minimum=1,
                 rule="各项期限届满前提醒办理")
register_setting("disputes.cluster_contact_days", label="专项涉及户未联系提醒（日）", default=30, minimum=1,
                 rule="矛盾纠纷专项化解一户一档，包户单位定期联系涉及户，超过天数未联系的提醒牵头单位")
