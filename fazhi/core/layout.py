"""The page every printed document of fazhi shares (文书, annual and quarterly reports): blocks in, PDF and DOCX out.

A document is a `Doc` holding a list of blocks (Fields, Para, Heading, Table, QA, Sign, Picture, PageBreak). Both renderers read
the same blocks, so the PDF (WeasyPrint) and the DOCX (python-docx) carry the same text in the same layout:

- A4 (210 × 297 mm) with the GB/T 9704-2012 type area: top 37 mm, inner (left) 28 mm, 156 × 225 mm of text.
- Serif body (Noto Serif CJK SC, Debian fonts-noto-cjk; embedded as a subset in every PDF), 16 pt (三号) as in
  公文; tables 12 pt; the title bold serif 22 pt (二号), centred; the 文号 under the title, right-aligned, as the
  ministries' model 执法文书 print it.
- Keep-together: a `Sign` block (signature, seal area, date) never starts a page on its own; it stays with the
  block before it (CSS `break-inside: avoid` on the pair; DOCX `keep_with_next` / `keep_together`).
- Page numbers in the footer: "第 N 页 共 M 页" (the 执法文书 forms) or "— N —" (GB/T 9704 for reports).
- DOCX uses real styles: Title, Heading 1/2, Normal (body), the CJK font set on the eastAsia runs; one A4 section.
"""
from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field

FONT = "Noto Serif CJK SC"  # Debian fonts-noto-cjk (NotoSerifCJK-*.ttc)
FONT_FILE = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"

# GB/T 9704-2012 §5.2.1: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm on A4.
PAGE_W_MM, PAGE_H_MM = 210, 297
MARGIN_TOP, MARGIN_LEFT = 37, 28
MARGIN_RIGHT = PAGE_W_MM - MARGIN_LEFT - 156
MARGIN_BOTTOM = PAGE_H_MM - MARGIN_TOP - 225
BODY_PT, TABLE_PT, TITLE_PT, HEAD1_PT, HEAD2_PT, FOOT_PT = 16, 12, 22, 16, 16, 12
LINE_PT = 29  # 22 lines in the 225 mm type area (GB/T 9704 §5.2.2)

PAGES_FORM = "form"  # 第 N 页 共 M 页
PAGES_GBT = "gbt"  # — N —
PAGES_NONE = ""


# --- blocks -----------------------------------------------------------------------------------------


@dataclass
class Fields:
    """A two-column form table: label | value."""

    rows: list[tuple[str, str]]


@dataclass
class Para:
    """A body paragraph (first line indented two characters). `heading=True` is the old spelling of Heading(level=2)."""

    text: str
    heading: bool = False
    indent: bool = True
    small: bool = False  # a note (basis, remarks): table size


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Table:
    """A table with a header row; `widths` in relative units (optional)."""

    header: list[str]
    rows: list[list[str]]
    caption: str = ""
    widths: list[int] | None = None


@dataclass
class QA:
    """问/答 pairs of a 笔录."""

    pairs: list[tuple[str, str]]


@dataclass
class Sign:
    """Signature block, seal area and date: printed right-aligned and kept on the page of the block before it.
    `marks` puts a captured signature (PNG) after the label of a line (by its index): the party's signature drawn on
    the phone printed where the party signs."""

    lines: list[str]
    align: str = "right"
    marks: dict[int, bytes] = field(default_factory=dict)
    right: list[str] = field(default_factory=list)  # printed beside `lines`, right-aligned (the seal and date)


@dataclass
class PageBreak:
    """Start a new page (a report's 附件 begins on its own page, GB/T 9704 §8.2)."""


@dataclass
class Picture:
    """A chart or photo (PNG), with its caption."""

    png: bytes
    caption: str
    width_mm: int | None = None  # printed width (a QR code is small); None: the type area's width


@dataclass
class Doc:
    kind: str
    title: str
    bureau: str
    number: str
    blocks: list = field(default_factory=list)
    pages: str = PAGES_FORM
    # "a4" (GB/T 9704 type area), "compact" (A4, form type: a one-page form such as the 当场处罚决定书), "roll" (a
    # portable printer's 80 mm roll, one long page)
    size: str = "a4"
    # A line printed at the foot of every page, e.g. "被询问人签名：" on each page of a 笔录
    page_sign: str = ""

    @property
    def filename(self) -> str:
        return f"{self.title}{'-' + self.number if self.number else ''}"


