"""Pages for normative documents. Thin: a form, one service or selector, a page."""
import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from fazhi.core import search
from fazhi.core import spreadsheets as sheets
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.web import filters_from, form_error, import_page, paginate, require_perm, xlsx_response
from fazhi.orgs import scope

from . import forms, selectors, services, workflows
from .choices import EFFECT_TAGS, DocStatus, Effect, FilingStatus
from .models import CleanupItem, Filing, IssuerPrefix
from .permissions import DocPerm
from .spreadsheets import doc_sheet, export_docs

XLSX = sheets.XLSX_CONTENT_TYPE


def _today():
    return timezone.localdate()


def _decorate(docs, day):
    for d in docs:
        d.effect = d.effect_on(day)
        d.effect_text = Effect(d.effect).label
        d.effect_tag = EFFECT_TAGS[d.effect]
        d.overdue = d.status == DocStatus.PUBLISHED and d.valid_until and d.valid_until < day
    return docs


# Staff: documents ---------------------------------------------------------------------------------

@require_perm(DocPerm.VIEW)
def doc_list(request):
    filter_form = forms.DocFilterForm(request.GET or None)
    filters = filters_from(request, ["q", "status", "effect", "year", "sort", "issuer"])
    if filter_form.is_bound and not filter_form.is_valid():
        filters.pop("year", None)
    if not filters.get("issuer", "0").isdigit():
        filters.pop("issuer")
    docs = selectors.doc_list(user=request.user, filters=filters)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(export_docs(docs), f"规范性文件_{_today():%Y%m%d}.xlsx")
    page = paginate(request, docs)
    _decorate(page.object_list, _today())
    return render(request, "normative_docs/doc_list.html", {
        "filter_form": filter_form, "page": page,
        "can_draft": request.user.has_perm(DocPerm.DRAFT), "can_manage": request.user.has_perm(DocPerm.MANAGE),
    })


@require_perm(DocPerm.DRAFT)
def doc_create(request):
    form = forms.DocForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            doc = services.doc_create(actor=request.user, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "文件草案已保存。")
            return redirect(doc.get_absolute_url())
    return render(request, "core/form.html", {"form": form, "title": "起草规范性文件",
                                              "cancel": reverse("normative_docs:doc_list")})


@require_perm(DocPerm.VIEW)
def doc_detail(request, pk):
    doc = selectors.doc_get(user=request.user, pk=pk)
    today = _today()
    _decorate([doc], today)
    filing = selectors.doc_filing(doc)
    can_change = scope.can_change(request.user, doc, perm=DocPerm.VIEW)
    return render(request, "normative_docs/doc_detail.html", {
        "doc": doc, "versions": list(doc.versions.all()), "reviews": list(doc.reviews.all()),
        "filing": filing, "actions": workflows.buttons(request.user, doc),
        "can_edit": can_change and request.user.has_perm(DocPerm.DRAFT) and doc.status in services.EDITABLE,
        "can_amend": can_change and request.user.has_perm(DocPerm.MANAGE) and doc.status == DocStatus.PUBLISHED,
        "can_file": can_change and request.user.has_perm(DocPerm.DRAFT) and doc.is_issued and filing is None,
        "filing_actions": _filing_actions(request.user, filing),
        "open_review": next((r for r in doc.reviews.all() if workflows.may_opine(request.user, r) is None), None),
        "history": selectors.doc_history(user=request.user, doc=doc),
    })


@require_perm(DocPerm.DRAFT)
def doc_edit(request, pk):
    doc = selectors.doc_get(user=request.user, pk=pk, for_change=True)
    version = doc.current_version
    initial = {"title": doc.title, "issuer": doc.issuer, "text": version.text, "legal_basis": version.legal_basis,
               "drafting_explanation": version.drafting_explanation, "affects_public": doc.affects_public,
               "market_related": doc.market_related}
    form = forms.DocForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.doc_update(actor=request.user, doc=doc, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "文件草案已修改。")
            return redirect(doc.get_absolute_url())
    return render(request, "core/form.html", {"form": form, "title": f"修改：{doc.title}",
                                              "cancel": doc.get_absolute_url()})


def _act_start_comment(user, doc, data):
    return services.start_comment(actor=user, doc=doc, on=data["on"])


def _act_submit_review(user, doc, data):
    return services.submit_review(actor=user, doc=doc, on=data["on"], due_on=data["due_on"],
                                  comment_summary=data["comment_summary"])


