"""A lint over printed documents (文书 and reports): what a 法制科 would send back before a document leaves the
building. Each check returns problems as Chinese-free short strings naming the rule and the offending text, so a
failing test says what to fix.

Text checks (`text_problems`): no "None"/English words or raw codes, no doubled or clashing punctuation
("。。", "，。", "。，" …), no clause repeated, no rate as a bare fraction (0.8333) or as counts without its
percentage (5/6; 83.3%（5/6）is right), money with two decimals, no
Python container printed ({…}, […]).
Page checks (`pdf_problems`, `docx_problems`): A4 (210 × 297 mm) on every page / section, and no page holding
only the signature block."""
from __future__ import annotations

import io
import re
import subprocess

from fazhi.core.layout import QA, Doc, Fields, Para, Sign, Table

# Latin words allowed in a document: units and the names of laws' abbreviations we print. Empty on purpose.
ALLOWED_WORDS: set[str] = set()
BAD_PUNCT = re.compile(r"。。|，。|。，|；。|，，|、。|：。|。；|，；|；，|：，|、、")
WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z_]{2,}(?![A-Za-z0-9_])")
FRACTION = re.compile(r"(?<![\d.,])0\.\d{2,}(?!\d*\s*(?:元|万元|%|％))")
# A rate written as counts only ("5/6"): allowed only as the parts after its percentage, 83.3%（5/6）.
RATIO = re.compile(r"(?<![%％]（)(?<![\d/.])\d+/\d+(?![\d/])")
MONEY = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(万元|元)")
CONTAINER = re.compile(r"[{}\[\]]")
CLAUSE_SPLIT = re.compile(r"[。；！？\n]")


def text_problems(text: str) -> list[str]:
    """Character-level checks on the rendered text (as pdftotext or the DOCX gives it)."""
    flat = re.sub(r"\s+", "", text)
    out = []
    for m in BAD_PUNCT.finditer(flat):
        out.append(f"punctuation {m.group()!r} near {flat[max(0, m.start() - 12):m.end() + 4]!r}")
    for m in WORD.finditer(text):
        if m.group() not in ALLOWED_WORDS:
            out.append(f"english/raw code {m.group()!r} near {text[max(0, m.start() - 12):m.end() + 8]!r}")
    for m in FRACTION.finditer(flat):
        out.append(f"bare fraction {m.group()!r} near {flat[max(0, m.start() - 12):m.end() + 4]!r}")
    for m in RATIO.finditer(flat):
        out.append(f"rate as counts without its percentage {m.group()!r} near "
                   f"{flat[max(0, m.start() - 12):m.end() + 4]!r}")
    for m in MONEY.finditer(flat):
        if not re.search(r"\.\d{2}$", m.group(1)):
            out.append(f"money without two decimals {m.group()!r} near {flat[max(0, m.start() - 12):m.end()]!r}")
    for m in CONTAINER.finditer(flat):
        out.append(f"container bracket {m.group()!r} near {flat[max(0, m.start() - 12):m.end() + 12]!r}")
    return out


def block_texts(doc: Doc, tables: bool = True) -> list[str]:
    """The composed text of a document's blocks (labels left out), for the clause checks. A table of figures may
    hold the same value in two rows (two rates both 100.0%（6/6））, so the repeat check reads the prose only."""
    out = []
    for b in doc.blocks:
        if isinstance(b, Para):
            out.append(b.text)
        elif isinstance(b, Fields):
            out += [str(v) for _, v in b.rows]
        elif isinstance(b, QA):
            out += [x for pair in b.pairs for x in pair]
        elif isinstance(b, Table) and tables:
            out += [str(c) for r in b.rows for c in r]
    return out


def doc_problems(doc: Doc) -> list[str]:
    """Clause-level checks on the composed blocks: a clause printed twice, a lead-in doubled inside a sentence
    ("经查，你单位经查，…"), an evidence sentence printed twice."""
    out = []
    seen: dict[str, int] = {}
    for t in block_texts(doc, tables=False):
        for c in CLAUSE_SPLIT.split(t):
            c = c.strip("，、：: ")
            if len(c) >= 10:
                seen[c] = seen.get(c, 0) + 1
        for sentence in re.split(r"[。！？]", t):
            for lead in ("经查", "经复核"):
                if sentence.count(lead) > 1:
                    out.append(f"lead-in {lead!r} twice in {sentence[:40]!r}")
    out += [f"repeated clause {c!r}" for c, n in seen.items() if n > 1]
    whole = "".join(block_texts(doc))
    if len(re.findall(r"为证|以上事实有", whole)) > 1:
        out.append("evidence cited twice")
    if re.search(r"None|null|nan", whole):
        out.append("None printed")
    return out


