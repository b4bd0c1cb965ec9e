"""The shared page (fazhi/core/layout.py): A4 in PDF and DOCX, serif CJK font embedded, real DOCX styles, page
numbers, and the signature block kept with the block before it."""
import io
import re
import subprocess

from docx import Document

from fazhi.core import layout as L


def _doc(paragraphs: int) -> L.Doc:
    return L.Doc("t", "行政处罚决定书", "株洲市荷塘区城市管理和综合执法局", "荷城管罚决字〔2026〕第0001号", [
        L.Heading("一、违法事实"),
        *[L.Para("当事人于建设中路堆放物料，影响市容。" * 6) for _ in range(paragraphs)],
        L.Para("当事人对本决定不服的，可以自收到本决定书之日起六十日内申请行政复议。"),
        L.Sign(["株洲市荷塘区城市管理和综合执法局（印章）", "2026年3月27日"]),
    ])


def _pages(pdf: bytes) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return text.decode().split("\f")[:-1]


def test_pdf_is_a4_with_embedded_serif_and_page_numbers():
    pdf = L.to_pdf(_doc(3))
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info), info
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    rows = [r.split() for r in fonts.splitlines()[2:] if r.strip()]
    assert rows and all("NotoSerifCJK" in r[0].replace("-", "") and r[-5] == "yes" for r in rows), fonts
    pages = [re.sub(r"\s+", "", p) for p in _pages(pdf)]
    assert all(f"第{i}页共{len(pages)}页" in p for i, p in enumerate(pages, 1)), pages


def test_signature_never_alone_on_a_page():
    """Fill page 1 to the point where only the seal and date would spill over: the paragraph before them must
    move with them, so the last page holds body text as well as the signature."""
    for n in range(8, 16):
        pages = _pages(L.to_pdf(_doc(n)))
        last = re.sub(r"\s+", "", pages[-1])
        body = last.replace("株洲市荷塘区城市管理和综合执法局（印章）", "").replace("2026年3月27日", "")
        body = re.sub(r"第\d+页共\d+页", "", body)
        assert "（印章）" in last and body, (n, pages[-1])


def test_docx_is_a4_with_title_heading_and_body_styles():
    d = Document(io.BytesIO(L.to_docx(_doc(2))))
    s = d.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert (round(s.top_margin.mm), round(s.left_margin.mm)) == (L.MARGIN_TOP, L.MARGIN_LEFT)
    styles = [p.style.name for p in d.paragraphs]
    assert styles[:2] == ["Title", "Title"] and "Heading 1" in styles and "Normal" in styles
    normal = d.styles["Normal"].element.rPr.rFonts
    assert normal.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == L.FONT
    footer = d.sections[0].footer._element.xml
    assert "NUMPAGES" in footer and "第 " in footer
    paras = d.paragraphs
    i = next(i for i, p in enumerate(paras) if "（印章）" in p.text)
    sign, before = paras[i], paras[i - 1]
    assert before.paragraph_format.keep_with_next and sign.paragraph_format.keep_with_next
