"""Parameters of the module that the rules leave to the province or the county (CONFIG). Each part edits only its
own block."""
from fazhi.core.rules import register_setting  # noqa: F401

# --- suggestions ---
register_setting("oversight.suggestion_reply_months", label="代表建议、政协提案答复期限（交办之日起，月）", default=3,
                 minimum=1, maximum=12,
                 rule="《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》第四十三条要求承办单位在交办之日起"
                      "三个月内答复；具体期限以本省、本县人大常委会和政协的办理办法为准，可在此调整")
register_setting("oversight.suggestion_urgent_months", label="紧急建议、提案答复期限（交办之日起，月）", default=1,
                 minimum=1, maximum=12,
                 rule="涉及面广、情况紧急的建议一般在一个月内答复；以本县办理办法为准，可在此调整")
register_setting("oversight.suggestion_rehandle_months", label="代表不满意重新办理的答复期限（月）", default=1,
                 minimum=1, maximum=12, rule="代表、委员对答复不满意的，承办单位重新研究办理并再次答复；期限以本县办理办法为准")
register_setting("oversight.suggestion_alert_days", label="建议提案答复到期提醒（日）", default=15, minimum=1,
                 rule="答复期限届满前提醒承办单位")
register_setting("oversight.publish_suggestion_replies", label="在门户网站公开建议提案答复", kind="bool", default=True,
                 rule="建议、提案答复依规公开；涉及国家秘密、个人隐私的除外。不公开的县可关闭")
register_setting("oversight.judicial_reply_months", label="司法建议回复期限（收到之日起，月）", default=2, minimum=1,
                 maximum=12, rule="以司法建议书载明的回复期限为准；未载明的按本县规定（常见为两个月），可在此调整")
register_setting("oversight.procuratorial_reply_months", label="检察建议回复期限（收到之日起，月）", default=2,
                 minimum=1, maximum=12,
                 rule="《人民检察院检察建议工作规定》：被建议单位一般应在收到检察建议书之日起两个月内书面回复；可在此调整")

# --- litigation ---
register_setting("oversight.litigation_alert_days", label="行政应诉、行政复议期限提前预警天数", default=5, kind="int",
                 minimum=1, maximum=30, rule="本平台：答辩、上诉、受理、答复、决定期限届满前若干天在预警中心提醒")
register_setting("oversight.target_appearance_rate", label="驾驶舱目标：行政机关负责人出庭应诉率（%）", default=90,
                 kind="int", minimum=0, maximum=100,
                 rule="《郧西县行政机关负责人出庭应诉暂行规定》：负责人出庭应诉情况纳入年度依法行政考评指标体系")