# --- PDF (through HTML) -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Metrics:
    """A page: its size and margins (mm) and the type sizes (pt)."""

    page_w: float
    page_h: float
    top: float
    right: float
    bottom: float
    left: float
    body: float
    line: float
    table: float
    title: float
    head: float
    foot: float
    foot_gap: float  # mm between the type area and the footer's first line


METRICS = {
    "a4": Metrics(PAGE_W_MM, PAGE_H_MM, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT, BODY_PT, LINE_PT,
                  TABLE_PT, TITLE_PT, HEAD1_PT, FOOT_PT, 7),
    # A one-page form (the 当场处罚决定书 handed over on the street): A4 with the model forms' 小四 type.
    "compact": Metrics(PAGE_W_MM, PAGE_H_MM, 18, 18, 18, 22, 11, 18, 10.5, 18, 12, 9, 3),
    # An 80 mm roll (portable thermal printer): 72 mm printed, one page as long as the text (`to_pdf` measures it).
    "roll": Metrics(80, 1500, 4, 4, 8, 4, 8.5, 12.5, 8, 11, 8.5, 7, 2),
}


def metrics(doc_or_size) -> Metrics:
    size = doc_or_size if isinstance(doc_or_size, str) else getattr(doc_or_size, "size", "a4")
    return METRICS.get(size, METRICS["a4"])


def _page_css(pages: str, m: Metrics, page_sign: str = "") -> str:
    out = ""
    if page_sign:
        out += (f"@bottom-left {{ content: \"{page_sign}\"; font: {m.foot + 2}pt '{FONT}'; vertical-align: top; "
                f"padding-top: {m.foot_gap}mm; width: 60%; }}")
    if pages == PAGES_FORM:
        content = '"第 " counter(page) " 页 共 " counter(pages) " 页"'
    elif pages == PAGES_GBT:
        content = '"— " counter(page) " —"'
    else:
        return out
    where = "@bottom-right" if page_sign else "@bottom-center"
    return out + (f"{where} {{ content: {content}; font: {m.foot}pt '{FONT}'; vertical-align: top; "
                  f"padding-top: {m.foot_gap}mm; }}")


def css(pages: str = PAGES_FORM, size: str = "a4", page_sign: str = "", height: float | None = None) -> str:
    m = METRICS.get(size, METRICS["a4"])
    page = f"{m.page_w}mm {height or m.page_h}mm"
    roll = size == "roll"
    return f"""
@page {{ size: {page}; margin: {m.top}mm {m.right}mm {m.bottom}mm {m.left}mm; {'' if roll else _page_css(pages, m, page_sign)} }}
body {{ font-family: '{FONT}'; font-size: {m.body}pt; line-height: {m.line}pt; text-align: justify; }}
.bureau {{ text-align: center; font-size: {m.head + 2}pt; font-weight: bold; margin: 0; text-indent: 0; }}
h1 {{ text-align: center; font-size: {m.title}pt; font-weight: bold; line-height: 1.4; margin: 4pt 0 6pt; }}
.number {{ text-align: right; margin: 0 0 {m.body * 0.6:.1f}pt; }}
h2 {{ font-size: {m.head}pt; font-weight: bold; margin: {m.body * 0.6:.1f}pt 0 2pt; text-indent: 2em; break-after: avoid; }}
h3 {{ font-size: {m.head}pt; font-weight: bold; margin: {m.body * 0.4:.1f}pt 0 2pt; text-indent: 2em; break-after: avoid; }}
table {{ width: 100%; border-collapse: collapse; margin: {m.body * 0.4:.1f}pt 0; font-size: {m.table}pt; line-height: 1.6; }}
th, td {{ border: 0.6pt solid #000; padding: {'1pt 2pt' if roll else '3pt 5pt'}; vertical-align: top; }}
table.fields th {{ width: 26%; font-weight: normal; text-align: center; }}
table.grid th {{ font-weight: bold; text-align: center; }}
caption {{ font-weight: bold; margin-bottom: 4pt; }}
tr {{ break-inside: avoid; }}
p {{ text-indent: 2em; margin: 0; }}
p.flat {{ text-indent: 0; }}
p.small {{ font-size: {m.table}pt; line-height: 1.6; }}
.qa p {{ text-indent: 0; padding-left: 2em; }}
.qa b {{ margin-left: -2em; }}
.keep {{ break-inside: avoid; }}
.keep.after {{ break-before: avoid; }}
p.tail {{ widows: 3; orphans: 2; }}
.sign {{ margin-top: {m.body * 1.1:.1f}pt; break-inside: avoid; }}
.sign p {{ text-indent: 0; text-align: right; }}
.sign.left p {{ text-align: left; }}
table.beside, table.beside td {{ border: none; margin: 0; padding: 0; font-size: {m.body}pt; line-height: {m.line}pt; }}
table.beside td.l p {{ text-align: left; }}
table.beside td.r {{ vertical-align: bottom; width: 45%; }}
table.beside td.r p {{ text-align: right; white-space: nowrap; }}
.sign img {{ height: {m.line * 1.6:.1f}pt; vertical-align: middle; }}
figure {{ margin: 8pt 0; text-align: center; break-inside: avoid; }}
figcaption {{ font-size: {m.table}pt; }}
{ROLL_CSS if roll else ""}"""


