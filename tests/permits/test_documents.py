"""The permit documents (issue #17 §5): every kind passes the shared lint in PDF and DOCX, the 补正通知书 lists every
missing item, the refusals state reasons and the remedies, and the certificate's QR opens the public verification
page. The PDFs are kept in test-artifacts/permits/ to be looked at."""
from datetime import date
from pathlib import Path

from fazhi.core import doclint
from fazhi.core.layout import to_docx, to_pdf
from fazhi.permits import documents as DOC
from fazhi.permits.models import Permit
from tests.permits.helpers import CLERK, HEAD, REVIEWER, accepted, apply, granted, ok, step
from tests.year_cases import clock_fixture  # noqa: F401 — the `clock` fixture

OUT = Path(__file__).resolve().parents[2] / "test-artifacts" / "permits"


def _check(p: Permit, kind: str) -> str:
    doc = DOC.BY_KEY[kind].build(p, "https://zfxx.example.cn/")
    pdf = to_pdf(doc)
    problems = doclint.pdf_problems(pdf, doc) + doclint.doc_problems(doc) + doclint.docx_problems(to_docx(doc))
    assert problems == [], (kind, problems)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{kind}.pdf").write_bytes(pdf)
    return doclint.flat_text(pdf)


def test_every_permit_document_passes_the_lint_and_says_what_the_law_requires(api, client, clock):
    short = apply(api, materials=["挖掘城市道路申请书", "设计文件（施工图）"])
    missing = ["城市规划部门批准签发的文件", "施工方案及交通组织方案", "安全防护和路面恢复方案", "申请人身份证明（营业执照或身份证）"]
    ok(step(api, CLERK, short, "request_correction", on="2026-03-03", missing=missing))
    text = _check(Permit.objects.get(uuid=short), "correction")
    assert all(m.replace("（", "").replace("）", "")[:6] in text.replace("（", "").replace("）", "") for m in missing)
    ok(step(api, CLERK, short, "refuse", on="2026-03-04", reason="申请人撤回部分材料，申请事项不属于本机关职权范围",
            refer_to="芦淞区城市管理和综合执法局"))
    text = _check(Permit.objects.get(uuid=short), "refuse")
    assert "行政复议" in text and "行政诉讼" in text
    u = accepted(api, item="XK-03", quantity=20)
    _check(Permit.objects.get(uuid=u), "accept")
    ok(step(api, REVIEWER, u, "schedule_hearing", on="2026-03-05", told_on="2026-03-03", requested_on="2026-03-04",
            held_on="2026-03-16", presider="王主持", place="市城管局听证室"))
    assert "不计算" in _check(Permit.objects.get(uuid=u), "hearing")
    ok(step(api, REVIEWER, u, "record_hearing", on="2026-03-16"))
    ok(step(api, HEAD, u, "extend", on="2026-03-17", reasons="需征求相邻权利人意见"))
    assert "延长十个工作日" in _check(Permit.objects.get(uuid=u), "extension")
    g = granted(api, decide_on="2026-03-06")
    ok(step(api, CLERK, g, "issue_certificate", on="2026-03-09"))
    p = Permit.objects.get(uuid=g)
    _check(p, "decision")
    text = _check(p, "certificate")
    assert p.certificate_no in text and "扫码核验" in text
    d = accepted(api)
    ok(step(api, REVIEWER, d, "decide", on="2026-03-06", outcome="deny", reasons="施工期间无法保障道路通行安全"))
    text = _check(Permit.objects.get(uuid=d), "decision")
    assert "不予行政许可" in text and "行政复议" in text
    # the QR's page: the permit in force, masked as the register shows it
    page = client.get(f"/public/permits/verify/{p.verify_code}/")
    assert page.status_code == 200 and "已不在有效期内" in page.content.decode()  # valid until 30 April
    clock(date(2026, 4, 10))
    page = client.get(f"/public/permits/verify/{p.verify_code}/").content.decode()
    assert "真实有效" in page and p.applicant in page
    assert client.get("/public/permits/verify/NOSUCHCODE/").status_code == 404
