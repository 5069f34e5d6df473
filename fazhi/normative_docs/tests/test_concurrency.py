"""Concurrent registration never duplicates a number, and one document is numbered once (PostgreSQL row locks)."""
import threading

import pytest
from django.db import close_old_connections, connection

from fazhi.core.errors import DomainError
from fazhi.normative_docs import services
from fazhi.normative_docs.models import NormativeDocument

from .factories import D, signed

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _run_together(calls):
    results, errors = [], []
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait(timeout=30)
            results.append(call())
        except DomainError as e:
            errors.append(e)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results, errors


def test_concurrent_registrations(county):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL; SQLite serialises every writer anyway")
    docs = [signed(county, title=f"第{i}号办法") for i in range(6)]
    same = docs[0]
    calls = [lambda d=d: services.doc_register(actor=county.office, doc=d, on=D(2019, 3, 14)) for d in docs]
    calls.append(lambda: services.doc_register(actor=county.office, doc=same, on=D(2019, 3, 14)))
    results, errors = _run_together(calls)
    assert len(results) == 6 and len(errors) == 1  # the same document is numbered only once
    numbers = sorted(NormativeDocument.objects.values_list("number_seq", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6]
