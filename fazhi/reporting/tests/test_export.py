"""The .docx in the official layout (GB/T 9704), opened by LibreOffice; PDF where LibreOffice is present."""
import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from fazhi.reporting import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(county, test_figures):
    return services.report_create(actor=county.office, year=2019, unit=county.gov)


def test_docx_uses_the_official_layout(report):
    doc = Document(io.BytesIO(selectors.report_docx(report)))
    s = doc.sections[0]
    def mm(*lengths):  # stored in twips: compare to 0.1 mm
        return tuple(round(x.mm, 1) for x in lengths)

    assert mm(s.page_width, s.page_height) == (210, 297)
    assert mm(s.top_margin, s.bottom_margin, s.left_margin, s.right_margin) == (37, 35, 28, 26)
    title = doc.paragraphs[0]
    assert title.text == report.title and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    run = title.runs[0]
    assert run.font.size == Pt(22) and run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    texts = [p.text for p in doc.paragraphs]
    assert "一、2019年度推进法治政府建设的主要举措和成效" in texts
    assert "（六）创新工作方法，防范和化解社会矛盾" in texts
    assert "五、其他需要报告的事项" in texts
    body = next(p for p in doc.paragraphs if "2个村（社区）" in p.text)
    assert body.runs[0].font.size == Pt(16)
    assert body.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert body.paragraph_format.line_spacing == Pt(28.95) and body.paragraph_format.first_line_indent == Pt(32)
    heading = doc.paragraphs[texts.index("五、其他需要报告的事项")]
    assert heading.style.name == "Heading 1"  # a real heading style, carrying the official font
    assert heading.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    # page numbers: a PAGE field in the odd (right) and even (left) footers
    assert doc.settings.odd_and_even_pages_header_footer
    for footer, align in ((s.footer, WD_ALIGN_PARAGRAPH.RIGHT), (s.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0]
        assert p.alignment == align and "PAGE" in p._element.xml and p.text.startswith("— ")
    assert not any("{{" in t for t in texts)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) 未安装")
def test_libreoffice_opens_the_docx_and_the_pdf_export_works(client, county, report):
    client.force_login(county.office)
    response = client.get(f"/reports/{report.pk}/export/docx/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    pdf = selectors.docx_to_pdf(response.content)  # soffice --headless --convert-to pdf, throw-away profile
    assert pdf.startswith(b"%PDF")
    response = client.get(f"/reports/{report.pk}/export/pdf/")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                              check=True).stdout.decode()
        compact = "".join(text.split())
        assert report.title in compact and "2个村（社区）" in compact and "—1—" in compact
    assert client.get(f"/reports/{report.pk}/export/xls/").status_code == 404
