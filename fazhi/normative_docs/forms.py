"""Forms check shape only; the rules live in services."""

from django import forms

from fazhi.core import clock
from fazhi.core import forms as core_forms
from fazhi.core.widgets import PickerSelect

from .choices import CampaignScope, CleanupOutcome, FilingStatus, Opinion


def _today():
    return clock.today()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label, required=True, **kw):
    return forms.DateField(label=label, required=required, widget=DateInput(), **kw)


def issuer_choices():
    """Administrative organs only: no internal unit, court, procuratorate or utility (国办发〔2018〕37号)."""
    from fazhi.orgs.selectors import administrative_organs

    return administrative_organs()


class IssuerField(forms.ModelChoiceField):
    widget = PickerSelect

    def label_from_instance(self, obj):
        return f"{'　' * obj.depth}{obj.name}"


class DocForm(core_forms.Form):
    title = forms.CharField(label="文件名称", max_length=300)
    issuer = IssuerField(label="制定机关", queryset=None, help_text="以哪个行政机关的名义发布；内设机构不得作为制定机关")
    text = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 14}))
    legal_basis = forms.CharField(label="制定依据", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    drafting_explanation = forms.CharField(label="起草说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    affects_public = forms.BooleanField(label="涉及公众权利义务（须公开征求意见）", required=False, initial=True)
    market_related = forms.BooleanField(label="与市场主体生产经营活动密切相关（征求意见不少于30日）", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuer_choices()


class OnForm(core_forms.Form):
    on = date_field("日期", initial=_today)


class SubmitReviewForm(core_forms.Form):
    on = date_field("送审日期", initial=_today)
    due_on = date_field("审核期限", required=False, help_text="不少于5个、不超过15个工作日；留空按最长期限")
    comment_summary = forms.CharField(label="征求意见采纳情况", required=False, widget=forms.Textarea(attrs={"rows": 8}),
                                      help_text="已按公众意见的处理结果生成，可修改；留空按处理结果生成")


class HideForm(core_forms.Form):
    reason = forms.CharField(label="屏蔽理由", max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


class OpinionForm(core_forms.Form):
    opinion = forms.ChoiceField(label="审核意见", choices=[("", "请选择")] + Opinion.choices)
    reasons = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 5}))
    on = date_field("出具意见日期", initial=_today)


class ReasonOnForm(core_forms.Form):
    on = date_field("日期", initial=_today)
    reason = forms.CharField(label="理由", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class DeliberateForm(core_forms.Form):
    on = date_field("审议日期", initial=_today)
    meeting = forms.CharField(label="审议会议", max_length=200, help_text="如：县政府第12次常务会议")


class SignForm(core_forms.Form):
    on = date_field("签发日期", initial=_today)
    signer = forms.CharField(label="签发人", max_length=50)


class PublishForm(core_forms.Form):
    published_on = date_field("公布日期", initial=_today)
    published_in = forms.CharField(label="公布载体", max_length=200, initial="县人民政府门户网站")
    effective_from = date_field("施行日期", required=False, help_text="留空则自公布之日起施行")
    valid_years = forms.IntegerField(label="有效期（年）", required=False, min_value=1, max_value=10,
                                     help_text="留空按规定：一般5年，暂行、试行2年")


class AmendForm(core_forms.Form):
    text = forms.CharField(label="修改后全文", widget=forms.Textarea(attrs={"rows": 14}))
    valid_from = date_field("修改后文本施行日期")
    note = forms.CharField(label="修改说明", max_length=500)
    amendment_number = forms.CharField(label="修改决定文号", max_length=60, required=False)


class PackageForm(core_forms.Form):
    has_cover_letter = forms.BooleanField(label="备案报告", required=False)
    has_text = forms.BooleanField(label="正式文本（纸质和电子文本）", required=False)
    has_explanation = forms.BooleanField(label="起草说明", required=False)
    has_legal_basis = forms.BooleanField(label="制定依据", required=False)
    has_publication_proof = forms.BooleanField(label="公布证明", required=False)


class FileForm(PackageForm):
    filed_on = date_field("报备日期", initial=_today)

    field_order = ["filed_on"]


class FilingReviewForm(core_forms.Form):
    result = forms.ChoiceField(label="审查结果", choices=[(FilingStatus.PASSED, "审查通过"),
                                                      (FilingStatus.CORRECTION, "责令纠正")])
    on = date_field("审查日期", initial=_today)
    note = forms.CharField(label="审查意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    correction_due = date_field("纠正期限", required=False, help_text="留空按规定：30日")


class CorrectedForm(core_forms.Form):
    on = date_field("纠正日期", initial=_today)
    note = forms.CharField(label="纠正情况", required=False, max_length=500)


class CampaignForm(core_forms.Form):
    title = forms.CharField(label="清理名称", max_length=200, initial=f"{_today().year}年规范性文件清理")
    opened_on = date_field("启动日期", initial=_today)
    issuer_scope = forms.ChoiceField(label="清理范围（制定机关）", choices=CampaignScope.choices,
                                     initial=CampaignScope.ALL)
    published_from = date_field("公布日期起", required=False, help_text="只清理在此日期及以后公布的文件；留空不限")
    published_to = date_field("公布日期止", required=False, help_text="只清理在此日期及以前公布的文件；留空不限")
    revision_due = date_field("修改/修订完成期限", required=False,
                              help_text="清理意见为“修改/修订”的文件须在此日期前完成修改，逾期将预警")
    unlisted_lapse = forms.BooleanField(label="未列入继续有效目录的文件一律失效", required=False,
                                        help_text="公布清理结果时，清理范围内未列入目录的有效文件宣布失效")


class MarkForm(core_forms.Form):
    outcome = forms.ChoiceField(label="清理意见", choices=CleanupOutcome.choices)
    reason = forms.CharField(label="理由", max_length=500)


class PrefixForm(core_forms.Form):
    unit = IssuerField(label="制定机关", queryset=None)
    prefix = forms.CharField(label="文号前缀", max_length=30, help_text="如：郧西市监规")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = issuer_choices()
