"""#31 §3 "Documents as served": the lint's document checks over every kind rendered from the compact cases
(tests/test_document_lint.py) — the party's signature or the refusal where the party signs, one form of address,
no explanatory statute notes in formal documents, the 留置送达 elements, and the page count per kind (the
当场处罚决定书 on one A4 page) — and the pieces that make them true: the signature taken by the API, the roll
layout, DOCX of every kind."""
import io
import re

import pytest
from docx import Document

from fazhi.cases import documents, signatures
from fazhi.core import doclint
from tests.test_api_scenarios import act, ok
from tests.test_document_lint import _investigated, left_case, on_site_case


def _pages(pdf: bytes) -> int:
    return int(re.search(r"Pages:\s+(\d+)", doclint._run(["pdfinfo", "-"], pdf)).group(1))


def test_the_signature_drawn_on_the_phone_is_printed_on_one_page(api):
    case = on_site_case(api, collect=True)
    doc = documents.build(case, "on_site")
    sign = next(b for b in doc.blocks if isinstance(b, documents.Sign) and b.lines[0].startswith("当事人签名"))
    assert sign.marks[0].startswith(b"\x89PNG")
    pdf = documents.to_pdf(doc)
    assert _pages(pdf) == 1
    assert "当事人签名" in doclint.flat_text(pdf) and doclint.image_pages(pdf) == {1}
    # The DOCX carries the same signature as a picture.
    d = Document(io.BytesIO(documents.to_docx(doc)))
    assert len(d.inline_shapes) == 1


def test_a_refusal_is_noted_with_the_witness(api):
    import json

    from fazhi.catalog import importers
    from tests.test_document_lint import SZ

    importers.import_shenzhen(json.loads(SZ.read_text("utf-8")), area="")
    case = on_site_case(api, collect=False)
    pdf = documents.to_pdf(documents.build(case, "on_site"))
    text = doclint.flat_text(pdf)
    assert "当事人签名：当事人拒绝签名" in text and "见证人：赵敏（社区网格员）" in text and "见证人签名" in text
    assert _pages(pdf) == 1


def test_the_api_refuses_a_signature_that_is_not_a_png(api):
    status, body = api("hetang_officer1").post("/cases/on-site", {
        "on": "2026-03-02", "party_kind": "citizen", "party_name": "李明", "cause": "乱扔果皮纸屑烟头等废弃物",
        "place": "株洲市车站路8号门前", "act_on": "2026-03-02", "discovered_on": "2026-03-02",
        "penalty_provision": "《城市市容和环境卫生管理条例》第三十四条第（一）项", "officers": ["hetang_officer2"],
        "kinds": ["fine"], "fine": "50", "statement": "无异议", "signature": "data:image/png;base64,aGVsbG8="})
    assert status == 422 and "签名图像无效" in str(body)


def test_the_roll_layout_is_one_80mm_page(api):
    case = on_site_case(api, collect=True)
    officer = api("hetang_officer1")
    r = officer.client.get(f"/api/v1/cases/{case.uuid}/documents/on_site.pdf?layout=roll", **officer.headers)
    assert r.status_code == 200
    info = doclint._run(["pdfinfo", "-"], r.content)
    width = float(re.search(r"Page size:\s+([\d.]+) x", info).group(1))
    assert abs(width - 80 / 25.4 * 72) < 1 and _pages(r.content) == 1
    assert "当事人签名" in doclint.flat_text(r.content)
    bad = officer.client.get(f"/api/v1/cases/{case.uuid}/documents/filing.pdf?layout=roll", **officer.headers)
    assert bad.status_code == 400 and "卷纸" in bad.json()["message"]


@pytest.mark.parametrize("seed", [0, 1])
def test_drawn_signatures_are_pngs(seed):
    png = signatures.drawn(seed)
    assert png.startswith(b"\x89PNG") and signatures.signature_file(signatures.data_url(png)).read() == png


