"""A report's prose with its numbers filled in: plain paragraphs (.docx, public page) or linked HTML."""
from ..choices import CN_NUMERALS
from .figures import PLACEHOLDER


def shown(match, cell):
    """The number a placeholder writes: exact, or in approximate wording for ``{{key|余}}`` (``prose.approximate``)."""
    from .prose import APPROX_WORDS, approximate

    for word in APPROX_WORDS:
        if f"|{word}" in match.group(0).replace(" ", ""):
            return approximate(cell.display, word)
    return cell.display


def numbered_headings(sections):
    """``[(section, "一、…" or "（一）…")]`` in the official numbering (一、（一）)."""
    top = sub = 0
    out = []
    for s in sections:
        if s.level == 1:
            top, sub = top + 1, 0
            out.append((s, f"{CN_NUMERALS[top - 1]}、{s.heading}"))
        else:
            sub += 1
            out.append((s, f"（{CN_NUMERALS[sub - 1]}）{s.heading}"))
    return out


def _paragraphs(body):
    return [p.strip() for p in body.replace("\r\n", "\n").split("\n") if p.strip()]


def render_text(body, cells, *, mask=False):
    """Plain paragraphs with the numbers filled in (for .docx and the public page)."""
    from fazhi.core.masking import mask_text

    def fill(m):
        cell = cells.get(m.group(1))
        return shown(m, cell) if cell else "【缺少指标】"

    paras = [PLACEHOLDER.sub(fill, p) for p in _paragraphs(body)]
    return [mask_text(p) for p in paras] if mask else paras


def render_html(body, cells, *, links=True, mask=False):
    """Paragraphs as HTML; each number links to the records behind it and shows a change since drafting."""
    from django.utils.html import escape, format_html
    from django.utils.safestring import mark_safe

    from fazhi.core.masking import mask_text

    out = []
    for para in _paragraphs(body):
        pieces, pos = [], 0
        for m in PLACEHOLDER.finditer(para):
            text = para[pos:m.start()]
            pieces.append(escape(mask_text(text) if mask else text))
            cell = cells.get(m.group(1))
            if cell is None:
                pieces.append(format_html('<span class="figure figure-missing" title="未取得该指标">【缺少指标】</span>'))
            elif links and cell.link:
                pieces.append(format_html('<a class="figure" href="{}" data-figure="{}" title="{}：查看记录">{}</a>',
                                          cell.link, cell.key, cell.label, shown(m, cell)))
            else:
                pieces.append(format_html('<span class="figure" data-figure="{}">{}</span>', cell.key, shown(m, cell)))
            if cell is not None and cell.changed:
                pieces.append(format_html(
                    '<span class="figure-changed" data-figure-changed="{}">（记录已变化：取数时{}，现为{}）</span>',
                    cell.key, cell.display, cell.new_display))
            pos = m.end()
        tail = para[pos:]
        pieces.append(escape(mask_text(tail) if mask else tail))
        out.append("<p>" + "".join(str(p) for p in pieces) + "</p>")
    return mark_safe("".join(out))  # noqa: S308 (built from escaped parts)
