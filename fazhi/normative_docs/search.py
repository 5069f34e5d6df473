"""How normative documents become search entries (the services index them on every write; this re-indexes all)."""
from fazhi.core.registry import register_search

from .models import NormativeDocument


def entries():
    from .selectors import search_fields

    for doc in NormativeDocument.objects.select_related("issuer", "unit").prefetch_related("versions"):
        yield doc, search_fields(doc)


register_search("normative_docs.document", label="行政规范性文件", entries=entries)
