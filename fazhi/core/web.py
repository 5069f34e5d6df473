"""Small helpers every module's views use: paging, sorting links, turning rule errors into form errors."""
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from .errors import DomainError, NotFound


def paginate(request, queryset, per_page=None):
    paginator = Paginator(queryset, per_page or settings.FAZHI_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    page.query_without_page = params.urlencode()
    return page


def query_with(request, **changes):
    params = request.GET.copy()
    for k, v in changes.items():
        params[k] = v
    return urlencode(params, doseq=True)


def form_error(form, error: DomainError):
    """Show a rule's refusal next to the field it names (or above the form)."""
    field = error.field if error.field in getattr(form, "fields", {}) else None
    form.add_error(field, error.message)


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
