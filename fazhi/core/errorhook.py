"""The error-reporting hook: ``FAZHI_ERROR_HOOK`` names a callable (``"package.module.function"``) called with every
unhandled exception — a page's (Django's ``got_request_exception``) and a scheduled job's — so an installation can
send them to its own monitoring (Sentry, a log collector, an e-mail to the IT staff). Unset: nothing is called.

The callable receives ``(exc, *, request=None, context=None)``; ``context`` holds the request id or the job's key
and day. A hook that fails is logged and never hides the original error.
"""
import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("fazhi.errors")


def report_exception(exc, *, request=None, context=None):
    path = getattr(settings, "FAZHI_ERROR_HOOK", "")
    if not path:
        return False
    try:
        import_string(path)(exc, request=request, context=context or {})
    except Exception:
        logger.exception("error hook %s failed", path)
        return False
    return True


def on_request_exception(sender, request=None, **kwargs):
    """Django's ``got_request_exception`` receiver (connected in ``CoreConfig.ready``)."""
    import sys

    exc = sys.exc_info()[1]
    if exc is not None:
        report_exception(exc, request=request, context={"request_id": getattr(request, "request_id", "")})