# On a roll the columns of a signature block go one under the other and a form's labels take more room.
ROLL_CSS = """
table.beside, table.beside tr, table.beside td { display: block; width: 100%; }
table.beside td.r { width: 100%; }
table.fields th { width: 34%; }
"""


def _block_html(b) -> str:
    e = html.escape
    if isinstance(b, Fields):
        rows = "".join(f"<tr><th>{e(k)}</th><td>{e(str(v))}</td></tr>" for k, v in b.rows)
        return f"<table class='fields'>{rows}</table>"
    if isinstance(b, Table):
        cols = ""
        if b.widths:
            total = sum(b.widths)
            cols = "".join(f"<col style='width:{w * 100 / total:.1f}%'>" for w in b.widths)
        cap = f"<caption>{e(b.caption)}</caption>" if b.caption else ""
        head = "".join(f"<th>{e(h)}</th>" for h in b.header)
        body = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in r) + "</tr>" for r in b.rows)
        return f"<table class='grid'>{cap}{cols}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    if isinstance(b, Heading):
        tag = "h2" if b.level <= 1 else "h3"
        return f"<{tag}>{e(b.text)}</{tag}>"
    if isinstance(b, Para):
        if b.heading:
            return f"<h3>{e(b.text)}</h3>"
        cls = " ".join(c for c, on in (("flat", not b.indent), ("small", b.small)) if on)
        return f"<p class='{cls}'>{e(b.text)}</p>"
    if isinstance(b, QA):
        return "<div class='qa'>" + "".join(
            f"<p><b>问：</b>{e(q)}</p><p><b>答：</b>{e(a)}</p>" for q, a in b.pairs) + "</div>"
    if isinstance(b, Sign):
        cls = "sign left" if b.align == "left" else "sign"

        def line_html(i, line):
            mark = b.marks.get(i)
            img = (f"<img alt='签名' src='data:image/png;base64,{base64.b64encode(mark).decode()}'>"
                   if mark else "")
            return f"<p>{e(line)}{img}</p>" if line or img else "<p>&nbsp;</p>"
        body = "".join(line_html(i, line) for i, line in enumerate(b.lines))
        if b.right:
            right = "".join(f"<p>{e(line) or '&nbsp;'}</p>" for line in b.right)
            return (f"<div class='{cls}'><table class='beside'><tr><td class='l'>{body}</td>"
                    f"<td class='r'>{right}</td></tr></table></div>")
        return f"<div class='{cls}'>{body}</div>"
    if isinstance(b, Picture):
        data = base64.b64encode(b.png).decode()
        width = f"{b.width_mm}mm" if b.width_mm else "100%"
        return (f"<figure><img src='data:image/png;base64,{data}' style='width:{width}'>"
                f"<figcaption>{e(b.caption)}</figcaption></figure>")
    if isinstance(b, PageBreak):
        return "<div style='break-before: page'></div>"
    raise TypeError(f"unknown block {type(b).__name__}")


