"""The report as .docx in the official layout (GB/T 9704-2012), and its conversion to PDF."""
from ..workflows import FILL_IN_MARK
from .rendering import numbered_headings, render_text
from .reports import report_cells, sections_of

# GB/T 9704 layout
FONT_TITLE, FONT_H1, FONT_H2, FONT_BODY, FONT_PAGE = "方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体"


def _font(run, name, size_pt, bold=False):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(slot), name)


def _page_number(paragraph):
    """— PAGE — as a field, 宋体 四号 (14 pt)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    _font(paragraph.add_run("— "), FONT_PAGE, 14)
    run = paragraph.add_run()
    _font(run, FONT_PAGE, 14)
    for tag, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        elif text == "1":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._element.append(el)
    _font(paragraph.add_run(" —"), FONT_PAGE, 14)


def _split_marks(text):
    """``[(piece, is_fill_in_marker)]``: the 【待填写：…】 markers cut out of a paragraph."""
    out, pos = [], 0
    while True:
        start = text.find(FILL_IN_MARK, pos)
        if start < 0:
            break
        end = text.find("】", start)
        end = len(text) if end < 0 else end + 1
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text) or not out:
        out.append((text[pos:], False))
    return out


def _official_styles(doc):
    """Heading 1 (一、 黑体 三号) and Heading 2 （（一） 楷体 三号) as real heading styles in the official layout, so
    Word's navigation pane and table of contents see the structure; returns ``{1: style, 2: style}``."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    out = {}
    for level, font in ((1, FONT_H1), (2, FONT_H2)):
        style = doc.styles[f"Heading {level}"]
        style.font.name = font
        style.font.size = Pt(16)
        style.font.bold = False
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for slot in ("w:eastAsia", "w:ascii", "w:hAnsi"):
            fonts.set(qn(slot), font)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if fonts.get(qn(attr)) is not None:
                del fonts.attrib[qn(attr)]
        fmt = style.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(28.95)
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.first_line_indent = Pt(32)
        fmt.keep_with_next = True
        out[level] = style
    return out


def report_docx(report, cells=None, *, mask=False) -> bytes:
    """The report as .docx in the official layout (GB/T 9704-2012): A4; margins 37/35/28/26 mm; title
    方正小标宋 22 pt; body 仿宋_GB2312 16 pt, exact 28.95 pt lines, 2-character indent; page numbers outside.

    ``mask=True`` gives the public version: personal data in the prose masked exactly as on the public page
    (the public site serves the copy rendered once at publication, ``Report.public_docx``)."""
    import io

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    if cells is None:
        cells = report_cells(report, check_changes=False)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(21)
    doc.settings.odd_and_even_pages_header_footer = True

    styles = _official_styles(doc)
    unfinished = []

    def para(text, font, size, *, align=None, indent=True, bold=False, style=None):
        p = doc.add_paragraph(style=style)
        fmt = p.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(28.95)
        fmt.space_before = fmt.space_after = Pt(0)
        if indent:
            fmt.first_line_indent = Pt(32)
        if align is not None:
            p.alignment = align
        if style is not None:  # the style carries the font; runs do not override it
            p.add_run(text)
            return p
        for piece, marked in _split_marks(text):
            run = p.add_run(piece)
            _font(run, font, size, bold)
            if marked:  # what only people can write: highlighted as unfinished, never as finished prose
                from docx.enum.text import WD_COLOR_INDEX

                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                unfinished.append(piece)
        return p

    title = para(report.title, FONT_TITLE, 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    title.paragraph_format.line_spacing = Pt(40)
    para("", FONT_BODY, 16, indent=False)
    for s, heading in numbered_headings(sections_of(report)):
        para(heading, None, 16, style=styles[1] if s.level == 1 else styles[2])
        for text in render_text(s.body, cells, mask=mask):
            para(text, FONT_BODY, 16, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    para("", FONT_BODY, 16, indent=False)
    sign = para(report.signer, FONT_BODY, 16, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    sign.paragraph_format.right_indent = Pt(64)
    on = report.signed_on
    date_text = f"{on.year}年{on.month}月{on.day}日" if on else f"{FILL_IN_MARK}：成文日期】"
    dated = para(date_text, FONT_BODY, 16, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    dated.paragraph_format.right_indent = Pt(64)
    if unfinished:  # a draft: said under the title, in the document's own words
        from docx.enum.text import WD_COLOR_INDEX

        note = doc.paragraphs[1].insert_paragraph_before()
        note.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = note.add_run(f"（草稿：尚有{len(unfinished)}处待填写内容，已用黄色标出，定稿前请补充）")
        _font(run, FONT_BODY, 12)
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(14)
    _page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(14)
    _page_number(even)
    doc.core_properties.title = report.title
    doc.core_properties.author = report.unit.name
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


FONTCONFIG_ALIASES = [
    (FONT_TITLE, ["Noto Serif CJK SC"]), ("宋体", ["Noto Serif CJK SC"]), (FONT_BODY, ["Noto Serif CJK SC"]),
    ("仿宋", ["Noto Serif CJK SC"]), (FONT_H1, ["Noto Sans CJK SC"]), (FONT_H2, ["AR PL UKai CN", "Noto Serif CJK SC"]),
]


def soffice_path():
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, *, timeout=120) -> bytes | None:
    """Convert with LibreOffice in a throw-away profile; ``None`` where LibreOffice is not installed."""
    import os
    import subprocess
    import tempfile
    from pathlib import Path

    soffice = soffice_path()
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="fazhi-report-") as tmp:
        tmpdir = Path(tmp)
        (tmpdir / "config" / "fontconfig").mkdir(parents=True)
        aliases = "".join(
            f"<alias><family>{name}</family><prefer>{''.join(f'<family>{f}</family>' for f in prefer)}</prefer></alias>"
            for name, prefer in FONTCONFIG_ALIASES)
        (tmpdir / "config" / "fontconfig" / "fonts.conf").write_text(
            f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>{aliases}</fontconfig>',
            encoding="utf-8")
        source = tmpdir / "report.docx"
        source.write_bytes(data)
        env = {**os.environ, "HOME": tmp, "XDG_CONFIG_HOME": str(tmpdir / "config")}
        subprocess.run([soffice, "--headless", "--norestore", "--nologo", f"-env:UserInstallation=file://{tmp}/lo",
                        "--convert-to", "pdf", "--outdir", tmp, str(source)],
                       env=env, timeout=timeout, check=True, capture_output=True)
        target = tmpdir / "report.pdf"
        if not target.exists():
            raise RuntimeError("LibreOffice 未能生成 PDF")
        return target.read_bytes()
