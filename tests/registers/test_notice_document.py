"""The 整改通知书 (issue #20 part 4): passes the shared lint in PDF and DOCX and states the party, the problem, the
requirement with its due day, the basis, what follows a failure and the remedies (HUD-03). The PDF is kept in
test-artifacts/registers/ to be looked at; the notice page links it."""
from pathlib import Path

from fazhi.core import doclint
from fazhi.core.layout import to_docx, to_pdf
from fazhi.registers import documents as DOC
from fazhi.registers.models import Notice
from tests.registers.helpers import notice, ok

OUT = Path(__file__).resolve().parents[2] / "test-artifacts" / "registers"


def test_the_notice_passes_the_lint_and_says_what_hud_03_requires(api, client):
    n = Notice.objects.get(uuid=ok(notice(api), 201)["uuid"])
    doc = DOC.notice(n)
    pdf = to_pdf(doc)
    problems = (doclint.pdf_problems(pdf, doc) + doclint.doc_problems(doc) + doclint.docx_problems(to_docx(doc))
                + doclint.served_problems(doc, pdf))
    assert problems == []
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "rectification_notice.pdf").write_bytes(pdf)
    text = doclint.flat_text(pdf)
    for w in ("整改通知书", n.number, "株洲市荷塘区老味道餐馆", "2026年6月15日前", "城市市容和环境卫生管理条例", "行政复议",
              "有坠落危险", "立案查处"):
        assert w in text, w
    client.force_login(n.issued_by)
    page = client.get(f"/registers/notices/{n.uuid}/").content.decode()
    assert "整改通知书" in page and "整改期限" in page
    r = client.get(f"/registers/notices/{n.uuid}/notice.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
