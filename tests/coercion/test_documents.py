"""The 查封扣押 documents (issue #20 part 1): 决定书, 清单, 延长通知, 解除决定书 pass the shared lint in PDF and DOCX and
state what 行政强制法 Art 24, 25 and 28 require. The PDFs are kept in test-artifacts/coercion/ to be looked at."""
from pathlib import Path

from fazhi.coercion import documents as DOC
from fazhi.coercion.models import Measure
from fazhi.core import doclint
from fazhi.core.layout import to_docx, to_pdf
from tests.coercion.helpers import ok, seized, step

OUT = Path(__file__).resolve().parents[2] / "test-artifacts" / "coercion"


def _check(m: Measure, kind: str) -> str:
    doc = DOC.BY_KEY[kind].build(m)
    pdf = to_pdf(doc)
    problems = (doclint.pdf_problems(pdf, doc) + doclint.doc_problems(doc) + doclint.docx_problems(to_docx(doc))
                + doclint.served_problems(doc, pdf))
    assert problems == [], (kind, problems)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{kind}.pdf").write_bytes(pdf)
    return doclint.flat_text(pdf)


def test_every_seizure_document_passes_the_lint_and_says_what_the_law_requires(api, client):
    m = seized(api)
    ok(step(api, "hetang_head", m, "extend", on="2026-06-30", reason="货物来源需向市场监管部门核查"))
    ok(step(api, "hetang_head", m, "release", on="2026-07-10", ground="对违法行为已经作出处理决定，不再需要查封、扣押"))
    x = Measure.objects.get(uuid=m)
    text = _check(x, "decision")
    assert all(w in text for w in ("扣押决定书", "三十日", "行政复议", "行政诉讼", "电动三轮车1辆", x.number))
    text = _check(x, "inventory")
    assert "一式二份" in text and "水果约40千克" in text
    text = _check(x, "extension")
    assert "延长三十日" in text and "2026年7月31日" in text
    text = _check(x, "release")
    assert "解除扣押" in text and "退还" in text
    web = client
    web.force_login(x.opened_by)
    page = web.get(f"/coercion/{m}/").content.decode()
    for key in ("decision", "inventory", "extension", "release"):
        assert f"/coercion/{m}/documents/{key}.pdf" in page
        r = web.get(f"/coercion/{m}/documents/{key}.docx")
        assert r.status_code == 200
