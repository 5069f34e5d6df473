from fazhi.core.rules import register_setting

register_setting("powers.review_days", label="权责清单调整审核提醒期限（工作日）", default=10, kind="int", minimum=1,
                 rule="《关于推行地方各级政府工作部门权力清单制度的指导意见》（中办发〔2015〕21号）：清单动态调整；法治办应及时审核（本县规定，可配置）",
                 help="单位提交的动态调整超过该工作日数仍未审核的，列入提醒。")
