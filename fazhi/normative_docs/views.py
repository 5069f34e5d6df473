"""Pages for normative documents. Thin: a filter set or a form, the record type's policy, one service or
selector, a page."""
import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from fazhi.core import clock, comments, search
from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.masking import mask_text
from fazhi.core.registers import filtered, paginate, register_page
from fazhi.core.web import form_error, form_page, import_page, require_perm, xlsx_response
from fazhi.orgs.security import client_ip

from . import filters, forms, selectors, services
from .choices import CleanupOutcome, DocStatus, Effect
from .models import CleanupItem, DocumentComment, Filing
from .permissions import DocPerm
from .policies import (
    CampaignPolicy,
    CleanupItemPolicy,
    CommentPolicy,
    DocumentPolicy,
    FilingPolicy,
    PrefixPolicy,
    ReviewPolicy,
    comment_window_refusal,
)
from .spreadsheets import doc_sheet, export_docs

documents = DocumentPolicy()
reviews = ReviewPolicy()
filings = FilingPolicy()
campaigns = CampaignPolicy()
cleanup_items = CleanupItemPolicy()
prefixes = PrefixPolicy()
doc_comments = CommentPolicy()


def _refused(request, refusal, url):
    messages.warning(request, refusal)
    return redirect(url)


# Staff: documents ---------------------------------------------------------------------------------

@require_perm(DocPerm.VIEW)
def doc_list(request):
    return register_page(
        request, filterset_class=filters.DocFilter, queryset=selectors.doc_list(user=request.user),
        template="normative_docs/doc_list.html", export=export_docs, export_name="规范性文件",
        context={"may": documents.can_all(request.user, ["create", "import"])})


@require_perm(DocPerm.DRAFT)
def doc_create(request):
    from fazhi.orgs.selectors import own_organ

    form = forms.DocForm(request.POST or None, initial={"issuer": own_organ(request.user)})
    return form_page(request, form, save=lambda d: services.doc_create(actor=request.user, **d),
                     title="起草规范性文件", cancel=reverse("normative_docs:doc_list"), success="文件草案已保存。")


@require_perm(DocPerm.VIEW)
def doc_detail(request, pk):
    doc = documents.get(request.user, pk, qs=selectors.doc_records())
    filing = selectors.doc_filing(doc)
    doc_reviews = list(doc.reviews.all())
    rows = list(doc.comments.select_related("disposed_by", "hidden_by").order_by("number"))
    for c in rows:
        c.document = doc
        c.may = doc_comments.may(request.user, c, actions=["dispose", "hide"])
    return render(request, "normative_docs/doc_detail.html", {
        "doc": doc, "versions": list(doc.versions.all()), "reviews": doc_reviews, "comments": rows,
        "filing": filing, "actions": documents.buttons(request.user, doc),
        "may": documents.may(request.user, doc, actions=["edit", "amend", "file"]),
        "filing_actions": filings.actions_for(request.user, filing),
        "open_review": next((r for r in doc_reviews if reviews.can_on(request.user, "opine", r)), None),
        "history": selectors.doc_history(user=request.user, doc=doc),
    })


@require_perm(DocPerm.DRAFT)
def doc_edit(request, pk):
    doc = documents.get(request.user, pk, qs=selectors.doc_records(), action="edit")
    refusal = documents.refusal(request.user, "edit", doc)
    if refusal:
        return _refused(request, refusal, doc.get_absolute_url())
    version = doc.current_version
    initial = {"title": doc.title, "issuer": doc.issuer, "text": version.text, "legal_basis": version.legal_basis,
               "drafting_explanation": version.drafting_explanation, "affects_public": doc.affects_public,
               "market_related": doc.market_related}
    form = forms.DocForm(request.POST or None, initial=initial)
    return form_page(request, form, save=lambda d: services.doc_update(actor=request.user, doc=doc, **d),
                     title=f"修改：{doc.title}", cancel=doc.get_absolute_url(), success="文件草案已修改。")