def _act_not_normative(user, doc, data):
    return services.declare_not_normative(actor=user, doc=doc, reason=data["reason"], on=data["on"])


def _act_deliberate(user, doc, data):
    return services.deliberate(actor=user, doc=doc, on=data["on"], meeting=data["meeting"])


def _act_sign(user, doc, data):
    return services.sign(actor=user, doc=doc, on=data["on"], signer=data["signer"])


def _act_register(user, doc, data):
    return services.register_doc(actor=user, doc=doc, on=data["on"])


def _act_publish(user, doc, data):
    return services.publish(actor=user, doc=doc, **data)


def _act_repeal(user, doc, data):
    return services.repeal(actor=user, doc=doc, on=data["on"], reason=data["reason"])


ACTIONS = {
    "start_comment": (forms.OnForm, _act_start_comment),
    "submit_review": (forms.SubmitReviewForm, _act_submit_review),
    "declare_not_normative": (forms.ReasonOnForm, _act_not_normative),
    "deliberate": (forms.DeliberateForm, _act_deliberate),
    "sign": (forms.SignForm, _act_sign),
    "register": (forms.OnForm, _act_register),
    "publish": (forms.PublishForm, _act_publish),
    "repeal": (forms.ReasonOnForm, _act_repeal),
}


@require_perm(DocPerm.VIEW)
def doc_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404("未知操作")
    doc = selectors.doc_get(user=request.user, pk=pk)
    transition = workflows.document_workflow.transition(action)
    refusal = workflows.document_workflow.refusal(request.user, doc, action)
    if refusal and not scope.can_change(request.user, doc, perm=DocPerm.VIEW):
        raise Http404()
    form_class, run = ACTIONS[action]
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run(request.user, doc, form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, f"已{transition.label}。")
            return redirect(doc.get_absolute_url())
    return render(request, "normative_docs/doc_action.html", {
        "form": form, "doc": doc, "transition": transition, "refusal": refusal, "cancel": doc.get_absolute_url()})


@require_perm(DocPerm.VIEW)
def review_detail(request, pk):
    """The review body's page: the draft with the assistant's highlights, and the opinion form."""
    review = selectors.review_get(user=request.user, pk=pk)
    doc = review.document
    refusal = workflows.may_opine(request.user, review)
    form = forms.OpinionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_opinion(actor=request.user, doc=doc, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "审核意见已出具。")
            return redirect("normative_docs:review_detail", review.pk)
    version = doc.current_version
    text = version.text if version else ""
    return render(request, "normative_docs/review_detail.html", {
        "review": review, "doc": doc, "form": form, "refusal": refusal,
        "segments": selectors.review_segments(text), "flags": selectors.review_flags(text),
        "doc_visible": scope.can_see(request.user, doc, perm=DocPerm.VIEW)})


