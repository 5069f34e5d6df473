"""What the URL contract test needs to know about normative_docs' URLs (samples belong to 市场监管局)."""
import datetime

PUBLIC = {"normative_docs:public_list", "normative_docs:public_detail", "normative_docs:public_campaign",
          "normative_docs:public_draft"}


def _published(c):
    from fazhi.normative_docs.models import NormativeDocument

    doc = NormativeDocument.objects.filter(title="合同抽检样本管理规定").first()
    if doc is None:
        from .factories import published

        doc = published(c, title="合同抽检样本管理规定")
    return doc


def _filing(c):
    from fazhi.normative_docs import services
    from fazhi.normative_docs.models import Filing

    doc = _published(c)
    return Filing.objects.filter(document=doc).first() or services.filing_create(
        actor=c.liaison, doc=doc, filed_on=datetime.date(2019, 3, 25), has_text=True)


def _campaign(c):
    from fazhi.normative_docs import services
    from fazhi.normative_docs.models import CleanupCampaign

    _published(c)
    campaign = CleanupCampaign.objects.filter(title="样本清理").first()
    if campaign is None:
        # opened by the market liaison's unit so that the outsider (水利局) does not see it
        campaign = services.campaign_open(actor=c.office, title="样本清理", opened_on=datetime.date(2019, 6, 1))
        CleanupCampaign.objects.filter(pk=campaign.pk).update(unit=c.market)
    return campaign


def _review(c):
    from fazhi.normative_docs import services
    from fazhi.normative_docs.models import LegalityReview

    review = LegalityReview.objects.filter(document__title="合同抽检样本审核").first()
    if review is None:
        from .factories import draft

        doc = services.review_submit(actor=c.liaison, doc=draft(c, title="合同抽检样本审核"),
                                     on=datetime.date(2019, 3, 1))
        review = doc.reviews.get()
    return review


def _comment(c):
    from fazhi.normative_docs.models import DocumentComment

    comment = DocumentComment.objects.filter(document__title="合同抽检样本征求意见").first()
    if comment is None:
        from .factories import commented

        comment = commented(c, title="合同抽检样本征求意见", body="建议明确抽检样本的保存期限。").comments.get()
    return comment


SAMPLES = {
    "normative_docs:comment_dispose": lambda c: {"pk": _comment(c).pk},
    "normative_docs:comment_hide": lambda c: {"pk": _comment(c).pk},
    "normative_docs:review_detail": lambda c: {"pk": _review(c).pk},
    "normative_docs:doc_detail": lambda c: {"pk": _published(c).pk},
    "normative_docs:doc_edit": lambda c: {"pk": _published(c).pk},
    "normative_docs:doc_amend": lambda c: {"pk": _published(c).pk},
    "normative_docs:doc_file": lambda c: {"pk": _published(c).pk},
    "normative_docs:doc_action": lambda c: {"pk": _published(c).pk, "action": "repeal"},
    "normative_docs:filing_action": lambda c: {"pk": _filing(c).pk, "action": "complete"},
    "normative_docs:campaign_detail": lambda c: {"pk": _campaign(c).pk},
    "normative_docs:campaign_action": lambda c: {"pk": _campaign(c).pk, "action": "approve"},
    "normative_docs:item_mark": lambda c: {"pk": _campaign(c).items.first().pk},
}

SECRET_TEXT = {
    "normative_docs:review_detail": "合同抽检样本审核",
    "normative_docs:doc_detail": "合同抽检样本管理规定",
    "normative_docs:comment_dispose": "建议明确抽检样本的保存期限",
    "normative_docs:comment_hide": "建议明确抽检样本的保存期限",
}
