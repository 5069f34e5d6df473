"""The life of a normative document as a transition table (RULES.md §4).

The legality-review opinion is given on the review's own page (``ReviewPolicy``: the review body may answer
a document it cannot otherwise change); an 不合法 opinion sends the document back to drafting.

起草 → (征求意见) → 合法性审核 → 集体审议 → 签发 → 统一登记编号 → 统一公布 → 有效 → 修改/废止/失效.
Lapse at the end of the validity period is computed from dates (``NormativeDocument.effect_on``), not a step.
Amendment (a new ``DocumentVersion``), filing and cleanup are services beside this table.
"""

from fazhi.core import clock
from fazhi.core.workflow import Transition, Workflow

from .choices import PASSING_OPINIONS, DocStatus
from .models import NormativeDocument
from .permissions import DocPerm

S = DocStatus


def latest_review(doc):
    reviews = list(doc.reviews.all())
    return reviews[-1] if reviews else None


def may_start_comment(user, doc, on=None):
    if not doc.affects_public:
        return "该文件不涉及公众权利义务，无需公开征求意见"
    if doc.comment_started_on:
        return "该文件已征求过意见"
    return None


def may_submit_review(user, doc, on=None):
    if doc.status == S.DRAFT and doc.affects_public and not doc.comment_closed_on:
        return "涉及公众权利义务的文件须先公开征求意见"
    if doc.status == S.COMMENTING and doc.comment_min_end and (on or clock.today()) < doc.comment_min_end:
        return f"征求意见期未满，最早于{doc.comment_min_end:%Y-%m-%d}结束"
    return None


def may_declare_not_normative(user, doc, on=None):
    review = latest_review(doc)
    if review is None or review.opinion or review.opinion_on:
        return "没有待出具意见的合法性审核"
    return None


def may_deliberate(user, doc, on=None):
    review = latest_review(doc)
    if review is None or review.opinion not in PASSING_OPINIONS:
        return "未经合法性审核或者审核意见不是“合法”“修改后合法”的，不得提交集体审议"
    return None


def may_sign(user, doc, on=None):
    if not doc.issuer.is_organ:
        return f"“{doc.issuer}”是内设机构，不得以其名义发布规范性文件"
    return None


def may_register(user, doc, on=None):
    if doc.number:
        return f"该文件已登记编号：{doc.number}"
    return may_sign(user, doc)


def may_publish(user, doc, on=None):
    if not doc.number:
        return "未统一登记编号的文件不得公布"
    return None


# The law each step enforces, in plain Chinese (shown with a refusal). Sources: RULES.md §4.
GUOBAN_37 = "《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）"
GUOBAN_115 = "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）"
GUOFA_33 = "《国务院关于加强法治政府建设的意见》（国发〔2010〕33号）"
RULE_COMMENT = f"{GUOBAN_37}第二部分第（五）项：公开征求意见"
RULE_REVIEW = f"{GUOBAN_115}第（五）项：合法性审核"
RULE_DELIBERATE = f"{GUOBAN_37}第二部分第（六）项：未经合法性审核或者经审核不合法的，不得提交集体审议"
RULE_ORGAN = f"{GUOBAN_37}第一部分第（一）项：不得以内设机构名义发布"
RULE_NUMBER = f"{GUOFA_33}第十一项：统一登记、统一编号、统一公布"

def document_waiting(doc):
    """What the document waits for outside the table: the review opinion, the filing after publication."""
    if doc.status == S.REVIEWING:
        review = latest_review(doc)
        if review is not None and not review.opinion and not review.opinion_on:
            return "待法制审核机构出具合法性审核意见"
    if doc.status == S.PUBLISHED and not doc.imported and not _has_filing(doc):
        return "待起草单位报送备案"
    return None


def _has_filing(doc):
    from .models import Filing

    return Filing.objects.filter(document_id=doc.pk).exists()


document_workflow = Workflow(
    model=NormativeDocument,
    waiting=document_waiting,
    scope_permission=DocPerm.VIEW,
    transitions=[
        Transition("start_comment", "公开征求意见", (S.DRAFT,), S.COMMENTING, "normative_docs.comment_started",
                   permission=DocPerm.DRAFT, guard=may_start_comment, rule=RULE_COMMENT, actor_label="起草单位"),
        Transition("submit_review", "送合法性审核", (S.DRAFT, S.COMMENTING), S.REVIEWING,
                   "normative_docs.review_submitted", permission=DocPerm.DRAFT, guard=may_submit_review,
                   rule=RULE_COMMENT, actor_label="起草单位"),
        Transition("declare_not_normative", "认定不属于规范性文件", (S.REVIEWING,), S.NOT_NORMATIVE,
                   "normative_docs.not_normative", permission=DocPerm.REVIEW, guard=may_declare_not_normative,
                   rule=RULE_NUMBER, confirm="认定后该文件不予登记编号，确定吗？", needs_reason=True,
                   style="outline-danger", actor_label="法制审核机构"),
        Transition("deliberate", "记录集体审议", (S.REVIEWING,), S.DELIBERATED, "normative_docs.deliberated",
                   permission=DocPerm.DRAFT, guard=may_deliberate, rule=RULE_DELIBERATE, actor_label="起草单位"),
        Transition("sign", "记录签发", (S.DELIBERATED,), S.SIGNED, "normative_docs.signed",
                   permission=DocPerm.DRAFT, guard=may_sign, rule=RULE_ORGAN, actor_label="起草单位"),
        Transition("register", "统一登记编号", (S.SIGNED,), S.REGISTERED, "normative_docs.registered",
                   permission=DocPerm.MANAGE, guard=may_register, rule=RULE_NUMBER,
                   confirm="登记后将取得统一编号，编号不能撤回或重复使用，确定登记吗？", actor_label="法治办"),
        Transition("publish", "统一公布", (S.REGISTERED,), S.PUBLISHED, "normative_docs.published",
                   permission=DocPerm.MANAGE, guard=may_publish, rule=RULE_NUMBER,
                   confirm="公布后文件自施行日期起生效，只能通过修改决定修改或废止，确定公布吗？", actor_label="法治办"),
        Transition("repeal", "废止", (S.PUBLISHED,), S.REPEALED, "normative_docs.repealed",
                   permission=DocPerm.MANAGE, confirm="废止后文件不再有效，确定吗？", needs_reason=True,
                   style="outline-danger", actor_label="法治办"),
    ],
)