SHORT = 60  # characters: a paragraph this short does not carry a page on its own


def _keep_groups(blocks: list) -> list[list]:
    """Blocks in page-break groups. A signature block is kept with the block before it; when that block is a short
    line (a 笔录's "以上笔录我已看过…"), the last paragraph or 问/答 pair before it comes along too, so the page the
    signature lands on always carries body text."""
    out: list[list] = []
    for b in blocks:
        if isinstance(b, Para) and b.small and out and isinstance(out[-1][-1], Fields) and len(out[-1]) == 1 \
                and len(out[-1][-1].rows) <= 6:
            out[-1].append(b)  # a basis note stays under its short form table, never alone on a page
            continue
        if not isinstance(b, Sign) or not out or isinstance(out[-1][-1], (Table, Picture, Fields)):
            out.append([b])
            continue
        group = [*out.pop(), b]
        first = group[0]
        if isinstance(first, Para) and len(first.text) < SHORT and out:
            prev = out[-1][-1] if len(out[-1]) == 1 else None
            if isinstance(prev, QA) and len(prev.pairs) > 1:
                out[-1] = [QA(prev.pairs[:-1])]
                group = [QA(prev.pairs[-1:]), *group]
            elif isinstance(prev, (Para, QA)):
                out.pop()
                group = [prev, *group]
        out.append(group)
    return out


def to_html(doc: Doc, height: float | None = None) -> str:
    e = html.escape
    parts = []
    if doc.bureau:
        parts.append(f"<p class='bureau'>{e(doc.bureau)}</p>")
    parts.append(f"<h1>{e(doc.title)}</h1>")
    if doc.number:
        parts.append(f"<p class='number'>{e(doc.number)}</p>")
    for group in _keep_groups(doc.blocks):
        if len(group) == 1:
            parts.append(_block_html(group[0]))
        elif isinstance(group[0], Para) and len(group[0].text) >= SHORT and all(isinstance(b, Sign) for b in group[1:]):
            # A long paragraph before the signature may break across pages: its last lines stay with the signature
            # (widows), so the signature never starts a page alone and no page is left half empty for it.
            parts.append(_block_html(group[0]).replace("<p class='", "<p class='tail ", 1))
            parts.append("<div class='keep after'>" + "".join(_block_html(b) for b in group[1:]) + "</div>")
        else:
            parts.append("<div class='keep'>" + "".join(_block_html(b) for b in group) + "</div>")
    return (f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>{e(doc.title)}</title>"
            f"<style>{css(doc.pages, doc.size, doc.page_sign, height)}</style></head><body>{''.join(parts)}</body></html>")


def _content_bottom(box) -> float:
    """The lowest edge (CSS px) of anything laid out inside `box`."""
    bottom = 0.0
    for child in getattr(box, "children", []) or []:
        y, h = getattr(child, "position_y", None), getattr(child, "margin_height", None)
        if y is not None and callable(h):
            bottom = max(bottom, y + h())
        bottom = max(bottom, _content_bottom(child))
    return bottom


def to_pdf(doc: Doc) -> bytes:
    from weasyprint import HTML

    if doc.size != "roll":
        return HTML(string=to_html(doc)).write_pdf()
    # A roll has no page length: lay the text out on a long page, measure where it ends, and cut the page there.
    m = METRICS["roll"]
    laid = HTML(string=to_html(doc)).render()
    px_per_mm = 96 / 25.4
    used = max(_content_bottom(p._page_box) for p in laid.pages[:1]) / px_per_mm
    return HTML(string=to_html(doc, height=round(used + m.bottom + 2, 1))).write_pdf()


# --- DOCX ---------------------------------------------------------------------------------------------------


