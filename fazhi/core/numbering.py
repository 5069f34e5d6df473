"""Unified numbering (统一编号): ``郧西政规〔2019〕3号``.

``next_number`` must be called inside the transaction that registers the record: the row
lock makes concurrent callers wait for each other, so two never get the same number, and a
registration that rolls back gives its number back, so no gap is left.
"""
import re
import unicodedata
from dataclasses import dataclass

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


# Document numbers as written (文号) ---------------------------------------------------------------

# 〔〕 is the form the national standard for official documents prescribes (GB/T 9704); registers also hold
# [] ［］ () （） 【】 ｛｝ around the year, full-width digits and stray spaces.
_BRACKETS = "[［(（【{｛〔"
_CLOSING = "]］)）】}｝〕"
_NUMBER_RE = re.compile(r"^(?P<prefix>[^\d\s〔〕]{1,30}?)〔(?P<year>\d{4})〕第?(?P<seq>\d{1,6})号$")


@dataclass(frozen=True)
class DocumentNumber:
    prefix: str
    year: int
    seq: int

    @property
    def text(self):
        return format_number(self.prefix, self.year, self.seq)


def parse_number(text):
    """Parse a 文号 as registers write it (``郧西政规〔2026〕1号``, ``高政发[2021]1号``, ``（2021）``, full-width
    digits, spaces) into a ``DocumentNumber`` written the standard way; ``None`` for an empty text.

    Raises ``DomainError(field="number")`` for text that is not a document number (``abc``)."""
    raw = unicodedata.normalize("NFKC", text or "")
    raw = re.sub(r"[\s\u200b-\u200d\ufeff]+", "", raw)
    if not raw:
        return None
    for o in _BRACKETS:
        raw = raw.replace(unicodedata.normalize("NFKC", o), "〔")
    for c in _CLOSING:
        raw = raw.replace(unicodedata.normalize("NFKC", c), "〕")
    m = _NUMBER_RE.match(raw)
    if not m or not (1949 <= int(m["year"]) <= 2999) or int(m["seq"]) < 1:
        raise DomainError(f"文号“{text.strip()}”不是规范的发文字号，应为“机关代字〔年份〕序号号”，"
                          f"如：郧西政规〔2026〕1号。", field="number")
    return DocumentNumber(m["prefix"], int(m["year"]), int(m["seq"]))


def reserve_number(*, actor, prefix, year, number, obj=None):
    """Record that ``number`` under ``prefix``/``year`` is taken (a number issued outside the platform, e.g.
    an imported register): the sequence moves up to it, so ``next_number`` then issues the next free one.
    Must run inside the transaction that saves the record; concurrent callers wait on the row lock."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("reserve_number() must run inside the registering transaction")
    if not NumberSequence.objects.filter(prefix=prefix, year=year).exists():
        try:
            with transaction.atomic():
                NumberSequence.objects.create(prefix=prefix, year=year)
        except IntegrityError:
            pass
    seq = NumberSequence.objects.select_for_update().get(prefix=prefix, year=year)
    if number > seq.last_number:
        old = seq.last_number
        seq.last_number = number
        seq.save(update_fields=["last_number"])
        audit.record(actor=actor, event="core.number_reserved", obj=obj or seq,
                     object_repr=format_number(prefix, year, number), changes={"last_number": [old, number]})
    return seq.last_number


def peek_number(*, prefix, year, at_least=0):
    """``(number, text)`` that ``next_number`` would issue now for ``prefix`` in ``year`` — for showing before
    the registration is confirmed. Nothing is reserved or audited: another registration may take it first, so
    the page says the number is the expected one. ``at_least``: a number already used outside the sequence."""
    seq = NumberSequence.objects.filter(prefix=(prefix or "").strip(), year=year).first()
    number = max(seq.last_number if seq else 0, at_least or 0) + 1
    return number, format_number((prefix or "").strip(), year, number)
