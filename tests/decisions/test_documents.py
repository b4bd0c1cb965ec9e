"""The four documents of a major decision pass the document lint (text, A4, no orphan signature page) as PDF and DOCX,
and say what the record says; each page is rendered to PNG in test-artifacts/decisions for a look."""
from __future__ import annotations

import random
import subprocess
from pathlib import Path

from django.test import Client
from django.utils import timezone

from fazhi.core.doclint import doc_problems, docx_problems, pdf_problems, pdf_text, served_problems
from fazhi.core.layout import to_docx, to_pdf
from fazhi.decisions import documents as DOC
from fazhi.decisions.demo import build_decisions
from fazhi.decisions.models import Decision

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "decisions"


def test_documents_lint_and_say_what_was_recorded(org):
    build_decisions(org, random.Random(3), timezone.localdate())
    d = Decision.objects.filter(status="evaluated").first()
    f = DOC.Facts(d)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    texts = {}
    for k in DOC.KINDS:
        assert k.ready(f), k.key
        doc = k.build(f)
        assert doc_problems(doc) == [], (k.key, doc_problems(doc))
        pdf = to_pdf(doc)
        assert pdf_problems(pdf, doc) == [], (k.key, pdf_problems(pdf, doc))
        assert docx_problems(to_docx(doc)) == [], k.key
        assert served_problems(doc, pdf) == [], (k.key, served_problems(doc, pdf))  # no statute notes, one address
        texts[k.key] = pdf_text(pdf).replace(" ", "").replace("\n", "")
        (ARTIFACTS / f"{k.key}.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "50", str(ARTIFACTS / f"{k.key}.pdf"), str(ARTIFACTS / k.key)],
                       check=True)
    assert "30日" in texts["notice"] and "听证会" in texts["notice"]
    assert "法律顾问意见" in texts["review"] and "周明律师" in texts["review"]
    assert "行政首长" in texts["minutes"] and "局务会议" in texts["minutes"]
    # #31 §3: the 纪要 names who presided, attended, sat in and minuted, and they sign
    for part in ("主持人", "出席人员李副局长、陈副局长", "列席人员张科长（法制科）", "记录人王秘书（办公室）", "主持人签名", "记录人签名"):
        assert part in texts["minutes"], part
    assert "采纳" in texts["publication"]
    # the download: PDF for the 法制科, 404 for a step not done, 403 for a role without access
    c = Client()
    c.force_login(org["city"].reviewer)
    assert c.get(f"/decisions/{d.uuid}/documents/minutes.pdf").status_code == 200
    drafting = Decision.objects.filter(status="drafting").first()
    assert c.get(f"/decisions/{drafting.uuid}/documents/minutes.pdf").status_code == 404
    assert c.get(f"/decisions/{d.uuid}/documents/nothing.pdf").status_code == 404
    page = c.get(f"/decisions/{d.uuid}/")
    assert page.status_code == 200 and "集体讨论纪要" in page.content.decode()
    c.force_login(org["city"].officers[0])
    assert c.get(f"/decisions/{d.uuid}/documents/minutes.pdf").status_code == 403