def test_left_service_receipt_names_the_refusal_the_refuser_and_the_witness(api):
    case = left_case(api)
    doc = documents.build(case, "service")
    rows = dict(doc.blocks[0].rows)
    assert rows["送达方式"] == "留置送达" and rows["拒收事由"] == "称对处罚决定有异议，拒绝签收。"
    assert rows["拒收人"] == "刘建国（法定代表人）" and rows["受送达人"] == "株洲市恒达商贸有限公司"
    assert rows["见证人"] == "周红（建设中路社区居民委员会）"
    assert "并采用拍照、录像方式记录送达过程" in rows["留置情况"] and "签收人" not in rows
    text = doclint.flat_text(documents.to_pdf(doc))
    assert "见证人（周红）签名" in text and "送达人签名" in text
    assert "受送达人本人" not in text


@pytest.mark.parametrize("extra, refused", [
    ({}, "拒收事由"),  # 民事诉讼法 Art 89: the 事由 on the 回证
    ({"refusal_reason": "拒绝签收"}, "拒收人"),  # an organisation: who refused for it
    ({"refusal_reason": "拒绝签收", "refused_by": "刘建国（法定代表人）"}, "见证人"),  # a witness, or a recording
])
def test_left_service_is_refused_without_its_elements_pen16(api, extra, refused):
    c = _investigated(api)
    ok(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-10", outcome="penalty",
           facts="当事人堆放砂石。", kinds=["fine"], fine="3000"))
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "waive_rights", on="2026-03-11", statement="放弃陈述、申辩"))
    ok(act(api, "hetang_head", c, "decide", on="2026-03-12", correction_order="立即改正"))
    status, body = act(api, "hetang_officer1", c, "serve", on="2026-03-13", method="left",
                       recipient="株洲市恒达商贸有限公司", **extra)
    assert status == 409 and body["code"] == "PEN-16" and refused in body["message"], body
    # the photo/video record stands in for a witness
    ok(act(api, "hetang_officer1", c, "serve", on="2026-03-13", method="left", recipient="株洲市恒达商贸有限公司",
           refusal_reason="拒绝签收", refused_by="刘建国（法定代表人）", recorded=True))


def test_a_long_inquiry_record_carries_the_signature_line_and_the_person_on_every_page(api):
    from tests.test_api_scenarios import OFFICERS

    c = _investigated(api)
    qa = "\n".join(f"问：第{i}个问题，请你说明堆放砂石的具体情况和时间？\n答：第{i}个回答，堆放的是装修用的砂石，大约十天，"
                   "我们会尽快清理。" for i in range(1, 31))
    ok(act(api, "hetang_officer1", c, "add_evidence", on="2026-03-06", kind="party_statement", title="询问笔录（二）",
           place="询问室", qa=qa, record_type="inquiry", record_officers=OFFICERS, record_person="刘建国",
           record_person_role="当事人", record_person_id_number="430202197503151234",
           record_person_phone="13907331234",
           started_at="2026-03-06T09:00:00+08:00", ended_at="2026-03-06T10:30:00+08:00"))
    from fazhi.cases.models import PenaltyCase

    case = PenaltyCase.objects.get(uuid=c)
    doc = documents.build(case, "inquiry")
    pdf = documents.to_pdf(doc)
    pages = [p for p in doclint.pdf_text(pdf).split("\f") if p.strip()]
    assert len(pages) >= 3
    assert all("被询问人签名" in re.sub(r"\s+", "", p) for p in pages)
    assert doclint.served_problems(doc, pdf) == []
    text = doclint.flat_text(pdf)
    assert "身份证件号码430202197503151234" in text and "联系电话13907331234" in text


