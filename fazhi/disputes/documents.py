"""The petition opinion letter (信访事项处理意见书) as .docx in the official layout (GB/T 9704-2012: A4, margins
37/35/28/26 mm, title 方正小标宋简体 22 pt, body 仿宋_GB2312 16 pt with exact 28.95 pt lines and a 2-character
indent; East-Asian font slots set explicitly — python-docx sets only the Latin one)."""
import io

from fazhi.reporting.selectors.docx import FONT_BODY, FONT_H1, FONT_TITLE, _font


def opinion_docx(petition) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    def para(text, font=FONT_BODY, size=16, *, align=None, indent=True):
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(28.95)
        fmt.space_before = fmt.space_after = Pt(0)
        if indent:
            fmt.first_line_indent = Pt(32)
        if align is not None:
            p.alignment = align
        _font(p.add_run(text), font, size)
        return p

    para("信访事项处理意见书", FONT_TITLE, 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    para(petition.number, FONT_BODY, 16, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    para(f"{petition.petitioner_name}：", indent=False)
    para(f"你（们）于{petition.received_on:%Y年%m月%d日}提出的信访事项，本机关已于"
         f"{petition.accepted_on:%Y年%m月%d日}依法受理。现将处理意见告知如下：")
    for heading, body in (("一、信访请求", petition.request), ("二、查明事实", petition.opinion_facts),
                          ("三、理由", petition.opinion_reasons),
                          (f"四、处理意见（{petition.get_outcome_display()}）", petition.opinion_decision),
                          ("五、法律依据", petition.legal_basis)):
        para(heading, FONT_H1, 16)
        for line in (body or "").splitlines() or [""]:
            if line.strip():
                para(line.strip())
    law = "《信访工作条例》第三十五条" if petition.rules_2022 else "《信访条例》第三十四条"
    para(f"如对本处理意见不服，可以自收到本意见书之日起30日内，向原办理机关的上一级行政机关请求复查（{law}）。")
    para(f"{petition.unit.name}", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    para(f"{petition.answered_on.year}年{petition.answered_on.month}月{petition.answered_on.day}日",
         align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
