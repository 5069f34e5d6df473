import time

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .navigation import menu_for
from .registry import todo_counts

#: The menu's to-do counts come from the workbench, which counts afresh on every visit and keeps them in the session
#: for this long; other pages show them while fresh and never run every module's to-do checks themselves (a page's
#: cost stays its own).
MENU_COUNTS_SECONDS = 600


def layout(request):
    user = getattr(request, "user", None)
    return {
        "county_name": settings.FAZHI_COUNTY_NAME,
        "site_title": f"{settings.FAZHI_COUNTY_NAME}法治政府建设平台",
        # lazy: only pages that draw the menu look at the to-do counts
        "nav_menu": SimpleLazyObject(lambda: _menu(request, user))
        if user is not None and user.is_authenticated else [],
        # lazy, one query when the header draws it: the user's unread messages (fazhi.core.notify)
        "unread_messages": SimpleLazyObject(lambda: _unread(user)),
    }


def _unread(user):
    from .notify import unread_count

    return unread_count(user) if user is not None and user.is_authenticated else 0


def _menu(request, user):
    return menu_for(user, request.path, todo_counts=menu_counts(request))


def menu_counts(request):
    """``{module: n}`` for the menu: this request's to-dos when the page collected them (the workbench), which are
    then kept in the session; else the kept counts while fresh; else none (no counts shown)."""
    session = getattr(request, "session", None)
    if getattr(request, "_fazhi_todos", None) is not None:
        counts = todo_counts(request._fazhi_todos[0])
        if session is not None:
            session["_fazhi_todo_counts"] = {"at": time.time(), "counts": counts}
        return counts
    kept = session.get("_fazhi_todo_counts") if session is not None else None
    if kept and time.time() - kept.get("at", 0) < MENU_COUNTS_SECONDS:
        return kept["counts"]
    return {}
