"""Configurable rules of RULES.md §4 (CONFIG / low confidence): the office may change them on 规则参数."""
from fazhi.core.rules import register_setting

register_setting("normative_docs.comment_workdays", label="规范性文件征求意见期限（工作日）", default=7, minimum=1,
                 rule="RULES.md §4.2：征求意见一般不少于7个工作日")
register_setting("normative_docs.comment_days_market", label="涉市场主体文件征求意见期限（日）", default=30, minimum=1,
                 rule="RULES.md §4.2：与市场主体生产经营活动密切相关的，不少于30日")
register_setting("normative_docs.review_min_workdays", label="合法性审核最短时间（工作日）", default=5, minimum=1,
                 rule="RULES.md §4.2：合法性审核时间一般不少于5个工作日")
register_setting("normative_docs.review_max_workdays", label="合法性审核最长时间（工作日）", default=15, minimum=1,
                 rule="RULES.md §4.2：最长不超过15个工作日")
register_setting("normative_docs.filing_days", label="报备期限（公布之日起，日）", default=15, minimum=1,
                 rule="RULES.md §4.4：公布之日起15日内报送备案")
register_setting("normative_docs.correction_days", label="备案审查纠正期限（日）", default=30, minimum=1,
                 rule="RULES.md §4.4：收到纠正通知之日起30日内纠正")
register_setting("normative_docs.valid_years", label="规范性文件有效期（年）", default=5, minimum=1,
                 rule="RULES.md §4.5：有效期一般不超过5年")
register_setting("normative_docs.valid_years_provisional", label="暂行、试行文件有效期（年）", default=2, minimum=1,
                 rule="RULES.md §4.5：名称冠以“暂行”“试行”的，不超过2年")
register_setting("normative_docs.evaluation_months", label="有效期届满前评估提醒（月）", default=6, minimum=1,
                 rule="RULES.md §4.5：有效期届满前6个月开始评估")
register_setting("normative_docs.gov_prefix", label="县政府规范性文件文号前缀", default="郧西政规", kind="text",
                 rule="RULES.md §4.3：统一编号，如 郧西政规〔2019〕1号")
register_setting("normative_docs.city_government", label="县政府文件的备案机关", default="十堰市人民政府", kind="text",
                 rule="RULES.md §4.4：县政府规范性文件报市州政府备案")
register_setting("normative_docs.review_body", label="县政府规范性文件的合法性审核机构（单位名称结尾）", default="司法局",
                 kind="text", rule="RULES.md §4.2：以政府名义发布的文件由政府的合法性审核机构审核")