# One form and one service per workflow step.
ACTIONS = {
    "start_comment": (forms.OnForm,
                      lambda user, doc, d: services.comment_open(actor=user, doc=doc, on=d["on"])),
    "submit_review": (forms.SubmitReviewForm,
                      lambda user, doc, d: services.review_submit(actor=user, doc=doc, on=d["on"], due_on=d["due_on"],
                                                                  comment_summary=d["comment_summary"])),
    "declare_not_normative": (forms.ReasonOnForm,
                              lambda user, doc, d: services.doc_declare_not_normative(
                                  actor=user, doc=doc, reason=d["reason"], on=d["on"])),
    "deliberate": (forms.DeliberateForm,
                   lambda user, doc, d: services.doc_deliberate(actor=user, doc=doc, on=d["on"],
                                                                meeting=d["meeting"])),
    "sign": (forms.SignForm, lambda user, doc, d: services.doc_sign(actor=user, doc=doc, on=d["on"],
                                                                    signer=d["signer"])),
    "register": (forms.OnForm, lambda user, doc, d: services.doc_register(actor=user, doc=doc, on=d["on"])),
    "publish": (forms.PublishForm, lambda user, doc, d: services.doc_publish(actor=user, doc=doc, **d)),
    "repeal": (forms.ReasonOnForm,
               lambda user, doc, d: services.doc_repeal(actor=user, doc=doc, on=d["on"], reason=d["reason"])),
}


@require_perm(DocPerm.VIEW)
def doc_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404("未知操作")
    doc = documents.get(request.user, pk, qs=selectors.doc_records())
    transition = documents.workflow.transition(action)
    refusal = documents.refusal(request.user, action, doc)
    form_class, run = ACTIONS[action]
    initial = {}
    if action == "submit_review" and doc.status == DocStatus.COMMENTING:  # the 采纳情况, from the dispositions
        initial["comment_summary"] = selectors.adoption_summary(doc)
    form = form_class(request.POST or None, initial=initial)
    preview = None
    if action == "register" and not refusal:  # the number is issued once and for good: show it first
        preview = {"heading": "登记后将发放的文号", "rows": [("文号", selectors.number_preview(doc, clock.today()))],
                   "note": "以今天的日期登记时的文号；登记日期在其他年份的，按该年份编号。如有其他文件先行登记，"
                           "文号顺延，以登记完成后显示的为准。"}
    return form_page(request, form, save=lambda d: run(request.user, doc, d), title=f"{transition.label}：{doc.title}",
                     cancel=doc.get_absolute_url(), done=lambda _: doc.get_absolute_url(),
                     success=f"已{transition.label}。", submit=transition.label,
                     template="normative_docs/doc_action.html", doc=doc, transition=transition, refusal=refusal,
                     confirm=transition.confirm, danger=transition.style.endswith("danger"), preview=preview)


@require_perm(DocPerm.VIEW)
def review_detail(request, pk):
    """The review body's page: the draft with the assistant's highlights, and the opinion form."""
    review = selectors.review_get(user=request.user, pk=pk)
    doc = review.document
    refusal = reviews.refusal(request.user, "opine", review)
    form = forms.OpinionForm(request.POST or None)
    version = doc.current_version
    text = version.text if version else ""
    return form_page(
        request, form, save=lambda d: services.review_opine(actor=request.user, doc=doc, **d),
        title=f"合法性审核：{doc.title}", cancel=reverse("normative_docs:review_queue"),
        done=lambda _: reverse("normative_docs:review_detail", args=[review.pk]), success="审核意见已出具。",
        template="normative_docs/review_detail.html", review=review, doc=doc, refusal=refusal,
        segments=selectors.review_segments(text), flags=selectors.review_flags(text),
        doc_visible=documents.can_on(request.user, "view", doc))


@require_perm(DocPerm.MANAGE)
def doc_amend(request, pk):
    doc = documents.get(request.user, pk, qs=selectors.doc_records(), action="amend")
    refusal = documents.refusal(request.user, "amend", doc)
    if refusal:
        return _refused(request, refusal, doc.get_absolute_url())
    form = forms.AmendForm(request.POST or None, initial={"text": doc.current_version.text})
    return form_page(request, form, save=lambda d: services.doc_amend(actor=request.user, doc=doc, **d),
                     title=f"修改已公布文件：{doc.title}", cancel=doc.get_absolute_url(),
                     success="修改已登记，历史版本已保留。")


# Public comments on a draft (the shared mechanism: fazhi.core.comments) ------------------------------

def _comment_page(request, pk, action, form, save, title, success, **extra):
    comment = doc_comments.get(request.user, pk, qs=DocumentComment.objects.select_related("document"),
                               action=action)
    back = comment.document.get_absolute_url() + "#comments"
    refusal = doc_comments.refusal(request.user, action, comment)
    if refusal:
        extra["warning"] = f"{refusal}{'；' + extra['warning'] if extra.get('warning') else ''}"
    rows = [("意见全文", comment.body), ("提交时间", f"{clock.local(comment.submitted_at):%Y-%m-%d %H:%M}")]
    return form_page(request, form(comment), save=lambda d: save(comment, d), title=f"{title}第{comment.number}条意见",
                     cancel=back, done=lambda _: back, success=success,
                     preview={"heading": f"第{comment.number}条意见（{comment.document.title}）", "rows": rows},
                     **extra)


