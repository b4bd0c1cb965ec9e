"""Issue #30 acceptance, one daily job of 行政复议和行政应诉 in a phone-sized and a desktop browser: the 法制审核员
registers a 复议 on a penalty decision from the board, lists the evidence, files the answer, arranges the head's
appearance (picked from the register; the 身份证明 printed), records the hearing and the 复议决定 — the dispute
ends 维持 and the case shows it. Screenshots in test-artifacts/journey/."""
import os
from pathlib import Path

import pytest

from fazhi.disputes.models import Dispute
from tests.browser.conftest import CHROMIUM
from tests.browser.test_roles import VIEWPORTS, Walk
from tests.test_disclosure import decided

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "journey"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")


def _do(w, action, values, shot=None):
    """Open the step's form on the dispute page, fill it, submit; the page comes back without a refusal."""
    box = w.page.locator(f"details#do-{action}")
    box.evaluate("e => { e.open = true; }")  # opened whether or not the page opened it already
    for name, value in values.items():
        field = box.locator(f"[name={name}]")
        tag = field.evaluate("e => e.tagName")
        if tag == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    if shot:
        w.page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
    with w.page.expect_navigation():
        box.locator("button[type=submit]").click()
    text = w.here()
    assert "不予办理" not in text, text[:500]
    return text


@pytest.mark.parametrize("size", VIEWPORTS)
def test_a_reconsideration_from_application_to_result_with_the_head_appearing(browser, live_server,
                                                                               transactional_db, api, size):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    case = decided(api)  # 荷塘, decided 2026-03-12
    w = Walk(browser, live_server.url, "hetang_reviewer", size)
    w.go("/disputes/")
    w.page.locator("details#receive summary").click()
    form = w.page.locator("details#receive")
    form.locator("[name=on]").fill("2026-04-03")
    form.locator("[name=kind]").select_option("reconsideration")
    form.locator("[name=applicant]").fill("张某")
    form.locator("[name=body]").fill("株洲市荷塘区人民政府")
    form.locator("[name=act_kind]").select_option("penalty")
    form.locator("[name=act_description]").fill("行政处罚决定")
    form.locator("[name=case]").select_option(str(case.uuid))
    form.locator("[name=filed_on]").fill("2026-04-01")
    with w.page.expect_navigation():
        form.locator("button[type=submit]").click()
    text = w.here()
    assert "行政复议答复期限" in text and "2026-04-20" in text  # 10 WD after 04-03 across 清明 (REV-04)
    w.shot("dispute-1-received")
    _do(w, "add_evidence", {"on": "2026-04-08", "title": "现场检查笔录", "collected_on": "2026-03-04"})
    _do(w, "file_answer", {"on": "2026-04-10", "document": "行政复议答复书（荷城管复答〔2026〕1号）",
                           "basis_text": "《城市市容和环境卫生管理条例》第三十六条"})
    _do(w, "arrange_appearance", {"on": "2026-04-13", "held_on": "2026-04-24", "appeared": "hetang_head",
                                  "position": "principal", "place": "荷塘区人民政府行政复议听证室"},
        shot=f"dispute-2-arrange-{size}.png")
    pdf = w.page.request.get(f"{live_server.url}{w.page.locator('a', has_text='PDF').first.get_attribute('href')}")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    _do(w, "record_hearing", {"on": "2026-04-24", "held_on": "2026-04-24", "appeared": "hetang_head"})
    text = _do(w, "record_result", {"on": "2026-05-20", "result": "维持", "result_on": "2026-05-18"})
    assert "已审结" in text and "维持" in text and "正职负责人" in text
    w.shot("dispute-3-concluded")
    d = Dispute.objects.get(case=case)
    assert d.status == "concluded" and d.final_result == "维持"
    text = w.go(f"/cases/{case.uuid}/")
    assert "维持" in text
    w.close()