def _set_font(target, size=None, bold=None):
    """Latin and East-Asian font of a style or run (Word picks the eastAsia font for 汉字)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    target.font.name = FONT
    rpr = target._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # a theme font would win over ours
        fonts.attrib.pop(qn(attr), None)
    if size:
        target.font.size = Pt(size)
    if bold is not None:
        target.font.bold = bold


def _field(run, instr: str):
    """A Word field (PAGE, NUMPAGES) inside `run`."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    begin, text, sep, end = (OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar"),
                             OxmlElement("w:fldChar"))
    begin.set(qn("w:fldCharType"), "begin")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instr} "
    sep.set(qn("w:fldCharType"), "separate")
    end.set(qn("w:fldCharType"), "end")
    shown = OxmlElement("w:t")
    shown.text = "1"
    for el in (begin, text, sep, shown, end):
        run._r.append(el)


def _styles(d, m: Metrics):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    normal = d.styles["Normal"]
    _set_font(normal, m.body, False)
    normal.paragraph_format.line_spacing = Pt(m.line)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    title = d.styles["Title"]
    _set_font(title, m.title, True)
    title.font.color.rgb = RGBColor(0, 0, 0)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(6)
    title.paragraph_format.line_spacing = 1.3
    # python-docx's default Title has a bottom border; a 公文 title has none.
    ppr = title.element.get_or_add_pPr()
    for child in list(ppr):
        if child.tag.endswith("}pBdr"):
            ppr.remove(child)
    for name in ("Heading 1", "Heading 2"):
        s = d.styles[name]
        _set_font(s, m.head, True)
        s.font.italic = False
        s.font.color.rgb = RGBColor(0, 0, 0)
        s.paragraph_format.first_line_indent = Pt(m.body * 2)
        s.paragraph_format.space_before = Pt(8)
        s.paragraph_format.space_after = Pt(2)
        s.paragraph_format.line_spacing = Pt(m.line)
    for name in ("Caption",):
        s = d.styles[name]
        _set_font(s, m.table, False)
        s.font.italic = False
        s.font.color.rgb = RGBColor(0, 0, 0)
        s.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def to_docx(doc: Doc) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    # The DOCX is for editing before issue: a roll layout is edited as the A4 form it prints from.
    m = metrics("compact" if doc.size == "roll" else doc.size)
    d = Document()
    _styles(d, m)
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(m.page_w), Mm(m.page_h)
    sec.top_margin, sec.bottom_margin = Mm(m.top), Mm(m.bottom)
    sec.left_margin, sec.right_margin = Mm(m.left), Mm(m.right)
    sec.footer_distance = Mm(max(4, m.bottom - 14))
    type_w = m.page_w - m.left - m.right
    if doc.page_sign:
        sp = sec.footer.paragraphs[0]
        _set_font(sp.add_run(doc.page_sign), m.foot + 2)
        sec.footer.add_paragraph()
    if doc.pages:
        fp = sec.footer.paragraphs[-1]
        fp.alignment = WD_ALIGN_PARAGRAPH.RIGHT if doc.page_sign else WD_ALIGN_PARAGRAPH.CENTER
        pieces = ["第 ", "PAGE", " 页 共 ", "NUMPAGES", " 页"] if doc.pages == PAGES_FORM else ["— ", "PAGE", " —"]
        for piece in pieces:
            run = fp.add_run()
            _set_font(run, m.foot)
            if piece in ("PAGE", "NUMPAGES"):
                _field(run, piece)
            else:
                run.text = piece

    def para(text, *, style=None, align=None, indent=True, size=None, bold_prefix=""):
        p = d.add_paragraph(style=style)
        if bold_prefix:
            r = p.add_run(bold_prefix)
            _set_font(r, size, True)
        r = p.add_run(text)
        _set_font(r, size)
        if align is not None:
            p.alignment = align
        if style is None:
            p.paragraph_format.first_line_indent = Pt(m.body * 2) if indent else Pt(0)
        return p

    def table(rows, header=None, widths=None, label_col=False):
        ncols = len(header or rows[0]) if (header or rows) else 2
        t = d.add_table(rows=0, cols=ncols)
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        all_rows = ([header] if header else []) + rows
        for ri, r in enumerate(all_rows):
            cells = t.add_row().cells
            for ci, value in enumerate(r):
                cp = cells[ci].paragraphs[0]
                run = cp.add_run(str(value))
                _set_font(run, m.table, bool(header and ri == 0) or None)
                cp.paragraph_format.line_spacing = 1.3
                cp.paragraph_format.first_line_indent = Pt(0)
                if (header and ri == 0) or (label_col and ci == 0):
                    cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if widths or label_col:
            w = widths or [26, 74]
            total = sum(w)
            for ci, rel in enumerate(w):
                for cell in t.columns[ci].cells:
                    cell.width = Mm(type_w * rel / total)
        return t

    if doc.bureau:
        para(doc.bureau, style="Title")
        d.paragraphs[-1].runs[0].font.size = Pt(m.head + 2)
        d.paragraphs[-1].paragraph_format.space_after = Pt(0)
    para(doc.title, style="Title")
    if doc.number:
        para(doc.number, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    blocks = doc.blocks
    for i, b in enumerate(blocks):
        before_sign = i + 1 < len(blocks) and isinstance(blocks[i + 1], Sign)
        start = len(d.paragraphs)
        if isinstance(b, Fields):
            table([[k, str(v)] for k, v in b.rows], label_col=True)
        elif isinstance(b, Table):
            if b.caption:
                para(b.caption, style="Caption")
            table([[str(c) for c in r] for r in b.rows], header=b.header, widths=b.widths)
        elif isinstance(b, Heading):
            d.add_heading(b.text, level=1 if b.level <= 1 else 2)
            _set_font(d.paragraphs[-1].runs[0])
        elif isinstance(b, Para):
            if b.heading:
                d.add_heading(b.text, level=2)
                _set_font(d.paragraphs[-1].runs[0])
            else:
                para(b.text, indent=b.indent, size=m.table if b.small else None)
        elif isinstance(b, QA):
            for q, a in b.pairs:
                para(q, bold_prefix="问：", indent=False)
                para(a, bold_prefix="答：", indent=False)
        elif isinstance(b, Sign) and b.right:
            t = d.add_table(rows=1, cols=2)
            t.alignment = WD_TABLE_ALIGNMENT.CENTER
            for ci, (lines, align) in enumerate(((b.lines, WD_ALIGN_PARAGRAPH.LEFT), (b.right, WD_ALIGN_PARAGRAPH.RIGHT))):
                cell = t.rows[0].cells[ci]
                cell.width = Mm(type_w * (0.55 if ci == 0 else 0.45))
                for li, line in enumerate(lines):
                    cp = cell.paragraphs[0] if li == 0 else cell.add_paragraph()
                    _set_font(cp.add_run(line), m.body)
                    cp.alignment = align
                    cp.paragraph_format.first_line_indent = Pt(0)
                    if ci == 0 and li in b.marks:
                        cp.add_run().add_picture(io.BytesIO(b.marks[li]), height=Mm(12))
                    cp.paragraph_format.keep_with_next = True
        elif isinstance(b, Sign):
            first = True
            for li, line in enumerate(b.lines):
                p = para(line, align=WD_ALIGN_PARAGRAPH.LEFT if b.align == "left" else WD_ALIGN_PARAGRAPH.RIGHT,
                         indent=False)
                if li in b.marks:  # the captured signature after its label
                    p.add_run().add_picture(io.BytesIO(b.marks[li]), height=Mm(12))
                if first:
                    p.paragraph_format.space_before = Pt(m.body * 1.1)
                    first = False
            # Keep-together: every line of the block stays with the next one.
            for p in d.paragraphs[start:-1]:
                p.paragraph_format.keep_with_next = True
        elif isinstance(b, Picture):
            d.add_picture(io.BytesIO(b.png), width=Mm(min(150, type_w)))
            d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            d.paragraphs[-1].paragraph_format.first_line_indent = Pt(0)
            para(b.caption, style="Caption")
        elif isinstance(b, PageBreak):
            from docx.enum.text import WD_BREAK

            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if before_sign:
            for p in d.paragraphs[start:]:
                p.paragraph_format.keep_with_next = True
                p.paragraph_format.keep_together = True
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()
