"""The report as .docx in the official layout (GB/T 9704-2012), and its conversion to PDF."""
from fazhi.core import clock

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

    def para(text, font, size, *, align=None, indent=True, bold=False):
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(28.95)
        fmt.space_before = fmt.space_after = Pt(0)
        if indent:
            fmt.first_line_indent = Pt(32)
        if align is not None:
            p.alignment = align
        _font(p.add_run(text), font, size, bold)
        return p

    title = para(report.title, FONT_TITLE, 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    title.paragraph_format.line_spacing = Pt(40)
    para("", FONT_BODY, 16, indent=False)
    for s, heading in numbered_headings(sections_of(report)):
        para(heading, FONT_H1 if s.level == 1 else FONT_H2, 16)
        for text in render_text(s.body, cells, mask=mask):
            para(text, FONT_BODY, 16, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    para("", FONT_BODY, 16, indent=False)
    sign = para(report.unit.name, FONT_BODY, 16, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    sign.paragraph_format.right_indent = Pt(64)
    on = report.published_on or report.submitted_on or clock.today()
    dated = para(f"{on.year}年{on.month}月{on.day}日", FONT_BODY, 16, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    dated.paragraph_format.right_indent = Pt(64)

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
