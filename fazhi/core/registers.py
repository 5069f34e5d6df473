"""One way to build a register's list page (登记簿/台账): filters, sorting, paging, export.

A module declares, per register, one ``RegisterFilterSet`` (``fazhi.core.filters``) in its
``filters.py`` and calls ``register_page`` from its view with the queryset its selector returns
for the user (already limited to the user's data scope)::

    @require_perm(P.VIEW)
    def case_list(request):
        return register_page(
            request, filterset_class=filters.CaseFilter, queryset=selectors.case_list(user=request.user),
            template="enforcement/case_list.html", export=export_cases, export_name="执法案件",
            context={"may": CasePolicy().can_all(request.user, ["register"])})

- the same filtered queryset feeds the page and the ``?export=xlsx`` download (the export gives
  exactly what the list shows, every page of it);
- an invalid filter value is dropped and named in a warning above the list, never an error page;
- ``?sort=`` accepts the filter set's declared keys only (``SortFilter``);
- paging shows page numbers, a jump box and a page-size choice (``?size=`` 20/50/100);
- the template gets ``filter`` (the bound filter set), ``filter_form``, ``page`` and ``today``.

Import and create/edit pages have their own helpers (``fazhi.core.web.import_page`` and
``fazhi.core.web.form_page``), so every register reads the same way.
"""
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import render

from . import clock

PAGE_SIZES = (20, 50, 100)


def page_size(request):
    raw = request.GET.get("size", "")
    if raw.isdecimal() and int(raw) in PAGE_SIZES:
        return int(raw)
    return getattr(settings, "FAZHI_PAGE_SIZE", PAGE_SIZES[0])


def paginate(request, queryset, per_page=None):
    """A page of ``queryset`` with what the shared pagination bar needs (numbers, jump, size)."""
    size = per_page or page_size(request)
    paginator = Paginator(queryset, size)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    page.query_without_page = params.urlencode()
    params.pop("size", None)
    page.query_without_size = params.urlencode()
    page.size = size
    page.sizes = PAGE_SIZES
    page.numbers = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return page


def filtered(request, *, filterset_class, queryset, **kwargs):
    """The bound filter set for ``request.GET``; invalid values are reported once as a warning message."""
    fs = filterset_class(request.GET or None, queryset=queryset, request=request, **kwargs)
    for text in fs.invalid_messages():
        messages.warning(request, f"已忽略无效的筛选条件——{text}")
    return fs


def register_page(request, *, filterset_class, queryset, template, context=None, export=None, export_name="",
                  filterset_kwargs=None, decorate=None):
    """Render a register's list page (or its Excel export) from one filter set.

    ``decorate(rows)``, if given, adds computed marks (deadlines, overdue flags) to the rows of the page
    shown — a selector's job, called for one page of rows, never for the whole register.
    """
    fs = filtered(request, filterset_class=filterset_class, queryset=queryset, **(filterset_kwargs or {}))
    rows = fs.qs
    if export is not None and request.GET.get("export") == "xlsx":
        from .web import xlsx_response

        return xlsx_response(export(rows), f"{export_name}_{clock.today():%Y%m%d}.xlsx")
    page = paginate(request, rows)
    if decorate is not None:
        decorate(page.object_list)
    return render(request, template, {
        "filter": fs, "filter_form": fs.form, "page": page, "today": clock.today(),
        "can_export": export is not None, **(context or {}),
    })
