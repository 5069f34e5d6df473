"""Normalising typed and imported text before it is stored or compared.

Three strengths, for three purposes:

``clean_text(value)`` — for prose that is *stored* (titles, names, opinions, any imported cell)
    Removes zero-width characters (U+200B–U+200D, U+2060, U+FEFF), trims surrounding whitespace
    (ASCII and the ideographic space U+3000) and folds full-width ASCII letters and digits
    (``Ａ１`` → ``A1``). Everything else is kept as typed: Chinese full-width punctuation
    ``（），：；“”`` stays, because NFKC would turn it into ASCII ``(),:;"`` and spoil the text.

``clean_code(value)`` — for codes, identifiers and numbers (unit codes, 职权编码, 文号, ID numbers)
    Zero-width characters removed, trimmed, then Unicode NFKC: every full-width or compatibility
    form becomes its plain form (``ＳＣＪ－ＣＦ－００１`` → ``SCJ-CF-001``).

``compare_key(value)`` — never stored, only compared (duplicate checks)
    ``clean_code`` plus case folding and every run of whitespace collapsed to one space, so two
    texts that look the same to a reader get the same key.

All three accept ``None`` (→ ``""``) and any object (converted with ``str``).
"""
import re
import unicodedata

__all__ = ["ZERO_WIDTH", "strip_invisible", "clean_text", "clean_code", "compare_key"]

#: Characters that are invisible and carry no meaning in our texts.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_ZERO_WIDTH_RE = re.compile(f"[{ZERO_WIDTH}]")
# Full-width digits and Latin letters (U+FF10–FF19, FF21–FF3A, FF41–FF5A) → ASCII; punctuation is left alone.
_FULLWIDTH_ALNUM = {
    code: code - 0xFEE0
    for start, end in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for code in range(start, end + 1)
}
_SPACES_RE = re.compile(r"\s+")


def _as_text(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def strip_invisible(value) -> str:
    """``value`` without zero-width characters (nothing else changed)."""
    return _ZERO_WIDTH_RE.sub("", _as_text(value))


def clean_text(value) -> str:
    """Prose as it should be stored: invisible characters gone, trimmed, full-width letters/digits folded."""
    return strip_invisible(value).translate(_FULLWIDTH_ALNUM).strip()


def clean_code(value) -> str:
    """A code, identifier or number: invisible characters gone, NFKC, trimmed."""
    return unicodedata.normalize("NFKC", strip_invisible(value)).strip()


def compare_key(value) -> str:
    """The key two texts are compared by: NFKC, case-folded, whitespace runs as one space, trimmed."""
    return _SPACES_RE.sub(" ", clean_code(value).casefold()).strip()
