"""Configurable rules of RULES.md §4 (CONFIG / low confidence): the office may change them on 规则参数."""
from fazhi.core.rules import register_setting

register_setting("normative_docs.comment_workdays", label="规范性文件征求意见期限（工作日）", default=7, minimum=1,
                 rule="《市县法治政府建设示范指标体系》第24项：征求意见一般不少于7个工作日")
register_setting("normative_docs.comment_days_market", label="涉市场主体文件征求意见期限（日）", default=30, minimum=1,
                 rule="《市县法治政府建设示范指标体系》第24项：与市场主体生产经营活动密切相关的，不少于30日")
register_setting("normative_docs.review_min_workdays", label="合法性审核最短时间（工作日）", default=5, minimum=1,
                 rule="《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）第（五）项：合法性审核时间一般不少于5个工作日")
register_setting("normative_docs.review_max_workdays", label="合法性审核最长时间（工作日）", default=15, minimum=1,
                 rule="《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）第（五）项：最长不超过15个工作日")
register_setting("normative_docs.filing_days", label="报备期限（公布之日起，日）", default=15, minimum=1,
                 rule="《湖北省规范性文件备案审查规定》（湖北省人民政府令第258号）第七条：公布之日起15日内报送备案")
register_setting("normative_docs.correction_days", label="备案审查纠正期限（日）", default=30, minimum=1,
                 rule="本省备案审查规定：收到纠正通知之日起30日内纠正")
register_setting("normative_docs.valid_years", label="规范性文件有效期（年）", default=5, minimum=1,
                 rule="《国务院关于加强法治政府建设的意见》（国发〔2010〕33号）有效期制度及本省规定：有效期一般不超过5年")
register_setting("normative_docs.valid_years_provisional", label="暂行、试行文件有效期（年）", default=2, minimum=1,
                 rule="《国务院关于加强法治政府建设的意见》（国发〔2010〕33号）有效期制度及本省规定：名称冠以“暂行”“试行”的，不超过2年")
register_setting("normative_docs.evaluation_months", label="有效期届满前评估提醒（月）", default=6, minimum=1,
                 rule="本省规范性文件管理规定：有效期届满前6个月开始评估")
register_setting("normative_docs.gov_prefix", label="县政府规范性文件文号前缀", default="郧西政规", kind="text",
                 rule="《国务院关于加强法治政府建设的意见》（国发〔2010〕33号）第十一项：统一编号，如 郧西政规〔2019〕1号")
register_setting("normative_docs.city_government", label="县政府文件的备案机关", default="十堰市人民政府", kind="text",
                 rule="《湖北省规范性文件备案审查规定》（湖北省人民政府令第258号）第七条：县政府规范性文件报市州政府备案")
register_setting("normative_docs.review_body", label="县政府规范性文件的合法性审核机构（单位名称结尾）", default="司法局",
                 kind="text", rule="《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）第（四）项：以政府名义发布的文件由政府的合法性审核机构审核")
