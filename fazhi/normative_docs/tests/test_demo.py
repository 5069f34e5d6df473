"""Demo data for 2019: consistent with the seed, deterministic and idempotent."""
import pytest

from fazhi.core.models import AuditEntry
from fazhi.core.registry import figures
from fazhi.normative_docs import demo
from fazhi.normative_docs.models import NormativeDocument


@pytest.mark.django_db
def test_demo_is_idempotent_and_feeds_the_figures(demo_county):
    assert NormativeDocument.objects.count() > 20  # the session loaded the demo (demo_county)
    count, entries = NormativeDocument.objects.count(), AuditEntry.objects.count()
    assert demo.load()["documents"] == 0
    assert (NormativeDocument.objects.count(), AuditEntry.objects.count()) == (count, entries)

    def value(key):
        return figures()[f"normative_docs.{key}"].compute(year=2019).value

    assert value("published") == len(demo.DOCS)
    assert value("filing_rate") == 100
    assert 0 < value("on_time_rate") < 100  # two filings were late
    assert value("corrections_required") == 1
    # reviews of normative documents: part of the seed's "审查政府规范性文件、项目合同60余份"
    assert 20 <= value("reviews_done") <= 40
    assert figures()["normative_docs.cleanup_results"].compute(year=2019).breakdown["废止"] == 2
    gov = NormativeDocument.objects.filter(number__startswith="郧西政规〔2019〕").order_by("number_seq")
    assert [d.number_seq for d in gov] == list(range(1, gov.count() + 1))
