"""Small helpers every module's views use: paging, sorting links, turning rule errors into form errors."""
from urllib.parse import quote, urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from .errors import DomainError, NotFound


def paginate(request, queryset, per_page=None):
    """A page of ``queryset`` for the shared pagination bar (see ``fazhi.core.registers.paginate``)."""
    from .registers import paginate as register_paginate

    return register_paginate(request, queryset, per_page)


def query_with(request, **changes):
    params = request.GET.copy()
    for k, v in changes.items():
        params[k] = v
    return urlencode(params, doseq=True)


def form_error(form, error: DomainError):
    """Show a rule's refusal next to the field it names (or above the form)."""
    field = error.field if error.field in getattr(form, "fields", {}) else None
    form.add_error(field, error.message)


def form_page(request, form, *, save, title, cancel, done=None, success="已保存。", template="core/form.html",
              submit="保存", **extra):
    """The one create/edit/step page every register uses.

    GET shows ``form`` (bound to ``request.POST``/``FILES`` by the caller). A valid POST calls
    ``save(cleaned_data)`` — one service call, which owns the rules and the transaction — and on
    success shows ``success`` (text, or ``success(obj)``) and redirects to ``done(obj)`` (a URL) or
    the object's own page. A ``DomainError`` is shown next to the field it names and nothing is saved;
    the form keeps what was typed. ``extra`` goes to the template (``warning``, ``confirm``, ``danger``…).
    """
    from django.contrib import messages
    from django.shortcuts import redirect

    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form.cleaned_data)
        except DomainError as e:
            form_error(form, e)
        else:
            messages.success(request, success(obj) if callable(success) else success)
            return redirect(done(obj) if done is not None else obj.get_absolute_url())
    return render(request, template, {"form": form, "title": title, "submit": submit, "cancel": cancel, **extra})


def require_perm(perm):
    """View decorator: login required, then the function permission (403 in Chinese when missing)."""

    def decorator(view):
        @login_required
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(perm):
                raise PermissionDenied("您没有此功能的权限。")
            try:
                return view(request, *args, **kwargs)
            except NotFound as e:
                raise Http404(e.message) from e

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        wrapped.required_perm = perm
        return wrapped

    return decorator


def filters_from(request, names):
    return {n: request.GET.get(n, "").strip() for n in names if request.GET.get(n, "").strip()}


def download_response(content, content_type, filename):
    """A file download whose (Chinese) name survives every browser (RFC 5987)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def xlsx_response(content, filename):
    """An .xlsx download with a Chinese file name."""
    from .spreadsheets import XLSX_CONTENT_TYPE

    return download_response(content, XLSX_CONTENT_TYPE, filename)


def import_page(request, *, spec, title, template_url, cancel, done, form_class=None):
    """The Excel import page every register uses: every row is checked, all or nothing is saved,
    every error is listed by row and column.

    ``spec(cleaned_data)`` builds the ``SheetSpec`` (its ``save_rows`` calls the module's service);
    ``done(result)`` answers a clean import (a message and a redirect).
    """
    from . import spreadsheets
    from .forms import ImportForm

    form = (form_class or ImportForm)(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = spreadsheets.import_file(spec(form.cleaned_data), form.cleaned_data["file"])
        except DomainError as e:
            form_error(form, e)
        else:
            if result.ok:
                return done(result)
    return render(request, "core/import.html", {
        "form": form, "result": result, "title": title, "template_url": template_url, "cancel": cancel})