@require_perm(DocPerm.DRAFT)
def comment_dispose(request, pk):
    # No pre-selected result: the unit reads the whole comment and chooses (a default would be adopted unread).
    return _comment_page(
        request, pk, "dispose",
        lambda c: comments.DisposeForm(request.POST or None, initial={"disposition": c.disposition,
                                                                      "reason": c.disposition_reason}),
        lambda c, d: services.comment_dispose(actor=request.user, comment=c, **d), "处理", "意见已处理。")


@require_perm(DocPerm.DRAFT)
def comment_hide(request, pk):
    return _comment_page(
        request, pk, "hide", lambda c: forms.HideForm(request.POST or None),
        lambda c, d: services.comment_hide(actor=request.user, comment=c, **d), "屏蔽",
        "已屏蔽，该意见仍保存在文件档案中。", submit="屏蔽", danger=True, confirm="确定屏蔽这条意见吗？",
        warning="屏蔽后该意见不计入公开的采纳情况说明，但永久保存在文件档案中，并记录屏蔽人和理由。")


# Filing -------------------------------------------------------------------------------------------

@require_perm(DocPerm.DRAFT)
def doc_file(request, pk):
    doc = documents.get(request.user, pk, qs=selectors.doc_records(), action="file")
    refusal = documents.refusal(request.user, "file", doc)
    if refusal:
        return _refused(request, refusal, doc.get_absolute_url())
    form = forms.FileForm(request.POST or None)

    def success(filing):
        if filing.missing:
            messages.warning(request, f"已报备，但材料不齐全：缺少{'、'.join(filing.missing)}。请尽快补齐。")
            return "报备已登记。"
        return f"已向{filing.filed_to}报备。"

    return form_page(request, form, save=lambda d: services.filing_create(actor=request.user, doc=doc, **d),
                     title=f"报备：{doc.title}", cancel=doc.get_absolute_url(), done=lambda _: doc.get_absolute_url(),
                     success=success, submit="报备")


FILING_ACTIONS = {
    "complete": (forms.PackageForm, services.filing_complete),
    "review": (forms.FilingReviewForm, services.filing_review),
    "correct": (forms.CorrectedForm, services.filing_correct),
}


@require_perm(DocPerm.VIEW)
def filing_action(request, pk, action):
    if action not in FILING_ACTIONS:
        raise Http404("未知操作")
    filing = filings.get(request.user, pk, qs=Filing.objects.select_related("document"), action=action)
    url = filing.document.get_absolute_url()
    refusal = filings.refusal(request.user, action, filing)
    if refusal:
        return _refused(request, refusal, url)
    form_class, run = FILING_ACTIONS[action]
    form = form_class(request.POST or None)
    return form_page(request, form, save=lambda d: run(actor=request.user, filing=filing, **d),
                     title=f"{filings.labels[action]}：{filing.document.title}", cancel=url, done=lambda _: url)


@require_perm(DocPerm.VIEW)
def filing_list(request):
    return register_page(request, filterset_class=filters.FilingFilter,
                         queryset=selectors.filing_list(user=request.user), template="normative_docs/filing_list.html")


@require_perm(DocPerm.REVIEW)
def review_queue(request):
    return register_page(request, filterset_class=filters.ReviewFilter,
                         queryset=selectors.review_queue(user=request.user),
                         template="normative_docs/review_queue.html")


# Import / export ----------------------------------------------------------------------------------

@require_perm(DocPerm.MANAGE)
def doc_import(request):
    def done(result):
        messages.success(request, f"导入完成：{result.saved or 0} 件文件。")
        return redirect("normative_docs:doc_list")

    return import_page(request, spec=lambda data: doc_sheet(actor=request.user), title="导入规范性文件台账",
                       template_url=reverse("normative_docs:doc_template"),
                       cancel=reverse("normative_docs:doc_list"), done=done)


@require_perm(DocPerm.MANAGE)
def doc_template(request):
    return xlsx_response(sheets.template_workbook(doc_sheet()), "规范性文件台账导入模板.xlsx")


@require_perm(DocPerm.MANAGE)
def prefix_list(request):
    return register_page(request, filterset_class=filters.PrefixFilter,
                         queryset=selectors.prefix_list(user=request.user), template="normative_docs/prefix_list.html",
                         context={"may": prefixes.can_all(request.user, ["set"])})