def test_the_served_lint_catches_what_the_issue_found():
    from fazhi.core.layout import Doc, Fields, Para, Sign

    mixed = Doc("decision", "行政处罚决定书", "局", "", [Para("经查，当事人于3月1日堆放砂石。"), Para("你单位的上述行为违反了规定。")])
    assert doclint.address_problems(mixed) == ["forms of address mixed: 你单位/当事人"]
    both = Doc("notice", "告知书", "局", "", [Para("你单位的上述行为违反了规定，您可以申请听证。")])
    assert doclint.address_problems(both)
    noted = Doc("review", "法制审核意见书", "局", "", [
        Para("依据《中华人民共和国行政处罚法》第五十八条：未经法制审核或者审核未通过的，不得作出决定。", small=True)])
    assert doclint.note_problems(noted)
    unsigned = Doc("on_site", "当场行政处罚决定书", "局", "", [Sign(["当事人签名：", "执法人员签名："])])
    assert doclint.signature_problems(unsigned)
    left = Doc("service", "送达回证", "局", "", [Fields([("送达方式", "留置送达"), ("拒收事由", "拒收")]),
                                               Sign(["受送达人签名：", "2026年3月1日"])])
    found = " ".join(doclint.left_service_problems(left))
    for what in ("拒收人", "见证人", "photo/video", "server's signature", "asks the party"):
        assert what in found, what


def test_the_case_page_serves_by_leaving_with_witnesses_typed_one_per_line(api):
    from django.test import Client

    from fazhi.cases.models import PenaltyCase
    from fazhi.core.models import Event
    from fazhi.org.models import Staff

    c = _investigated(api)
    ok(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-10", outcome="penalty",
           facts="当事人堆放砂石。", kinds=["fine"], fine="3000"))
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "waive_rights", on="2026-03-11", statement="放弃陈述、申辩"))
    ok(act(api, "hetang_head", c, "decide", on="2026-03-12", correction_order="立即改正"))
    client = Client()
    client.force_login(Staff.objects.get(username="hetang_officer1"))
    page = client.get(f"/cases/{c}/").content.decode()
    assert "拒收事由（留置送达）" in page and "见证人（留置送达" in page
    r = client.post(f"/cases/{c}/do/serve/", {
        "on": "2026-03-13", "method": "left", "recipient": "株洲市恒达商贸有限公司", "refusal_reason": "拒绝签收",
        "refused_by": "刘建国（法定代表人）", "witnesses": "周红（建设中路社区居民委员会）\n李平（物业公司）"})
    assert r.status_code == 302, r.content.decode()[:500]
    case = PenaltyCase.objects.get(uuid=c)
    data = Event.objects.get(stream=case.stream, kind="serve").data
    assert data["witnesses"] == ["周红（建设中路社区居民委员会）", "李平（物业公司）"] and data["recorded"] is False
    text = doclint.flat_text(documents.to_pdf(documents.build(case, "service")))
    assert "见证人（周红）签名" in text and "见证人（李平）签名" in text


def test_the_docx_says_what_the_pdf_says(api):
    """DOCX for every kind an officer may adjust: the same blocks (every paragraph, field, signature line), the CJK
    font on the East-Asian runs, and the page of the PDF (A4, the compact form's margins)."""
    from fazhi.core.layout import FONT, Fields, Para, metrics

    for case, key in ((on_site_case(api, collect=True), "on_site"), (left_case(api), "service"),
                      (left_case(api), "inquiry")):
        doc = documents.build(case, key)
        d = Document(io.BytesIO(documents.to_docx(doc)))
        text = doclint.docx_text(documents.to_docx(doc))
        for b in doc.blocks:
            parts = ([b.text] if isinstance(b, Para) else [str(v) for _, v in b.rows] if isinstance(b, Fields)
                     else [*b.lines, *b.right] if isinstance(b, documents.Sign) else [])
            for part in parts:
                assert part in text, (key, part)
        assert d.styles["Normal"].element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == FONT
        m = metrics(doc.size)
        assert abs(d.sections[0].top_margin.mm - m.top) < 0.5 and abs(d.sections[0].page_width.mm - 210) < 0.5
        if doc.page_sign:
            assert doc.page_sign in "".join(p.text for p in d.sections[0].footer.paragraphs)
