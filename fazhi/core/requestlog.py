"""Request ids and structured logs.

``RequestIdMiddleware`` gives every request an id — the reverse proxy's ``X-Request-ID`` when it sends a sane one,
else a new one — returns it in the ``X-Request-ID`` response header and puts it on every log line written while
the request is served (``RequestIdFilter`` adds ``record.request_id``). ``FAZHI_LOG_FORMAT=json`` writes one JSON
object per line (``JsonFormatter``) for a log collector; the default is plain text with the id in brackets.
"""
import contextvars
import json
import logging
import re
import uuid

HEADER = "X-Request-ID"
_SANE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_current = contextvars.ContextVar("fazhi_request_id", default="-")


def current():
    return _current.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = given if _SANE.match(given) else uuid.uuid4().hex
        token = _current.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = _current.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"), "level": record.levelname,
                 "logger": record.name, "message": record.getMessage(),
                 "request_id": getattr(record, "request_id", "-")}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
