"""Who may do what on normative documents, now: one policy per record type (``fazhi.orgs.policy``).

Views ask these policies for the record (``get``), the buttons (``buttons``) and the template's ``may``;
services re-check with ``check`` so a command or an API call cannot skip what the page refuses.
"""
from fazhi.orgs.policy import Policy

from .choices import CampaignStatus, DocStatus, FilingStatus
from .models import (
    CleanupCampaign,
    CleanupItem,
    DocumentComment,
    Filing,
    IssuerPrefix,
    LegalityReview,
    NormativeDocument,
)
from .permissions import DocPerm
from .workflows import RULE_REVIEW, document_workflow

# A draft may be edited until it goes to collective deliberation; afterwards only by an amendment.
EDITABLE = {DocStatus.DRAFT, DocStatus.COMMENTING, DocStatus.REVIEWING}


class DocumentPolicy(Policy):
    model = NormativeDocument
    view_permission = DocPerm.VIEW
    permissions = {"create": DocPerm.DRAFT, "edit": DocPerm.DRAFT, "amend": DocPerm.MANAGE, "file": DocPerm.DRAFT,
                   "import": DocPerm.MANAGE}
    workflow = document_workflow

    def state_edit(self, doc, on):
        if doc.status not in EDITABLE:
            return "文件已进入审议、签发或公布环节，不能直接修改；已公布的文件只能通过修改决定修改。"
        return None

    def state_amend(self, doc, on):
        if doc.status != DocStatus.PUBLISHED:
            return "只有已公布且仍然有效的文件才能通过修改决定修改。"
        return None

    def state_file(self, doc, on):
        if not doc.is_issued:
            return "文件公布后才能报备。"
        if Filing.objects.filter(document=doc).exists():
            return "该文件已报备。"
        return None


class CommentPolicy(Policy):
    """A public comment on a draft, handled by the drafting unit until the draft goes to collective deliberation
    (its 采纳情况 is then settled); kept for ever, hidden ones too."""

    model = DocumentComment
    view_permission = DocPerm.VIEW
    permissions = {"dispose": DocPerm.DRAFT, "hide": DocPerm.DRAFT}

    def state_dispose(self, comment, on):
        if comment.hidden:
            return "该意见已被屏蔽。"
        if comment.document.status not in EDITABLE:
            return "文件已提请集体审议，不能再修改意见的处理结果。"
        return None

    def state_hide(self, comment, on):
        return "该意见已被屏蔽。" if comment.hidden else None


def comment_window_refusal(doc, on):
    """Whether the public may comment on ``doc`` on day ``on`` (no account, so no user to ask about)."""
    if (doc.status != DocStatus.COMMENTING or not doc.comment_started_on or doc.comment_closed_on
            or on < doc.comment_started_on):
        return "该文件草案当前不在征求意见期内，不能提交意见。"
    return None


class ReviewPolicy(Policy):
    """The review body answers its own reviews (the review, not the document, is in its data scope)."""

    model = LegalityReview
    view_permission = DocPerm.REVIEW
    permissions = {"opine": DocPerm.REVIEW}

    def state_opine(self, review, on):
        if review.opinion or review.opinion_on or review.document.status != DocStatus.REVIEWING:
            return f"没有待出具意见的合法性审核（{RULE_REVIEW}）。"
        return None


class FilingPolicy(Policy):
    model = Filing
    view_permission = DocPerm.VIEW
    permissions = {"complete": DocPerm.DRAFT, "review": DocPerm.MANAGE, "correct": DocPerm.DRAFT}
    labels = {"complete": "补充报备材料", "review": "备案审查", "correct": "登记纠正情况"}

    def state_complete(self, filing, on):
        if filing.status != FilingStatus.INCOMPLETE:
            return "报备材料已齐全。"
        return None

    def state_review(self, filing, on):
        if filing.status == FilingStatus.INCOMPLETE:
            return (f"报备材料不齐全（缺少：{'、'.join(filing.missing)}），补齐后才能审查"
                    "（《湖北省规范性文件备案审查规定》第四条：有件必备、有备必审）。")
        if filing.status != FilingStatus.SUBMITTED:
            return "该报备已审查。"
        return None

    def state_correct(self, filing, on):
        if filing.status != FilingStatus.CORRECTION:
            return "该报备没有待纠正的问题。"
        return None

    def actions_for(self, user, filing):
        """``[(action, label)]`` the filing's page offers ``user`` now."""
        if filing is None:
            return []
        return [(a, self.labels[a]) for a in self.permissions if self.can_on(user, a, filing)]


class CampaignPolicy(Policy):
    model = CleanupCampaign
    view_permission = DocPerm.VIEW
    permissions = {"create": DocPerm.MANAGE, "approve": DocPerm.MANAGE, "publish": DocPerm.MANAGE,
                   "show_public": DocPerm.VIEW}

    def state_approve(self, campaign, on):
        if campaign.status != CampaignStatus.OPEN:
            return "清理结果已审定。"
        return None

    def state_publish(self, campaign, on):
        if campaign.status != CampaignStatus.APPROVED:
            return "清理结果审定后才能公布。"
        return None

    def refusal(self, user, action, obj=None, *, on=None):
        if action == "show_public":  # the public page of a published cleanup: anyone who sees the campaign
            if obj is None or obj.status != CampaignStatus.PUBLISHED:
                return "清理结果尚未公布。"
            return super().refusal(user, "view", obj, on=on)
        return super().refusal(user, action, obj, on=on)


class CleanupItemPolicy(Policy):
    model = CleanupItem
    view_permission = DocPerm.VIEW
    permissions = {"mark": DocPerm.DRAFT}

    def state_mark(self, item, on):
        if item.campaign.status != CampaignStatus.OPEN:
            return "清理结果已审定，不能再修改清理意见。"
        return None


class PrefixPolicy(Policy):
    model = IssuerPrefix
    view_permission = DocPerm.VIEW
    permissions = {"set": DocPerm.MANAGE}