@require_perm(DocPerm.MANAGE)
def doc_amend(request, pk):
    doc = selectors.doc_get(user=request.user, pk=pk, for_change=True)
    form = forms.AmendForm(request.POST or None, initial={"text": doc.current_version.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.amend(actor=request.user, doc=doc, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "修改已登记，历史版本已保留。")
            return redirect(doc.get_absolute_url())
    return render(request, "core/form.html", {"form": form, "title": f"修改已公布文件：{doc.title}",
                                              "cancel": doc.get_absolute_url()})


# Filing -------------------------------------------------------------------------------------------

def _filing_actions(user, filing):
    if filing is None:
        return []
    actions = []
    if filing.status == FilingStatus.INCOMPLETE and user.has_perm(DocPerm.DRAFT):
        actions.append(("complete", "补充报备材料"))
    if filing.status == FilingStatus.SUBMITTED and user.has_perm(DocPerm.MANAGE):
        actions.append(("review", "备案审查"))
    if filing.status == FilingStatus.CORRECTION and user.has_perm(DocPerm.DRAFT):
        actions.append(("corrected", "登记纠正情况"))
    return actions


@require_perm(DocPerm.DRAFT)
def doc_file(request, pk):
    doc = selectors.doc_get(user=request.user, pk=pk, for_change=True)
    form = forms.FileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            filing = services.file_doc(actor=request.user, doc=doc, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            if filing.missing:
                messages.warning(request, f"已报备，但材料不齐全：缺少{'、'.join(filing.missing)}。请尽快补齐。")
            else:
                messages.success(request, f"已向{filing.filed_to}报备。")
            return redirect(doc.get_absolute_url())
    return render(request, "core/form.html", {"form": form, "title": f"报备：{doc.title}",
                                              "cancel": doc.get_absolute_url()})


FILING_FORMS = {"complete": forms.PackageForm, "review": forms.FilingReviewForm, "corrected": forms.CorrectedForm}


@require_perm(DocPerm.VIEW)
def filing_action(request, pk, action):
    if action not in FILING_FORMS:
        raise Http404("未知操作")
    filing = scope.visible(request.user, Filing.objects.select_related("document"), perm=DocPerm.VIEW)
    filing = filing.filter(pk=pk).first()
    if filing is None:
        raise Http404()
    if not scope.can_change(request.user, filing, perm=DocPerm.VIEW):
        raise Http404()
    if action not in dict(_filing_actions(request.user, filing)):
        raise PermissionDenied("当前不能办理该操作。")
    form = FILING_FORMS[action](request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if action == "complete":
                services.filing_complete(actor=request.user, filing=filing, **data)
            elif action == "review":
                services.filing_review(actor=request.user, filing=filing, **data)
            else:
                services.filing_corrected(actor=request.user, filing=filing, **data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "已保存。")
            return redirect(filing.document.get_absolute_url())
    title = dict(_filing_actions(request.user, filing))[action]
    return render(request, "core/form.html", {"form": form, "title": f"{title}：{filing.document.title}",
                                              "cancel": filing.document.get_absolute_url()})


@require_perm(DocPerm.VIEW)
def filing_list(request):
    filings = selectors.filing_list(user=request.user, filters=filters_from(request, ["status"]))
    page = paginate(request, filings)
    today = _today()
    for f in page.object_list:
        f.overdue = (f.status == FilingStatus.CORRECTION and f.correction_due and f.correction_due < today)
    return render(request, "normative_docs/filing_list.html", {"page": page, "statuses": FilingStatus.choices})


@require_perm(DocPerm.REVIEW)
def review_queue(request):
    reviews = selectors.review_queue(user=request.user)
    page = paginate(request, reviews)
    today = _today()
    for r in page.object_list:
        r.overdue = r.overdue_on(today)
    return render(request, "normative_docs/review_queue.html", {"page": page})


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
    form = forms.PrefixForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.prefix_set(actor=request.user, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "文号前缀已保存。")
            return redirect("normative_docs:prefix_list")
    rows = scope.visible(request.user, IssuerPrefix.objects.select_related("unit"), perm=DocPerm.VIEW)
    return render(request, "normative_docs/prefix_list.html", {"form": form, "rows": rows})


# Cleanup ------------------------------------------------------------------------------------------

@require_perm(DocPerm.VIEW)
def campaign_list(request):
    return render(request, "normative_docs/campaign_list.html", {
        "page": paginate(request, selectors.campaign_list(user=request.user)),
        "can_manage": request.user.has_perm(DocPerm.MANAGE)})


@require_perm(DocPerm.MANAGE)
def campaign_create(request):
    form = forms.CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_open(actor=request.user, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, f"清理已启动，共{campaign.items.count()}件有效文件待各单位提出意见。")
            return redirect("normative_docs:campaign_detail", campaign.pk)
    return render(request, "core/form.html", {"form": form, "title": "启动规范性文件清理",
                                              "cancel": reverse("normative_docs:campaign_list")})


@require_perm(DocPerm.VIEW)
def campaign_detail(request, pk):
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    items = selectors.campaign_items(user=request.user, campaign=campaign)
    manage = request.user.has_perm(DocPerm.MANAGE) and scope.can_change(request.user, campaign, perm=DocPerm.VIEW)
    can_mark = request.user.has_perm(DocPerm.DRAFT) and campaign.status == "open"
    return render(request, "normative_docs/campaign_detail.html", {
        "campaign": campaign, "items": items, "can_mark": can_mark,
        "can_approve": manage and campaign.status == "open",
        "can_publish": manage and campaign.status == "approved",
        "today": _today(),
    })


@require_perm(DocPerm.DRAFT)
def item_mark(request, pk):
    item = scope.changeable(request.user, CleanupItem.objects.select_related("campaign", "document"),
                            perm=DocPerm.VIEW).filter(pk=pk).first()
    if item is None:
        raise Http404()
    form = forms.MarkForm(request.POST or None, initial={"outcome": item.outcome, "reason": item.reason})
    if request.method == "POST" and form.is_valid():
        try:
            services.cleanup_mark(actor=request.user, item=item, **form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "清理意见已保存。")
            return redirect("normative_docs:campaign_detail", item.campaign_id)
    return render(request, "core/form.html", {
        "form": form, "title": f"清理意见：{item.document}",
        "cancel": reverse("normative_docs:campaign_detail", args=[item.campaign_id])})


@require_perm(DocPerm.MANAGE)
def campaign_action(request, pk, action):
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    if action not in ("approve", "publish"):
        raise Http404()
    if not scope.can_change(request.user, campaign, perm=DocPerm.VIEW):
        raise Http404()
    form = forms.OnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        run = services.campaign_approve if action == "approve" else services.campaign_publish
        try:
            run(actor=request.user, campaign=campaign, on=form.cleaned_data["on"])
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, "已审定清理结果。" if action == "approve" else "清理结果已公布。")
            return redirect("normative_docs:campaign_detail", campaign.pk)
    title = "审定清理结果" if action == "approve" else "公布清理结果"
    return render(request, "core/form.html", {
        "form": form, "title": f"{title}：{campaign.title}", "submit": title,
        "cancel": reverse("normative_docs:campaign_detail", args=[campaign.pk])})


# Public library -----------------------------------------------------------------------------------

def public_list(request):
    form = forms.PublicFilterForm(request.GET or None)
    filters = {}
    results = None
    today = _today()
    if form.is_valid():
        filters = {k: (v.pk if hasattr(v, "pk") else v) for k, v in form.cleaned_data.items() if v}
    q = filters.pop("q", "")
    if q:
        page_no = _page_number(request)
        size = 20
        if filters:  # organ / year / status narrow the matches: rank up to 1,000 matches, then filter them
            results = search.query(q, public_only=True, source=services.SEARCH_SOURCE, limit=1000)
        else:
            results = search.query(q, public_only=True, source=services.SEARCH_SOURCE, limit=size,
                                   offset=(page_no - 1) * size)
        docs = {d.pk: d for d in selectors.public_list(filters=filters).filter(
            pk__in=[int(h.entry.object_id) for h in results])}
        hits = [(h, docs[int(h.entry.object_id)]) for h in results if int(h.entry.object_id) in docs]
        total = results.total
        if filters:
            total = len(hits)
            hits = hits[(page_no - 1) * size:page_no * size]
        _decorate([d for _, d in hits], today)
        return render(request, "normative_docs/public_list.html", {
            "form": form, "hits": hits, "total": total, "q": q, "page_no": page_no, "searched": True,
            "query_without_page": _without_page(request),
            "has_next": total > page_no * size, "campaigns": selectors.public_campaigns()})
    page = paginate(request, selectors.public_list(filters=filters))
    _decorate(page.object_list, today)
    return render(request, "normative_docs/public_list.html", {
        "form": form, "page": page, "campaigns": selectors.public_campaigns()})


def _without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _page_number(request):
    try:
        return max(1, int(request.GET.get("page", 1)))
    except ValueError:
        return 1


def _public_id(request):
    try:
        return int(request.GET.get("id", ""))
    except ValueError:
        return None


def public_detail(request):
    """``?id=<pk>`` (a query parameter: the page is public, there is no record to hide)."""
    pk = _public_id(request)
    if pk is None:
        return public_list(request)
    try:
        doc = selectors.public_get(pk=pk)
    except NotFound as e:
        raise Http404(e.message) from e
    today = _today()
    _decorate([doc], today)
    on = None
    if request.GET.get("on"):
        try:
            on = datetime.date.fromisoformat(request.GET["on"])
        except ValueError:
            on = None
    versions = list(doc.versions.all())
    shown = doc.version_on(on) if on else (versions[-1] if versions else None)
    terms = [request.GET["q"]] if request.GET.get("q") else []
    text_html = search.highlight(shown.text, terms) if shown else ""
    return render(request, "normative_docs/public_detail.html", {
        "doc": doc, "versions": versions, "shown": shown, "on": on, "text_html": text_html,
        "effect_on": Effect(doc.effect_on(on)).label if on else None,
    })


def public_campaign(request):
    pk = _public_id(request)
    if pk is None:
        return public_list(request)
    try:
        campaign = selectors.public_campaign_get(pk=pk)
    except NotFound as e:
        raise Http404(e.message) from e
    items = campaign.items.select_related("document", "document__issuer").order_by("outcome", "document__number")
    return render(request, "normative_docs/public_campaign.html", {"campaign": campaign, "items": items})