def _run(cmd: list[str], data: bytes) -> str:
    return subprocess.run(cmd, input=data, capture_output=True, check=True, timeout=60).stdout.decode("utf-8")


def pdf_text(pdf: bytes) -> str:
    return _run(["pdftotext", "-layout", "-", "-"], pdf)


def flat_text(pdf: bytes) -> str:
    """The PDF's text as one line: whitespace and page footers removed, so a sentence across a page break reads
    whole (for "is this element in the document" checks)."""
    return re.sub(r"第\d+页共\d+页|—\d+—", "", re.sub(r"\s+", "", pdf_text(pdf)))


def image_pages(pdf: bytes) -> set[int]:
    """The pages that carry a picture (a chart): a page of charts under their captions is not a stray line."""
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        listing = subprocess.run(["pdfimages", "-list", f.name], capture_output=True, check=True,
                                 timeout=60).stdout.decode("utf-8")
    return {int(line.split()[0]) for line in listing.splitlines()[2:] if line.split() and line.split()[0].isdigit()}


def pdf_problems(pdf: bytes, doc: Doc | None = None) -> list[str]:
    """A4 on every page (pdfinfo), the text checks (pdftotext), and no page holding only the signature block."""
    out = []
    info = _run(["pdfinfo", "-f", "1", "-l", "999", "-"], pdf)
    for m in re.finditer(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts", info):
        w, h = float(m.group(2)), float(m.group(3))
        if abs(w - 595.28) > 1 or abs(h - 841.89) > 1:
            out.append(f"page {m.group(1)} is {w:.0f}x{h:.0f} pt, not A4")
    text = pdf_text(pdf)
    out += text_problems(text)
    if doc is not None:
        sign = [re.sub(r"\s+", "", line) for b in doc.blocks if isinstance(b, Sign) for line in [*b.lines, *b.right]]
        pages = text.split("\f")
        pictured = image_pages(pdf)
        for i, page in enumerate(pages, 1):
            rest = re.sub(r"\s+", "", page)
            if not rest:
                continue
            rest = re.sub(r"第\d+页共\d+页|—\d+—", "", rest)
            had_sign = False
            for line in sorted(sign, key=len, reverse=True):
                if line and line in rest:
                    rest, had_sign = rest.replace(line, ""), True
            if had_sign and len(rest) < 30:  # a line like "以上笔录我已看过" is part of the signing
                out.append(f"page {i} holds only the signature block")
            elif i > 1 and not had_sign and len(rest) < 60 and i not in pictured:
                out.append(f"page {i} holds only a line or two: {rest!r}")
    return out


def docx_text(data: bytes) -> str:
    from docx import Document

    d = Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def docx_problems(data: bytes) -> list[str]:
    """Every section A4 (210 × 297 mm) and the text checks."""
    from docx import Document

    d = Document(io.BytesIO(data))
    out = []
    for i, s in enumerate(d.sections, 1):
        if abs(s.page_width.mm - 210) > 0.5 or abs(s.page_height.mm - 297) > 0.5:
            out.append(f"section {i} is {s.page_width.mm:.1f}x{s.page_height.mm:.1f} mm, not A4")
    return out + text_problems(docx_text(data))


# --- documents as served (#31 §3) -------------------------------------------------------------------------------

ADDRESS = re.compile(r"你单位|贵单位|您|你(?!单位)")
PARTY_NAMED = re.compile(r"当事人(?![：:]|的陈述)")  # 当事人的陈述 names a kind of evidence
STATUTE = re.compile(r"《[^》]+》第[一二三四五六七八九十百零〇]+条")
# The most pages a kind may take (the 当场处罚决定书 is handed over on the street: one page, two at most).
PAGE_LIMITS = {"on_site": 2}
PAGE_TARGETS = {"on_site": 1}


def address_problems(doc: Doc) -> list[str]:
    """One form of address per document: a document addressed to the party says 你 (a citizen) or 你单位 (an
    organisation) throughout — never both, never 您 beside 你, and never 当事人 for the party in its running text
    (the 当事人： label and the signature lines aside). 笔录's 问/答 are speech, not the document's address."""
    texts = [b.text for b in doc.blocks if isinstance(b, Para) and not b.small]
    forms = {m.group() for t in texts for m in ADDRESS.finditer(t)}
    if forms and any(PARTY_NAMED.search(t) for t in texts):
        forms.add("当事人")
    return [f"forms of address mixed: {'/'.join(sorted(forms))}"] if len(forms) > 1 else []


def note_problems(doc: Doc) -> list[str]:
    """No explanatory statute notes in a formal document (the basis belongs in the 依据 disclosure on screen): no
    small-type paragraph citing an article or opening with 依据."""
    return [f"statute note: {b.text[:40]!r}" for b in doc.blocks
            if isinstance(b, Para) and b.small and (STATUTE.search(b.text) or b.text.startswith("依据"))]


def signature_problems(doc: Doc) -> list[str]:
    """Where the party signs a document handed over on the spot (the 当场处罚决定书), its captured signature is
    printed or the refusal is noted (行政处罚法 Art 52 ¶1)."""
    if doc.kind != "on_site":
        return []
    out = []
    for b in doc.blocks:
        if isinstance(b, Sign):
            for i, line in enumerate(b.lines):
                if line.startswith("当事人签名") and i not in b.marks and "拒绝签名" not in line:
                    out.append("party signature: neither the captured signature nor the refusal")
    return out


def left_service_problems(doc: Doc) -> list[str]:
    """A 送达回证 of 留置送达 (民事诉讼法 Art 89) states the 拒收事由 and who refused, the witnesses with their
    signature lines or the photo/video record, that the document was left at the address, and the server's
    signature."""
    rows = {k: str(v) for b in doc.blocks if isinstance(b, Fields) for k, v in b.rows}
    if rows.get("送达方式") != "留置送达":
        return []
    lines = [line for b in doc.blocks if isinstance(b, Sign) for line in b.lines]
    out = [f"留置送达 without {k}" for k in ("拒收事由", "拒收人", "见证人", "留置情况") if not rows.get(k)]
    witnessed = any(line.startswith("见证人签名") for line in lines)
    if not witnessed and "拍照、录像" not in rows.get("留置情况", ""):
        out.append("留置送达 without a witness signature or a photo/video record")
    if not any(line.startswith("送达人签名") for line in lines):
        out.append("留置送达 without the server's signature")
    if any(line.startswith("受送达人") and "签名" in line for line in lines):
        out.append("留置送达 asks the party who refused to sign")
    return out


def page_count(pdf: bytes) -> int:
    return int(re.search(r"Pages:\s+(\d+)", _run(["pdfinfo", "-"], pdf)).group(1))


def page_problems(doc: Doc, pdf: bytes) -> list[str]:
    limit = PAGE_LIMITS.get(doc.kind)
    n = page_count(pdf) if limit else 0
    return [f"{n} pages, at most {limit}"] if limit and n > limit else []


def page_sign_problems(doc: Doc, pdf: bytes) -> list[str]:
    """A 笔录's signature line (被询问人签名 …) at the foot of every page."""
    if not doc.page_sign:
        return []
    want = re.sub(r"\s+", "", doc.page_sign)
    pages = [re.sub(r"\s+", "", p) for p in pdf_text(pdf).split("\f") if p.strip()]
    return [f"page {i} without {doc.page_sign!r}" for i, p in enumerate(pages, 1) if want not in p]


def served_problems(doc: Doc, pdf: bytes | None = None) -> list[str]:
    """The checks of a document as served: address, notes, signature, 留置送达, page count, per-page signature."""
    out = address_problems(doc) + note_problems(doc) + signature_problems(doc) + left_service_problems(doc)
    return out + (page_problems(doc, pdf) + page_sign_problems(doc, pdf) if pdf is not None else [])
