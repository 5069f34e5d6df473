"""The annual report's prose: sentence templates per figure, approximate wording (余、多), paragraphs per theme.

A module registers, beside its figures, one sentence in the seed report's register per figure or group of
figures (``fazhi.core.registry.register_sentence``): ``{orgs.departments}`` stands for the exact number,
``{legal_education.activities|余}`` (or ``|多``) for the number in approximate wording. Drafting turns each
into the report's placeholder ``{{orgs.departments}}`` / ``{{legal_education.activities|余}}``: the number
itself is always filled in from the figure when the report is shown or exported.

The approximate-wording rule (``approximate``) — the one place it is defined:

- below 10 the number is written exactly (“6个”);
- from 10 to 999 it is rounded down to the tens: 60–69 → “60余”, 110–119 → “110余”;
- from 1,000 up it is rounded down to the hundreds: 2300–2399 → “2300多”, 14500–14599 → “14500余”;
- when the rounded number equals the value (60 exactly) the number is written exactly, without 余/多
  (“60余” would then overstate it);
- a number that is not whole (a rate, an average, an amount in 万元 with decimals) is first rounded down to
  a whole number and follows the same rule (420.6万元 → “420余万元”).
"""
import re
from decimal import ROUND_FLOOR, Decimal, InvalidOperation

from fazhi.core import registry

APPROX_WORDS = ("余", "多")
RULE_TEXT = ("约数（“余”“多”）的写法：10以下写确数；10至999向下取整到十位（如60至69写作“60余”），"
             "1000以上向下取整到百位（如2300至2399写作“2300多”）；取整后与实际数相同时写确数，不加“余”“多”。")

SENTENCE_FIGURE = re.compile(r"\{([a-z_]+\.[a-z0-9_]+)(?:\|(余|多))?\}")


def approximate(value, word="余"):
    """The number as the report writes it approximately: ``approximate(64) == "60余"``,
    ``approximate(2356, "多") == "2300多"``, ``approximate(60) == "60"``, ``approximate(7) == "7"``."""
    if word not in APPROX_WORDS:
        raise ValueError(f"approximate wording must be one of {APPROX_WORDS}: {word!r}")
    try:
        exact = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    n = int(exact.to_integral_value(rounding=ROUND_FLOOR))
    if n < 10:
        return str(n)
    step = 10 if n < 1000 else 100
    floor = n - n % step
    return str(floor) if floor == exact else f"{floor}{word}"


def to_placeholders(template):
    """A sentence template's ``{key}`` / ``{key|余}`` as the report's ``{{key}}`` / ``{{key|余}}``."""
    return SENTENCE_FIGURE.sub(lambda m: "{{" + m.group(1) + (f"|{m.group(2)}" if m.group(2) else "") + "}}",
                               template)


def sentence_usable(sentence, computed):
    """A sentence is drafted when every figure it names was computed without error and is non-zero (“开展听证0件”
    is no achievement to report; the office writes what it wants to say about it)."""
    for key in sentence.figures:
        c = computed.get(key)
        if c is None or c.error or not _nonzero(c.value):
            return False
    return bool(sentence.figures)


def _nonzero(value):
    try:
        return Decimal(str(value)) != 0
    except (InvalidOperation, ValueError, TypeError):
        return bool(value)


def theme_paragraph(theme, computed):
    """The theme's paragraph: its registered sentences in order; ``(text, keys)`` where ``keys`` are the figures
    the paragraph states (``("", set())`` when no sentence applies)."""
    chosen = [s for s in registry.sentences().values() if s.theme == theme and sentence_usable(s, computed)]
    chosen.sort(key=lambda s: (s.order, s.key))
    if not chosen:
        return "", set()
    clauses, keys = [], set()
    for s in chosen:
        clauses.append(to_placeholders(s.template).rstrip("。；;，, "))
        keys.update(s.figures)
    return "。".join(clauses) + "。", keys


def stated_figures():
    """Every figure key some registered sentence states."""
    return {key for s in registry.sentences().values() for key in s.figures}


def modules_with_sentences():
    """The modules that registered sentences: their other figures are left to the office, not listed in a clause."""
    return {key.split(".", 1)[0] for s in registry.sentences().values() for key in s.figures}


# The editor's placeholders by name ---------------------------------------------------------------
# The office writes a figure into the text by its Chinese name, ``{{县直单位}}`` or ``{{“法律六进”宣传活动|余}}``;
# the report stores the figure's key, so renaming a label never breaks a report. Two figures with the same
# name are told apart by their module: ``{{村（社区）·公共法律服务}}``.
NAMED = re.compile(r"\{\{\s*([^{}|]+?)\s*(\|\s*(?:余|多)\s*)?\}\}")


def placeholder_names():
    """``{key: name}`` for every registered figure (unique names)."""
    from .figures import module_label, module_of

    figures = registry.figures()
    counts = {}
    for f in figures.values():
        counts[f.label] = counts.get(f.label, 0) + 1
    return {key: f.label if counts[f.label] == 1 else f"{f.label}·{module_label(module_of(key))}"
            for key, f in figures.items()}


def named_text(text, names=None):
    """The stored text with each ``{{key}}`` written as ``{{name}}`` for the editor."""
    names = placeholder_names() if names is None else names

    def swap(m):
        inner = m.group(1)
        return "{{" + names.get(inner, inner) + (m.group(2) or "").replace(" ", "") + "}}"

    return NAMED.sub(swap, text or "")


def keyed_text(text, names=None):
    """``(text with every {{name}} back as {{key}}, [names nobody registered])`` — a key typed as such is kept."""
    names = placeholder_names() if names is None else names
    by_name = {name: key for key, name in names.items()}
    unknown = []

    def swap(m):
        inner = m.group(1)
        key = by_name.get(inner) or (inner if inner in names or re.fullmatch(r"[A-Za-z][\w.]*", inner) else None)
        if key is None:
            unknown.append(inner)
            return m.group(0)
        return "{{" + key + (m.group(2) or "").replace(" ", "") + "}}"

    return NAMED.sub(swap, text or ""), unknown
