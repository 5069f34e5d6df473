"""What waits for a user among normative documents: reviews to give, numbers to register, documents to
publish, filings to send, complete or review — each within what the user may act on."""
from django.db.models import Count, Min
from django.urls import reverse

from fazhi.core import workdays
from fazhi.core.registry import ROWS_PER_KIND, Todo, register_todo, todo_rows
from fazhi.core.rules import get_setting

from .choices import DocStatus, FilingStatus
from .models import DocumentComment, Filing, LegalityReview, NormativeDocument
from .permissions import DocPerm
from .policies import EDITABLE, CommentPolicy, DocumentPolicy, FilingPolicy, ReviewPolicy

DOCS, REVIEWS, FILINGS, COMMENTS = DocumentPolicy(), ReviewPolicy(), FilingPolicy(), CommentPolicy()


def _doc_link(doc):
    return reverse("normative_docs:doc_detail", args=[doc.pk])


def _more(text, link):
    return lambda n: Todo(title=text.format(n=n), count=n, link=link, action="查看")


def documents(user, today):
    if user is None or not user.has_perm(DocPerm.VIEW):
        return []
    todos = []
    doc_list = reverse("normative_docs:doc_list")
    if user.has_perm(DocPerm.REVIEW):
        reviews = REVIEWS.visible(user, LegalityReview.objects.filter(
            opinion="", opinion_on__isnull=True, document__status=DocStatus.REVIEWING), action="opine")
        todos += todo_rows(
            reviews.select_related("document", "document__unit").order_by("due_on", "pk"),
            lambda r: Todo(title=f"出具合法性审核意见：{r.document.title}", due=r.due_on, unit=r.document.unit.name,
                           link=reverse("normative_docs:review_detail", args=[r.pk]), action="审核"),
            more=_more("另有{n}件规范性文件待出具合法性审核意见", reverse("normative_docs:review_queue")))
    if user.has_perm(DocPerm.MANAGE):
        for status, action, verb, text in (
                (DocStatus.SIGNED, "register", "登记编号", "统一登记编号：{title}（{unit}，{on}签发）"),
                (DocStatus.REGISTERED, "publish", "公布", "统一公布：{title}（{number}）")):
            docs = DOCS.visible(user, NormativeDocument.objects.filter(status=status), action=action)
            todos += todo_rows(
                docs.select_related("unit").order_by("signed_on", "registered_on", "pk"),
                lambda d, text=text, verb=verb: Todo(
                    title=text.format(title=d.title, unit=d.unit.name, number=d.number,
                                      on=f"{d.signed_on:%Y-%m-%d}" if d.signed_on else "已"),
                    unit=d.unit.name, link=_doc_link(d), action=verb),
                more=_more("另有{n}件规范性文件待" + verb, f"{doc_list}?status={status}"))
        to_review = FILINGS.visible(user, Filing.objects.filter(status=FilingStatus.SUBMITTED), action="review")
        todos += todo_rows(
            to_review.select_related("document", "document__unit").order_by("filed_on", "pk"),
            lambda f: Todo(title=f"备案审查：{f.document.title}", unit=f.document.unit.name,
                           link=_doc_link(f.document), action="审查"),
            more=_more("另有{n}件报备待审查", f"{reverse('normative_docs:filing_list')}?status=submitted"))
    if user.has_perm(DocPerm.DRAFT):
        todos += _comments(user, doc_list)
        days = get_setting("normative_docs.filing_days")
        cal = workdays.Calendar()
        unfiled = DOCS.visible(user, NormativeDocument.objects.issued().filter(imported=False, filing__isnull=True),
                               action="file")
        todos += todo_rows(
            unfiled.select_related("unit").order_by("published_on", "pk"),
            lambda d: Todo(title=f"报送备案：{d.title}（{d.published_on:%Y-%m-%d}公布）", unit=d.unit.name,
                           due=cal.add_calendar_days(d.published_on, days) if d.published_on else None,
                           link=_doc_link(d), action="报备"),
            more=_more("另有{n}件已公布的规范性文件待报送备案", f"{doc_list}?status=published"))
        incomplete = FILINGS.visible(user, Filing.objects.filter(status=FilingStatus.INCOMPLETE), action="complete")
        todos += todo_rows(
            incomplete.select_related("document", "document__unit").order_by("due_on", "pk"),
            lambda f: Todo(title=f"补充报备材料：{f.document.title}", unit=f.document.unit.name, due=f.due_on,
                           link=_doc_link(f.document), action="补充"),
            more=_more("另有{n}件报备材料不齐全", f"{reverse('normative_docs:filing_list')}?status=incomplete"))
    return todos


def _comments(user, doc_list):
    """Public comments waiting to be handled, one row per draft (oldest comment first)."""
    waiting = COMMENTS.visible(user, DocumentComment.objects.filter(
        hidden=False, disposition="", document__status__in=EDITABLE), action="dispose")
    groups = list(waiting.values("document_id", "document__title", "document__unit__name")
                  .annotate(n=Count("id"), first=Min("submitted_at")).order_by("first", "document_id")
                  [:ROWS_PER_KIND + 1])
    todos = [Todo(title=f"处理公众意见：{g['document__title']}（{g['n']}条待处理）", count=g["n"],
                  unit=g["document__unit__name"], link=reverse("normative_docs:doc_detail", args=[g["document_id"]])
                  + "#comments", action="处理") for g in groups[:ROWS_PER_KIND]]
    if len(groups) > ROWS_PER_KIND:
        rest = waiting.exclude(document_id__in=[g["document_id"] for g in groups[:ROWS_PER_KIND]]).count()
        todos.append(Todo(title=f"另有{rest}条规范性文件公众意见待处理", count=rest,
                          link=f"{doc_list}?status={DocStatus.COMMENTING}", action="查看"))
    return todos


register_todo("normative_docs.documents", label="规范性文件", collect=documents)