@require_perm(DocPerm.MANAGE)
def prefix_set(request):
    form = forms.PrefixForm(request.POST or None)
    return form_page(request, form, save=lambda d: services.prefix_set(actor=request.user, **d),
                     title="设置文号前缀", cancel=reverse("normative_docs:prefix_list"),
                     done=lambda _: reverse("normative_docs:prefix_list"), success="文号前缀已保存。")


# Cleanup ------------------------------------------------------------------------------------------

@require_perm(DocPerm.VIEW)
def campaign_list(request):
    return register_page(request, filterset_class=filters.CampaignFilter,
                         queryset=selectors.campaign_list(user=request.user),
                         template="normative_docs/campaign_list.html",
                         context={"may": campaigns.can_all(request.user, ["create"])})


@require_perm(DocPerm.MANAGE)
def campaign_create(request):
    form = forms.CampaignForm(request.POST or None)
    return form_page(
        request, form, save=lambda d: services.campaign_open(actor=request.user, **d), title="启动规范性文件清理",
        cancel=reverse("normative_docs:campaign_list"),
        done=lambda c: reverse("normative_docs:campaign_detail", args=[c.pk]),
        success=lambda c: f"清理已启动，共{c.items.count()}件有效文件待各单位提出意见。")


@require_perm(DocPerm.VIEW)
def campaign_detail(request, pk):
    campaign = campaigns.get(request.user, pk)
    items = list(selectors.campaign_items(user=request.user, campaign=campaign))
    for item in items:
        item.may_mark = cleanup_items.can_on(request.user, "mark", item)
    return render(request, "normative_docs/campaign_detail.html", {
        "campaign": campaign, "items": items, "may": campaigns.may(request.user, campaign),
        "totals": selectors.campaign_totals(items)})


@require_perm(DocPerm.DRAFT)
def item_mark(request, pk):
    item = cleanup_items.get(request.user, pk, qs=CleanupItem.objects.select_related("campaign", "document"),
                             action="mark")
    url = reverse("normative_docs:campaign_detail", args=[item.campaign_id])
    refusal = cleanup_items.refusal(request.user, "mark", item)
    if refusal:
        return _refused(request, refusal, url)
    form = forms.MarkForm(request.POST or None, initial={"outcome": item.outcome, "reason": item.reason})
    return form_page(request, form, save=lambda d: services.cleanup_item_mark(actor=request.user, item=item, **d),
                     title=f"清理意见：{item.document}", cancel=url, done=lambda _: url, success="清理意见已保存。")


CAMPAIGN_ACTIONS = {
    "approve": ("审定清理结果", services.campaign_approve, "已审定清理结果。",
                "审定后各单位不能再修改清理意见，确定吗？"),
    "publish": ("公布清理结果", services.campaign_publish, "清理结果已公布。",
                "公布后，列入废止、失效目录的文件自公布之日起不再有效，确定吗？"),
}


@require_perm(DocPerm.MANAGE)
def campaign_action(request, pk, action):
    if action not in CAMPAIGN_ACTIONS:
        raise Http404("未知操作")
    campaign = campaigns.get(request.user, pk, action=action)
    url = reverse("normative_docs:campaign_detail", args=[campaign.pk])
    refusal = campaigns.refusal(request.user, action, campaign)
    if refusal:
        return _refused(request, refusal, url)
    title, run, success, confirm = CAMPAIGN_ACTIONS[action]
    form = forms.OnForm(request.POST or None)
    return form_page(request, form, save=lambda d: run(actor=request.user, campaign=campaign, on=d["on"]),
                     title=f"{title}：{campaign.title}", submit=title, cancel=url, done=lambda _: url,
                     success=success, confirm=confirm)


# Public library -----------------------------------------------------------------------------------

PUBLIC_PAGE_SIZE = 20


