"""Issue 30 acceptance: a contract review in the browser at 390×844 and 1440×900 — the adviser's opinion, the
reviewed document attached, the 法制科's opinion, and the 审查意见书 printed (PDF)."""
import os
import random
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone

from fazhi.decisions import actions as A
from fazhi.org.demo import build_org
from tests.browser.conftest import CHROMIUM
from tests.browser.test_review_queue import _login

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "journey"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1440, "height": 900}])
def test_a_contract_review_printed(browser, live_server, transactional_db, settings, tmp_path, viewport):
    settings.FAZHI_BLOB_DIR = str(tmp_path / "blobs")
    staff = build_org(random.Random(7), date(2026, 11, 20))
    head, reviewer = staff["city"].head, staff["city"].reviewer
    today = timezone.localdate()
    year = date(today.year, 1, 1)
    from fazhi.org.models import Staff

    A.register_adviser(by=head, on=year, name="周明", firm="湖南湘株律师事务所", contract_from=year,
                       contract_until=date(today.year, 12, 31), staff=Staff.objects.get(username="city_adviser"))
    r = A.request_review(by=reviewer, on=today, kind="contract", subject="环卫作业市场化服务合同", requested_by="计划财务科")
    w = viewport["width"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    url = f"{live_server.url}/decisions/reviews/{r.uuid}/"
    ctx, page = _login(browser, live_server.url, "city_adviser", viewport)
    page.goto(url)
    page.fill("#do-adviser_opinion textarea[name=opinion]", "违约责任条款应予明确")
    with page.expect_navigation():
        page.click("#do-adviser_opinion button[type=submit]")
    assert "违约责任条款应予明确" in page.inner_text("main")
    page.screenshot(path=str(ARTIFACTS / f"review-adviser-{w}.png"), full_page=True)
    ctx.close()
    ctx, page = _login(browser, live_server.url, "city_reviewer", viewport)
    page.goto(url)
    doc = tmp_path / "contract.txt"
    doc.write_text("环卫作业市场化服务合同（送审稿）", encoding="utf-8")
    page.click("#do-attach summary")
    page.set_input_files("#do-attach input[name=file]", str(doc))
    with page.expect_navigation():
        page.click("#do-attach button[type=submit]")
    page.select_option("#do-complete select[name=conclusion]", "lawful_amend")
    page.fill("#do-complete textarea[name=opinion]", "主体适格，违约责任条款应予明确")
    with page.expect_navigation():
        page.click("#do-complete button[type=submit]")
    text = page.inner_text("main")
    assert "审查意见书" in text and "SHA-256" in text and "None" not in text
    page.screenshot(path=str(ARTIFACTS / f"review-done-{w}.png"), full_page=True)
    resp = page.request.get(f"{url}opinion.pdf")
    assert resp.status == 200 and resp.body().startswith(b"%PDF")
    (ARTIFACTS / "review-opinion.pdf").write_bytes(resp.body())
    ctx.close()
