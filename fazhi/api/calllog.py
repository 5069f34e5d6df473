"""The compact call log: every API call as one row (system, method, path, status), written in batches.

A read must not become a write transaction: on SQLite every write takes the database's one write lock and
on PostgreSQL the audit chain's head row, so a row per read would queue the whole API behind one lock.
Calls are kept in this process's memory and written together (one ``bulk_create`` and one
``last_used_at`` update per token) once ``FAZHI_API_LOG_BATCH`` calls are waiting or
``FAZHI_API_LOG_SECONDS`` have passed, and when the process exits. Accepted writes are in addition in the
audit trail (``services``), inside their own transaction.
"""
import atexit
import threading
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import ApiCallLog, ApiToken

_lock = threading.Lock()
_rows = []
_last = [time.monotonic()]


def log(token, method, path, status):
    row = ApiCallLog(token_id=token.pk if token else None, system=token.system if token else "",
                     at=timezone.now(), method=method, path=path[:300], status=status)
    with _lock:
        _rows.append(row)
        due = (len(_rows) >= getattr(settings, "FAZHI_API_LOG_BATCH", 50)
               or time.monotonic() - _last[0] >= getattr(settings, "FAZHI_API_LOG_SECONDS", 10))
    if due:
        flush()


def flush():
    with _lock:
        rows = _rows[:]
        _rows.clear()
        _last[0] = time.monotonic()
    if not rows:
        return
    used = {}
    for row in rows:
        if row.token_id:
            used[row.token_id] = max(used.get(row.token_id, row.at), row.at)
    with transaction.atomic():
        ApiCallLog.objects.bulk_create(rows)
        for pk, at in used.items():
            ApiToken.objects.filter(pk=pk).update(last_used_at=at)


atexit.register(flush)
