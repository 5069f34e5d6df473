"""Unified numbering (统一编号): ``郧西政规〔2019〕3号``.

``next_number`` must be called inside the transaction that registers the record: the row
lock makes concurrent callers wait for each other, so two never get the same number, and a
registration that rolls back gives its number back, so no gap is left.
"""
from django.db import IntegrityError, transaction

from . import audit
from .errors import DomainError
from .models import NumberSequence


def format_number(prefix, year, number):
    return f"{prefix}〔{year}〕{number}号"


def next_number(*, actor, prefix, year, obj=None):
    """Reserve and return ``(number, text)`` for ``prefix`` in ``year``."""
    prefix = (prefix or "").strip()
    if not prefix:
        raise DomainError("编号前缀不能为空。", field="prefix")
    if not (1949 <= int(year) <= 2999):
        raise DomainError(f"编号年份不正确：{year}。", field="year")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must run inside the registering transaction")
    if not NumberSequence.objects.filter(prefix=prefix, year=year).exists():
        try:
            with transaction.atomic():
                NumberSequence.objects.create(prefix=prefix, year=year)
        except IntegrityError:
            pass  # another registration created it first; the lock below waits for it
    seq = NumberSequence.objects.select_for_update().get(prefix=prefix, year=year)
    seq.last_number += 1
    seq.save(update_fields=["last_number"])
    text = format_number(prefix, year, seq.last_number)
    audit.record(actor=actor, event="core.number_issued", obj=obj or seq, object_repr=text,
                 changes={"number": [None, text]})
    return seq.last_number, text
