"""Unified numbering: per prefix and year, no gap, no duplicate — also under 20 concurrent registrations."""
import threading

import pytest
from django.db import close_old_connections, connection, transaction

from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry, NumberSequence
from fazhi.core.numbering import format_number, next_number


def issue(prefix="郧西政规", year=2019, actor=None):
    with transaction.atomic():
        return next_number(actor=actor, prefix=prefix, year=year)


@pytest.mark.django_db
class TestNumbering:
    def test_numbers_follow_each_other_in_the_official_format(self):
        assert issue() == (1, "郧西政规〔2019〕1号")
        assert issue() == (2, "郧西政规〔2019〕2号")
        assert issue()[1] == "郧西政规〔2019〕3号"

    def test_each_prefix_and_year_counts_on_its_own(self):
        issue()
        issue()
        assert issue(year=2020)[0] == 1
        assert issue(prefix="郧西司规")[0] == 1
        assert issue()[0] == 3

    def test_a_rolled_back_registration_gives_its_number_back(self):
        issue()
        with pytest.raises(RuntimeError), transaction.atomic():
            next_number(actor=None, prefix="郧西政规", year=2019)
            raise RuntimeError("registration failed after numbering")
        assert issue()[0] == 2  # no gap

    def test_each_number_is_audited(self):
        issue()
        entry = AuditEntry.objects.order_by("-seq").first()
        assert entry.event_name == "core.number_issued" and entry.object_repr == "郧西政规〔2019〕1号"

    def test_bad_prefix_or_year_is_refused_in_chinese(self):
        with pytest.raises(DomainError, match="前缀"):
            issue(prefix=" ")
        with pytest.raises(DomainError, match="年份"):
            issue(year=19)

    def test_format(self):
        assert format_number("郧西政规", 2019, 12) == "郧西政规〔2019〕12号"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_registrations_get_twenty_distinct_consecutive_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL; SQLite serialises every writer anyway")
    results, errors = [], []
    barrier = threading.Barrier(20)

    def register():
        try:
            barrier.wait(timeout=30)
            results.append(issue()[0])
        except Exception as e:  # collected and asserted below
            errors.append(e)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=register) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert sorted(results) == list(range(1, 21))
    assert NumberSequence.objects.get(prefix="郧西政规", year=2019).last_number == 20
    assert AuditEntry.objects.filter(event_name="core.number_issued").count() == 20