def public_list(request):
    """The public library: filters (validated: a bad value is a message), and full-text search ranked by
    relevance when ``q`` is given."""
    fs = filtered(request, filterset_class=filters.PublicDocFilter, queryset=selectors.public_list())
    context = {"filter": fs, "filter_form": fs.form, "campaigns": selectors.public_campaigns()}
    rows = fs.qs  # binds and validates the form: an invalid value is left out (and named in a warning)
    q = fs.form.cleaned_data.get("q", "") if fs.is_bound else ""
    if not q:
        return render(request, "normative_docs/public_list.html", {**context, "page": paginate(request, rows)})
    page_no = _page_number(request)
    size = PUBLIC_PAGE_SIZE
    narrowed = fs.narrowed()
    if narrowed:  # organ / year / effect narrow the matches: rank up to 1,000 matches, then filter them
        results = search.query(q, public_only=True, source=selectors.SEARCH_SOURCE, limit=1000)
    else:
        results = search.query(q, public_only=True, source=selectors.SEARCH_SOURCE, limit=size,
                               offset=(page_no - 1) * size)
    docs = {d.pk: d for d in rows.filter(pk__in=[int(h.entry.object_id) for h in results])}
    hits = [(h, docs[int(h.entry.object_id)]) for h in results if int(h.entry.object_id) in docs]
    total = results.total
    if narrowed:
        total = len(hits)
        hits = hits[(page_no - 1) * size:page_no * size]
    return render(request, "normative_docs/public_list.html", {
        **context, "hits": hits, "total": total, "q": q, "page_no": page_no, "searched": True,
        "query_without_page": _without_page(request), "has_next": total > page_no * size})


def _without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _page_number(request):
    raw = request.GET.get("page", "1")
    return max(1, min(int(raw), 10_000)) if raw.isdecimal() and len(raw) < 8 else 1


def _public_id(request):
    raw = request.GET.get("id", "")
    return int(raw) if raw.isdecimal() and len(raw) < 19 else None


def public_detail(request):
    """``?id=<pk>`` (a query parameter: the page is public, there is no record to hide)."""
    pk = _public_id(request)
    if pk is None:
        return public_list(request)
    try:
        doc = selectors.public_get(pk=pk)
    except NotFound as e:
        raise Http404(e.message) from e
    on = None
    if request.GET.get("on"):
        try:
            on = datetime.date.fromisoformat(request.GET["on"])
        except ValueError:
            messages.warning(request, "已忽略无效的日期，请按 2019-06-30 的格式填写。")
            on = None
    versions = list(doc.versions.all())
    shown = doc.version_on(on) if on else (versions[-1] if versions else None)
    terms = [request.GET["q"][:100]] if request.GET.get("q") else []
    text_html = search.highlight(shown.text, terms) if shown else ""
    return render(request, "normative_docs/public_detail.html", {
        "doc": doc, "versions": versions, "shown": shown, "on": on, "text_html": text_html,
        "summary": mask_text(doc.comment_summary) if doc.comment_started_on else "",
        "effect_on": Effect(doc.effect_on(on)).label if on else None,
    })


@require_http_methods(["GET", "POST"])
def public_draft(request):
    """A draft published for comment (``?id=<pk>``): its text, the period and, while it is open, the form."""
    pk = _public_id(request)
    if pk is None:
        return public_list(request)
    try:
        doc = selectors.public_draft_get(pk=pk)
    except NotFound as e:
        raise Http404(e.message) from e
    today = clock.today()
    open_now = comment_window_refusal(doc, today) is None
    form = comments.PublicCommentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                comment = services.comment_submit(doc=doc, address=client_ip(request), **form.comment_data())
            except DomainError as e:
                form_error(form, e)
            else:
                messages.success(request, f"感谢您的意见！已收到（编号第{comment.number}条），起草单位将逐条研究，"
                                          f"并在征求意见结束后公布采纳情况。")
                return redirect(doc.get_public_draft_url())
        status = 400
    version = doc.current_version
    return render(request, "normative_docs/public_draft.html", {
        "doc": doc, "form": form, "open_now": open_now, "not_yet": doc.comment_started_on > today,
        "comment_count": doc.comments.count(),
        "text": mask_text(version.text) if version else "",
        "explanation": mask_text(version.drafting_explanation) if version else "",
        "summary": mask_text(doc.comment_summary) if doc.comment_closed_on else "",
    }, status=status)


def public_campaign(request):
    pk = _public_id(request)
    if pk is None:
        return public_list(request)
    try:
        campaign = selectors.public_campaign_get(pk=pk)
    except NotFound as e:
        raise Http404(e.message) from e
    items = list(campaign.items.select_related("document", "document__issuer").order_by("document__number"))
    groups = []  # the notice's order: 继续有效、修改/修订、宣布失效、废止; each split government / departments
    for value, label in CleanupOutcome.choices:
        listed = [i for i in items if i.outcome == value]
        if listed:
            parts = [(name, [i for i in listed if selectors.issuer_group(i.document.issuer) == name])
                     for name in (selectors.GOVERNMENT, selectors.DEPARTMENTS)]
            groups.append({"label": label, "count": len(listed), "parts": [p for p in parts if p[1]]})
    return render(request, "normative_docs/public_campaign.html", {
        "campaign": campaign, "groups": groups, "totals": selectors.campaign_totals(items)})
